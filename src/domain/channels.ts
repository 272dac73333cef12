// Collection channels: how devices leave households — curbside or business pickup, drop-off
// points, mail-back parcels, collection events — each with its capture rate, costs and CO2.
// Sources of the default factors: docs/channels.md.
import { z } from "zod";
import { Id, Location, Source } from "./common.js";

export const CHANNEL_KINDS = ["curbside", "drop-off", "mail-back", "event"] as const;
export const ChannelKind = z.enum(CHANNEL_KINDS).describe("A collection channel");
export type ChannelKind = z.infer<typeof ChannelKind>;

const CaptureRate = z
  .number()
  .min(0)
  .max(1)
  .describe("Share of a zone's available devices (generated, before any collection rate) that come in through this channel when it is offered (0..1)");

export const HouseholdTrip = z
  .object({
    kgPerTrip: z.number().positive().describe("Device mass a household brings per trip, kg"),
    co2KgPerKm: z.number().nonnegative().describe("Car CO2 per km driven, kg"),
    dedicatedShare: z.number().min(0).max(1).default(1).describe("Share of trips made only to hand devices in (the rest are combined with other errands and charged nothing)"),
    counted: z.boolean().default(true).describe("Count households' trips in the plan's CO2 (their cost is the households' own and never counted)"),
    source: Source.optional(),
  })
  .describe("Households' own trips to a drop-off point or an event");
export type HouseholdTrip = z.infer<typeof HouseholdTrip>;

export const DropOffSite = z
  .object({
    id: Id,
    name: z.string().optional().describe("Display name, e.g. a library or a retailer"),
    location: Location,
    fixedCostUsdPerYear: z.number().nonnegative().describe("Annual cost of running the point (bins, staff time, rent), USD"),
    capacityTPerYear: z.number().positive().describe("Most tonnes a year it can take in"),
    source: Source.optional(),
  })
  .describe("A candidate drop-off point the plan may open");
export type DropOffSite = z.infer<typeof DropOffSite>;

export const CaptureDecay = z
  .object({
    perKm: z.number().nonnegative().optional().describe("Exponential decay: a point d km (road) from the zone captures captureRate × e^(−perKm × d)"),
    bands: z
      .array(z.object({ upToKm: z.number().positive().describe("Upper limit of the band, km (road, zone to point)"), factor: z.number().min(0).max(1).describe("Share of captureRate a point in this band captures (0..1)") }))
      .min(1)
      .optional()
      .describe("Distance bands, ascending: a point captures captureRate × the factor of the first band that holds its distance; beyond the last band it is not offered"),
    source: Source.optional(),
  })
  .describe("How a drop-off point's capture falls with the zone's distance to it: give perKm or bands (docs/channels.md)");
export type CaptureDecay = z.infer<typeof CaptureDecay>;

export const ParcelTariff = z
  .object({
    weightBandsKg: z.array(z.number().positive()).min(1).describe("Upper limits of the weight bands, kg, ascending"),
    distanceZonesKm: z.array(z.number().positive()).min(1).describe("Upper limits of the distance zones, km (road, zone to hub), ascending"),
    priceUsd: z.array(z.array(z.number().nonnegative()).min(1)).min(1).describe("Price of one parcel, USD: one row per weight band, one column per distance zone"),
    source: Source.optional(),
  })
  .describe("A parcel tariff: price per parcel by weight band × distance zone");
export type ParcelTariff = z.infer<typeof ParcelTariff>;

