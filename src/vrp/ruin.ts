// Ruin step of the ruin-and-recreate search: removes a few jobs, either strings of
// consecutive jobs from routes near a seed job (SISR, Christiaens & Vanden Berghe 2020)
// or jobs chosen at random. Locked jobs are never removed.
import type { Rng } from "./random.js";
import type { Solution } from "./solution.js";

/** Removes jobs from `sol` (route costs refreshed through `recost`); returns the removed jobs. */
export function ruin(sol: Solution, near: Int32Array[], rng: Rng, avgRemoved: number, recost: (v: number, seq: number[]) => number): number[] {
  const removed: number[] = [];
  const served = sol.data.nJobs - sol.unassignedJobs().length;
  if (served === 0) return removed;
  if (rng.next() < 0.8) removeStrings(sol, near, rng, avgRemoved, removed);
  else removeRandom(sol, rng, Math.max(1, Math.round(avgRemoved)), removed);
  const touched = new Set<number>();
  for (const j of removed) touched.add(sol.vehicleOf[j]);
  const gone = new Set(removed);
  for (const v of touched) {
    if (v < 0) continue;
    const seq = sol.routes[v].filter((j) => !gone.has(j));
    sol.setRoute(v, seq, recost(v, seq));
  }
  for (const j of removed) sol.vehicleOf[j] = -1;
  return removed;
}

function removable(sol: Solution, j: number): boolean {
  return sol.vehicleOf[j] >= 0 && sol.data.jobLocked[j] === 0;
}

function removeRandom(sol: Solution, rng: Rng, count: number, out: number[]): void {
  const cands: number[] = [];
  for (let j = 0; j < sol.data.nJobs; j++) if (removable(sol, j)) cands.push(j);
  rng.shuffle(cands);
  for (let k = 0; k < Math.min(count, cands.length); k++) out.push(cands[k]);
}

function removeStrings(sol: Solution, near: Int32Array[], rng: Rng, avgRemoved: number, out: number[]): void {
  const nJobs = sol.data.nJobs;
  let seed = rng.int(nJobs);
  for (let t = 0; t < nJobs && !removable(sol, seed); t++) seed = (seed + 1) % nJobs;
  if (!removable(sol, seed)) return;
  const taken = new Set<number>();
  const routesDone = new Set<number>();
  let routeLenSum = 0;
  let used = 0;
  for (const r of sol.routes) if (r.length > 0) {
    routeLenSum += r.length;
    used++;
  }
  const maxString = Math.max(1, Math.min(10, Math.round(routeLenSum / Math.max(1, used))));
  const maxStrings = Math.max(1, Math.floor((4 * avgRemoved) / (1 + maxString)) - 1);
  const nStrings = 1 + rng.int(maxStrings);
  const order = [seed, ...near[seed]];
  for (const j of order) {
    if (routesDone.size >= nStrings) break;
    if (!removable(sol, j) || taken.has(j)) continue;
    const v = sol.vehicleOf[j];
    if (routesDone.has(v)) continue;
    routesDone.add(v);
    const r = sol.routes[v];
    const locked = sol.lockedCount(v);
    const len = 1 + rng.int(Math.min(maxString, r.length - locked));
    const at = r.indexOf(j);
    // a window of `len` positions containing `at`, inside the unlocked part
    let from = at - rng.int(len);
    if (from < locked) from = locked;
    if (from + len > r.length) from = Math.max(locked, r.length - len);
    for (let k = from; k < from + len && k < r.length; k++) {
      if (!taken.has(r[k])) {
        taken.add(r[k]);
        out.push(r[k]);
      }
    }
  }
}
