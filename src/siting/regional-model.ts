// The regional echelon of the siting MILP (docs/siting-model.md, "Regional centres"): centres
// opened at one size from a year on; every tonne of a stream with regional steps leaves its hub
// for a centre by road, rail or a lane; a centre runs those steps, recovers the materials and sells
// them to offtakers or disposes of them. Only built when the scenario has `regional`.
import { PROCESS_STEPS } from "../domain/index.js";
import type { MilpBuilder, Term } from "./milp/model.js";
import { offerPrice, type SitingData } from "./siting-data.js";

export interface RegionalColumns {
  /** y[r][k][t]: centre r open at size k in year t. */
  y: number[][][];
  /** Shipments hub → centre, one column per hub, centre, stream, way and year. */
  ship: Array<{ col: number; hub: number; centre: number; stream: number; route: number; year: number }>;
  /** Sales centre → offtaker. */
  flows: Array<{ col: number; centre: number; offtaker: number; offer: number; material: number; route: number; year: number }>;
  /** d[r][m][t]: tonnes of material m disposed of at centre r (−1: never made there). */
  d: number[][][];
}

/** Per tonne a centre receives of stream `si`: handling, its steps (in-house where hosted, else bought) and their CO2. */
export function centreTonneCost(data: SitingData, r: number, si: number): { usd: number; co2Kg: number } {
  const c = data.regional!.centres[r];
  const steps = data.scenario.processing?.steps ?? {};
  let usd = c.variableCostUsdPerT;
  let co2Kg = 0;
  for (const p of data.regional!.centreSteps[si]) {
    const f = steps[PROCESS_STEPS[p]];
    usd += (c.processSteps.includes(PROCESS_STEPS[p]) ? f?.inHouseCostUsdPerT : f?.outsourceCostUsdPerT) ?? 0;
    co2Kg += f?.co2KgPerT ?? 0;
  }
  return { usd, co2Kg };
}

/**
 * Adds centres, shipments, centre sales and disposal. `load[h][s][t]` are the hubs' stream loads;
 * `sold[o][j][t]` collects every offer's deliveries (the offtake rows are built after).
 */
export function addRegional(b: MilpBuilder, data: SitingData, load: Term[][][][], co2Terms: Term[][], co2Usd: number, sold: Term[][][][]): RegionalColumns {
  const reg = data.regional!;
  const s = data.scenario;
  const T = data.years;
  const R = reg.centres;
  const y = R.map((c) => c.sizes.map((k) => Array.from({ length: T }, (_, t) => b.addBinary(`yR[${c.id},${k.id},${t + 1}]`, k.fixedCostUsdPerYear))));
  const openTerms = (r: number, t: number, coef = (_k: number) => 1): Term[] => y[r].map((cols, k) => [cols[t], coef(k)] as const);
  R.forEach((c, r) => {
    for (let t = 0; t < T; t++) {
      b.addRow(`centre-one-size[${c.id},${t + 1}]`, openTerms(r, t), 0, 1);
      if (t + 1 < T) c.sizes.forEach((k, ki) => b.addRow(`centre-stays-open[${c.id},${k.id},${t + 1}]`, [[y[r][ki][t], 1], [y[r][ki][t + 1], -1]], -Infinity, 0));
    }
    if (c.status === "forced-open" || c.status === "existing") b.addRow(`centre-forced-open[${c.id}]`, openTerms(r, 0), 1, 1);
    if (c.status === "forced-closed") for (let t = 0; t < T; t++) b.addRow(`centre-forced-closed[${c.id},${t + 1}]`, openTerms(r, t), 0, 0);
  });

  const ship: RegionalColumns["ship"] = [];
  const inAt: Term[][][][] = R.map(() => s.streams.map(() => Array.from({ length: T }, () => [] as Term[])));
  s.hubSites.forEach((h, hi) =>
    s.streams.forEach((st, si) => {
      if (!reg.atCentre[si]) return;
      for (let t = 0; t < T; t++) {
        if (load[hi][si][t].length === 0) continue;
        const out: Term[] = [];
        R.forEach((c, r) => {
          const per = centreTonneCost(data, r, si);
          reg.inbound[hi][r].forEach((way, ri) => {
            const col = b.addCol(`x[${h.id},${c.id},${st.id},${way.mode},${t + 1}]`, way.costUsdPerT + per.usd + (way.co2KgPerT + per.co2Kg) * co2Usd, 0, Infinity);
            co2Terms[t].push([col, way.co2KgPerT + per.co2Kg]);
            ship.push({ col, hub: hi, centre: r, stream: si, route: ri, year: t });
            inAt[r][si][t].push([col, 1]);
            out.push([col, 1]);
          });
        });
        // Every tonne of the stream that reaches the hub goes on to a centre.
        b.addRow(`to-centre[${h.id},${st.id},${t + 1}]`, [...out, ...load[hi][si][t].map(([c, v]) => [c, -v] as const)], 0, 0);
      }
    }),
  );
  R.forEach((c, r) => {
    for (let t = 0; t < T; t++) {
      const inflow = inAt[r].flatMap((l) => l[t]);
      if (inflow.length > 0) b.addRow(`centre-capacity[${c.id},${t + 1}]`, [...inflow, ...openTerms(r, t, (k) => -c.sizes[k].capacityTPerYear)], -Infinity, 0);
    }
  });

  const flows: RegionalColumns["flows"] = [];
  const d = R.map((c, r) =>
    s.materials.map((m, mi) =>
      Array.from({ length: T }, (_, t) => {
        const made: Term[] = [];
        s.streams.forEach((_, si) => {
          const yl = reg.yieldT[si][mi];
          if (yl > 0) for (const [col] of inAt[r][si][t]) made.push([col, -yl]);
        });
        if (made.length === 0) return -1;
        const out: Term[] = [];
        s.offtakers.forEach((o, oi) =>
          o.accepts.forEach((offer, j) => {
            if (offer.material !== m.id) return;
            reg.outbound[r][oi].forEach((way, ri) => {
              const col = b.addCol(`fR[${c.id},${o.id},${m.id},${way.mode},${t + 1}]`, way.costUsdPerT + way.co2KgPerT * co2Usd - offerPrice(offer, t + 1), 0, Infinity);
              co2Terms[t].push([col, way.co2KgPerT]);
              flows.push({ col, centre: r, offtaker: oi, offer: j, material: mi, route: ri, year: t });
              sold[oi][j][t].push([col, 1]);
              out.push([col, 1]);
            });
          }),
        );
        const dc = b.addCol(`dR[${c.id},${m.id},${t + 1}]`, s.policy.disposalCostUsdPerT, 0, Infinity);
        b.addRow(`centre-material-balance[${c.id},${m.id},${t + 1}]`, [...out, [dc, 1], ...made], 0, 0);
        return dc;
      }),
    ),
  );
  return { y, ship, flows, d };
}
