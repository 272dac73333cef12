// Re-plans one carrier's routes of one day when new pickups arrive: the stops the caller locks
// stay first on their vehicles in their order, the rest are routed again by the planner's pool.
import type { z } from "zod";
import { type Carrier, type LockedRoute, type PickupRequest, type Scenario, UrbanmineError } from "../domain/index.js";
import type { DayRoutesRecord } from "../storage/index.js";
import type { AppContext } from "./context.js";
import type { ReoptimiseBody } from "./schemas.js";

type Body = z.infer<typeof ReoptimiseBody>;

/** Vehicle ids of a carrier as routes name them: `<type id>` alone, or `<type id>-<k>` when count > 1. */
export function vehicleIds(carrier: Carrier): string[] {
  return carrier.vehicles.flatMap((v) => (v.count > 1 ? Array.from({ length: v.count }, (_, k) => `${v.id}-${k + 1}`) : [v.id]));
}

/** The carrier's pickups of `date`: the scenario's own requests and those registered through the API. */
export async function dayPickups(ctx: AppContext, scenario: Scenario, carrierId: string, date: string): Promise<PickupRequest[]> {
  const single = scenario.carriers.length === 1;
  const own = (scenario.pickups ?? []).filter(
    (p) =>
      (p.carrierId === carrierId || (!p.carrierId && single)) &&
      (p.date === date || (!p.date && scenario.policy.serviceDate === date)),
  );
  const registered = await ctx.store.listPickups({ scenarioId: scenario.id, carrierId, date });
  return [...own.map((p) => ({ ...p, carrierId, date })), ...registered.map((r) => r.request)];
}

function checkLocked(locked: Body["locked"], vehicles: string[], pickups: PickupRequest[]): void {
  const known = new Set(pickups.map((p) => p.id));
  const seen = new Set<string>();
  const issues: Array<{ path: string; message: string }> = [];
  locked.forEach((l, i) => {
    if (!vehicles.includes(l.vehicleId)) issues.push({ path: `locked[${i}].vehicleId`, message: `unknown vehicle '${l.vehicleId}' (known: ${vehicles.join(", ")})` });
    l.jobIds.forEach((id, j) => {
      if (!known.has(id)) issues.push({ path: `locked[${i}].jobIds[${j}]`, message: `pickup '${id}' is not on this carrier's day` });
      else if (seen.has(id)) issues.push({ path: `locked[${i}].jobIds[${j}]`, message: `pickup '${id}' is locked twice` });
      seen.add(id);
    });
  });
  if (issues.length) throw new UrbanmineError("INVALID_INPUT", `locked stops are not valid: ${issues.map((x) => `${x.path}: ${x.message}`).join("; ")}`, issues);
}

/**
 * Routes the carrier's day again and stores the result.
 * @throws UrbanmineError NOT_FOUND (scenario or carrier), CONFLICT (no plan yet), INVALID_INPUT (locked stops), or what the planner throws.
 */
export async function reoptimiseDay(ctx: AppContext, carrierId: string, body: Body): Promise<DayRoutesRecord> {
  const rec = await ctx.store.getScenario(body.scenarioId);
  if (!rec) throw new UrbanmineError("NOT_FOUND", `no scenario '${body.scenarioId}'`);
  const carrier = rec.scenario.carriers.find((c) => c.id === carrierId);
  if (!carrier) throw new UrbanmineError("NOT_FOUND", `scenario '${body.scenarioId}' has no carrier '${carrierId}'`);
  const plan = await ctx.store.latestPlan(body.scenarioId);
  if (!plan) throw new UrbanmineError("CONFLICT", `scenario '${body.scenarioId}' has no plan yet: solve it first (POST /v1/scenarios/${body.scenarioId}/solve)`);
  const pickups = await dayPickups(ctx, rec.scenario, carrierId, body.date);
  checkLocked(body.locked, vehicleIds(carrier), pickups);
  const locked: LockedRoute[] = body.locked.map((l) => ({ vehicleId: l.vehicleId, jobIds: l.jobIds }));
  const routing = await ctx.planner.routeDay({
    scenario: { ...rec.scenario, carriers: [carrier], pickups },
    plan: plan.plan,
    pickups,
    date: body.date,
    baseDir: ctx.baseDir,
    locked,
    timeLimitS: body.timeLimitS,
    seed: body.seed,
  });
  const day: DayRoutesRecord = {
    scenarioId: rec.id,
    carrierId,
    date: body.date,
    planId: plan.id,
    routing: { ...routing, routes: routing.routes.filter((r) => r.carrierId === carrierId) },
    updatedAt: new Date().toISOString(),
  };
  await ctx.store.putDayRoutes(day);
  return day;
}
