// A plan's hubs held fixed under another supply: zones re-assigned greedily to the open hubs
// (capacity from the plan's sizes), process steps in-house where the placed enterprises have
// room and it is cheaper, each material sold at its best outlet (offtaker maxima respected) or
// disposed of, and the whole priced by evaluateYear — the same figures a solved plan reports.
import { PROCESS_STEPS, UrbanmineError } from "../domain/index.js";
import { evaluateYear, type YearFigures } from "./evaluate.js";
import { offerPrice, type SitingData } from "./siting-data.js";
import type { YearPlan } from "./year-plan.js";

export interface FixedHubs {
  /** Open hubs: site index and size index. */
  open: Array<{ hub: number; size: number }>;
  /** Enterprises placed at the hubs: enterprise index and site index. */
  placed: Array<{ enterprise: number; hub: number }>;
}

export interface FixedHubsResult {
  plan: YearPlan;
  figures: YearFigures;
  /** Supply of zones that no open hub can serve (coverage, pruning), tonnes per year. */
  strandedT: number;
  /** Tonnes received above each hub's capacity, summed over hubs. */
  overCapacityT: number;
  /** Load / capacity of each open hub, in the order of `open`. */
  utilisation: number[];
}

/**
 * Re-plans `year` with `fixed` hubs against `supplyT[z][s]`, that year's tonnes by zone and stream
 * (any zones[].supplyFactorByYear already applied); prices are the year's.
 * Zones go, largest first, to the cheapest open hub in reach that still has room (collection,
 * handling and CO2 price per tonne); a zone that fits nowhere goes to the open hub with the most
 * room left, which then runs over capacity. Pure; never throws on a feasible scenario.
 * @throws UrbanmineError INVALID_INPUT for a scenario with collection channels or regional centres (not modelled here).
 */
export function evaluateFixedHubs(data: SitingData, fixed: FixedHubs, supplyT: Float64Array[], year: number): FixedHubsResult {
  const s = data.scenario;
  if (data.channels) throw new UrbanmineError("INVALID_INPUT", "channels: re-planning fixed hubs under another supply (stress) does not model collection channels yet; remove `channels` to stress the hubs alone");
  if (data.regional) throw new UrbanmineError("INVALID_INPUT", "regional: re-planning fixed hubs under another supply (stress) does not model regional centres yet");
  // supplyT is the year's own supply already: no yearly factor on top of it
  const d: SitingData = { ...data, supplyT, supplyFactor: data.supplyFactor.map((row) => row.map(() => 1)) };
  const co2Usd = s.policy.co2PriceUsdPerT / 1000;
  const sizeOf = new Map(fixed.open.map((o) => [o.hub, o.size]));
  const cap = (h: number): number => s.hubSites[h].sizes[sizeOf.get(h)!].capacityTPerYear;
  const room = new Map(fixed.open.map((o) => [o.hub, cap(o.hub)]));
  const total = supplyT.map((row) => row.reduce((a, v) => a + v, 0));
  const order = total.map((_, z) => z).filter((z) => total[z] > 0 && year >= data.joinYear[z]).sort((a, b) => total[b] - total[a] || a - b);

  const assign: YearPlan["assign"] = [];
  let strandedT = 0;
  for (const z of order) {
    const arcs = data.arcs[z]
      .filter((a) => sizeOf.has(a.hub))
      .map((a) => ({ hub: a.hub, perT: a.costUsdPerT + s.hubSites[a.hub].variableCostUsdPerT + a.co2KgPerT * co2Usd }))
      .sort((a, b) => a.perT - b.perT || a.hub - b.hub);
    if (arcs.length === 0) {
      strandedT += total[z];
      continue;
    }
    const fits = arcs.find((a) => room.get(a.hub)! >= total[z] - 1e-9);
    const hub = fits?.hub ?? arcs.reduce((best, a) => (room.get(a.hub)! > room.get(best.hub)! ? a : best)).hub;
    room.set(hub, room.get(hub)! - total[z]);
    assign.push({ zone: z, hub, fraction: 1 });
  }

  const H = s.hubSites.length;
  const load = Array.from({ length: H }, () => new Float64Array(s.streams.length));
  for (const a of assign) supplyT[a.zone].forEach((v, si) => (load[a.hub][si] += v));

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
    s.materials.forEach((m, mi) => {
      let made = 0;
      s.streams.forEach((_, si) => (made += load[hub][si] * data.yieldT[si][mi]));
      if (made <= 0) return;
      const outlets = s.offtakers
        .flatMap((o, oi) =>
          o.accepts.flatMap((offer, j) =>
            offer.material !== m.id
              ? []
              : data.routes[hub][oi].map((r, ri) => ({ oi, j, ri, value: offerPrice(offer, year) - r.costUsdPerT - r.co2KgPerT * co2Usd })),
          ),
        )
        .filter((x) => x.value > -s.policy.disposalCostUsdPerT)
        .sort((a, b) => b.value - a.value);
      for (const x of outlets) {
        if (made <= 0) break;
        const max = s.offtakers[x.oi].accepts[x.j].maxTPerYear ?? Infinity;
        const t = Math.min(made, max - taken[x.oi][x.j]);
        if (t <= 0) continue;
        taken[x.oi][x.j] += t;
        made -= t;
        sold.push({ hub, offtaker: x.oi, offer: x.j, material: mi, route: x.ri, tonnes: t });
      }
      if (made > 0) disposed.push({ hub, material: mi, tonnes: made });
    });

  const plan: YearPlan = { year, open: fixed.open, assign, placed: fixed.placed, inHouse, colocated, sold, disposed };
  const figures = evaluateYear(d, plan);
  const utilisation = fixed.open.map((o) => load[o.hub].reduce((a, v) => a + v, 0) / cap(o.hub));
  const overCapacityT = fixed.open.reduce((a, o, i) => a + Math.max(0, (utilisation[i] - 1) * cap(o.hub)), 0);
  return { plan, figures, strandedT, overCapacityT, utilisation };
}
