// What a YearPlan means: costs by term, revenue, CO2, tonnes by stream, materials recovered and
// the mass balance, recomputed from the scenario's own factors (not from the model's columns),
// so the report and the checker do not depend on how the MILP was assembled.
import { PROCESS_STEPS } from "../domain/index.js";
import { yearDeliveries } from "./deliveries.js";
import { centreTonneCost } from "./regional-model.js";
import { offerPrice, type SitingData } from "./siting-data.js";
import type { YearPlan } from "./year-plan.js";

export interface YearFigures {
  costUsd: { hubFixed: number; processing: number; collectionTransport: number; lineHaul: number; disposal: number; co2: number; total: number };
  revenueUsd: number;
  netCostUsd: number;
  co2Kg: number;
  /** loadT[h][s]: tonnes of stream s received at hub h. */
  loadT: number[][];
  /** madeT[h][m]: tonnes of material m recovered at hub h (yield × load). */
  madeT: number[][];
  /** outT[h][m]: tonnes of material m sold or disposed of at hub h. */
  outT: number[][];
  /** soldT[o][offer]: tonnes delivered to each offer. */
  soldT: number[][];
  /** With regional centres: shippedT[h][s] from each hub; at each centre loadT[r][s], madeT[r][m], outT[r][m]. */
  centres?: { shippedT: number[][]; loadT: number[][]; madeT: number[][]; outT: number[][] };
}

/** Figures of one planning year. Lookups of arcs and routes go through `data`. */
export function evaluateYear(data: SitingData, p: YearPlan): YearFigures {
  const s = data.scenario;
  const H = s.hubSites.length;
  const zero = (n: number, m: number): number[][] => Array.from({ length: n }, () => new Array<number>(m).fill(0));
  const loadT = zero(H, s.streams.length);
  const madeT = zero(H, s.materials.length);
  const outT = zero(H, s.materials.length);
  const soldT = s.offtakers.map((o) => new Array<number>(o.accepts.length).fill(0));
  const co2Usd = s.policy.co2PriceUsdPerT / 1000;
  let hubFixed = 0;
  let processing = 0;
  let collection = 0;
  let lineHaul = 0;
  let disposal = 0;
  let revenue = 0;
  let co2Kg = 0;

  for (const o of p.open) hubFixed += s.hubSites[o.hub].sizes[o.size].fixedCostUsdPerYear;
  for (const dl of yearDeliveries(data, p)) {
    collection += dl.costUsd;
    co2Kg += dl.co2Kg;
    processing += dl.tonnes * s.hubSites[dl.hub].variableCostUsdPerT;
    dl.streamT.forEach((v, si) => (loadT[dl.hub][si] += v));
  }
  // Drop-off points' fixed costs are channel costs: with collection.
  for (const pt of p.dropOffs ?? []) collection += s.channels!.dropOff!.sites[pt].fixedCostUsdPerYear;
  const steps = s.processing?.steps ?? {};
  for (let h = 0; h < H; h++)
    s.streams.forEach((_, si) => {
      for (const q of data.streamSteps[si]) {
        const f = steps[PROCESS_STEPS[q]];
        processing += loadT[h][si] * (f?.outsourceCostUsdPerT ?? 0);
        co2Kg += loadT[h][si] * (f?.co2KgPerT ?? 0);
      }
      s.materials.forEach((_, mi) => (madeT[h][mi] += loadT[h][si] * data.yieldT[si][mi]));
    });
  for (const u of p.inHouse) {
    const f = steps[PROCESS_STEPS[data.streamSteps[u.stream][u.step]]];
    processing += u.tonnes * ((f?.inHouseCostUsdPerT ?? 0) - (f?.outsourceCostUsdPerT ?? 0));
  }
  for (const w of p.colocated) processing -= w.tonnes * (s.processing?.colocationSavingUsdPerT ?? 0);
  for (const f of p.sold) {
    const r = data.routes[f.hub][f.offtaker][f.route];
    lineHaul += f.tonnes * r.costUsdPerT;
    co2Kg += f.tonnes * r.co2KgPerT;
    revenue += f.tonnes * offerPrice(s.offtakers[f.offtaker].accepts[f.offer], p.year);
    outT[f.hub][f.material] += f.tonnes;
    soldT[f.offtaker][f.offer] += f.tonnes;
  }
  for (const d of p.disposed) {
    disposal += d.tonnes * s.policy.disposalCostUsdPerT;
    outT[d.hub][d.material] += d.tonnes;
  }
  let centres: YearFigures["centres"];
  if (p.centres && data.regional) {
    const reg = data.regional;
    const R = reg.centres.length;
    centres = { shippedT: zero(H, s.streams.length), loadT: zero(R, s.streams.length), madeT: zero(R, s.materials.length), outT: zero(R, s.materials.length) };
    for (const o of p.centres.open) hubFixed += reg.centres[o.centre].sizes[o.size].fixedCostUsdPerYear;
    for (const x of p.centres.shipped) {
      const way = reg.inbound[x.hub][x.centre][x.route];
      const per = centreTonneCost(data, x.centre, x.stream);
      lineHaul += x.tonnes * way.costUsdPerT;
      processing += x.tonnes * per.usd;
      co2Kg += x.tonnes * (way.co2KgPerT + per.co2Kg);
      centres.shippedT[x.hub][x.stream] += x.tonnes;
      centres.loadT[x.centre][x.stream] += x.tonnes;
      reg.yieldT[x.stream].forEach((yl, mi) => (centres!.madeT[x.centre][mi] += x.tonnes * yl));
    }
    for (const f of p.centres.sold) {
      const way = reg.outbound[f.centre][f.offtaker][f.route];
      lineHaul += f.tonnes * way.costUsdPerT;
      co2Kg += f.tonnes * way.co2KgPerT;
      revenue += f.tonnes * offerPrice(s.offtakers[f.offtaker].accepts[f.offer], p.year);
      centres.outT[f.centre][f.material] += f.tonnes;
      soldT[f.offtaker][f.offer] += f.tonnes;
    }
    for (const d of p.centres.disposed) {
      disposal += d.tonnes * s.policy.disposalCostUsdPerT;
      centres.outT[d.centre][d.material] += d.tonnes;
    }
  }
  const co2 = co2Kg * co2Usd;
  const total = hubFixed + processing + collection + lineHaul + disposal + co2;
  return {
    costUsd: { hubFixed, processing, collectionTransport: collection, lineHaul, disposal, co2, total },
    revenueUsd: revenue,
    netCostUsd: total - revenue,
    co2Kg,
    loadT,
    madeT,
    outT,
    soldT,
    ...(centres ? { centres } : {}),
  };
}
