// Which hubs to open, at which size and from which year, in the Lagrangian subproblem: each way
// of opening a hub (a size kept from a first year on, as `stays-open` demands) has a value; choose
// one way or none per hub so that the capacities open in every year hold that year's supply, with
// at most a given number of hubs, at least total value. A multiple-choice covering knapsack in
// one dimension per year, solved exactly by dynamic programming over capacity units.

export interface CoverOption {
  /** Value of opening the hub this way, USD (Infinity: not allowed). */
  usd: number;
  capT: number;
  /** First year open (0-based); open at this size in every later year. */
  from: number;
}

export interface CoverHub {
  options: CoverOption[];
  /** Must open (by one of its options). */
  forced: boolean;
}

export interface Cover {
  /** Least total value; Infinity when no choice holds the supply. */
  usd: number;
  /** option[i] chosen for hub i, −1 for closed. */
  option: Int32Array;
}

const pool: Float64Array[] = [];

/** Most states (capacity states × hub counts); coarser units (capacities rounded up) keep it a relaxation. */
const MAX_STATES = 2e4;

/**
 * Least-value choice of one option or none per hub with Σ capacity open in year t ≥ `supplyT[t]`
 * for every year and at most `maxOpen` hubs open. Capacities are counted in units of their gcd
 * when that is fine enough, else in coarser units with capacities rounded up — every choice that
 * holds the supply still does, so the optimum is a lower bound either way (and with fewer
 * `maxStates`, a quicker and looser one).
 */
