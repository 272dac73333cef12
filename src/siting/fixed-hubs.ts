// A plan's hubs held fixed under another supply: zones re-assigned greedily to the open hubs
// (capacity from the plan's sizes) — with collection channels each zone keeps the plan's
// channels (and drop-off points) and moves with them —, process steps in-house where the placed
// enterprises have room and it is cheaper, each material sold at its best outlet (offtaker
// maxima respected) or disposed of, streams with regional steps sent on to the plan's open
// centres (fixed-centres.ts), and the whole priced by evaluateYear — the same figures a solved
// plan reports.
import { PROCESS_STEPS } from "../domain/index.js";
import { yearDeliveries } from "./deliveries.js";
import { evaluateYear, type YearFigures } from "./evaluate.js";
import { planFixedCentres, sellMaterial } from "./fixed-centres.js";
import type { SitingData } from "./siting-data.js";
import type { YearPlan } from "./year-plan.js";

export interface FixedHubs {
  /** Open hubs: site index and size index. */
  open: Array<{ hub: number; size: number }>;
  /** Enterprises placed at the hubs: enterprise index and site index. */
  placed: Array<{ enterprise: number; hub: number }>;
  /** With channels: the channel options each zone is offered (indices into data.channels.options[zone]). */
  offered?: Array<{ zone: number; option: number }>;
  /** With channels: drop-off points open (indices into channels.dropOff.sites). */
  dropOffs?: number[];
  /** With regional centres: those open, and their sizes. */
  centres?: Array<{ centre: number; size: number }>;
}

export interface FixedHubsResult {
  plan: YearPlan;
  figures: YearFigures;
  /** Tonnes collected (with channels: captured by the zones' channels), stranded included. */
  collectedT: number;
  /** Supply of zones that no open hub can serve (coverage, pruning), tonnes per year. */
  strandedT: number;
  /** Tonnes received above capacity, summed over hubs, regional centres and drop-off points. */
  overCapacityT: number;
  /** Load / capacity of each open hub, in the order of `open`. */
  utilisation: number[];
  /** Load / capacity of each open regional centre, in the order of `centres`. */
  centreUtilisation: number[];
}

/**
 * Re-plans `year` with `fixed` hubs against `supplyT[z][s]`, that year's tonnes by zone and stream
 * (any zones[].supplyFactorByYear already applied; with channels, the available tonnes); prices
 * are the year's. Zones go, largest first, to the cheapest open hub in reach that still has room
 * (collection or their channels, handling and CO2 price per tonne); a zone that fits nowhere goes
 * to the open hub with the most room left, which then runs over capacity. Pure; never throws on
 * a feasible scenario.
 */
