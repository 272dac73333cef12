// Builds a rich collection day the way ../shared/benchmarks/rich-days/README.md describes it:
// datasets/generate.mjs (--zones 40 --sites 6 --enterprises 30 --requests N --seed 7), then time
// windows (40% 08:00-12:00, 40% 12:00-16:30, the other 20% keep what the generator gave), the box-truck
// yard moved off the parcel depot, and the fleet of the README (N/20 vans, N/40 trucks, one trip), then
// the routing problem as the pipeline builds it with hubs site-1 and site-2 open (great-circle x 1.2
// at 40 km/h, rounded to whole seconds and metres; amounts to grams and litres). Rebuilding
// day200 from its scenario gives day200-problem.json exactly.
//   node dist/bench/vrp/make-day.js --requests 1000 --out bench/vrp/days/day1000-problem.json
//   node dist/bench/vrp/make-day.js --scenario ../shared/benchmarks/rich-days/day200-scenario.json --out /tmp/day200.json
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseScenario, type RoutingProblem } from "../../src/domain/index.js";
import { greatCircleMatrix } from "../../src/network/index.js";
import { dayRequests, serviceDate } from "../../src/pipeline/day-pickups.js";
import { buildRoutingProblem } from "../../src/pipeline/routing-problem.js";
import { findRepoRoot } from "../harness/paths.js";
import { makeRng } from "../harness/rng.js";

const ROOT = findRepoRoot();
const OPEN_HUBS = ["site-1", "site-2"];
/** The box-truck yard of the rich days sits this far (degrees) north-east of the parcel depot. */
const YARD_OFFSET = { lat: 0.12, lon: 0.05 };

type Json = Record<string, any>;

/** The generator's scenario for `requests` stops, with the rich days' windows, yard and fleet. */
export function richScenario(requests: number, seed: number): Json {
  const dir = mkdtempSync(join(tmpdir(), "urbanmine-day-"));
  const file = join(dir, "scenario.json");
  execFileSync(process.execPath, [join(ROOT, "datasets/generate.mjs"), "--zones", "40", "--sites", "6", "--enterprises", "30", "--requests", String(requests), "--seed", String(seed), "--out", file]);
  const s = JSON.parse(readFileSync(file, "utf8")) as Json;
  const rng = makeRng(seed * 7919 + requests);
  for (const p of s.pickups as Json[]) {
    const r = rng();
    if (r < 0.4) p.timeWindows = [{ start: "08:00", end: "12:00" }];
    else if (r < 0.8) p.timeWindows = [{ start: "12:00", end: "16:30" }];
  }
  const fleet: Record<string, { count: number; capacityKg: number; capacityM3: number }> = {
    van: { count: Math.round(requests / 20), capacityKg: 250, capacityM3: 2 },
    truck: { count: Math.round(requests / 40), capacityKg: 700, capacityM3: 6 },
  };
  for (const c of s.carriers as Json[]) {
    if (c.id === "boxtruck") for (const d of c.depots as Json[]) d.location = { lat: d.location.lat + YARD_OFFSET.lat, lon: d.location.lon + YARD_OFFSET.lon };
    for (const v of c.vehicles as Json[]) Object.assign(v, fleet[v.id] ?? {}, { maxTrips: 1 });
  }
  s.description = `${s.description} Rich day: bench/vrp/make-day.ts (windows, yard and fleet of ../shared/benchmarks/rich-days/README.md).`;
  return s;
}

/** The day's routing problem of a scenario, with hubs site-1 and site-2 open. */
export function dayProblem(raw: Json): RoutingProblem {
  const scenario = parseScenario(raw);
  const requests = dayRequests(scenario, serviceDate(scenario), new Set(scenario.zones.map((z) => z.id)));
  const places = [
    ...scenario.hubSites.filter((h) => OPEN_HUBS.includes(h.id)),
    ...scenario.carriers.flatMap((c) => c.depots),
    ...requests.map((r) => ({ id: r.request.id, location: r.request.location })),
  ];
  const road = greatCircleMatrix(places, scenario.network.circuityFactor, scenario.network.roadSpeedKmh);
  road.durationS = road.durationS.map((x) => Math.round(x));
  road.distanceKm = road.distanceKm.map((x) => Math.round(x * 1000) / 1000);
  const p = buildRoutingProblem({ scenario, road, openHubIds: OPEN_HUBS, requests });
  // the stored days give amounts to the gram and the litre
  for (const j of p.jobs) j.amounts = j.amounts.map((a) => Math.round(a * 1000) / 1000);
  return p;
}

/** The problem as the rich-days files store it. */
export function problemJson(p: RoutingProblem, method: string): string {
  return JSON.stringify({ ...p, durationS: Array.from(p.durationS), distanceKm: Array.from(p.distanceKm), method, n: p.locationIds.length });
}

function main(): void {
  const { values } = parseArgs({ options: { requests: { type: "string" }, seed: { type: "string", default: "7" }, scenario: { type: "string" }, out: { type: "string" } } });
  if (!values.out || (!values.requests && !values.scenario)) {
    process.stderr.write("usage: node dist/bench/vrp/make-day.js (--requests N [--seed S] | --scenario FILE) --out FILE\n");
    process.exitCode = 2;
    return;
  }
  const raw = values.scenario ? (JSON.parse(readFileSync(values.scenario, "utf8")) as Json) : richScenario(Number(values.requests), Number(values.seed));
  const p = dayProblem(raw);
  writeFileSync(values.out, problemJson(p, "great-circle x 1.2 at 40 km/h"));
  process.stderr.write(`${values.out}: ${p.jobs.length} stops, ${p.vehicles.length} vehicles, ${p.jobs.filter((j) => j.skills.length > 0).length} hazardous\n`);
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) main();
