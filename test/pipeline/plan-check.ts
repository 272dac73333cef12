// Independent checks of a plan against its scenario, written apart from the solvers:
// every route respects capacity and shift, every day request is served once or listed.
import { clockToSeconds, type Plan, type Scenario } from "../../src/domain/index.js";

export function checkPlanRoutes(plan: Plan, scenario: Scenario, requestIds: string[]): string[] {
  const errors: string[] = [];
  const types = new Map<string, Scenario["carriers"][number]["vehicles"][number]>();
  for (const c of scenario.carriers)
    for (const v of c.vehicles) {
      if (v.count === 1) types.set(v.id, v);
      for (let k = 1; k <= v.count; k++) types.set(`${v.id}-${k}`, v);
    }
  const seen = new Map<string, number>();
  for (const r of plan.routing.routes) {
    const v = types.get(r.vehicleId);
    if (!v) {
      errors.push(`route of unknown vehicle ${r.vehicleId}`);
      continue;
    }
    const [open, close] = [clockToSeconds(v.shift.start), clockToSeconds(v.shift.end)];
    let km = 0;
    for (const s of r.steps) {
      if (s.loadKg > v.capacityKg + 1e-6) errors.push(`${r.vehicleId}: ${s.loadKg} kg on board after ${s.id} > ${v.capacityKg}`);
      if (s.loadM3 > v.capacityM3 + 1e-9) errors.push(`${r.vehicleId}: ${s.loadM3} m3 on board after ${s.id} > ${v.capacityM3}`);
      if (s.arrivalS < open - 1e-6 || s.departureS > close + 1e-6 || s.arrivalS > close + 1e-6)
        errors.push(`${r.vehicleId}: ${s.id} at ${s.arrivalS}..${s.departureS} s outside shift ${open}..${close}`);
      if (s.distanceKm + 1e-9 < km) errors.push(`${r.vehicleId}: distance goes backwards at ${s.id}`);
      km = s.distanceKm;
      if (s.type === "job") seen.set(s.id, (seen.get(s.id) ?? 0) + 1);
      if (s.type === "unload" || s.type === "end") {
        if (s.type === "unload" && s.loadKg > 1e-9) errors.push(`${r.vehicleId}: still loaded after unloading at ${s.id}`);
      }
    }
    if (Math.abs(km - r.distanceKm) > 1e-6) errors.push(`${r.vehicleId}: route km ${r.distanceKm} but last step at ${km}`);
    if (r.steps[0].type !== "start") errors.push(`${r.vehicleId}: does not begin with a start step`);
  }
  for (const u of plan.routing.unassigned) seen.set(u.id, (seen.get(u.id) ?? 0) + 1);
  for (const id of requestIds) {
    const n = seen.get(id) ?? 0;
    if (n !== 1) errors.push(`request ${id} appears ${n} times among served and unassigned`);
  }
  for (const id of seen.keys()) if (!requestIds.includes(id)) errors.push(`unknown request ${id} in the plan`);
  return errors;
}
