// 0/1 knapsacks of the Lagrangian subproblems (zones into a hub's capacity, enterprises into its
// floor space), in minimisation form (items of negative value): the LP (Dantzig) solution while
// iterating, from a partial sort that orders only the items the largest capacity can reach; and
// an exact solution once at the end, after the Dembo–Hammer reduction, by dynamic programming on
// weights rounded down — every set that fits the true capacity fits the rounded one, so the
// rounded optimum still bounds the true one from below.

export interface KnapsackOrder {
  /** Items of negative value; the first `sorted` by value per unit of weight, most negative first. */
  idx: Int32Array;
  /** Every item after the sorted prefix has a ratio no better than any in it. */
  sorted: number;
  ratio: Float64Array;
}

/** Arrays an order may be built in (reused between calls; the order is valid until the next). */
export interface KnapsackBuffers {
  all: Int32Array;
  ratio: Float64Array;
}

export function knapsackBuffers(n: number): KnapsackBuffers {
  return { all: new Int32Array(n), ratio: new Float64Array(n) };
}

/**
 * Orders the negative items far enough that the LP knapsack of any capacity ≤ `capMax` is a
 * prefix; in `buffers` when given (only the negative items' ratios are written, and read).
 */
export function knapsackOrder(value: Float64Array, weight: Float64Array, n: number, capMax: number, buffers?: KnapsackBuffers): KnapsackOrder {
  let k = 0;
  const all = buffers ? buffers.all : new Int32Array(n);
  const ratio = buffers ? buffers.ratio : new Float64Array(n);
  for (let i = 0; i < n; i++)
    if (value[i] < 0) {
      all[k++] = i;
      ratio[i] = weight[i] > 0 ? value[i] / weight[i] : -Infinity;
    }
  const idx = all.subarray(0, k);
  const end = selectPrefix(idx, ratio, weight, capMax);
  const head = Array.from(idx.subarray(0, end)).sort((p, q) => ratio[p] - ratio[q] || p - q);
  idx.set(head);
  return { idx, sorted: end, ratio };
}

/**
 * Rearranges `idx` so that its first p items have the smallest ratios and weigh at least `cap`
 * (or are all items); returns p. Weighted quickselect, expected linear time.
 */
function selectPrefix(idx: Int32Array, ratio: Float64Array, weight: Float64Array, cap: number): number {
  let lo = 0;
  let hi = idx.length;
  let room = cap;
  while (lo < hi) {
    const pivot = ratio[idx[(lo + hi) >>> 1]];
    // Three-way partition of [lo, hi): < pivot | == pivot | > pivot.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i < gt) {
      const r = ratio[idx[i]];
      if (r < pivot) swap(idx, lt++, i++);
      else if (r > pivot) swap(idx, i, --gt);
      else i++;
    }
    let wLess = 0;
    for (let j = lo; j < lt; j++) wLess += weight[idx[j]];
    if (wLess >= room && lt > lo) {
      hi = lt;
      continue;
    }
    let wEq = 0;
    for (let j = lt; j < gt; j++) wEq += weight[idx[j]];
    if (wLess + wEq >= room) return gt;
    room -= wLess + wEq;
    lo = gt;
  }
  return lo;
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** Value of the LP knapsack of capacity `cap` (≤ the order's capMax); `take` (if given) receives the fractions. */
export function knapsackLpValue(value: Float64Array, weight: Float64Array, order: KnapsackOrder, cap: number, take?: Float64Array): number {
  let room = cap;
  let v = 0;
  const { idx } = order;
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j];
    const w = weight[i];
    if (w <= room) {
      v += value[i];
      room -= w;
      if (take) take[i] = 1;
    } else {
      if (room > 0 && w > 0) {
        const x = room / w;
        v += x * value[i];
        if (take) take[i] = x;
      }
      break;
    }
  }
  return v;
}

/** Most states a knapsack table may have; the weight unit grows to stay within it. */
const MAX_STATES = 4000;

/**
 * Exact 0/1 knapsack of capacity `cap` (≤ the order's capMax) over the negative items, as a lower
 * bound: items the Dembo–Hammer test proves in or out of every optimum are fixed, the rest go
 * through dynamic programming with weights rounded down to cap / MAX_STATES. Returns the value
 * (at least the LP bound); `take` receives the table's 0/1 choice per item.
 */
export function knapsackExact(value: Float64Array, weight: Float64Array, order: KnapsackOrder, cap: number, take: Float64Array): number {
  const { idx, ratio } = order;
  // LP solution and its critical ratio; greedy integer solution (a feasible value to test against).
  let room = cap;
  let zLp = 0;
  let crit = -1;
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j];
    if (weight[i] <= room) {
      room -= weight[i];
      zLp += value[i];
    } else {
      crit = j;
      break;
    }
  }
  if (crit < 0) {
    for (const i of idx) take[i] = 1;
    return zLp;
  }
  const rho = ratio[idx[crit]];
  zLp += room * rho;
  let greedyRoom = cap;
  let zG = 0;
  for (const i of idx)
    if (weight[i] <= greedyRoom) {
      greedyRoom -= weight[i];
      zG += value[i];
    }
  const eps = 1e-9 * Math.max(1, Math.abs(zG));
  const free: number[] = [];
  let fixedV = 0;
  let fixedW = 0;
  idx.forEach((i, j) => {
    if (j < crit) {
      // In the LP solution: leaving it out costs at least ρ w − v more than the LP.
      if (zLp + (rho * weight[i] - value[i]) > zG + eps) {
        take[i] = 1;
        fixedV += value[i];
        fixedW += weight[i];
      } else free.push(i);
    } else if (j === crit || zLp + (value[i] - rho * weight[i]) <= zG + eps) free.push(i);
  });
  const capLeft = cap - fixedW;
  if (free.length === 0 || capLeft <= 0) return fixedV;
  const unit = Math.max(capLeft / MAX_STATES, 1e-9);
  const C = Math.floor(capLeft / unit + 1e-9);
  const w = Int32Array.from(free, (i) => Math.floor(weight[i] / unit + 1e-9));
  const best = new Float64Array(C + 1);
  const chosen = new Uint8Array(free.length * (C + 1));
  for (let n = 0; n < free.length; n++) {
    const wn = w[n];
    const c = value[free[n]];
    for (let r = C; r >= wn; r--) {
      const alt = best[r - wn] + c;
      if (alt < best[r]) {
        best[r] = alt;
        chosen[n * (C + 1) + r] = 1;
      }
    }
  }
  let r = C;
  for (let n = free.length - 1; n >= 0; n--)
    if (chosen[n * (C + 1) + r]) {
      take[free[n]] = 1;
      r -= w[n];
    }
  // Rounded down, the weights may let the table fit more than the capacity holds, so its value
  // can fall below the LP's; both bound the knapsack, and the higher one is kept.
  return Math.max(fixedV + best[C], zLp);
}