export function chooseCover(hubs: CoverHub[], supplyT: number[], maxOpen: number, maxStates = MAX_STATES): Cover {
  const T = supplyT.length;
  const free = unconstrained(hubs, supplyT, maxOpen);
  if (free) return free;
  const caps = hubs.flatMap((h) => h.options.map((o) => o.capT));
  let unit = caps.every((c) => Number.isInteger(c) && c > 0) ? caps.reduce((a, c) => gcd(a, c), 0) : 0;
  let J = Number.isFinite(maxOpen) ? Math.min(maxOpen, hubs.length) : 0;
  const countOpen = Number.isFinite(maxOpen);
  const cells = (u: number, jj: number): number => supplyT.reduce((p, s) => p * (Math.ceil(s / u - 1e-9) + 1), jj + 1);
  // Dropping the count limit keeps a relaxation; do so before coarsening the capacities.
  const maxSupply = Math.max(1e-9, ...supplyT);
  if (unit <= 0) unit = maxSupply / 2000;
  if (cells(unit, J) > maxStates && countOpen && cells(unit, 0) <= maxStates) J = 0;
  while (cells(unit, J) > maxStates) unit *= 1.25;
  const useCount = countOpen && J > 0;
  const need = supplyT.map((s) => Math.max(0, Math.ceil(s / unit - 1e-9)));
  const radix = [1];
  for (let t = 0; t < T; t++) radix.push(radix[t] * (need[t] + 1));
  const states = radix[T];
  const width = states * (J + 1);
  const units = hubs.map((h) => h.options.map((o) => Math.ceil(o.capT / unit - 1e-9)));

  /** State reached from capacity state `c` by adding `u` units from year `from` on. */
  const add = (c: number, u: number, from: number): number => {
    if (T === 1) return Math.min(need[0], c + u);
    let out = 0;
    for (let t = 0; t < T; t++) {
      const ct = Math.floor(c / radix[t]) % (need[t] + 1);
      out += (t >= from ? Math.min(need[t], ct + u) : ct) * radix[t];
    }
    return out;
  };
  // Layer i is the table before hub i; buffers are reused across calls (this runs every
  // subgradient iteration, and fresh tables were most of its time in garbage collection).
  while (pool.length < hubs.length + 1 || pool[0].length < width) {
    if (pool.length > 0 && pool[0].length < width) pool.length = 0;
    pool.push(new Float64Array(Math.max(width, pool[0]?.length ?? 0)));
  }
  const layers = pool;
  let dp = layers[0];
  dp.fill(Infinity, 0, width);
  dp[0] = 0;
  hubs.forEach((h, i) => {
    const next = layers[i + 1];
    next.fill(Infinity, 0, width);
    if (T === 1 && J === 0) {
      // One year and no count (the common case, every subgradient iteration): the same
      // transitions as below on flat arrays, in the same order.
      const usd = Float64Array.from(h.options, (o) => o.usd);
      const u = Int32Array.from(units[i]);
      const top = need[0];
      for (let c = 0; c < states; c++) {
        const cur = dp[c];
        if (cur === Infinity) continue;
        if (!h.forced && cur < next[c]) next[c] = cur;
        for (let k = 0; k < usd.length; k++) {
          if (!Number.isFinite(usd[k])) continue;
          const at = Math.min(top, c + u[k]);
          if (cur + usd[k] < next[at]) next[at] = cur + usd[k];
        }
      }
      dp = next;
      return;
    }
    for (let c = 0; c < states; c++)
      for (let j = 0; j <= J; j++) {
        const cur = dp[c * (J + 1) + j];
        if (cur === Infinity) continue;
        if (!h.forced && cur < next[c * (J + 1) + j]) next[c * (J + 1) + j] = cur;
        const j2 = useCount ? j + 1 : 0;
        if (j2 > J) continue;
        for (let k = 0; k < h.options.length; k++) {
          const o = h.options[k];
          if (!Number.isFinite(o.usd)) continue;
          const at = add(c, units[i][k], o.from) * (J + 1) + j2;
          if (cur + o.usd < next[at]) next[at] = cur + o.usd;
        }
      }
    dp = next;
  });
  const option = new Int32Array(hubs.length).fill(-1);
  const full = states - 1;
  let j = -1;
  for (let jj = 0; jj <= J; jj++) if (dp[full * (J + 1) + jj] < Infinity && (j < 0 || dp[full * (J + 1) + jj] < dp[full * (J + 1) + j])) j = jj;
  if (j < 0) return { usd: Infinity, option };
  const usd = dp[full * (J + 1) + j];
  // Walk back: at each hub find a predecessor state and option that give the value reached.
  let c = full;
  let target = usd;
  const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  for (let i = hubs.length - 1; i >= 0; i--) {
    const prev = layers[i];
    const h = hubs[i];
    if (!h.forced && close(prev[c * (J + 1) + j], target)) {
      target = prev[c * (J + 1) + j];
      continue;
    }
    const jp = useCount ? j - 1 : 0;
    let found = false;
    // Adding capacity never lowers a state's index: predecessors lie at or below c (one year:
    // within the hub's largest option below it).
    const lowest = T === 1 ? Math.max(0, c - Math.max(0, ...units[i])) : 0;
    for (let cp = lowest; cp <= c && !found && jp >= 0; cp++) {
      const v = prev[cp * (J + 1) + jp];
      if (v === Infinity) continue;
      for (let k = 0; k < h.options.length; k++) {
        const o = h.options[k];
        if (!Number.isFinite(o.usd) || add(cp, units[i][k], o.from) !== c || !close(v + o.usd, target)) continue;
        option[i] = k;
        target = v;
        c = cp;
        j = jp;
        found = true;
        break;
      }
    }
  }
  return { usd, option };
}

/**
 * Each hub at its best option (forced ones) or its best option of negative value: the optimum
 * whenever it holds every year's supply within the most hubs (no table needed); null otherwise.
 */
function unconstrained(hubs: CoverHub[], supplyT: number[], maxOpen: number): Cover | null {
  const option = new Int32Array(hubs.length).fill(-1);
  const held = new Float64Array(supplyT.length);
  let usd = 0;
  let open = 0;
  for (let i = 0; i < hubs.length; i++) {
    const h = hubs[i];
    let best = h.forced ? Infinity : 0;
    for (let k = 0; k < h.options.length; k++)
      if (h.options[k].usd < best) {
        best = h.options[k].usd;
        option[i] = k;
      }
    if (h.forced && option[i] < 0) return null;
    if (option[i] < 0) continue;
    usd += best;
    open++;
    const o = h.options[option[i]];
    for (let t = o.from; t < supplyT.length; t++) held[t] += o.capT;
  }
  if (open > maxOpen) return null;
  for (let t = 0; t < supplyT.length; t++) if (held[t] < supplyT[t]) return null;
  return { usd, option };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
