// Independent checks of a plan from the worker-pool planner, recomputed from the scenario:
// siting (every zone fully assigned to open hubs, inflow within capacity) and routes (each stop
// once, loads within capacity, distances equal to great-circle legs x the scenario's circuity).
import type { Plan, PickupRequest, Scenario } from "../../src/domain/index.js";
import { haversineKm } from "../../src/network/index.js";
import { checkDayRoutes } from "./helpers.js";

export function checkPlan(s: Scenario, plan: Plan, pickups: PickupRequest[]): string[] {
  const problems: string[] = [];
  const open = new Map(plan.siting.hubs.map((h) => [h.siteId, h]));
  for (const h of open.values()) {
    const site = s.hubSites.find((x) => x.id === h.siteId);
    const size = site?.sizes.find((z) => z.id === h.sizeId);
    if (!site || !size) problems.push(`hub ${h.siteId}/${h.sizeId} is not a candidate of the scenario`);
    else if (h.capacityTPerYear !== size.capacityTPerYear) problems.push(`hub ${h.siteId} capacity ${h.capacityTPerYear} != ${size.capacityTPerYear}`);
  }
  const share = new Map<string, number>();
  const inflow = new Map<string, number>();
  for (const a of plan.siting.assignments) {
    if (!open.has(a.hubId)) problems.push(`zone ${a.zoneId} assigned to closed hub ${a.hubId}`);
    share.set(a.zoneId, (share.get(a.zoneId) ?? 0) + a.fraction);
    inflow.set(a.hubId, (inflow.get(a.hubId) ?? 0) + a.tonnesPerYear);
  }
  for (const z of s.zones) if (Math.abs((share.get(z.id) ?? 0) - 1) > 1e-6) problems.push(`zone ${z.id} assigned ${share.get(z.id) ?? 0} of its supply`);
  for (const [hub, t] of inflow) {
    const cap = open.get(hub)?.capacityTPerYear ?? 0;
    if (t > cap * (1 + 1e-6)) problems.push(`hub ${hub} receives ${t} t/yr over its ${cap} t/yr`);
  }
  for (const c of s.carriers) {
    const routing = { ...plan.routing, routes: plan.routing.routes.filter((r) => r.carrierId === c.id) };
    problems.push(...checkDayRoutes(s, c.id, pickups, routing));
  }
  const circuity = s.network.circuityFactor;
  for (const r of plan.routing.routes) {
    let km = 0;
    for (let i = 1; i < r.steps.length; i++) km += haversineKm(r.steps[i - 1].location, r.steps[i].location) * circuity;
    if (Math.abs(km - r.distanceKm) > 1e-6 * Math.max(1, km)) problems.push(`route ${r.vehicleId}: ${r.distanceKm} km reported, ${km} km recomputed`);
  }
  return problems;
}
