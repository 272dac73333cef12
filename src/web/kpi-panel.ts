// The plan's KPIs with the factors behind each (name, value, unit, source), grouped by the KPI
// they feed, as the plan reports them: nothing is recomputed here.
import { h, kvTable, money, num } from "./dom.js";
import type { Plan } from "./types.js";

function factorsFor(plan: Plan, kpi: string): HTMLElement | null {
  const fs = plan.factors.filter((f) => f.feeds.some((x) => x === kpi || x.startsWith(`${kpi}.`)));
  if (fs.length === 0) return null;
  return h("details", { class: "factors" },
    h("summary", {}, `${fs.length} factor${fs.length === 1 ? "" : "s"} behind it`),
    h("table", { class: "grid" },
      h("thead", {}, h("tr", {}, h("th", {}, "factor"), h("th", {}, "value"), h("th", {}, "source"))),
      h("tbody", {}, fs.map((f) => h("tr", {}, h("td", {}, f.name), h("td", { class: "n" }, `${num(f.value)} ${f.unit}`), h("td", { class: "source" }, f.source))))));
}

function section(plan: Plan, title: string, kpi: string | string[], body: HTMLElement): HTMLElement {
  const kpis = Array.isArray(kpi) ? kpi : [kpi];
  return h("section", { class: "kpi", "data-kpi": kpis[0] }, h("h3", {}, title), body, kpis.map((k) => factorsFor(plan, k)));
}

/** The KPI panel of a plan. */
export function kpiPanel(plan: Plan): HTMLElement {
  const k = plan.kpis;
  const c = k.costUsdPerYear;
  const byStream = Object.keys(k.tonnesCollectedPerYear).map((s) => [s, `${num(k.tonnesCollectedPerYear[s])} t · ${num(k.unitsCollectedPerYear[s] ?? 0)} devices`] as [string, string]);
  const devices = Object.values(k.unitsCollectedPerYear).reduce((a, b) => a + b, 0);
  const headline = h("div", { class: "headline" },
    h("div", {}, h("span", { class: "big", "data-testid": "kpi-tonnes" }, num(k.tonnesCollectedTotalPerYear)), h("span", {}, "tonnes diverted / yr")),
    h("div", {}, h("span", { class: "big" }, num(devices)), h("span", {}, "devices / yr")),
    h("div", {}, h("span", { class: "big" }, money(k.netCostUsdPerYear)), h("span", {}, "net cost / yr")),
    h("div", {}, h("span", { class: "big" }, num(k.co2TPerYear)), h("span", {}, "t CO2 / yr")),
    h("div", {}, h("span", { class: "big" }, num(k.jobs)), h("span", {}, "jobs")),
    h("div", {}, h("span", { class: "big" }, String(k.hubsOpened)), h("span", {}, "hubs")));
  return h("div", { class: "kpis" },
    headline,
    section(plan, "Tonnes and devices diverted, by stream", ["tonnesCollectedPerYear", "unitsCollectedPerYear"], kvTable(byStream)),
    section(plan, "Material recovered", "materialRecoveredKgPerYear",
      kvTable(Object.entries(k.materialRecoveredKgPerYear).sort((a, b) => b[1] - a[1]).map(([m, kg]) => [m, kg >= 1000 ? `${num(kg / 1000)} t/yr` : `${num(kg)} kg/yr`]))),
    section(plan, "Cost per year", "costUsdPerYear", kvTable([
      ["hub fixed", money(c.hubFixed)], ["processing", money(c.processing)], ["collection transport", money(c.collectionTransport)],
      ["line haul", money(c.lineHaul)], ["disposal", money(c.disposal)], ["CO2 price", money(c.co2)], ["total", money(c.total)],
    ])),
    section(plan, "Revenue and net cost", ["revenueUsdPerYear", "netCostUsdPerYear"], kvTable([
      ["revenue", `${money(k.revenueUsdPerYear)}/yr`], ["net cost", `${money(k.netCostUsdPerYear)}/yr`], ["net cost per tonne", money(k.netCostUsdPerTonne)],
    ])),
    section(plan, "CO2", "co2TPerYear", kvTable([["emissions", `${num(k.co2TPerYear)} t/yr`]])),
    section(plan, "Jobs", "jobs", kvTable([["jobs at hubs", num(k.jobs)]])),
    section(plan, `The day's routes (${k.day.date})`, "day", kvTable([
      ["stops served", num(k.day.stopsServed)], ["unassigned", num(k.day.stopsUnassigned)], ["vehicles", num(k.day.vehiclesUsed)],
      ["km driven", num(k.day.kmDriven)], ["collected", `${num(k.day.collectedKg)} kg`], ["cost", money(k.day.costUsd)], ["CO2", `${num(k.day.co2Kg)} kg`],
    ])),
    plan.warnings.length > 0 ? h("section", { class: "warnings" }, h("h3", {}, "Warnings"), h("ul", {}, plan.warnings.map((w) => h("li", {}, w)))) : null);
}
