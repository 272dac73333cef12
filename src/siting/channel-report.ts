// The plan's collection channels in planner's words: per zone, every channel it may be offered
// with its capture, cost per tonne and CO2 at the zone's hub, whether it was chosen and why (cost
// against capture); the drop-off points opened; and tonnes, devices, cost and CO2 per channel.
import { CHANNEL_KINDS, type Kpis, type Plan } from "../domain/index.js";
import type { ChannelOption } from "./channel-data.js";
import { yearDeliveries } from "./deliveries.js";
import type { SitingData } from "./siting-data.js";
import type { YearPlan } from "./year-plan.js";

type ZoneChannels = NonNullable<Plan["siting"]["channels"]>[number];

export interface ChannelReport {
  zones: ZoneChannels[];
  dropOffs: NonNullable<Plan["siting"]["dropOffs"]>;
  totals: NonNullable<Kpis["channels"]>;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const usd = (x: number): string => `$${Math.round(x).toLocaleString("en-US")}`;

/** The channels of plan `p` (one year). */
export function buildChannelReport(data: SitingData, p: YearPlan): ChannelReport {
  const s = data.scenario;
  const ch = data.channels!;
  const sites = s.channels?.dropOff?.sites ?? [];
  const t = p.year - 1;
  const deliveries = yearDeliveries(data, p);
  const unitsOf = (zone: number, rate: number): number => data.unitsPerYear[zone].reduce((a, u) => a + u, 0) * rate * data.supplyFactor[zone][t];
  const totals: ChannelReport["totals"] = Object.fromEntries(CHANNEL_KINDS.map((k) => [k, { tonnesPerYear: 0, unitsPerYear: 0, costUsdPerYear: 0, co2TPerYear: 0, zones: 0 }]));
  for (const dl of deliveries) {
    const o = ch.options[dl.zone][dl.option];
    const row = totals[o.kind];
    row.tonnesPerYear += dl.tonnes;
    row.unitsPerYear += unitsOf(dl.zone, o.rate);
    row.costUsdPerYear += dl.costUsd;
    row.co2TPerYear += dl.co2Kg / 1000;
    row.zones++;
  }
  const atPoint = new Float64Array(sites.length);
  for (const dl of deliveries) {
    const o = ch.options[dl.zone][dl.option];
    if (o.point >= 0) atPoint[o.point] += dl.tonnes;
  }
  const dropOffs = (p.dropOffs ?? []).map((pt) => {
    totals["drop-off"].costUsdPerYear += sites[pt].fixedCostUsdPerYear;
    return { id: sites[pt].id, name: sites[pt].name, location: sites[pt].location, tonnesPerYear: atPoint[pt], capacityTPerYear: sites[pt].capacityTPerYear, fixedCostUsdPerYear: sites[pt].fixedCostUsdPerYear };
  });
  const open = new Set(p.dropOffs ?? []);

  const zones = s.zones.flatMap((z, zi): ZoneChannels[] => {
    if (p.year < z.joinYear || ch.options[zi].length === 0) return [];
    const hub = p.assign.find((a) => a.zone === zi)?.hub;
    // Unserved zones are priced at their cheapest admissible hub for each option.
    const priceAt = (o: ChannelOption): { usd: number; co2Kg: number; note: string } | null => {
      const f = data.supplyFactor[zi][t];
      const at = (i: number) => (o.byArc[i] ? { usd: o.fixedUsd + f * o.byArc[i]!.usd, co2Kg: o.fixedCo2Kg + f * o.byArc[i]!.co2Kg, note: o.byArc[i]!.note } : null);
      if (hub !== undefined) return at(data.arcs[zi].findIndex((r) => r.hub === hub));
      return data.arcs[zi].map((_, i) => at(i)).reduce<ReturnType<typeof at>>((b, x) => (x && (!b || x.usd < b.usd) ? x : b), null);
    };
    const chosen = new Set(deliveries.filter((d) => d.zone === zi).map((d) => d.option));
    const f = data.supplyFactor[zi][t];
    const avail = f * data.supplyT[zi].reduce((a, v) => a + v, 0);
    const rows = ch.options[zi].map((o, oi) => {
      const price = priceAt(o);
      const tonnes = f * o.tonnes;
      const cost = price ? price.usd : Infinity;
      return { o, oi, tonnes, cost, perT: tonnes > 0 ? cost / tonnes : Infinity, co2: price ? price.co2Kg : Infinity, note: price?.note ?? "cannot reach the zone's hub" };
    });
    const picked = rows.filter((r) => chosen.has(r.oi));
    const captured = picked.reduce((a, r) => a + r.tonnes, 0);
    const target = Math.max(z.minCaptureRate ?? 0, 0);
    const options = rows.map((r) => {
      const cheaperPicked = picked.filter((q) => q !== r && q.perT < r.perT);
      const cheapest = rows.every((q) => q === r || q.perT >= r.perT);
      const label = (q: (typeof rows)[number]) => `${q.o.kind} ${usd(q.perT)}/t`;
      let reason: string;
      if (chosen.has(r.oi))
        reason = cheapest
          ? `cheapest per tonne of the zone's ${rows.length} channel options (${usd(r.perT)}/t, captures ${pct(r.o.rate)})`
          : `adds ${pct(r.o.rate)} capture at ${usd(r.perT)}/t: ${cheaperPicked.length > 0 ? `cheaper channels chosen (${cheaperPicked.map(label).join(", ")}) capture ${pct(cheaperPicked.reduce((a, q) => a + q.o.rate, 0))}` : "no cheaper channel was chosen here"}; the ${target > 0 ? `zone's target is ${pct(target)}` : `overall target is ${pct(s.channels?.minCaptureRate ?? 0)}`}`;
      else if (r.o.point >= 0 && !open.has(r.o.point) && picked.some((q) => q.perT > r.perT))
        reason = `${usd(r.perT)}/t is cheaper than a chosen channel, but opening point ${sites[r.o.point].id} costs ${usd(sites[r.o.point].fixedCostUsdPerYear)} a year`;
      else if (picked.some((q) => q.perT > r.perT))
        reason = `${usd(r.perT)}/t is cheaper per tonne than the chosen ${picked.filter((q) => q.perT > r.perT).map(label).join(", ")}, but it comes whole: its ${pct(r.o.rate)} costs ${usd(r.cost)} a year, more than the smaller channels that close the gap to the target (or capacity or the budget rule it out)`;
      else if (picked.length > 0)
        reason = `dearer (${usd(r.perT)}/t) than the chosen ${picked.map(label).join(", ")}, and the capture target is met without its ${pct(r.o.rate)}`;
      else reason = `not needed: ${usd(r.perT)}/t for ${pct(r.o.rate)} capture, and the capture targets are met without this zone`;
      return {
        channel: r.o.kind,
        ...(r.o.point >= 0 ? { dropOffId: sites[r.o.point].id } : {}),
        captureRate: r.o.rate,
        tonnesPerYear: r.tonnes,
        unitsPerYear: unitsOf(zi, r.o.rate),
        costUsdPerYear: r.cost,
        costUsdPerT: r.perT,
        co2TPerYear: r.co2 / 1000,
        chosen: chosen.has(r.oi),
        reason,
        detail: r.note,
      };
    });
    return [
      {
        zoneId: z.id,
        ...(hub !== undefined ? { hubId: s.hubSites[hub].id } : {}),
        availableTPerYear: avail,
        capturedTPerYear: captured,
        captureRate: avail > 0 ? captured / avail : 0,
        ...(z.minCaptureRate !== undefined ? { minCaptureRate: z.minCaptureRate } : {}),
        options,
      },
    ];
  });
  for (const k of CHANNEL_KINDS) if (!data.channels!.options.some((os) => os.some((o) => o.kind === k))) delete totals[k];
  return { zones, dropOffs, totals };
}
