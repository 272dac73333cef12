// #/compare/:a/:b: two plans side by side: every KPI of both with the difference, and on the map
// plan B with the hubs it opens (green) or closes (red, drawn where plan A had them) against plan A,
// and the zones whose hub changed (red).
import { api } from "../api.js";
import type { App } from "../app.js";
import { h, mount, num } from "../dom.js";
import { placeLabels, planLayers, showLayers, showNetwork } from "../plan-layers.js";
import type { Comparison, PlanEnvelopeT, PlanSummaryT, Scenario, ScenarioSummaryT } from "../types.js";

async function allPlans(): Promise<PlanSummaryT[]> {
  const { items } = await api<{ items: ScenarioSummaryT[] }>("GET", "/v1/scenarios?limit=500");
  const lists = await Promise.all(items.map((s) => api<{ items: PlanSummaryT[] }>("GET", `/v1/scenarios/${encodeURIComponent(s.id)}/plans`)));
  return lists.flatMap((l) => l.items).sort((x, y) => y.createdAt.localeCompare(x.createdAt));
}

function picker(app: App, plans: PlanSummaryT[], a?: string, b?: string): HTMLElement {
  const select = (id: string, value?: string) => h("select", { id }, h("option", { value: "" }, "choose a plan"),
    plans.map((p) => h("option", { value: p.id, selected: p.id === value }, `${p.scenarioId} · ${p.id} · ${p.createdAt.slice(0, 16).replace("T", " ")}`)));
  const sa = select("compare-a", a);
  const sb = select("compare-b", b);
  return h("form", { class: "card", onsubmit: (ev: Event) => { ev.preventDefault(); if (sa.value && sb.value) app.go(`#/compare/${sa.value}/${sb.value}`); } },
    h("div", { class: "fields" }, h("div", { class: "field" }, h("label", { for: "compare-a" }, "Plan A"), sa), h("div", { class: "field" }, h("label", { for: "compare-b" }, "Plan B"), sb)),
    h("button", { type: "submit", class: "primary" }, "Compare"));
}

function hubSets(pa: PlanEnvelopeT, pb: PlanEnvelopeT) {
  const ha = new Set(pa.plan.siting.hubs.map((x) => x.siteId));
  const hb = new Set(pb.plan.siting.hubs.map((x) => x.siteId));
  const change = new Map<string, "opened" | "closed" | "kept">();
  for (const id of hb) change.set(id, ha.has(id) ? "kept" : "opened");
  for (const id of ha) if (!hb.has(id)) change.set(id, "closed");
  const hubsOf = (p: PlanEnvelopeT) => {
    const m = new Map<string, string>();
    for (const x of p.plan.siting.assignments) m.set(x.zoneId, [m.get(x.zoneId), x.hubId].filter(Boolean).sort().join("+"));
    return m;
  };
  const za = hubsOf(pa);
  const zb = hubsOf(pb);
  const reassigned = new Set([...zb.keys()].filter((z) => za.has(z) && za.get(z) !== zb.get(z)));
  return { change, reassigned };
}

/** #/compare and #/compare/:a/:b */
export async function renderCompare(app: App, a?: string, b?: string): Promise<void> {
  app.status("compare", "loading");
  const plans = await allPlans();
  if (!a || !b) {
    app.map.clear();
    mount(app.panel, h("h2", {}, "Compare two plans"), picker(app, plans));
    app.status("compare", "ready");
    return;
  }
  const [cmp, pa, pb] = await Promise.all([
    api<Comparison>("GET", `/v1/plans/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`),
    api<PlanEnvelopeT>("GET", `/v1/plans/${encodeURIComponent(a)}`),
    api<PlanEnvelopeT>("GET", `/v1/plans/${encodeURIComponent(b)}`),
  ]);
  const scenario = await api<Scenario>("GET", `/v1/scenarios/${encodeURIComponent(pb.scenarioId)}`);
  const { change, reassigned } = hubSets(pa, pb);
  const closed = pa.plan.siting.hubs.filter((x) => change.get(x.siteId) === "closed");
  showLayers(app.map, planLayers(pb.plan, scenario, { hubChange: change, reassigned, extraHubs: closed }));
  app.map.setLabels(placeLabels(scenario));
  await showNetwork(app.map, pb.scenarioId);
  const opened = [...change].filter(([, c]) => c === "opened").map(([id]) => id);
  const rows = cmp.rows.filter((r) => !r.kpi.startsWith("day.") || r.kpi === "day.kmDriven");
  mount(app.panel,
    h("h2", {}, "Compare two plans"),
    picker(app, plans, a, b),
    h("section", { class: "card", "data-testid": "diff-summary" },
      h("h3", {}, "On the map (plan B against plan A)"),
      h("ul", {},
        h("li", {}, h("span", { class: "swatch opened" }), `hubs opened: ${opened.join(", ") || "none"}`),
        h("li", {}, h("span", { class: "swatch closed" }), `hubs closed: ${closed.map((x) => x.siteId).join(", ") || "none"}`),
        h("li", {}, h("span", { class: "swatch reassigned" }), `zones reassigned: ${reassigned.size > 0 ? [...reassigned].join(", ") : "none"}`))),
    h("table", { class: "grid compare", "data-testid": "compare-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "KPI"), h("th", { class: "n" }, `A · ${cmp.a.scenarioId}`), h("th", { class: "n" }, `B · ${cmp.b.scenarioId}`), h("th", { class: "n" }, "B − A"))),
      h("tbody", {}, rows.map((r) => h("tr", { class: r.diff !== null && Math.abs(r.diff) > 1e-9 ? "changed" : "" },
        h("td", {}, r.kpi), h("td", { class: "n" }, num(r.a)), h("td", { class: "n" }, num(r.b)), h("td", { class: "n" }, r.diff === null ? "–" : (r.diff > 0 ? "+" : "") + num(r.diff)))))));
  await app.map.idle();
  app.status("compare", "ready");
}
