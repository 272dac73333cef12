// Stored records as the API shows them, shared by several route files.
import type { z } from "zod";
import type { JobRecord, PlanRecord } from "../storage/index.js";
import type { JobView, PlanSummary } from "./schemas.js";

/** A job as the API shows it. */
export function jobView(j: JobRecord): z.infer<typeof JobView> {
  return { ...j };
}

/** A plan's list entry: ids, time, and its net cost per year (USD). */
export function planSummary(p: PlanRecord): z.infer<typeof PlanSummary> {
  return { id: p.id, scenarioId: p.scenarioId, jobId: p.jobId, createdAt: p.createdAt, netCostUsdPerYear: p.plan.kpis.netCostUsdPerYear };
}
