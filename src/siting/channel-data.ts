// Collection channels indexed for the siting model: for every zone, the channel options it may
// be offered (curbside, each drop-off point within reach, mail-back, events), each with the share
// of the zone's available devices it captures and, for each hub the zone may use, what the option
// costs and emits a year. Prices follow each channel's own structure (docs/channels.md).
import {
  type ChannelKind,
  channelCaptureRate,
  type Channels,
  decayedCaptureRate,
  type HouseholdTrip,
  parcelPriceUsd,
  type Scenario,
  type TravelMatrix,
  UrbanmineError,
  zoneAllowsChannel,
} from "../domain/index.js";

/** One way of collecting from a zone. Costs and CO2 are per year at supply factor 1. */
export interface ChannelOption {
  kind: ChannelKind;
  /** Drop-off point (index into channels.dropOff.sites), −1 for the other channels. */
  point: number;
  /** Share of the zone's available devices captured. */
  rate: number;
  /** Tonnes a year captured (supply factor 1). */
  tonnes: number;
  /** Part of the cost that does not depend on the hub or on the year's supply (event days), USD/yr. */
  fixedUsd: number;
  fixedCo2Kg: number;
  /** byArc[i]: cost and CO2 that scale with the supply, when the zone's hub is its arc i; null where the option cannot reach that hub. */
  byArc: Array<{ usd: number; co2Kg: number; note: string } | null>;
}

export interface ChannelData {
  /** options[z]: the zone's channel options. */
  options: ChannelOption[][];
  /** minRate[z]: least captured share of the zone's available devices. */
  minRate: Float64Array;
  /** Overall least captured share, or undefined. */
  overallMinRate?: number;
  budgetUsdPerYear?: number;
}

/**
 * Channel options of every zone. `arcs[z]` are the zone's admissible hubs with the curbside cost
 * per curbside tonne already priced (by routes or flat per t-km); `availableT[z]` its available tonnes.
 * @throws UrbanmineError INVALID_INPUT when the road matrix lacks a drop-off point.
 */
export function buildChannelData(
  s: Scenario,
  road: TravelMatrix,
  roadIdx: Map<string, number>,
  availableT: Float64Array[],
  arcs: Array<Array<{ hub: number; distanceKm: number; costUsdPerT: number; co2KgPerT: number }>>,
): ChannelData {
  const c = s.channels as Channels;
  const n = road.ids.length;
  const km = (a: string, b: string): number => {
    const i = roadIdx.get(a);
    const j = roadIdx.get(b);
    if (i === undefined || j === undefined) throw new UrbanmineError("INVALID_INPUT", `the road travel matrix has no site '${i === undefined ? a : b}'; it must list every drop-off point`);
    return road.distanceKm[i * n + j];
  };
  const road$ = s.transport.road;
  const options = s.zones.map((z, zi) => {
    const avail = availableT[zi].reduce((a, v) => a + v, 0);
    const out: ChannelOption[] = [];
    const add = (kind: ChannelKind, point: number, fixedUsd: number, fixedCo2Kg: number, price: (tonnes: number, arc: (typeof arcs)[number][number]) => ChannelOption["byArc"][number], tripKm = 0): void => {
      // a drop-off point's capture falls with the zone's distance to it (captureDecay)
      const rate = decayedCaptureRate(channelCaptureRate(c, kind, z.captureRates), tripKm, kind === "drop-off" ? c.dropOff?.captureDecay : undefined);
      const tonnes = rate * avail;
      if (!zoneAllowsChannel(s, z, kind) || tonnes <= 0) return;
      const byArc = arcs[zi].map((arc) => price(tonnes, arc));
      if (byArc.some((x) => x !== null)) out.push({ kind, point, rate, tonnes, fixedUsd, fixedCo2Kg, byArc });
    };
    // Curbside: the route estimate of the zone's curbside day (arcs priced on the curbside scenario).
    add("curbside", -1, 0, 0, (t, arc) => ({ usd: t * arc.costUsdPerT, co2Kg: t * arc.co2KgPerT, note: `routes ${money(arc.costUsdPerT)}/t` }));
    const d = c.dropOff;
    if (d)
      d.sites.forEach((p, pi) => {
        const trip = km(z.id, p.id);
        if (!(trip <= d.maxTripKm)) return;
        const haul = d.haulCostUsdPerTKm ?? road$.costUsdPerTKm;
        add("drop-off", pi, 0, 0, (t, arc) => {
          const leg = km(p.id, s.hubSites[arc.hub].id);
          if (!Number.isFinite(leg)) return null;
          const cars = householdCo2Kg(d.householdTrip, t, 2 * trip);
          return { usd: t * leg * haul, co2Kg: t * leg * road$.co2KgPerTKm + cars, note: `point ${p.id} ${trip.toFixed(1)} km away, bins hauled ${leg.toFixed(1)} km` };
        }, trip);
      });
    const m = c.mailBack;
    if (m)
      add("mail-back", -1, 0, 0, (t, arc) => {
        const price = parcelPriceUsd(m.tariff, m.parcelKg, arc.distanceKm);
        if (!Number.isFinite(price)) return null;
        const parcels = (t * 1000) / m.parcelKg;
        return { usd: parcels * price, co2Kg: t * arc.distanceKm * m.co2KgPerTKm, note: `${Math.round(parcels)} parcels × ${money(price)}` };
      });
    const e = c.event;
    if (e)
      add("event", -1, e.eventsPerYear * e.costUsdPerEvent, e.eventsPerYear * e.co2KgPerEvent, (t, arc) => ({
        usd: t * arc.distanceKm * road$.costUsdPerTKm,
        co2Kg: t * arc.distanceKm * road$.co2KgPerTKm + householdCo2Kg(e.householdTrip, t, 2 * e.tripKm),
        note: `${e.eventsPerYear} events × ${money(e.costUsdPerEvent)}, trucked ${arc.distanceKm.toFixed(1)} km`,
      }));
    return out;
  });
  return {
    options,
    minRate: Float64Array.from(s.zones, (z) => z.minCaptureRate ?? 0),
    overallMinRate: c.minCaptureRate,
    budgetUsdPerYear: c.budgetUsdPerYear,
  };
}

/** Households' car CO2 for bringing `tonnes` on trips of `roundKm` (0 when not counted), kg. */
function householdCo2Kg(h: HouseholdTrip, tonnes: number, roundKm: number): number {
  if (!h.counted) return 0;
  return ((tonnes * 1000) / h.kgPerTrip) * h.dedicatedShare * roundKm * h.co2KgPerKm;
}

function money(v: number): string {
  return `$${v.toLocaleString("en-US", { maximumFractionDigits: 2 })}`;
}
