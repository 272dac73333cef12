// Scenarios: the list, uploading a scenario file (the server's validation errors listed next to
// the JSON path they name, with the value found there), and one scenario's page: its map, the
// policy numbers planners change most (saved as a new scenario), solving, and its plans.
import { api, ApiError, type ApiIssue } from "../api.js";
import { apiErrorBox } from "../errors.js";
import type { App } from "../app.js";
import { errorBox, h, money, mount, num } from "../dom.js";
import { bboxPolygon, featureCollection } from "@turf/turf";
import type { FeatureCollection } from "geojson";
import { placeLabels, ROUTE_COLOURS, showLayers, showNetwork } from "../plan-layers.js";
import type { Job, PlanSummaryT, Scenario, ScenarioSummaryT, Session } from "../types.js";
import { solvePanel } from "./solve.js";

/** #/scenarios */
export async function renderScenarioList(app: App): Promise<void> {
  app.status("scenarios", "loading");
  const [{ items }, me] = await Promise.all([
    api<{ items: ScenarioSummaryT[]; total: number }>("GET", "/v1/scenarios?limit=500"),
    api<Session>("GET", "/v1/me"),
  ]);
  // Each scenario's area on the map, framed together.
  showLayers(app.map, {
    areas: featureCollection(me.scenarios.map((b, i) => bboxPolygon(b.bbox, { properties: {
      colour: ROUTE_COLOURS[i % ROUTE_COLOURS.length], title: b.name, rows: JSON.stringify([["id", b.id], ["streams", b.streams.map((x) => x.name).join(", ")]]),
    } }))) as FeatureCollection,
  }, ["areas"]);
  const result = h("div", { id: "upload-result" });
  const file = h("input", { type: "file", id: "scenario-file", accept: ".json,application/json" });
  const upload = h("form", {
    class: "card",
    onsubmit: async (ev: Event) => {
      ev.preventDefault();
      const f = file.files?.[0];
      if (!f) return;
      const text = await f.text();
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch (e) {
        mount(result, errorBox(`${f.name} is not JSON: ${(e as Error).message}`));
        return;
      }
      try {
        const rec = await api<ScenarioSummaryT>("POST", "/v1/scenarios", doc);
        app.go(`#/scenarios/${encodeURIComponent(rec.id)}`);
      } catch (err) {
        mount(result, apiErrorBox(err, doc));
      }
    },
  }, h("h3", {}, "Upload a scenario"), h("label", { for: "scenario-file" }, "Scenario file (JSON, see ", h("a", { href: "/docs", target: "_blank" }, "API docs"), ")"), file,
  h("button", { type: "submit", class: "primary" }, "Upload"), result);
  mount(app.panel,
    h("h2", {}, "Scenarios"),
    items.length === 0 ? h("p", {}, "No scenarios yet: upload one below.") : h("table", { class: "grid", "data-testid": "scenario-list" },
      h("thead", {}, h("tr", {}, h("th", {}, "name"), h("th", {}, "id"), h("th", {}, "updated"))),
      h("tbody", {}, items.map((s) => h("tr", {},
        h("td", {}, h("a", { href: `#/scenarios/${encodeURIComponent(s.id)}` }, s.name)), h("td", {}, h("code", {}, s.id)), h("td", {}, s.updatedAt.slice(0, 16).replace("T", " ")))))),
    upload);
  await app.map.idle();
  app.status("scenarios", "ready");
}

const POLICY_FIELDS = [
  { key: "co2PriceUsdPerT", label: "CO2 price, USD per tonne", step: "1", int: false },
  { key: "maxHubs", label: "Maximum hubs", step: "1", int: true },
  { key: "budgetUsdPerYear", label: "Budget for hubs, USD per year", step: "1000", int: false },
  { key: "coverageRadiusKm", label: "Coverage radius, km", step: "1", int: false },
  { key: "workingDaysPerYear", label: "Working days per year", step: "1", int: true },
] as const;

function policyForm(app: App, scenario: Scenario): HTMLElement {
  const inputs = new Map<string, HTMLInputElement>();
  const slots = new Map<string, HTMLElement>();
  const general = h("div", {});
  const policy = scenario.policy as Record<string, unknown>;
  const fields = POLICY_FIELDS.map((f) => {
    const input = h("input", { type: "number", id: `policy-${f.key}`, name: f.key, step: f.step, min: "0", value: policy[f.key] === undefined ? "" : String(policy[f.key]), placeholder: "none" });
    const slot = h("div", { class: "field-error", "data-path": `policy.${f.key}` });
    inputs.set(f.key, input);
    slots.set(`policy.${f.key}`, slot);
    return h("div", { class: "field" }, h("label", { for: input.id }, f.label), input, slot);
  });
  const newId = h("input", { id: "new-id", name: "id", required: true, value: `${scenario.id}-v2`, pattern: "[A-Za-z0-9._-]+" });
  const newName = h("input", { id: "new-name", name: "name", required: true, value: `${scenario.name} (variant)` });
  slots.set("id", h("div", { class: "field-error", "data-path": "id" }));
  return h("form", {
    class: "card",
    onsubmit: async (ev: Event) => {
      ev.preventDefault();
      for (const s of slots.values()) s.replaceChildren();
      general.replaceChildren();
      const next = structuredClone(scenario) as Scenario & { policy: Record<string, unknown> };
      for (const f of POLICY_FIELDS) {
        const raw = inputs.get(f.key)!.value.trim();
        if (raw === "") delete next.policy[f.key];
        else next.policy[f.key] = Number(raw);
      }
      next.id = newId.value.trim();
      next.name = newName.value.trim();
      try {
        const rec = await api<ScenarioSummaryT>("POST", "/v1/scenarios", next);
        app.go(`#/scenarios/${encodeURIComponent(rec.id)}`);
      } catch (err) {
        const rest: ApiIssue[] = [];
        for (const i of err instanceof ApiError ? err.issues : []) {
          const slot = slots.get(i.path);
          if (slot) slot.append(h("span", {}, i.message));
          else rest.push(i);
        }
        if (!(err instanceof ApiError) || rest.length > 0 || err.issues.length === 0) general.append(apiErrorBox(err instanceof ApiError ? new ApiError(err.status, err.code, err.message, rest) : err, next));
      }
    },
  },
  h("h3", {}, "Policy"),
  h("div", { class: "fields" }, fields),
  h("div", { class: "fields" },
    h("div", { class: "field" }, h("label", { for: "new-id" }, "New scenario id"), newId, slots.get("id")),
    h("div", { class: "field" }, h("label", { for: "new-name" }, "New scenario name"), newName)),
  general,
  h("button", { type: "submit" }, "Save as new scenario"));
}

