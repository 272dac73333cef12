// The one cost function of the rich-days bench, written from the formula in
// ../shared/benchmarks/rich-days/README.md and nothing else: Σ over used vehicles of fixed + $/km × km
// + $/h × hours from the latest feasible departure (leaving later to avoid waiting is free) to the
// arrival at the end; every stop served once, capacity in every dimension, time windows (service
// starts inside one), shifts and skills checked. Reads the raw problem JSON, shares no engine code.

/** The fields of a `dayN-problem.json` this function reads. */
export interface DayProblemJson {
  locationIds: string[];
  durationS: Array<number | null>;
  distanceKm: Array<number | null>;
  jobs: Array<{ id: string; location: number; serviceS: number; amounts: number[]; timeWindows: Array<[number, number]>; skills: string[] }>;
  vehicles: Array<{
    id: string; start?: number; end?: number; capacity: number[]; skills: string[]; shift: [number, number];
    fixedCostUsd: number; costUsdPerKm: number; costUsdPerHour: number; speedFactor?: number;
  }>;
}

/** A route as every solver's answer is reduced to: the vehicle and its jobs in order. */
export interface DayRoute {
  vehicleId: string;
  jobIds: string[];
}

export interface DayCost {
  /** USD, by the README's formula. */
  cost: number;
  /** Every rule broken (empty: feasible and every stop served). */
  errors: string[];
  routes: number;
  /** Vehicles used per type (the id's prefix before the last '-'). */
  fleet: Record<string, number>;
}

interface Walk {
  feasible: string | null;
  endS: number;
  km: number;
  waitS: number;
  /** Largest delay of the departure that keeps every window (before waiting is used up). */
  slackS: number;
}

/** Walks a route leaving the start at `departS`; every stop starts in the first window it can reach. */
function walk(p: DayProblemJson, v: DayProblemJson["vehicles"][number], jobs: DayProblemJson["jobs"], departS: number): Walk {
  const n = p.locationIds.length;
  const sf = v.speedFactor ?? 1;
  let t = departS;
  let km = 0;
  let wait = 0;
  let slack = Infinity;
  let at = v.start as number;
  for (const j of jobs) {
    const leg = at * n + j.location;
    t += (p.durationS[leg] ?? Infinity) / sf;
    km += p.distanceKm[leg] ?? Infinity;
    const windows = [...j.timeWindows].sort((a, b) => a[0] - b[0]);
    let begin = t;
    let close = Infinity;
    if (windows.length > 0) {
      const w = windows.find(([, b]) => b >= t - 1e-9);
      if (!w) return { feasible: `job ${j.id} reached at ${t.toFixed(1)} s, after its windows ${JSON.stringify(j.timeWindows)}`, endS: t, km, waitS: wait, slackS: 0 };
      begin = Math.max(t, w[0]);
      close = w[1];
    }
    wait += begin - t;
    slack = Math.min(slack, close - begin + wait);
    t = begin + j.serviceS;
    at = j.location;
  }
  const leg = at * n + (v.end as number);
  t += (p.durationS[leg] ?? Infinity) / sf;
  km += p.distanceKm[leg] ?? Infinity;
  if (!(t <= v.shift[1] + 1e-9)) return { feasible: `ends at ${t.toFixed(1)} s, after the shift ends at ${v.shift[1]} s`, endS: t, km, waitS: wait, slackS: 0 };
  slack = Math.min(slack, v.shift[1] - t + wait);
  return { feasible: null, endS: t, km, waitS: wait, slackS: slack };
}

/** Cost and feasibility of `routes` on problem `p` (routes without jobs are not counted). */
export function dayCost(p: DayProblemJson, routes: DayRoute[]): DayCost {
  const errors: string[] = [];
  const jobs = new Map(p.jobs.map((j) => [j.id, j]));
  const vehicles = new Map(p.vehicles.map((v) => [v.id, v]));
  const served = new Set<string>();
  const usedVehicles = new Set<string>();
  const fleet: Record<string, number> = {};
  let cost = 0;
  let count = 0;
  for (const r of routes) {
    if (r.jobIds.length === 0) continue;
    const v = vehicles.get(r.vehicleId);
    if (!v) {
      errors.push(`unknown vehicle ${r.vehicleId}`);
      continue;
    }
    if (v.start === undefined || v.end === undefined) throw new Error(`vehicle ${v.id}: the day's formula needs a start and an end`);
    if (usedVehicles.has(v.id)) errors.push(`vehicle ${v.id} has two routes`);
    usedVehicles.add(v.id);
    const seq = r.jobIds.map((id) => jobs.get(id)).filter((j) => j !== undefined);
    if (seq.length !== r.jobIds.length) errors.push(`${v.id}: unknown jobs in ${r.jobIds.join(",")}`);
    const load = v.capacity.map(() => 0);
    for (const j of seq) {
      if (served.has(j.id)) errors.push(`job ${j.id} served twice`);
      served.add(j.id);
      j.amounts.forEach((a, d) => (load[d] += a));
      const missing = j.skills.filter((s) => !v.skills.includes(s));
      if (missing.length > 0) errors.push(`${v.id} lacks skills ${missing.join(",")} of job ${j.id}`);
    }
    load.forEach((x, d) => {
      if (x > v.capacity[d] + 1e-9) errors.push(`${v.id}: load ${x} over capacity ${v.capacity[d]} in dimension ${d}`);
    });
    const early = walk(p, v, seq, v.shift[0]);
    if (early.feasible) {
      errors.push(`${v.id}: ${early.feasible}`);
      continue;
    }
    // leaving later removes waiting one for one, up to the slack of the tightest window
    const delay = Math.max(0, Math.min(early.slackS, early.waitS));
    let late = walk(p, v, seq, v.shift[0] + delay);
    let depart = v.shift[0] + delay;
    if (late.feasible) {
      late = early;
      depart = v.shift[0];
    }
    cost += v.fixedCostUsd + v.costUsdPerKm * late.km + (v.costUsdPerHour * (late.endS - depart)) / 3600;
    count++;
    const type = v.id.replace(/-[^-]*$/, "");
    fleet[type] = (fleet[type] ?? 0) + 1;
  }
  for (const id of jobs.keys()) if (!served.has(id)) errors.push(`job ${id} not served`);
  return { cost, errors, routes: count, fleet };
}
