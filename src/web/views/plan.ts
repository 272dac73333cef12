// #/plans/:id: the plan on the map (zones, hubs, service areas, assignments, flows by mode, the
// day's routes) beside its KPI panel, with the plan's tables as CSV and GeoJSON downloads.
// For the speed benchmark (window.urbanmine.timings, ms): planViewSinceNavigation, from opening
// the page to the map's first idle frame with the plan (the figure a user waits for), and
// planView, from this view's start (boot.ts may have asked for the plan before it).
import { api, apiText } from "../api.js";
import { download, type App } from "../app.js";
import { h, money, mount, num } from "../dom.js";
import { kpiPanel } from "../kpi-panel.js";
import { drawNetwork, networkLines, placeLabels, planLayers, ROUTE_COLOURS, showLayers } from "../plan-layers.js";
import type { PlanEnvelopeT, Scenario } from "../types.js";

function legend(plan: PlanEnvelopeT["plan"]): HTMLElement {
  const item = (cls: string, text: string) => h("li", {}, h("span", { class: `swatch ${cls}` }), text);
  return h("ul", { class: "legend" },
    item("zone", "zone (size: tonnes/yr)"), item("hub", "hub (size: capacity; colour: utilisation)"), item("road", "flow by road"),
    item("rail", "flow by rail"), item("sea", "flow by sea"), item("route", "the day's routes (colour per vehicle)"), item("offtaker", "offtaker"), item("depot", "carrier depot"),
    ...((plan.siting.centres ?? []).length > 0 ? [item("centre", "regional centre (flows: hub → centre → offtaker)")] : []),
    ...((plan.siting.dropOffs ?? []).length > 0 ? [item("dropoff", "drop-off point")] : []));
}

/** The day's routes, one row per vehicle in its map colour. */
function routeTable(plan: PlanEnvelopeT["plan"]): HTMLElement {
  const routes = plan.routing.routes;
  if (routes.length === 0) return h("p", { class: "muted" }, "No routes on the planned day.");
  return h("table", { class: "grid", "data-testid": "route-table" },
    h("thead", {}, h("tr", {}, h("th", {}, "vehicle"), h("th", {}, "carrier"), h("th", { class: "n" }, "stops"), h("th", { class: "n" }, "km"), h("th", { class: "n" }, "kg"), h("th", { class: "n" }, "cost"))),
    h("tbody", {}, routes.map((r, i) => h("tr", {},
      h("td", {}, h("span", { class: "swatch", style: `background:${ROUTE_COLOURS[i % ROUTE_COLOURS.length]}` }), r.vehicleId),
      h("td", {}, r.carrierId),
      h("td", { class: "n" }, String(r.steps.filter((s) => s.type === "job").length)),
      h("td", { class: "n" }, num(r.distanceKm)), h("td", { class: "n" }, num(r.collectedKg)), h("td", { class: "n" }, money(r.costUsd))))));
}

/** #/plans/:id */
export async function renderPlan(app: App, id: string): Promise<void> {
  app.status("plan", "loading");
  const t0 = performance.now();
  const env = await api<PlanEnvelopeT>("GET", `/v1/plans/${encodeURIComponent(id)}`);
  // The network's lines are fetched beside the scenario, not after it.
  const [scenario, network] = await Promise.all([api<Scenario>("GET", `/v1/scenarios/${encodeURIComponent(env.scenarioId)}`), networkLines(env.scenarioId)]);
  const plan = env.plan;
  app.mark("planData", performance.now() - t0);
  showLayers(app.map, planLayers(plan, scenario));
  app.map.setLabels(placeLabels(scenario));
  drawNetwork(app.map, network);
  const csv = (table: string) => h("button", { type: "button", class: "link", onclick: async () => {
    download(`${id}-${table}.csv`, await apiText(`/v1/plans/${encodeURIComponent(id)}?format=csv&table=${table}`), "text/csv");
  } }, table);
  mount(app.panel,
    h("p", { class: "crumbs" }, h("a", { href: "#/scenarios" }, "Scenarios"), " / ", h("a", { href: `#/scenarios/${encodeURIComponent(env.scenarioId)}` }, env.scenarioId), " / ", id),
    h("h2", {}, `Plan for ${plan.scenarioName}`),
    h("p", { class: "muted" }, `${env.createdAt.slice(0, 19).replace("T", " ")} · siting ${plan.siting.status} by ${plan.siting.solver} (gap ${(plan.siting.gap * 100).toFixed(2)}%) · travel: ${plan.network}`),
    legend(plan),
    kpiPanel(plan),
    h("section", { class: "kpi" }, h("h3", {}, `Routes of ${plan.routing.date}`), routeTable(plan)),
    h("p", { class: "downloads" }, "Download CSV: ", csv("hubs"), csv("assignments"), csv("flows"), csv("routes"),
      ...((plan.siting.dropOffs ?? []).length > 0 ? [csv("drop-offs")] : []),
      ...((plan.siting.centres ?? []).length > 0 ? [csv("centres"), csv("shipments")] : []), " · ",
      h("button", { type: "button", class: "link", onclick: async () => download(`${id}.geojson`, await apiText(`/v1/plans/${encodeURIComponent(id)}?format=geojson`), "application/geo+json") }, "GeoJSON")));
  await app.map.idle();
  app.mark("planView", performance.now() - t0);
  // performance.now() counts from the page's navigation: the first full frame since opening it.
  app.mark("planViewSinceNavigation", performance.now());
  app.status("plan", "ready");
}
