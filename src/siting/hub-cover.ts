// Which hubs to open, at which size, in the Lagrangian subproblem: each hub has a value per size
// (fixed cost plus its best zones at reduced cost); choose one size or none per hub so that the
// capacities opened hold the year's supply, with at most a given number open, at least value.
// A multiple-choice covering knapsack, solved exactly by dynamic programming over capacity units.

export interface CoverHub {
  /** usd[k]: value of opening size k (Infinity: not allowed). */
  usd: number[];
  capT: number[];
  /** Must open (some size). */
  forced: boolean;
}

export interface Cover {
  /** Least total value; Infinity when no choice holds the supply. */
  usd: number;
  /** size[i] of hub i, −1 for closed. */
  size: Int32Array;
}

/** Most capacity units in the table; a coarser unit (capacities rounded up) keeps it a relaxation. */
const MAX_UNITS = 2000;

/**
 * Least-value choice of one size or none per hub with Σ capacity ≥ `supplyT` and at most
 * `maxOpen` open. Capacities are counted in units of their gcd when that is fine enough, else in
 * units of supply / 2000 rounded up — every choice that holds the supply still does, so the
 * optimum is a lower bound either way.
 */
export function chooseCover(hubs: CoverHub[], supplyT: number, maxOpen: number): Cover {
  let unit = 0;
  for (const h of hubs)
    for (const c of h.capT) {
      if (unit < 0 || !Number.isInteger(c) || c <= 0) {
        unit = -1;
        continue;
      }
      let [a, b] = [unit, c];
      while (b) [a, b] = [b, a % b];
      unit = a;
    }
  if (unit <= 0 || supplyT / unit > MAX_UNITS) unit = Math.max(supplyT / MAX_UNITS, 1e-9);
  const need = Math.max(0, Math.ceil(supplyT / unit - 1e-9));
  let J = Number.isFinite(maxOpen) ? Math.min(maxOpen, hubs.length) : 0;
  // Dropping the count limit keeps a relaxation; do so when the table would be too large.
  if ((need + 1) * (J + 1) * hubs.length > 4e6) J = 0;
  const countOpen = J > 0 || (Number.isFinite(maxOpen) && maxOpen === 0);
  const width = (need + 1) * (J + 1);
  const at = (c: number, j: number): number => c * (J + 1) + j;
  const units = hubs.map((h) => h.capT.map((c) => Math.ceil(c / unit - 1e-9)));
  const layers: Float64Array[] = [];
  let dp = new Float64Array(width).fill(Infinity);
  dp[at(0, 0)] = 0;
  hubs.forEach((h, i) => {
    layers.push(dp);
    const next = new Float64Array(width).fill(Infinity);
    for (let c = 0; c <= need; c++)
      for (let j = 0; j <= J; j++) {
        const cur = dp[at(c, j)];
        if (cur === Infinity) continue;
        if (!h.forced && cur < next[at(c, j)]) next[at(c, j)] = cur;
        const j2 = countOpen ? j + 1 : 0;
        if (j2 > J) continue;
        h.usd.forEach((u, k) => {
          if (!Number.isFinite(u)) return;
          const c2 = Math.min(need, c + units[i][k]);
          if (cur + u < next[at(c2, j2)]) next[at(c2, j2)] = cur + u;
        });
      }
    dp = next;
  });
  const size = new Int32Array(hubs.length).fill(-1);
  let j = -1;
  for (let jj = 0; jj <= J; jj++) if (dp[at(need, jj)] < Infinity && (j < 0 || dp[at(need, jj)] < dp[at(need, j)])) j = jj;
  if (j < 0) return { usd: Infinity, size };
  const usd = dp[at(need, j)];
  // Walk back: at each hub find the option whose predecessor state gives the value reached.
  let c = need;
  let target = usd;
  const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  for (let i = hubs.length - 1; i >= 0; i--) {
    const prev = layers[i];
    const h = hubs[i];
    if (!h.forced && close(prev[at(c, j)], target)) {
      target = prev[at(c, j)];
      continue;
    }
    const jp = countOpen ? j - 1 : 0;
    let done = false;
    for (let k = 0; k < h.usd.length && !done && jp >= 0; k++) {
      if (!Number.isFinite(h.usd[k])) continue;
      const w = units[i][k];
      const lo = c === need ? Math.max(0, need - w) : c - w;
      const hi = c === need ? need : c - w;
      for (let cp = Math.max(0, lo); cp <= hi; cp++)
        if (prev[at(cp, jp)] < Infinity && close(prev[at(cp, jp)] + h.usd[k], target)) {
          size[i] = k;
          target = prev[at(cp, jp)];
          c = cp;
          j = jp;
          done = true;
          break;
        }
    }
  }
  return { usd, size };
}
