// Granular neighbourhoods: for each customer, its closest customers by distance, plus (with
// time windows) the waiting and time warp a direct visit would cause (Vidal 2013 / PyVRP).
// The relation is made symmetric, as in HGS-CVRP: when v is among u's closest, u is also
// among v's neighbours, so moves are tried from both ends. A customer whose location cannot be
// reached from another's is never among its closest.
import { type HgsData, legSums } from "./hgs-data.js";

/** The `k` most related customers of each customer, plus those that count it among theirs. */
export function granularNeighbours(data: HgsData, k: number): Int32Array[] {
  const lists = jobNeighbours(data, k);
  // a break has no location: it may go next to any job (there are few breaks)
  const jobs = Int32Array.from({ length: data.nJobCustomers }, (_, c) => c);
  for (let c = data.nJobCustomers; c < data.n; c++) lists.push(jobs);
  return lists;
}

function jobNeighbours(data: HgsData, k: number): Int32Array[] {
  const n = data.nJobCustomers;
  const m = data.nLoc;
  const lists: number[][] = [];
  const key = new Float64Array(n);
  // waiting and time warp (seconds) weigh like the km driven in that time: a mixed-fleet day
  // counts km and seconds apart; the classic sets use one unit for both
  const sums = legSums(data);
  const kmPerS = data.giantTour || sums.s === 0 ? 1 : sums.km / sums.s;
  const off = data.unreachable;
  const ids = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    const li = data.loc[i];
    for (let j = 0; j < n; j++) {
      const lj = data.loc[j];
      let score = data.dist[li * m + lj];
      if (data.hasTimeWindows) {
        const t = data.time[li * m + lj];
        const wait = Math.max(0, data.readyS[j] - t - data.serviceS[i] - data.dueS[i]);
        const warp = Math.max(0, data.readyS[i] + data.serviceS[i] + t - data.dueS[j]);
        score += kmPerS * (0.2 * wait + warp);
      }
      key[j] = j === i || (off.length > 0 && off[li * m + lj] === 1) ? Infinity : score;
    }
    const sorted = ids.slice().sort((x, y) => key[x] - key[y] || x - y);
    let len = Math.min(k, n - 1);
    while (len > 0 && key[sorted[len - 1]] === Infinity) len--;
    lists.push(sorted.slice(0, len));
  }
  const member = lists.map((l) => new Set(l));
  for (let i = 0; i < n; i++) {
    for (const j of lists[i]) {
      if (member[j].has(i)) continue;
      member[j].add(i);
      lists[j].push(i);
    }
  }
  return lists.map((l) => Int32Array.from(l));
}
