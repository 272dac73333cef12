// #/carrier: a carrier key's own day: its routes on the map, a printable stop list per vehicle,
// the day as CSV, and "re-plan this day" (POST .../routes/reoptimise) after new pickups came in.
// The server answers only this carrier's routes; nothing here can ask for another's.
import { api, apiText } from "../api.js";
import { download, type App } from "../app.js";
import { apiErrorBox } from "../errors.js";
import { h, mount, num } from "../dom.js";
import { ROUTE_COLOURS, routeLayers, showLayers, showNetwork } from "../plan-layers.js";
import type { DayRoutes } from "../types.js";

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function stopList(day: DayRoutes): HTMLElement[] {
  let i = 0;
  return day.days.flatMap((d) => d.routing.routes.map((r) => {
    const colour = ROUTE_COLOURS[i++ % ROUTE_COLOURS.length];
    return h("section", { class: "card vehicle", "data-testid": "stop-list" },
      h("h3", {}, h("span", { class: "swatch", style: `background:${colour}` }), `${r.vehicleId} · ${d.scenarioId}`),
      h("p", { class: "muted" }, `${num(r.distanceKm)} km · ${num(r.durationS / 3600)} h · ${num(r.collectedKg)} kg collected`),
      h("table", { class: "grid" },
        h("thead", {}, h("tr", {}, h("th", {}, "#"), h("th", {}, "arrive"), h("th", {}, "type"), h("th", {}, "id"), h("th", {}, "lat, lon"), h("th", { class: "n" }, "load kg"))),
        h("tbody", {}, r.steps.map((s, k) => h("tr", {},
          h("td", {}, String(k + 1)), h("td", {}, s.arrival), h("td", {}, s.type), h("td", {}, s.id),
          h("td", {}, `${s.location.lat.toFixed(5)}, ${s.location.lon.toFixed(5)}`), h("td", { class: "n" }, num(s.loadKg)))))));
  }));
}

/** #/carrier[/:date] */
export async function renderCarrier(app: App, date?: string): Promise<void> {
  app.status("carrier", "loading");
  const carrierId = app.session.carrierId ?? "";
  const scenarios = app.session.scenarios;
  const days = [...new Set(scenarios.flatMap((s) => s.days))].sort();
  const day = date ?? days.find((d) => d >= today()) ?? days.at(-1) ?? today();
  const routes = await api<DayRoutes>("GET", `/v1/carriers/${encodeURIComponent(carrierId)}/routes?date=${day}`);
  const all = routes.days.flatMap((d) => d.routing.routes);
  const layers = routeLayers(all);
  showLayers(app.map, layers, ["routes", "stops"]);
  if (all.length === 0 && scenarios[0]) app.map.fit(scenarios[0].bbox);
  const shown = routes.days[0]?.scenarioId ?? scenarios[0]?.id;
  if (shown) await showNetwork(app.map, shown);
  const dateInput = h("input", { type: "date", id: "carrier-date", value: day, list: "carrier-days" });
  const scenarioSelect = h("select", { id: "carrier-scenario" }, scenarios.map((s) => h("option", { value: s.id }, s.name)));
  const message = h("div", {});
  mount(app.panel,
    h("h2", {}, `Routes of ${carrierId}`),
    h("form", { class: "card no-print", onsubmit: (ev: Event) => { ev.preventDefault(); app.go(`#/carrier/${dateInput.value}`); } },
      h("div", { class: "fields" },
        h("div", { class: "field" }, h("label", { for: "carrier-date" }, "Day"), dateInput, h("datalist", { id: "carrier-days" }, days.map((d) => h("option", { value: d })))),
        h("div", { class: "field" }, h("label", {}, " "), h("button", { type: "submit" }, "Show"))),
      h("div", { class: "fields" },
        h("div", { class: "field" }, h("label", { for: "carrier-scenario" }, "Programme"), scenarioSelect),
        h("div", { class: "field" }, h("label", {}, " "), h("button", { type: "button", id: "replan", onclick: async () => {
          mount(message, h("p", { class: "muted" }, "Re-planning…"));
          try {
            await api<DayRoutes>("POST", `/v1/carriers/${encodeURIComponent(carrierId)}/routes/reoptimise`, { scenarioId: scenarioSelect.value, date: day, timeLimitS: 5 });
            await renderCarrier(app, day);
          } catch (err) {
            mount(message, apiErrorBox(err));
          }
        } }, "Re-plan this day"))),
      message),
    h("p", { class: "no-print" },
      h("button", { type: "button", onclick: () => window.print() }, "Print stop lists"), " ",
      h("button", { type: "button", id: "carrier-csv", onclick: async () => download(`${carrierId}-${day}.csv`, await apiText(`/v1/carriers/${encodeURIComponent(carrierId)}/routes?date=${day}&format=csv`), "text/csv") }, "Download CSV")),
    h("h3", { class: "print-only" }, `${carrierId} · ${day}`),
    all.length === 0 ? h("p", { "data-testid": "no-routes" }, `No routes for ${day}.`) : stopList(routes));
  await app.map.idle();
  app.status("carrier", "ready");
}