export function evaluateFixedHubs(data: SitingData, fixed: FixedHubs, supplyT: Float64Array[], year: number): FixedHubsResult {
  const s = data.scenario;
  const t = year - 1;
  const total = supplyT.map((row) => row.reduce((a, v) => a + v, 0));
  // supplyT is the year's own supply already. With channels the options' tonnes and costs scale
  // with the zone's participation (this supply ÷ the scenario's), so that factor stands in for
  // the year's, and the streams keep the sampled mix.
  const base = data.supplyT.map((row, z) => row.reduce((a, v) => a + v, 0) * data.supplyFactor[z][t]);
  const factor = total.map((v, z) => (data.channels && base[z] > 0 ? v / base[z] : 1));
  const d: SitingData = {
    ...data,
    supplyT: supplyT.map((row, z) => row.map((v) => v / (factor[z] || 1))),
    supplyFactor: data.supplyFactor.map((row, z) => row.map(() => factor[z])),
  };
  const co2Usd = s.policy.co2PriceUsdPerT / 1000;
  const sizeOf = new Map(fixed.open.map((o) => [o.hub, o.size]));
  const cap = (h: number): number => s.hubSites[h].sizes[sizeOf.get(h)!].capacityTPerYear;
  const room = new Map(fixed.open.map((o) => [o.hub, cap(o.hub)]));
  const optionsOf = s.zones.map(() => [] as number[]);
  for (const x of fixed.offered ?? []) optionsOf[x.zone].push(x.option);
  // What a zone brings (tonnes) and what it costs at its arc i (null: not there).
  const bring = (z: number): number => (data.channels ? optionsOf[z].reduce((a, o) => a + factor[z] * data.channels!.options[z][o].tonnes, 0) : total[z]);
  const perArc = (z: number, i: number): number | null => {
    const arc = data.arcs[z][i];
    const handling = bring(z) * s.hubSites[arc.hub].variableCostUsdPerT;
    if (!data.channels) return total[z] * (arc.costUsdPerT + arc.co2KgPerT * co2Usd) + handling;
    let usd = handling;
    for (const o of optionsOf[z]) {
      const opt = data.channels.options[z][o];
      const price = opt.byArc[i];
      if (!price) return null;
      usd += opt.fixedUsd + factor[z] * price.usd + (opt.fixedCo2Kg + factor[z] * price.co2Kg) * co2Usd;
    }
    return usd;
  };
  const order = total.map((_, z) => z).filter((z) => bring(z) > 0 && year >= data.joinYear[z]).sort((a, b) => bring(b) - bring(a) || a - b);

  const assign: YearPlan["assign"] = [];
  let strandedT = 0;
  for (const z of order) {
    const arcs = data.arcs[z]
      .map((a, i) => ({ hub: a.hub, cost: sizeOf.has(a.hub) ? perArc(z, i) : null }))
      .filter((a): a is { hub: number; cost: number } => a.cost !== null)
      .sort((a, b) => a.cost - b.cost || a.hub - b.hub);
    if (arcs.length === 0) {
      strandedT += bring(z);
      continue;
    }
    const fits = arcs.find((a) => room.get(a.hub)! >= bring(z) - 1e-9);
    const hub = fits?.hub ?? arcs.reduce((best, a) => (room.get(a.hub)! > room.get(best.hub)! ? a : best)).hub;
    room.set(hub, room.get(hub)! - bring(z));
    assign.push({ zone: z, hub, fraction: 1 });
  }
  const hubOf = new Map(assign.map((a) => [a.zone, a.hub]));
  const offered = data.channels ? (fixed.offered ?? []).filter((x) => hubOf.has(x.zone)).map((x) => ({ ...x, hub: hubOf.get(x.zone)! })) : undefined;
  const deliveries = yearDeliveries(d, { year, assign, offered });

  const H = s.hubSites.length;
  const load = Array.from({ length: H }, () => new Float64Array(s.streams.length));
  for (const dl of deliveries) dl.streamT.forEach((v, si) => (load[dl.hub][si] += v));

  // In-house processing where cheaper than buying it outside; enterprise-run steps within the
  // throughput of the enterprises placed at the hub, streams served in their order.
  const steps = s.processing?.steps ?? {};
  const inHouse: YearPlan["inHouse"] = [];
  const colocated: YearPlan["colocated"] = [];
  for (const { hub } of fixed.open) {
    const h = s.hubSites[hub];
    const left = new Map<number, number>();
    for (const p of data.enterpriseSteps) left.set(p, 0);
    for (const e of fixed.placed) if (e.hub === hub) {
      const p = PROCESS_STEPS.indexOf(s.enterprises[e.enterprise].processStep);
      left.set(p, (left.get(p) ?? 0) + s.enterprises[e.enterprise].throughputTPerYear);
    }
    s.streams.forEach((_, si) => {
      const done: number[] = [];
      data.streamSteps[si].forEach((p, i) => {
        const f = steps[PROCESS_STEPS[p]];
        const cheaper = (f?.inHouseCostUsdPerT ?? 0) < (f?.outsourceCostUsdPerT ?? 0);
        let t = h.processSteps.includes(PROCESS_STEPS[p]) && cheaper ? load[hub][si] : 0;
        if (left.has(p)) {
          t = Math.min(t, left.get(p)!);
          left.set(p, left.get(p)! - t);
        }
        done[i] = t;
        if (t > 0) inHouse.push({ hub, stream: si, step: i, tonnes: t });
        if (i > 0 && (s.processing?.colocationSavingUsdPerT ?? 0) > 0 && Math.min(done[i - 1], t) > 0)
          colocated.push({ hub, stream: si, step: i - 1, tonnes: Math.min(done[i - 1], t) });
      });
    });
  }

  // Materials out: best net value per tonne first, within each offer's maximum; the rest disposed.
  const sold: YearPlan["sold"] = [];
  const disposed: YearPlan["disposed"] = [];
  const taken = s.offtakers.map((o) => o.accepts.map(() => 0));
  for (const { hub } of fixed.open)
    s.materials.forEach((_, mi) => {
      let made = 0;
      s.streams.forEach((_, si) => (made += load[hub][si] * data.yieldT[si][mi]));
      const { sales, left } = sellMaterial(data, data.routes[hub], mi, made, taken, year);
      for (const x of sales) sold.push({ hub, ...x, material: mi });
      if (left > 0) disposed.push({ hub, material: mi, tonnes: left });
    });

  const regional = data.regional ? planFixedCentres(data, fixed.centres ?? [], load, taken, year) : undefined;
  const plan: YearPlan = {
    year, open: fixed.open, assign, placed: fixed.placed, inHouse, colocated, sold, disposed,
    ...(offered ? { offered, dropOffs: fixed.dropOffs ?? [] } : {}),
    ...(regional ? { centres: regional.centres } : {}),
  };
  const figures = evaluateYear(d, plan);
  const utilisation = fixed.open.map((o) => load[o.hub].reduce((a, v) => a + v, 0) / cap(o.hub));
  const over = (tonnes: number, capacity: number): number => Math.max(0, tonnes - capacity);
  let overCapacityT = fixed.open.reduce((a, o, i) => a + over(utilisation[i] * cap(o.hub), cap(o.hub)), 0);
  const centreCap = (fixed.centres ?? []).map((c) => data.regional!.centres[c.centre].sizes[c.size].capacityTPerYear);
  const centreUtilisation = (regional?.inflowT ?? []).map((v, k) => v / centreCap[k]);
  overCapacityT += (regional?.inflowT ?? []).reduce((a, v, k) => a + over(v, centreCap[k]), 0);
  const points = s.channels?.dropOff?.sites ?? [];
  const atPoint = new Float64Array(points.length);
  for (const dl of deliveries) if (dl.option >= 0 && data.channels!.options[dl.zone][dl.option].point >= 0) atPoint[data.channels!.options[dl.zone][dl.option].point] += dl.tonnes;
  atPoint.forEach((v, p) => (overCapacityT += over(v, points[p].capacityTPerYear)));
  const collectedT = deliveries.reduce((a, dl) => a + dl.tonnes, 0) + strandedT;
  return { plan, figures, collectedT, strandedT, overCapacityT, utilisation, centreUtilisation };
}
