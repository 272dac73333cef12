// What each zone hands in: devices per year by stream, from explicit counts or from population.
import { channelCaptureRate, definedChannels } from "./channels.js";
import type { Scenario } from "./scenario.js";
import type { Zone } from "./sites.js";

/**
 * Devices collected per year in `zone`, by stream id.
 * Explicit `unitsPerYear` wins; otherwise population × kg per capita × collection rate × the
 * stream's mass share ÷ its unit mass.
 */
export function zoneUnitsPerYear(scenario: Scenario, zone: Zone): Record<string, number> {
  const out: Record<string, number> = {};
  for (const st of scenario.streams) out[st.id] = 0;
  if (zone.unitsPerYear) {
    for (const [k, v] of Object.entries(zone.unitsPerYear)) out[k] = v;
    return out;
  }
  const g = scenario.generation;
  if (!g || zone.population === undefined) return out;
  const kg = zone.population * g.kgPerCapitaYear * g.collectionRate;
  for (const st of scenario.streams) out[st.id] = (kg * (st.massShare ?? 0)) / st.unitMassKg;
  return out;
}

/**
 * Devices available per year in `zone` when the scenario defines collection channels: explicit
 * `unitsPerYear`, or population × kg per capita × the stream's mass share ÷ its unit mass — the
 * generated devices, before any collection rate (the channels' capture rates take its place).
 */
export function zoneAvailableUnitsPerYear(scenario: Scenario, zone: Zone): Record<string, number> {
  const g = scenario.generation;
  if (zone.unitsPerYear || !g) return zoneUnitsPerYear(scenario, zone);
  return zoneUnitsPerYear({ ...scenario, generation: { ...g, collectionRate: 1 } }, zone);
}

/** Whether channel `kind` may be offered in `zone`: defined by the scenario and allowed by the zone. */
export function zoneAllowsChannel(scenario: Scenario, zone: Zone, kind: ReturnType<typeof definedChannels>[number]): boolean {
  const c = scenario.channels;
  return !!c && definedChannels(c).includes(kind) && (zone.channels ?? [kind]).includes(kind);
}

/**
 * The scenario as the carriers' routes see it when it defines channels: each zone (of `only`,
 * when given, else every zone allowing curbside) hands in its curbside capture — available
 * devices × curbside capture rate — and the other zones nothing. Without channels: unchanged.
 */
export function curbsideScenario(scenario: Scenario, only?: ReadonlySet<string>): Scenario {
  const c = scenario.channels;
  if (!c) return scenario;
  const zones = scenario.zones.map((z) => {
    const on = zoneAllowsChannel(scenario, z, "curbside") && (!only || only.has(z.id));
    const rate = on ? channelCaptureRate(c, "curbside", z.captureRates) : 0;
    const units = Object.fromEntries(Object.entries(zoneAvailableUnitsPerYear(scenario, z)).map(([k, v]) => [k, v * rate]));
    return { ...z, unitsPerYear: units };
  });
  return { ...scenario, zones };
}

/** Mass and volume of a set of device counts by stream: [kg, m³]. */
export function unitsLoad(scenario: Scenario, units: Record<string, number>): [number, number] {
  let kg = 0;
  let m3 = 0;
  for (const st of scenario.streams) {
    const n = units[st.id] ?? 0;
    kg += n * st.unitMassKg;
    m3 += n * st.unitVolumeM3;
  }
  return [kg, m3];
}

/** A zone's average daily supply by stream: yearly collection ÷ working days. */
export function zoneUnitsPerDay(scenario: Scenario, zone: Zone): Record<string, number> {
  const perDay: Record<string, number> = {};
  for (const [k, v] of Object.entries(zoneUnitsPerYear(scenario, zone))) perDay[k] = v / scenario.policy.workingDaysPerYear;
  return perDay;
}

/**
 * How many requests a load of [kg, m³] is split into so that none carries more than half the
 * largest vehicle (leaving the router room to combine stops).
 */
export function requestParts(scenario: Scenario, kg: number, m3: number): number {
  const vehicles = scenario.carriers.flatMap((c) => c.vehicles);
  const maxKg = Math.max(...vehicles.map((v) => v.capacityKg));
  const maxM3 = Math.max(...vehicles.map((v) => v.capacityM3));
  return Math.max(1, Math.ceil(Math.max(kg / (0.5 * maxKg), m3 / (0.5 * maxM3))));
}

/** Seconds on site at a zone's consolidated collection point (one stop of its average day). */
export const DAY_STOP_SERVICE_S = 600;

/** Seconds a vehicle needs to unload at a hub. */
export const HUB_UNLOAD_S = 900;

/** One collection stop of a zone's average day: devices by stream, hazardous streams apart. */
export interface ZoneDayStop {
  /** "" or "-hz", then "-<tags>" for tagged streams, then "-<part>" when the day is split into parts. */
  suffix: string;
  units: Record<string, number>;
  hazardous: boolean;
  /** Tags of its streams (streams[].tags), sorted; empty without. */
  tags: string[];
}

/**
 * A zone's average day (annual supply ÷ working days) as collection stops: hazardous streams
 * apart from the rest (a certified vehicle collects them), streams with different tags apart
 * (incompatibleTags may keep them off one vehicle), and each group split into equal parts
 * so that no stop carries more than half the largest vehicle (room for the router to combine).
 * The routing stage's day and the siting stage's route-based collection cost share this rule.
 */
export function zoneDayStops(scenario: Scenario, zone: Zone): ZoneDayStop[] {
  const perDay = zoneUnitsPerDay(scenario, zone);
  const [kg, m3] = unitsLoad(scenario, perDay);
  if (kg <= 0) return [];
  const parts = requestParts(scenario, kg, m3);
  const groups = new Map<string, { units: Record<string, number>; hazardous: boolean; tags: string[] }>();
  for (const st of scenario.streams) {
    const v = perDay[st.id] ?? 0;
    const tags = [...new Set(st.tags ?? [])].sort();
    const key = `${st.hazardous ? "-hz" : ""}${tags.length > 0 ? `-${tags.join("+")}` : ""}`;
    const g = groups.get(key) ?? { units: {}, hazardous: st.hazardous, tags };
    g.units[st.id] = v;
    groups.set(key, g);
  }
  const out: ZoneDayStop[] = [];
  // the untagged, non-hazardous group first (it always exists as before), then the others by key
  const keys = [...groups.keys()].filter((k) => k === "" || Object.values(groups.get(k)!.units).some((v) => v > 0)).sort();
  for (const key of keys) {
    const g = groups.get(key)!;
    for (let p = 0; p < parts; p++) {
      const share: Record<string, number> = {};
      for (const [k, v] of Object.entries(g.units)) share[k] = v / parts;
      out.push({ suffix: `${key}${parts > 1 ? `-${p + 1}` : ""}`, units: share, hazardous: g.hazardous, tags: g.tags });
    }
  }
  return out;
}
