// The API's shapes, taken from the server's own schemas (type-only imports: nothing of the server
// is bundled), so the web app and the API cannot drift apart silently.
import type { z } from "zod";
import type { DayRoutesView, JobView, KpiComparison, PickupView, PlanEnvelope, PlanSummary, ScenarioSummary, SessionView } from "../api/schemas.js";
import type { Plan, PlanRoute } from "../domain/plan.js";
import type { Scenario } from "../domain/scenario.js";

export type { Plan, PlanRoute, Scenario };
export type Session = z.infer<typeof SessionView>;
export type ScenarioBrief = Session["scenarios"][number];
export type Job = z.infer<typeof JobView>;
export type PlanEnvelopeT = z.infer<typeof PlanEnvelope>;
export type PlanSummaryT = z.infer<typeof PlanSummary>;
export type ScenarioSummaryT = z.infer<typeof ScenarioSummary>;
export type Comparison = z.infer<typeof KpiComparison>;
export type DayRoutes = z.infer<typeof DayRoutesView>;
export type Pickup = z.infer<typeof PickupView>;