export const Channels = z
  .object({
    curbside: z
      .object({ captureRate: CaptureRate, source: Source.optional() })
      .optional()
      .describe("Scheduled curbside or business pickup: the carriers' routes, priced as in docs/siting-model.md"),
    dropOff: z
      .object({
        captureRate: CaptureRate,
        sites: z.array(DropOffSite).min(1),
        maxTripKm: z.number().positive().default(15).describe("A zone may use only drop-off points within this road distance, km"),
        captureDecay: CaptureDecay.optional().describe("Capture falling with the distance to the point; omitted: every point within maxTripKm captures captureRate"),
        haulCostUsdPerTKm: z.number().nonnegative().optional().describe("Cost of hauling a drop-off point's bins to the hub, USD per tonne-km; omitted: transport.road"),
        householdTrip: HouseholdTrip,
        source: Source.optional(),
      })
      .optional()
      .describe("Drop-off points (retailers, libraries, municipal sites) the plan may open; households bring devices there and the bins are hauled to the zone's hub"),
    mailBack: z
      .object({
        captureRate: CaptureRate,
        parcelKg: z.number().positive().describe("Average parcel mass, kg (devices a household sends at once)"),
        tariff: ParcelTariff,
        co2KgPerTKm: z.number().nonnegative().describe("Parcel network CO2 per tonne-km, zone to hub"),
        source: Source.optional(),
      })
      .optional()
      .describe("Prepaid mail-back labels: parcels delivered to the hub by a parcel carrier, without routing"),
    event: z
      .object({
        captureRate: CaptureRate,
        eventsPerYear: z.number().int().min(1).describe("Collection events held in a zone per year"),
        costUsdPerEvent: z.number().nonnegative().describe("Cost of one event day (staff, site, truck), USD"),
        co2KgPerEvent: z.number().nonnegative().default(0).describe("CO2 of running one event (generator, staff travel), kg"),
        tripKm: z.number().nonnegative().describe("One-way distance a household drives to the event, km"),
        householdTrip: HouseholdTrip,
        source: Source.optional(),
      })
      .optional()
      .describe("Collection events in the zone; what they gather is trucked to the hub at transport.road"),
    minCaptureRate: z.number().min(0).max(1).optional().describe("Least share of all zones' available devices the plan must capture (overall target)"),
    budgetUsdPerYear: z.number().nonnegative().optional().describe("Cap on what the channels cost a year (routes, parcels, events, drop-off points and their hauls), USD"),
    source: Source.optional(),
  })
  .describe("Collection channels the plan may offer; omitted: every zone's supply is collected by the carriers' routes as before");
export type Channels = z.infer<typeof Channels>;

/** Which channels a scenario defines, in CHANNEL_KINDS order. */
export function definedChannels(c: Channels): ChannelKind[] {
  const has: Record<ChannelKind, boolean> = { curbside: !!c.curbside, "drop-off": !!c.dropOff, "mail-back": !!c.mailBack, event: !!c.event };
  return CHANNEL_KINDS.filter((k) => has[k]);
}

/** Capture rate of channel `kind` in a zone: the zone's own rate, else the channel's. */
export function channelCaptureRate(c: Channels, kind: ChannelKind, zoneRates?: Partial<Record<ChannelKind, number>>): number {
  const own = zoneRates?.[kind];
  if (own !== undefined) return own;
  const ch = kind === "curbside" ? c.curbside : kind === "drop-off" ? c.dropOff : kind === "mail-back" ? c.mailBack : c.event;
  return ch?.captureRate ?? 0;
}

/**
 * Capture rate of drop-off point at `km` (road, zone to point) for a zone whose undecayed drop-off
 * rate is `rate`: rate × e^(−perKm·km), or rate × the factor of the first band holding `km` (0
 * beyond the last band); `rate` itself without a decay.
 */
export function decayedCaptureRate(rate: number, km: number, decay: CaptureDecay | undefined): number {
  if (!decay) return rate;
  if (decay.bands) return rate * (decay.bands.find((b) => km <= b.upToKm)?.factor ?? 0);
  return rate * Math.exp(-(decay.perKm ?? 0) * km);
}

/** Price of one parcel of `kg` sent `km`: the first band and zone that hold it; Infinity beyond the table. */
export function parcelPriceUsd(t: ParcelTariff, kg: number, km: number): number {
  const band = t.weightBandsKg.findIndex((w) => kg <= w);
  const zone = t.distanceZonesKm.findIndex((d) => km <= d);
  if (band < 0 || zone < 0) return Infinity;
  return t.priceUsd[band][zone];
}

