// Exhaustive reference for tiny problems, written apart from the solver: enumerates every
// assignment of jobs to vehicles (or to nobody), every order and every unload placement,
// simulates each route directly, and returns the best objective in VROOM order. An unload empties
// the vehicle: capacity, incompatible tags and shipments (pickup and delivery) hold per trip; a
// break may be taken before the drive to a hub or after the unload there.
import type { RoutingProblem, RoutingVehicle } from "../../src/domain/index.js";

export interface BruteObjective {
  priority: number;
  served: number;
  costUsd: number;
  /** Job indices per vehicle of one optimal solution. */
  routes?: number[][];
}

const UNLOAD = -1;

/** A break placed before job `gap` (seq.length: before the end), after the unload there when `late`, in list order within a gap. */
interface PlacedBreak {
  gap: number;
  late: boolean;
  startS: number;
  endS: number;
  serviceS: number;
}

/** Every placement of v's breaks into the gaps of a route of `len` jobs (all orders). */
function breakPlacements(v: RoutingVehicle, len: number): PlacedBreak[][] {
  const breaks = v.breaks ?? [];
  if (len === 0 || breaks.length === 0) return [[]];
  const out: PlacedBreak[][] = [];
  const perms = (xs: number[]): number[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((r) => [x, ...r])));
  for (const order of perms(breaks.map((_, i) => i))) {
    // slot 2g: before job g (before its unload, if any); 2g + 1: after the unload before job g
    const gaps = new Array<number>(order.length).fill(0);
    const slots = v.maxTrips > 1 ? 2 * len : len;
    const rec = (k: number, from: number): void => {
      if (k === order.length) {
        out.push(order.map((b, i) => {
          const w = breaks[b].timeWindows[0] ?? [-Infinity, Infinity];
          const slot = v.maxTrips > 1 ? gaps[i] : 2 * gaps[i];
          return { gap: slot >> 1, late: (slot & 1) === 1, startS: w[0], endS: w[1], serviceS: breaks[b].serviceS };
        }));
        return;
      }
      for (let g = from; g <= slots; g++) {
        gaps[k] = g;
        rec(k + 1, g);
      }
    };
    rec(0, 0);
  }
  return out;
}

/** Takes the breaks placed at `gap` (`late`: after its unload) from time t; returns the time after them, or null when one misses its window. */
function takeBreaks(placed: PlacedBreak[], gap: number, late: boolean, t: number): number | null {
  for (const b of placed) {
    if (b.gap !== gap || b.late !== late) continue;
    const begin = Math.max(t, b.startS);
    if (begin > b.endS + 1e-9) return null;
    t = begin + b.serviceS;
  }
  return t;
}

/** True when `tags` (on board in one trip) holds two that may not share a vehicle. */
function tagsClash(p: RoutingProblem, tags: Set<string>): boolean {
  return (p.incompatibleTags ?? []).some(([a, b]) => tags.has(a) && tags.has(b));
}

/** Earliest-start simulation; returns the end time or null when infeasible. `unloadAt[k]` = location before job k, or -1. */
function simulate(p: RoutingProblem, v: RoutingVehicle, seq: number[], unloadAt: number[], departS: number, placed: PlacedBreak[] = []): { endS: number; km: number; firstS: number } | null {
  const n = p.locationIds.length;
  const load = v.capacity.map((_, d) => v.initialLoad?.[d] ?? 0);
  let t = departS;
  let km = 0;
  let prev = v.start ?? -1;
  let firstS = departS;
  let trips = 1;
  // this trip's tags and shipment pickups
  let tags = new Set<string>();
  let picked = new Set<string>();
  if (seq.length > (v.maxTasks ?? Infinity)) return null;
  for (let k = 0; k < seq.length; k++) {
    const job = p.jobs[seq[k]];
    const after = takeBreaks(placed, k, false, t);
    if (after === null) return null;
    t = after;
    if (!job.skills.every((s) => v.skills.includes(s))) return null;
    if (job.carrierId !== undefined && job.carrierId !== v.carrierId) return null;
    if (unloadAt[k] !== UNLOAD) {
      if (prev < 0) return null;
      trips++;
      t += p.durationS[prev * n + unloadAt[k]] / v.speedFactor + v.unloadS;
      km += p.distanceKm[prev * n + unloadAt[k]];
      prev = unloadAt[k];
      load.fill(0);
      tags = new Set();
      picked = new Set();
    }
    if (placed.some((b) => b.gap === k && b.late)) {
      // breaks after an unload: only where there is one (else the same as before it)
      if (unloadAt[k] === UNLOAD) return null;
      const late = takeBreaks(placed, k, true, t);
      if (late === null) return null;
      t = late;
    }
    let arrival = prev < 0 ? t : t + p.durationS[prev * n + job.location] / v.speedFactor;
    if (prev >= 0) km += p.distanceKm[prev * n + job.location];
    let begin = arrival;
    if (job.timeWindows.length > 0) {
      const ok = [...job.timeWindows].sort((a, b) => a[0] - b[0]).find((w) => w[1] >= arrival - 1e-9);
      if (!ok) return null;
      begin = Math.max(arrival, ok[0]);
    }
    if (prev < 0) {
      arrival = begin;
      firstS = begin;
    }
    for (const x of job.tags ?? []) tags.add(x);
    if (tagsClash(p, tags)) return null;
    const shipment = (p.shipments ?? []).find((x) => x.deliveryJobId === job.id);
    if (shipment && !picked.has(shipment.pickupJobId)) return null;
    picked.add(job.id);
    const sign = shipment ? -1 : 1;
    job.amounts.forEach((a, d) => (load[d] += sign * a));
    if (load.some((x, d) => x > v.capacity[d] + 1e-9)) return null;
    const setup = prev !== job.location ? (job.setupS ?? 0) : 0;
    t = begin + setup + job.serviceS;
    prev = job.location;
  }
  if (seq.length > 0) {
    const after = takeBreaks(placed, seq.length, false, t);
    if (after === null) return null;
    t = after;
  }
  if (trips > v.maxTrips) return null;
  if (v.end !== undefined) {
    t += p.durationS[prev * n + v.end] / v.speedFactor;
    km += p.distanceKm[prev * n + v.end];
  }
  if (!Number.isFinite(t) || t > v.shift[1] + 1e-9) return null;
  if (km > (v.maxDistanceKm ?? Infinity) + 1e-9) return null;
  return { endS: t, km, firstS };
}

