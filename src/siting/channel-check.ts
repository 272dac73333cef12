// The independent checks of a plan's collection channels, against the scenario itself: each
// zone offered only channels it allows, at most once, its material going to the hub it is
// assigned; drop-off points open, within the households' trip and within capacity; capture
// targets per zone and overall; the channels' budget.
import { type ChannelKind, channelCaptureRate, decayedCaptureRate, type Scenario, type TravelMatrix, zoneAllowsChannel } from "../domain/index.js";
import { yearDeliveries } from "./deliveries.js";
import type { SitingData } from "./siting-data.js";
import type { YearPlan } from "./year-plan.js";

/** Violations of plan `p`'s channels (none when the scenario has no channels). */
export function checkChannelPlan(data: SitingData, road: TravelMatrix, p: YearPlan, over: (value: number, limit: number) => boolean): string[] {
  const s: Scenario = data.scenario;
  const c = s.channels;
  const ch = data.channels;
  if (!c || !ch) return [];
  const v: string[] = [];
  const yr = `year ${p.year}`;
  const idx = new Map(road.ids.map((id, i) => [id, i]));
  const km = (a: string, b: string): number => road.distanceKm[idx.get(a)! * road.ids.length + idx.get(b)!];
  const sites = c.dropOff?.sites ?? [];
  const hubOf = new Map(p.assign.map((a) => [a.zone, a.hub]));
  const kinds = new Map<string, number>();
  const captured = new Float64Array(s.zones.length);
  const atPoint = new Float64Array(sites.length);
  const open = new Set(p.dropOffs ?? []);
  let spent = [...open].reduce((a, pt) => a + sites[pt].fixedCostUsdPerYear, 0);
  const deliveries = yearDeliveries(data, p);
  deliveries.forEach((dl) => {
    const z = s.zones[dl.zone];
    const o = ch.options[dl.zone][dl.option];
    const kind: ChannelKind = o.kind;
    if (!zoneAllowsChannel(s, z, kind)) v.push(`${yr}: zone ${z.id} offered ${kind}, which it does not allow`);
    const key = `${dl.zone}:${kind}`;
    kinds.set(key, (kinds.get(key) ?? 0) + 1);
    if (hubOf.get(dl.zone) !== dl.hub) v.push(`${yr}: zone ${z.id}'s ${kind} goes to hub ${s.hubSites[dl.hub].id}, not to the zone's hub`);
    const base = channelCaptureRate(c, kind, z.captureRates);
    const rate = kind === "drop-off" ? decayedCaptureRate(base, km(z.id, sites[o.point].id), c.dropOff!.captureDecay) : base;
    const avail = data.supplyFactor[dl.zone][p.year - 1] * data.supplyT[dl.zone].reduce((a, x) => a + x, 0);
    if (Math.abs(dl.tonnes - rate * avail) > 1e-6 * Math.max(1, avail)) v.push(`${yr}: zone ${z.id}'s ${kind} brings ${dl.tonnes} t, not its capture rate × available (${rate * avail} t)`);
    captured[dl.zone] += dl.tonnes;
    spent += dl.costUsd;
    if (kind === "drop-off") {
      const pt = o.point;
      if (!open.has(pt)) v.push(`${yr}: zone ${z.id} uses drop-off point ${sites[pt].id}, which is not open`);
      if (over(km(z.id, sites[pt].id), c.dropOff!.maxTripKm)) v.push(`${yr}: zone ${z.id} uses drop-off point ${sites[pt].id} beyond ${c.dropOff!.maxTripKm} km`);
      atPoint[pt] += dl.tonnes;
    }
  });
  for (const [key, n] of kinds) if (n > 1) v.push(`${yr}: zone ${s.zones[Number(key.split(":")[0])].id} offered ${key.split(":")[1]} ${n} times`);
  sites.forEach((pt, i) => {
    if (over(atPoint[i], pt.capacityTPerYear)) v.push(`${yr}: drop-off point ${pt.id} takes ${atPoint[i]} t, above its ${pt.capacityTPerYear} t`);
  });
  let availAll = 0;
  s.zones.forEach((z, zi) => {
    if (p.year < z.joinYear) {
      if (captured[zi] > 0) v.push(`${yr}: zone ${z.id} collected before it joins`);
      return;
    }
    const avail = data.supplyFactor[zi][p.year - 1] * data.supplyT[zi].reduce((a, x) => a + x, 0);
    availAll += avail;
    const need = (z.minCaptureRate ?? 0) * avail;
    if (captured[zi] < need - 1e-6 * Math.max(1, need)) v.push(`${yr}: zone ${z.id} captures ${captured[zi]} t, below its target ${need} t`);
  });
  const total = captured.reduce((a, x) => a + x, 0);
  if (c.minCaptureRate !== undefined && total < c.minCaptureRate * availAll - 1e-6 * Math.max(1, availAll))
    v.push(`${yr}: channels capture ${total} t, below the overall target ${c.minCaptureRate * availAll} t`);
  if (c.budgetUsdPerYear !== undefined && over(spent, c.budgetUsdPerYear)) v.push(`${yr}: channels cost ${spent} USD, above their budget ${c.budgetUsdPerYear} USD`);
  return v;
}