function plansTable(app: App, plans: PlanSummaryT[]): HTMLElement {
  if (plans.length === 0) return h("p", { "data-testid": "no-plans" }, "No plans yet: solve the scenario.");
  const picked = new Set<string>();
  const compare = h("button", { type: "button", disabled: true, onclick: () => { const [a, b] = [...picked]; app.go(`#/compare/${a}/${b}`); } }, "Compare the two selected");
  return h("div", {},
    h("table", { class: "grid", "data-testid": "plan-list" },
      h("thead", {}, h("tr", {}, h("th", {}, ""), h("th", {}, "plan"), h("th", {}, "created"), h("th", { class: "n" }, "net cost / yr"))),
      h("tbody", {}, plans.slice().reverse().map((p) => h("tr", {},
        h("td", {}, h("input", { type: "checkbox", "aria-label": `select ${p.id}`, value: p.id, onchange: (ev: Event) => {
          const box = ev.target as HTMLInputElement;
          if (box.checked) picked.add(p.id); else picked.delete(p.id);
          compare.disabled = picked.size !== 2;
        } })),
        h("td", {}, h("a", { href: `#/plans/${encodeURIComponent(p.id)}` }, p.id)),
        h("td", {}, p.createdAt.slice(0, 19).replace("T", " ")),
        h("td", { class: "n" }, money(p.netCostUsdPerYear)))))),
    compare);
}

/** The scenario's zones (sized by population) and candidate hub sites. */
function scenarioLayers(app: App, s: Scenario): void {
  const maxPop = Math.max(1, ...s.zones.map((z) => z.population ?? 0));
  const pt = (lon: number, lat: number, props: Record<string, unknown>) => ({ type: "Feature" as const, geometry: { type: "Point" as const, coordinates: [lon, lat] }, properties: props });
  showLayers(app.map, {
    zones: { type: "FeatureCollection", features: s.zones.map((z) => pt(z.location.lon, z.location.lat, {
      kind: "zone", radius: 4 + 12 * Math.sqrt((z.population ?? 0) / maxPop), title: z.name ?? z.id,
      rows: JSON.stringify([["zone", z.id], ["population", num(z.population)]]),
    })) },
    depots: { type: "FeatureCollection", features: s.hubSites.map((site) => pt(site.location.lon, site.location.lat, {
      kind: "site", title: `Candidate hub site ${site.name ?? site.id}`, rows: JSON.stringify(site.sizes.map((z) => [z.id, `${num(z.capacityTPerYear)} t/yr, ${money(z.fixedCostUsdPerYear)}/yr`])),
    })) },
  });
}

/** #/scenarios/:id */
export async function renderScenario(app: App, id: string): Promise<void> {
  app.status("scenario", "loading");
  const [scenario, plans, jobs] = await Promise.all([
    api<Scenario>("GET", `/v1/scenarios/${encodeURIComponent(id)}`),
    api<{ items: PlanSummaryT[] }>("GET", `/v1/scenarios/${encodeURIComponent(id)}/plans`),
    api<{ items: Job[] }>("GET", `/v1/scenarios/${encodeURIComponent(id)}/jobs`),
  ]);
  scenarioLayers(app, scenario);
  app.map.setLabels(placeLabels(scenario));
  await showNetwork(app.map, scenario.id);
  const live = jobs.items.find((j) => j.state === "queued" || j.state === "running");
  mount(app.panel,
    h("p", { class: "crumbs" }, h("a", { href: "#/scenarios" }, "Scenarios"), " / ", scenario.id),
    h("h2", {}, scenario.name),
    scenario.description ? h("p", { class: "muted" }, scenario.description) : null,
    h("p", { class: "muted" }, `${scenario.zones.length} zones · ${scenario.hubSites.length} candidate hub sites · ${scenario.offtakers.length} offtakers · ${scenario.carriers.length} carriers`),
    solvePanel(app, scenario.id, live),
    h("section", { class: "card" }, h("h3", {}, "Plans"), plansTable(app, plans.items)),
    policyForm(app, scenario));
  await app.map.idle();
  app.status("scenario", "ready");
}