/** Cheapest cost of one route, over unload placements and departure times; null when infeasible. */
export function routeCost(p: RoutingProblem, v: RoutingVehicle, seq: number[]): number | null {
  if (seq.length === 0) return 0;
  let best: number | null = null;
  const gaps = seq.length;
  const options = [UNLOAD, ...(v.maxTrips > 1 ? v.unloadLocations : [])];
  const unloadAt = new Array<number>(gaps).fill(UNLOAD);
  const placements = breakPlacements(v, seq.length);
  const rec = (k: number): void => {
    if (k === gaps) for (const placed of placements) price(placed);
    else
      for (const u of k === 0 && v.start === undefined ? [UNLOAD] : options) {
        if (u !== UNLOAD && ++used >= v.maxTrips) {
          used--;
          continue;
        }
        unloadAt[k] = u;
        rec(k + 1);
        if (u !== UNLOAD) used--;
      }
    unloadAt[k] = UNLOAD;
  };
  let used = 0;
  const price = (placed: PlacedBreak[]): void => {
    {
      const early = simulate(p, v, seq, unloadAt, v.shift[0], placed);
      if (!early) return;
      // latest departure that still ends at the earliest end time (waiting absorbed), by bisection
      let lo = v.shift[0];
      let hi = early.endS;
      for (let it = 0; it < 80; it++) {
        const mid = (lo + hi) / 2;
        const r = simulate(p, v, seq, unloadAt, mid, placed);
        if (r && r.endS <= early.endS + 1e-7) lo = mid;
        else hi = mid;
      }
      const late = simulate(p, v, seq, unloadAt, lo, placed) ?? early;
      const startS = v.start === undefined ? late.firstS : lo;
      const durationS = late.endS - startS;
      if (durationS > (v.maxDurationS ?? Infinity) + 1e-6) return;
      const paidS = Math.max(durationS, v.minPaidS ?? 0);
      const c = v.fixedCostUsd + (v.costUsdPerStop ?? 0) * seq.length + v.costUsdPerKm * late.km + (v.costUsdPerHour * paidS) / 3600;
      if (best === null || c < best) best = c;
    }
  };
  rec(0);
  return best;
}

/** Every shipment is on one route with its pickup first, or left out whole. */
function shipmentsWhole(p: RoutingProblem, routes: number[][]): boolean {
  const index = new Map(p.jobs.map((j, i) => [j.id, i]));
  return (p.shipments ?? []).every((s) => {
    const a = index.get(s.pickupJobId)!;
    const b = index.get(s.deliveryJobId)!;
    const ra = routes.findIndex((r) => r.includes(a));
    const rb = routes.findIndex((r) => r.includes(b));
    return ra === rb && (ra < 0 || routes[ra].indexOf(a) < routes[ra].indexOf(b));
  });
}

/** Best objective over all solutions (locks respected). Exponential: keep to about 7 jobs. */
export function bruteForce(p: RoutingProblem): BruteObjective {
  const routes: number[][] = p.vehicles.map((v) => {
    const lock = (p.locked ?? []).find((l) => l.vehicleId === v.id);
    return lock ? lock.jobIds.map((id) => p.jobs.findIndex((j) => j.id === id)) : [];
  });
  const fixed = routes.map((r) => r.length);
  const free = p.jobs.map((_, j) => j).filter((j) => !routes.some((r) => r.includes(j)));
  let best: BruteObjective = { priority: -1, served: -1, costUsd: Infinity };
  const better = (a: BruteObjective, b: BruteObjective): boolean =>
    a.priority !== b.priority ? a.priority > b.priority : a.served !== b.served ? a.served > b.served : a.costUsd < b.costUsd - 1e-9;
  const memo = new Map<string, number | null>();
  const cached = (v: number): number | null => {
    const key = `${v}:${routes[v].join(",")}`;
    let c = memo.get(key);
    if (c === undefined) {
      c = routeCost(p, p.vehicles[v], routes[v]);
      memo.set(key, c);
    }
    return c;
  };
  const rec = (k: number, priority: number, served: number): void => {
    if (k === free.length) {
      if (!shipmentsWhole(p, routes)) return;
      let cost = 0;
      for (let v = 0; v < routes.length; v++) {
        const c = cached(v);
        if (c === null) return;
        cost += c;
      }
      const cand = { priority, served, costUsd: cost, routes: routes.map((r) => r.slice()) };
      if (better(cand, best)) best = cand;
      return;
    }
    const j = free[k];
    rec(k + 1, priority, served);
    for (const r of routes) {
      const lockedLen = fixed[routes.indexOf(r)];
      for (let pos = lockedLen; pos <= r.length; pos++) {
        r.splice(pos, 0, j);
        rec(k + 1, priority + p.jobs[j].priority, served + 1);
        r.splice(pos, 1);
      }
    }
  };
  const lockedJobs = routes.flat();
  rec(0, lockedJobs.reduce((a, j) => a + p.jobs[j].priority, 0), lockedJobs.length);
  return best;
}
