// What each zone hands in: devices per year by stream, from explicit counts or from population.
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
