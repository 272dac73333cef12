// Per-year results of a multi-year plan: for every planning year, the hubs open then (with that
// year's inflow), the zones served then and by which hub, the flows, and the year's KPIs. Each
// year is reported exactly as the last year is (buildReport over the years up to it), so the
// yearly figures and the headline ones can never be computed two ways.
import type { PlanYear } from "../domain/index.js";
import type { YearFigures } from "./evaluate.js";
import { buildReport, type SolveSummary } from "./report.js";
import type { SitingData } from "./siting-data.js";
import type { YearPlan } from "./year-plan.js";

/** One PlanYear per decoded year, in order. */
export function buildYearResults(data: SitingData, plans: YearPlan[], figures: YearFigures[], solve: SolveSummary): PlanYear[] {
  return plans.map((p, t) => {
    const r = buildReport(data, plans.slice(0, t + 1), figures.slice(0, t + 1), solve, []);
    return { year: p.year, hubs: r.siting.hubs, assignments: r.siting.assignments, flows: r.siting.flows, kpis: r.annual };
  });
}
