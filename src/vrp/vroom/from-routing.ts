// urbanmine's RoutingProblem -> VROOM's problem JSON (the reverse of to-routing.ts), so the
// same day can be handed to VROOM. VROOM wants integers: seconds and metres are rounded, amounts
// and costs are scaled (amounts rounded up, capacities down, so VROOM's answer stays feasible here).
import { type RoutingProblem, UrbanmineError } from "../../domain/index.js";
import type { VroomProblem } from "./schema.js";

/** Integer scales of the conversion. */
export interface VroomScales {
  /** Amount units per problem unit, per dimension (e.g. 1000: kg -> g, m³ -> L). */
  amount: number[];
  /** Cost units per USD (100: cents). */
  cost: number;
}

/** The VROOM problem, and the ids of urbanmine's jobs and vehicles by VROOM id (their index). */
export interface VroomExport {
  problem: VroomProblem;
  jobIds: string[];
  vehicleIds: string[];
  /** Skill names by VROOM skill number. */
  skills: string[];
}

/**
 * Converts a routing problem; job and vehicle VROOM ids are their indices.
 * @throws UrbanmineError INVALID_INPUT for what VROOM cannot express here (multi-trip unloads,
 *   minimum paid time, per-stop cost, a limit on the whole route duration, load on board, locks,
 *   unreachable pairs).
 */
export function toVroomProblem(p: RoutingProblem, scales: VroomScales): VroomExport {
  const issues: Array<{ path: string; message: string }> = [];
  const n = p.locationIds.length;
  const skills: string[] = [];
  const skill = (name: string): number => {
    let k = skills.indexOf(name);
    if (k < 0) k = skills.push(name) - 1;
    return k;
  };
  // a carrier restriction becomes a skill only that carrier's vehicles hold
  const carrierSkill = (c: string): string => `carrier:${c}`;
  const durations: number[][] = [];
  const distances: number[][] = [];
  for (let i = 0; i < n; i++) {
    durations.push([]);
    distances.push([]);
    for (let j = 0; j < n; j++) {
      const d = p.durationS[i * n + j];
      const km = p.distanceKm[i * n + j];
      if (!Number.isFinite(d) || !Number.isFinite(km)) issues.push({ path: `durationS[${i * n + j}]`, message: "VROOM needs every pair reachable" });
      durations[i].push(Math.round(d));
      distances[i].push(Math.round(km * 1000));
    }
  }
  const scaleOf = (d: number): number => scales.amount[d] ?? 1;
  const jobs = p.jobs.map((j, i) => ({
    id: i,
    location_index: j.location,
    service: Math.round(j.serviceS),
    pickup: j.amounts.map((a, d) => Math.ceil(a * scaleOf(d) - 1e-9)),
    skills: [...j.skills, ...(j.carrierId !== undefined ? [carrierSkill(j.carrierId)] : [])].map(skill),
    priority: j.priority,
    // VROOM refuses an empty list: no key means no window
    ...(j.timeWindows.length > 0 ? { time_windows: j.timeWindows.map(([a, b]) => [Math.ceil(a), Math.floor(b)] as [number, number]) } : {}),
  }));
  const carriers = new Set(p.jobs.flatMap((j) => (j.carrierId !== undefined ? [j.carrierId] : [])));
  const vehicles = p.vehicles.map((v, i) => {
    const at = `vehicles[${i}]`;
    if (v.maxTrips > 1 && v.unloadLocations.length > 0) issues.push({ path: `${at}.maxTrips`, message: "VROOM has no mid-shift unloads" });
    if (v.minPaidS) issues.push({ path: `${at}.minPaidS`, message: "VROOM has no minimum paid time" });
    if (v.costUsdPerStop) issues.push({ path: `${at}.costUsdPerStop`, message: "VROOM has no per-stop cost" });
    if (v.maxDurationS !== undefined) issues.push({ path: `${at}.maxDurationS`, message: "VROOM limits travel time only, not the route's duration" });
    if (v.initialLoad?.some((x) => x > 0)) issues.push({ path: `${at}.initialLoad`, message: "VROOM routes start empty of pickups" });
    const out: VroomProblem["vehicles"][number] = {
      id: i,
      capacity: v.capacity.map((c, d) => Math.floor(c * scaleOf(d) + 1e-9)),
      skills: [...v.skills, ...(carriers.has(v.carrierId) ? [carrierSkill(v.carrierId)] : [])].map(skill),
      time_window: [Math.ceil(v.shift[0]), Math.floor(v.shift[1])],
      costs: { fixed: Math.round(v.fixedCostUsd * scales.cost), per_hour: Math.round(v.costUsdPerHour * scales.cost), per_km: Math.round(v.costUsdPerKm * scales.cost) },
      speed_factor: v.speedFactor,
    };
    if (v.start !== undefined) out.start_index = v.start;
    if (v.end !== undefined) out.end_index = v.end;
    if (v.maxTasks !== undefined) out.max_tasks = v.maxTasks;
    if (v.maxDistanceKm !== undefined) out.max_distance = Math.floor(v.maxDistanceKm * 1000);
    return out;
  });
  if ((p.locked ?? []).some((l) => l.jobIds.length > 0)) issues.push({ path: "locked", message: "locked routes are not exported to VROOM" });
  if (issues.length > 0) throw new UrbanmineError("INVALID_INPUT", `routing problem cannot be expressed in VROOM's format: ${issues.slice(0, 5).map((x) => `${x.path}: ${x.message}`).join("; ")}`, issues);
  const problem: VroomProblem = { vehicles, jobs, matrices: { car: { durations, distances } } };
  return { problem, jobIds: p.jobs.map((j) => j.id), vehicleIds: p.vehicles.map((v) => v.id), skills };
}