/** Cross-checks of the channels against the zones: what the schema cannot express. */
export function checkChannels(s: { channels?: Channels; zones: Array<{ channels?: ChannelKind[]; captureRates?: Partial<Record<ChannelKind, number>>; minCaptureRate?: number }> }): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  const c = s.channels;
  if (!c) {
    s.zones.forEach((z, i) => {
      if (z.channels || z.captureRates || z.minCaptureRate !== undefined)
        out.push({ path: `zones[${i}]`, message: "channels, captureRates and minCaptureRate need the scenario's `channels` block" });
    });
    return out;
  }
  const defined = new Set(definedChannels(c));
  if (defined.size === 0) out.push({ path: "channels", message: "define at least one of curbside, dropOff, mailBack, event" });
  const t = c.mailBack?.tariff;
  if (t) {
    const ascending = (xs: number[]): boolean => xs.every((x, i) => i === 0 || x > xs[i - 1]);
    if (!ascending(t.weightBandsKg)) out.push({ path: "channels.mailBack.tariff.weightBandsKg", message: "must be ascending" });
    if (!ascending(t.distanceZonesKm)) out.push({ path: "channels.mailBack.tariff.distanceZonesKm", message: "must be ascending" });
    if (t.priceUsd.length !== t.weightBandsKg.length) out.push({ path: "channels.mailBack.tariff.priceUsd", message: `has ${t.priceUsd.length} rows, expected one per weight band (${t.weightBandsKg.length})` });
    t.priceUsd.forEach((row, i) => {
      if (row.length !== t.distanceZonesKm.length)
        out.push({ path: `channels.mailBack.tariff.priceUsd[${i}]`, message: `has ${row.length} prices, expected one per distance zone (${t.distanceZonesKm.length})` });
    });
    if (c.mailBack && c.mailBack.parcelKg > t.weightBandsKg[t.weightBandsKg.length - 1])
      out.push({ path: "channels.mailBack.parcelKg", message: `${c.mailBack.parcelKg} kg is above the heaviest weight band (${t.weightBandsKg[t.weightBandsKg.length - 1]} kg)` });
  }
  const decay = c.dropOff?.captureDecay;
  if (decay) {
    if ((decay.perKm === undefined) === (decay.bands === undefined))
      out.push({ path: "channels.dropOff.captureDecay", message: "give exactly one of perKm (exponential) or bands" });
    decay.bands?.forEach((b, i) => {
      if (i > 0 && !(b.upToKm > decay.bands![i - 1].upToKm)) out.push({ path: `channels.dropOff.captureDecay.bands[${i}].upToKm`, message: "bands must be ascending" });
    });
  }
  const seen = new Set<string>();
  c.dropOff?.sites.forEach((d, i) => {
    if (seen.has(d.id)) out.push({ path: `channels.dropOff.sites[${i}].id`, message: `duplicate id '${d.id}'` });
    seen.add(d.id);
  });
  s.zones.forEach((z, i) => {
    const allowed = z.channels ?? [...defined];
    (z.channels ?? []).forEach((k, j) => {
      if (!defined.has(k)) out.push({ path: `zones[${i}].channels[${j}]`, message: `channel '${k}' is not defined in \`channels\` (defined: ${[...defined].join(", ")})` });
    });
    const reach = allowed.filter((k) => defined.has(k)).reduce((a, k) => a + channelCaptureRate(c, k, z.captureRates), 0);
    if (reach > 1 + 1e-9) out.push({ path: `zones[${i}]`, message: `its channels' capture rates add up to ${reach.toFixed(3)}, more than 1 (a household uses one channel)` });
    if (z.minCaptureRate !== undefined && z.minCaptureRate > reach + 1e-9)
      out.push({ path: `zones[${i}].minCaptureRate`, message: `asks for ${z.minCaptureRate} but the zone's channels capture at most ${reach.toFixed(3)}` });
  });
  return out;
}
