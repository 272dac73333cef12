// The channel block of the siting MILP (docs/siting-model.md, "Collection channels"): which
// channel options each zone is offered, with its material going to the zone's hub; drop-off
// points opened with their fixed cost and capacity; capture targets per zone and overall; and the
// channels' budget. Only built when the scenario defines channels.
import type { MilpBuilder, Term } from "./milp/model.js";
import type { SitingData } from "./siting-data.js";

export interface ChannelColumns {
  /** g[z][o][i][t]: zone z offers its option o with its hub on arc i in year t (−1: none). */
  g: number[][][][];
  /** open[p][t]: drop-off point p open in year t. */
  open: number[][];
}

/**
 * Adds the channel columns and rows. `a[z][i][t]` are the zone's hub columns (binary: the zone's
 * material goes to one hub); `load[h][s][t]` and `co2Terms[t]` receive the options' tonnes and CO2.
 */
export function addChannels(
  b: MilpBuilder,
  data: SitingData,
  a: number[][][],
  load: Term[][][][],
  co2Terms: Term[][],
  co2Usd: number,
  relaxBudget: boolean,
): ChannelColumns {
  const ch = data.channels!;
  const s = data.scenario;
  const T = data.years;
  const sites = s.channels?.dropOff?.sites ?? [];
  const open = sites.map((p) => Array.from({ length: T }, (_, t) => b.addBinary(`dropoff[${p.id},${t + 1}]`, p.fixedCostUsdPerYear)));
  const budget: Term[][] = Array.from({ length: T }, () => []);
  const captured: Term[][] = Array.from({ length: T }, () => []);
  const atPoint: Term[][][] = sites.map(() => Array.from({ length: T }, () => []));
  const g = s.zones.map((z, zi) =>
    ch.options[zi].map((o, oi) =>
      data.arcs[zi].map((arc, i) =>
        Array.from({ length: T }, (_, t) => {
          const price = o.byArc[i];
          if (t + 1 < data.joinYear[zi] || !price) return -1;
          const f = data.supplyFactor[zi][t];
          const hub = s.hubSites[arc.hub];
          const usd = o.fixedUsd + f * price.usd;
          const co2 = o.fixedCo2Kg + f * price.co2Kg;
          const tag = o.point >= 0 ? `${o.kind}:${sites[o.point].id}` : o.kind;
          const col = b.addBinary(`g[${z.id},${tag},${hub.id},${t + 1}]`, usd + f * o.tonnes * hub.variableCostUsdPerT + co2 * co2Usd);
          b.addRow(`channel-at-hub[${z.id},${tag},${hub.id},${t + 1}]`, [[a[zi][i][t], 1], [col, -1]], 0, Infinity);
          co2Terms[t].push([col, co2]);
          budget[t].push([col, usd]);
          captured[t].push([col, f * o.tonnes]);
          data.supplyT[zi].forEach((v, si) => v > 0 && load[arc.hub][si][t].push([col, f * o.rate * v]));
          if (o.point >= 0) {
            b.addRow(`dropoff-open[${z.id},${sites[o.point].id},${hub.id},${t + 1}]`, [[open[o.point][t], 1], [col, -1]], 0, Infinity);
            atPoint[o.point][t].push([col, f * o.tonnes]);
          }
          return col;
        }),
      ),
    ),
  );
  s.zones.forEach((z, zi) => {
    for (let t = 0; t < T; t++) {
      if (t + 1 < data.joinYear[zi]) continue;
      const cols = (pick: (kind: string) => boolean): Term[] =>
        ch.options[zi].flatMap((o, oi) => (pick(o.kind) ? g[zi][oi].flatMap((c) => (c[t] >= 0 ? [[c[t], o.rate] as const] : [])) : []));
      // A zone is offered at most one drop-off point (the others follow from one hub per zone).
      const drops = cols((k) => k === "drop-off").map(([c]) => [c, 1] as const);
      if (drops.length > 1) b.addRow(`one-dropoff[${z.id},${t + 1}]`, drops, 0, 1);
      if (ch.minRate[zi] > 0) b.addRow(`zone-capture[${z.id},${t + 1}]`, cols(() => true), ch.minRate[zi], Infinity);
    }
  });
  sites.forEach((p, pi) => {
    for (let t = 0; t < T; t++) {
      if (atPoint[pi][t].length > 0) b.addRow(`dropoff-capacity[${p.id},${t + 1}]`, [...atPoint[pi][t], [open[pi][t], -p.capacityTPerYear]], -Infinity, 0);
      if (t + 1 < T) b.addRow(`dropoff-stays-open[${p.id},${t + 1}]`, [[open[pi][t], 1], [open[pi][t + 1], -1]], -Infinity, 0);
    }
  });
  for (let t = 0; t < T; t++) {
    if (ch.overallMinRate !== undefined) {
      const avail = s.zones.reduce((acc, _, zi) => acc + (t + 1 >= data.joinYear[zi] ? data.supplyFactor[zi][t] * data.supplyT[zi].reduce((x, v) => x + v, 0) : 0), 0);
      b.addRow(`overall-capture[${t + 1}]`, captured[t], ch.overallMinRate * avail, Infinity);
    }
    if (ch.budgetUsdPerYear !== undefined && !relaxBudget)
      b.addRow(`channel-budget[${t + 1}]`, [...budget[t], ...sites.map((p, pi) => [open[pi][t], p.fixedCostUsdPerYear] as const)], -Infinity, ch.budgetUsdPerYear);
  }
  return { g, open };
}
