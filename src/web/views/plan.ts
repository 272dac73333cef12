// #/plans/:id: the plan on the map (zones, hubs, service areas, assignments, flows by mode, the
// day's routes) beside its KPI panel, with the plan's tables as CSV and GeoJSON downloads.
// The time from asking for the plan to the map's first idle frame with it is recorded as
// window.urbanmine.timings.planView (ms) for the speed benchmark.
import { api, apiText } from "../api.js";
import { download, type App } from "../app.js";
import { h, mount } from "../dom.js";
import { kpiPanel } from "../kpi-panel.js";
import { planLayers, showLayers, showNetwork } from "../plan-layers.js";
import type { PlanEnvelopeT, Scenario } from "../types.js";

function legend(): HTMLElement {
  const item = (cls: string, text: string) => h("li", {}, h("span", { class: `swatch ${cls}` }), text);
  return h("ul", { class: "legend" },
    item("zone", "zone (size: tonnes/yr)"), item("hub", "hub (size: capacity; colour: utilisation)"), item("road", "flow by road"),
    item("rail", "flow by rail"), item("sea", "flow by sea"), item("route", "the day's routes (colour per vehicle)"), item("offtaker", "offtaker"), item("depot", "carrier depot"));
}

/** #/plans/:id */
export async function renderPlan(app: App, id: string): Promise<void> {
  app.status("plan", "loading");
  const t0 = performance.now();
  const env = await api<PlanEnvelopeT>("GET", `/v1/plans/${encodeURIComponent(id)}`);
  const scenario = await api<Scenario>("GET", `/v1/scenarios/${encodeURIComponent(env.scenarioId)}`);
  const plan = env.plan;
  app.mark("planData", performance.now() - t0);
  showLayers(app.map, planLayers(plan, scenario));
  await showNetwork(app.map, env.scenarioId);
  const csv = (table: string) => h("button", { type: "button", class: "link", onclick: async () => {
    download(`${id}-${table}.csv`, await apiText(`/v1/plans/${encodeURIComponent(id)}?format=csv&table=${table}`), "text/csv");
  } }, table);
  mount(app.panel,
    h("p", { class: "crumbs" }, h("a", { href: "#/scenarios" }, "Scenarios"), " / ", h("a", { href: `#/scenarios/${encodeURIComponent(env.scenarioId)}` }, env.scenarioId), " / ", id),
    h("h2", {}, `Plan for ${plan.scenarioName}`),
    h("p", { class: "muted" }, `${env.createdAt.slice(0, 19).replace("T", " ")} · siting ${plan.siting.status} by ${plan.siting.solver} (gap ${(plan.siting.gap * 100).toFixed(2)}%) · travel: ${plan.network}`),
    legend(),
    kpiPanel(plan),
    h("p", { class: "downloads" }, "Download CSV: ", csv("hubs"), csv("assignments"), csv("flows"), csv("routes"), " · ",
      h("button", { type: "button", class: "link", onclick: async () => download(`${id}.geojson`, await apiText(`/v1/plans/${encodeURIComponent(id)}?format=geojson`), "application/geo+json") }, "GeoJSON")));
  await app.map.idle();
  app.mark("planView", performance.now() - t0);
  // performance.now() counts from the page's navigation: the first full frame since opening it.
  app.mark("planViewSinceNavigation", performance.now());
  app.status("plan", "ready");
}
