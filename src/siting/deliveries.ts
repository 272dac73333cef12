// What reaches each hub in a planning year, zone by zone: the zone's assigned share of its
// supply (routes), or with channels each chosen channel option's capture — with the collection
// cost and CO2 that bring it there. Evaluation, polishing, the report and the checker all read
// the plan's tonnes through here, so they agree on them.
import type { SitingData } from "./siting-data.js";
import type { YearPlan } from "./year-plan.js";

export interface Delivery {
  zone: number;
  hub: number;
  /** Index into data.channels.options[zone], or −1 without channels. */
  option: number;
  /** Tonnes of each stream delivered this year. */
  streamT: Float64Array;
  tonnes: number;
  /** Collection (or channel) cost and CO2 of bringing it to the hub this year. */
  costUsd: number;
  co2Kg: number;
}

/** Deliveries of plan `p` (its year's supply factors applied). */
export function yearDeliveries(data: SitingData, p: Pick<YearPlan, "year" | "assign" | "offered">): Delivery[] {
  const t = p.year - 1;
  if (!data.channels)
    return p.assign.map((as) => {
      const f = data.supplyFactor[as.zone][t] * as.fraction;
      const streamT = data.supplyT[as.zone].map((v) => v * f);
      const tonnes = streamT.reduce((x, v) => x + v, 0);
      const arc = data.arcs[as.zone].find((r) => r.hub === as.hub);
      return { zone: as.zone, hub: as.hub, option: -1, streamT, tonnes, costUsd: arc ? tonnes * arc.costUsdPerT : 0, co2Kg: arc ? tonnes * arc.co2KgPerT : 0 };
    });
  const ch = data.channels;
  return (p.offered ?? []).map((x) => {
    const o = ch.options[x.zone][x.option];
    const f = data.supplyFactor[x.zone][t];
    const i = data.arcs[x.zone].findIndex((r) => r.hub === x.hub);
    const price = i >= 0 ? o.byArc[i] : null;
    const streamT = data.supplyT[x.zone].map((v) => v * f * o.rate);
    return {
      zone: x.zone,
      hub: x.hub,
      option: x.option,
      streamT,
      tonnes: f * o.tonnes,
      costUsd: price ? o.fixedUsd + f * price.usd : Infinity,
      co2Kg: price ? o.fixedCo2Kg + f * price.co2Kg : Infinity,
    };
  });
}
