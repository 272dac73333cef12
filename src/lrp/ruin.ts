// Ruin step of ruin-and-recreate: takes customers out of the solution by one of several
// patterns (random, strings of neighbouring routes as in SISR, whole routes, a depot's region).
import type { Rng } from "./random.js";
import type { LrpState } from "./state.js";

/** Removes about k customers by a randomly chosen pattern; returns them. */
export function ruin(st: LrpState, k: number, rng: Rng): number[] {
  const pick = rng.next();
  const removed = pick < 0.55 ? ruinStrings(st, k, rng) : pick < 0.75 ? ruinRandom(st, k, rng) : pick < 0.9 ? ruinRoutes(st, k, rng) : ruinRegion(st, k, rng);
  st.removeCustomers(removed);
  return removed;
}

function ruinRandom(st: LrpState, k: number, rng: Rng): number[] {
  const { m, n } = st.data;
  const all = rng.shuffle(Array.from({ length: n }, (_, c) => m + c));
  return all.slice(0, k);
}

/** The customers nearest a random seed customer (a geographic region). */
function ruinRegion(st: LrpState, k: number, rng: Rng): number[] {
  const { m, n, neighbours } = st.data;
  const seed = m + rng.int(n);
  return [seed, ...Array.from(neighbours[seed]).slice(0, k - 1)];
}

/** Whole routes near a random seed customer. */
function ruinRoutes(st: LrpState, k: number, rng: Rng): number[] {
  const { m, n, neighbours } = st.data;
  const seed = m + rng.int(n);
  const out: number[] = [];
  const done = new Set<number>();
  for (const v of [seed, ...neighbours[seed]]) {
    const r = st.routeOf[v];
    if (done.has(r)) continue;
    done.add(r);
    out.push(...st.routes[r]);
    if (out.length >= k) break;
  }
  return out;
}

/** SISR strings: around a seed customer, a string of consecutive customers from each nearby route. */
function ruinStrings(st: LrpState, k: number, rng: Rng): number[] {
  const { m, n, neighbours } = st.data;
  const seed = m + rng.int(n);
  const out: number[] = [];
  const done = new Set<number>();
  const maxLen = 10;
  for (const v of [seed, ...neighbours[seed]]) {
    if (out.length >= k) break;
    const r = st.routeOf[v];
    if (done.has(r)) continue;
    done.add(r);
    const seq = st.routes[r];
    const len = Math.min(seq.length, maxLen, 1 + rng.int(Math.max(1, Math.ceil((2 * k) / 3))), k - out.length);
    const pos = st.posOf[v];
    const start = Math.max(0, Math.min(pos - rng.int(len), seq.length - len));
    for (let t = start; t < start + len; t++) out.push(seq[t]);
  }
  return out;
}
