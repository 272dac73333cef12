// What one scenario may ask for: list sizes, populations and a day's requests far beyond any real
// city are refused at the boundary (with their JSON path), before a solve could run away with them.
import type { InputIssue } from "./errors.js";
import type { Scenario } from "./scenario.js";
import { requestParts, unitsLoad, zoneUnitsPerDay } from "./supply.js";

/** Bounds of one scenario; each is well above the largest city plan measured (bench: 2,000 zones, 150 sites, 3,000 pickups). */
export const LIMITS = {
  zones: 10_000,
  hubSites: 1_000,
  /** zones × candidate hub sites: the siting model's assignment variables. */
  zoneSitePairs: 2_000_000,
  enterprises: 10_000,
  offtakers: 1_000,
  terminals: 1_000,
  lanes: 10_000,
  carriers: 500,
  /** Vehicles over all carriers (sum of `count`). */
  vehicles: 5_000,
  pickups: 20_000,
  /** Transfers (each a pickup and a delivery on the day it rides). */
  transfers: 2_000,
  /** Requests routed on one day: the scenario's pickups of that day, or the zones' consolidated requests. */
  dayRequests: 5_000,
  /** Residents of one zone (the largest metropolitan areas hold about 40 million people). */
  zonePopulation: 50_000_000,
  /** Devices of one stream collected in one zone in a year. */
  zoneUnitsPerYear: 1_000_000_000,
} as const;

function atMost(out: InputIssue[], path: string, n: number, max: number, what: string): void {
  if (n > max) out.push({ path, message: `${n.toLocaleString("en-US")} ${what}; at most ${max.toLocaleString("en-US")} are accepted` });
}

/** Requests the routing stage would build for the busiest day of the scenario. */
export function busiestDayRequests(s: Scenario): { date: string; requests: number } {
  if (s.pickups) {
    const byDate = new Map<string, number>();
    let undated = 0;
    for (const p of s.pickups) {
      if (p.date) byDate.set(p.date, (byDate.get(p.date) ?? 0) + 1);
      else undated++;
    }
    let best = { date: "undated", requests: undated };
    for (const [date, n] of byDate) if (n + undated > best.requests) best = { date, requests: n + undated };
    return best;
  }
  const hazardous = new Set(s.streams.filter((st) => st.hazardous).map((st) => st.id));
  let requests = 0;
  for (const zone of s.zones) {
    if (zone.joinYear > 1) continue;
    const perDay = zoneUnitsPerDay(s, zone);
    const [kg, m3] = unitsLoad(s, perDay);
    if (!(kg > 0)) continue;
    const groups = Object.entries(perDay).some(([k, v]) => v > 0 && hazardous.has(k)) ? 2 : 1;
    requests += requestParts(s, kg, m3) * groups;
    if (!Number.isFinite(requests) || requests > LIMITS.dayRequests) break; // enough to refuse
  }
  return { date: "typical day", requests };
}

/** Every bound the scenario exceeds, with its JSON path. */
export function checkLimits(s: Scenario): InputIssue[] {
  const out: InputIssue[] = [];
  atMost(out, "zones", s.zones.length, LIMITS.zones, "zones");
  atMost(out, "hubSites", s.hubSites.length, LIMITS.hubSites, "candidate hub sites");
  atMost(out, "hubSites", s.zones.length * s.hubSites.length, LIMITS.zoneSitePairs, "zone × hub site pairs");
  atMost(out, "enterprises", s.enterprises.length, LIMITS.enterprises, "enterprises");
  atMost(out, "offtakers", s.offtakers.length, LIMITS.offtakers, "offtakers");
  atMost(out, "terminals", s.terminals.length, LIMITS.terminals, "terminals");
  atMost(out, "lanes", s.lanes.length, LIMITS.lanes, "lanes");
  atMost(out, "carriers", s.carriers.length, LIMITS.carriers, "carriers");
  atMost(out, "carriers", s.carriers.reduce((a, c) => a + c.vehicles.reduce((b, v) => b + v.count, 0), 0), LIMITS.vehicles, "vehicles");
  atMost(out, "pickups", s.pickups?.length ?? 0, LIMITS.pickups, "pickups");
  atMost(out, "transfers", s.transfers?.length ?? 0, LIMITS.transfers, "transfers");
  s.zones.forEach((z, i) => {
    if (z.population !== undefined) atMost(out, `zones[${i}].population`, z.population, LIMITS.zonePopulation, "residents in one zone");
    for (const [k, v] of Object.entries(z.unitsPerYear ?? {})) atMost(out, `zones[${i}].unitsPerYear.${k}`, v, LIMITS.zoneUnitsPerYear, "devices a year in one zone");
  });
  if (out.length > 0) return out; // the day's requests are only counted on sane sizes
  const day = busiestDayRequests(s);
  if (day.requests > LIMITS.dayRequests) {
    const path = s.pickups ? "pickups" : "zones";
    const why = s.pickups ? `pickups on ${day.date}` : "consolidated pickup requests a day (each zone's daily supply split into half-vehicle loads)";
    atMost(out, path, day.requests, LIMITS.dayRequests, why);
  }
  return out;
}
