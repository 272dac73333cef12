// Insertion of unserved jobs: cheapest insertion (random order with blinks, as in SISR) and
// regret-2 insertion for construction. Higher-priority jobs are always inserted first.
// Positions are priced from segment data (O(1) each for routes without unloads).
import type { OperatorContext } from "./operators/index.js";
import type { Rng } from "./random.js";
import type { Solution } from "./solution.js";

interface Spot {
  vehicle: number;
  pos: number;
  costUsd: number;
  deltaUsd: number;
}

/**
 * Cheapest feasible position of `job` in route `v`, or null. `blink` skips positions at random;
 * spots whose cost change is not below `maxDeltaUsd` may be left out (null when none is).
 */
export function bestSpotInRoute(ctx: OperatorContext, sol: Solution, v: number, job: number, rng: Rng | null, blink: number, maxDeltaUsd = Infinity): Spot | null {
  const { data, pr, seg } = ctx;
  if (data.compatible[v * data.nJobs + job] === 0) return null;
  const r = sol.routes[v];
  seg.sync(v, r);
  let best: Spot | null = null;
  for (let p = sol.lockedCount(v); p <= r.length; p++) {
    if (rng && blink > 0 && rng.next() < blink) continue;
    const c = pr.prefix(v, r, p).job(job).suffix(v, r, p).cost(best ? best.costUsd : sol.routeCostUsd[v] + maxDeltaUsd);
    if (c === Infinity) continue;
    const delta = c - sol.routeCostUsd[v];
    if (!best || delta < best.deltaUsd) best = { vehicle: v, pos: p, costUsd: c, deltaUsd: delta };
  }
  return best;
}

/** Vehicles worth trying: every used one, and one empty vehicle per class. */
export function candidateVehicles(sol: Solution): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (let v = 0; v < sol.routes.length; v++) {
    if (sol.routes[v].length > 0) out.push(v);
    else if (!seen.has(sol.data.vClass[v])) {
      seen.add(sol.data.vClass[v]);
      out.push(v);
    }
  }
  return out;
}

/**
 * Opens an unused vehicle (chosen at random) with the removed job that is cheapest to serve
 * alone in it, so that the greedy insertion that follows can fill it. Insertion prices a new
 * route with its whole fixed cost and minimum paid shift, so greedy recreate alone rarely
 * opens a vehicle of another depot or cost profile; this lets the search try such fleet mixes.
 * Returns the jobs still to insert (all of `jobs` when no vehicle could be opened).
 */
export function openUnusedVehicle(ctx: OperatorContext, sol: Solution, jobs: number[], rng: Rng): number[] {
  const unused: number[] = [];
  for (let v = 0; v < sol.routes.length; v++) if (sol.routes[v].length === 0) unused.push(v);
  if (unused.length === 0 || jobs.length === 0) return jobs;
  const v = unused[rng.int(unused.length)];
  let best: Spot | null = null;
  let bestJob = -1;
  for (const j of jobs) {
    const s = bestSpotInRoute(ctx, sol, v, j, null, 0);
    if (s && (!best || s.deltaUsd < best.deltaUsd)) {
      best = s;
      bestJob = j;
    }
  }
  if (!best || !insert(ctx, sol, best, bestJob)) return jobs;
  return jobs.filter((j) => j !== bestJob);
}

/** Inserts at `s`, with the route cost from the full walk (false, nothing done, if it disagrees). */
function insert(ctx: OperatorContext, sol: Solution, s: Spot, job: number): boolean {
  const r = sol.routes[s.vehicle].slice();
  r.splice(s.pos, 0, job);
  const c = ctx.ev.cost(s.vehicle, r, r.length);
  if (c === Infinity) return false;
  sol.setRoute(s.vehicle, r, c);
  return true;
}

/** Groups jobs by priority, highest first. */
function byPriority(sol: Solution, jobs: number[]): number[][] {
  const groups = new Map<number, number[]>();
  for (const j of jobs) {
    const p = sol.data.jobPriority[j];
    const g = groups.get(p);
    if (g) g.push(j);
    else groups.set(p, [j]);
  }
  return [...groups.keys()].sort((x, y) => y - x).map((k) => groups.get(k) as number[]);
}

/** Inserts `jobs` one by one at their cheapest spot, in random order or by decreasing demand (a coin flip). */
export function insertGreedy(ctx: OperatorContext, sol: Solution, jobs: number[], rng: Rng, blink: number, interrupted: () => boolean = () => false): void {
  for (const group of byPriority(sol, jobs)) {
    rng.shuffle(group);
    if (rng.next() < 0.5) group.sort((x, y) => demandOf(sol, y) - demandOf(sol, x));
    for (const job of group) {
      if (interrupted()) return;
      let best: Spot | null = null;
      for (const v of candidateVehicles(sol)) {
        const s = bestSpotInRoute(ctx, sol, v, job, rng, blink, best ? best.deltaUsd : Infinity);
        if (s && (!best || s.deltaUsd < best.deltaUsd)) best = s;
      }
      if (best) insert(ctx, sol, best, job);
    }
  }
}

function demandOf(sol: Solution, j: number): number {
  const d = sol.data;
  let s = 0;
  if (d.nVehicles === 0) return 0;
  for (let q = 0; q < d.nDims; q++) s += d.jobAmount[j * d.nDims + q] / Math.max(1e-9, d.vCapacity[q]);
  return s;
}

/**
 * Regret-2 insertion: repeatedly inserts the job whose second-best route is the most worse than
 * its best. Stops early (jobs left unserved) when `interrupted` turns true.
 */
export function insertRegret(ctx: OperatorContext, sol: Solution, jobs: number[], interrupted: () => boolean = () => false): void {
  const nV = sol.data.nVehicles;
  for (const group of byPriority(sol, jobs)) {
    const pending = new Set(group);
    const cache = new Map<number, Array<Spot | null | undefined>>();
    const stale = new Set<number>();
    for (const j of group) cache.set(j, new Array<Spot | null | undefined>(nV).fill(undefined));
    let first = true;
    while (pending.size > 0) {
      if (interrupted()) return;
      const cands = candidateVehicles(sol);
      let pick = -1;
      let pickSpot: Spot | null = null;
      let pickRegret = -Infinity;
      for (const j of pending) {
        const row = cache.get(j) as Array<Spot | null | undefined>;
        let b1: Spot | null = null;
        let b2 = Infinity;
        for (const v of cands) {
          if (first || stale.has(v) || row[v] === undefined) row[v] = bestSpotInRoute(ctx, sol, v, j, null, 0);
          const s = row[v];
          if (!s) continue;
          if (!b1 || s.deltaUsd < b1.deltaUsd) {
            if (b1) b2 = b1.deltaUsd;
            b1 = s;
          } else if (s.deltaUsd < b2) b2 = s.deltaUsd;
        }
        if (!b1) continue;
        const regret = (b2 === Infinity ? 1e12 : b2 - b1.deltaUsd) - 1e-9 * b1.deltaUsd;
        if (regret > pickRegret) {
          pickRegret = regret;
          pick = j;
          pickSpot = b1;
        }
      }
      first = false;
      stale.clear();
      if (pick < 0 || !pickSpot) break;
      insert(ctx, sol, pickSpot, pick);
      pending.delete(pick);
      stale.add(pickSpot.vehicle);
    }
  }
}
