import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario, type Scenario, unitsLoad, zoneUnitsPerYear } from "../../src/domain/index.js";
import { greatCircleMatrix } from "../../src/network/index.js";
import { dayRequests } from "../../src/pipeline/day-pickups.js";
import { buildRoutingProblem } from "../../src/pipeline/routing-problem.js";
import { listPlaces } from "../../src/pipeline/sites.js";

const load = (): Scenario =>
  parseScenario(JSON.parse(readFileSync(new URL("../fixtures/tiny-scenario.json", import.meta.url), "utf8")));

describe("dayRequests", () => {
  it("spreads each zone's yearly supply over working days, hazardous streams apart", () => {
    const s = load();
    const reqs = dayRequests(s, "2026-11-23", new Set(["z1", "z2", "z3"]));
    for (const zone of s.zones) {
      const [kgYear] = unitsLoad(s, zoneUnitsPerYear(s, zone));
      const kgDay = reqs.filter((r) => r.request.zoneId === zone.id).reduce((t, r) => t + r.load[0], 0);
      expect(kgDay).toBeCloseTo(kgYear / s.policy.workingDaysPerYear, 9);
    }
    const z1 = reqs.filter((r) => r.request.zoneId === "z1");
    expect(z1.some((r) => r.hazardous)).toBe(true);
    for (const r of z1.filter((x) => x.hazardous)) expect(Object.keys(r.request.units)).toEqual(["li-battery"]);
    // z3 hands in no batteries: no hazardous request
    expect(reqs.filter((r) => r.request.zoneId === "z3").every((r) => !r.hazardous)).toBe(true);
  });

  it("splits a zone's day so that no request exceeds half the largest vehicle", () => {
    const s = load();
    s.zones[0].unitsPerYear = { laptop: 400000 }; // 640 t/yr → 2,560 kg/day
    const reqs = dayRequests(s, "d", new Set(["z1"]));
    expect(reqs.length).toBeGreaterThanOrEqual(9);
    for (const r of reqs) expect(r.load[0]).toBeLessThanOrEqual(300 + 1e-9);
  });

  it("keeps only the scenario's own pickups dated that day (or undated)", () => {
    const s = load();
    s.pickups = [
      { id: "p1", location: { lat: 36.2, lon: -86.3 }, units: { laptop: 3 }, date: "2026-11-23", timeWindows: [], serviceS: 120, priority: 0 },
      { id: "p2", location: { lat: 36.2, lon: -86.3 }, units: { laptop: 3 }, date: "2026-11-24", timeWindows: [], serviceS: 120, priority: 0 },
      { id: "p3", location: { lat: 36.2, lon: -86.3 }, units: { "li-battery": 1 }, timeWindows: [], serviceS: 120, priority: 0 },
    ];
    const reqs = dayRequests(s, "2026-11-23", new Set());
    expect(reqs.map((r) => r.request.id)).toEqual(["p1", "p3"]);
    expect(reqs[0].load[0]).toBeCloseTo(4.8, 12);
    expect(reqs[0].load[1]).toBeCloseTo(0.015, 12);
    expect(reqs[1].hazardous).toBe(true);
  });
});

describe("buildRoutingProblem", () => {
  it("expands vehicle counts, adds the hazardous skill and indexes a consistent matrix", () => {
    const s = load();
    const reqs = dayRequests(s, "d", new Set(["z1", "z2", "z3"]));
    const places = listPlaces(s, reqs.map((r) => r.request));
    const road = greatCircleMatrix(places, 1.2, 40);
    const p = buildRoutingProblem({ scenario: s, road, openHubIds: ["h1"], requests: reqs });
    expect(p.vehicles.map((v) => v.id)).toEqual(["van-1", "van-2"]);
    expect(p.vehicles[0].skills).toContain("hazardous");
    expect(p.vehicles[0].shift).toEqual([8 * 3600, 17 * 3600]);
    expect(p.locationIds[p.vehicles[0].start!]).toBe("d1");
    expect(p.locationIds[p.vehicles[0].end!]).toBe("h1");
    const n = p.locationIds.length;
    expect(p.durationS.length).toBe(n * n);
    const i = p.locationIds.indexOf("d1");
    const j = p.locationIds.indexOf("h1");
    const a = road.ids.indexOf("d1");
    const b = road.ids.indexOf("h1");
    expect(p.distanceKm[i * n + j]).toBe(road.distanceKm[a * road.ids.length + b]);
    expect(p.jobs.filter((x) => x.skills.includes("hazardous")).length).toBe(2);
  });

  it("maps the cost per stop and the minimum paid shift (hours to seconds), 0 when left out", () => {
    const input = JSON.parse(readFileSync(new URL("../fixtures/tiny-scenario.json", import.meta.url), "utf8"));
    const van = input.carriers[0].vehicles[0];
    input.carriers[0].vehicles.push({ ...van, id: "truck", count: 1, costUsdPerStop: 1.5, minPaidHours: 4.5 });
    const s = parseScenario(input);
    const reqs = dayRequests(s, "d", new Set(["z1", "z2", "z3"]));
    const road = greatCircleMatrix(listPlaces(s, reqs.map((r) => r.request)), 1.2, 40);
    const p = buildRoutingProblem({ scenario: s, road, openHubIds: ["h1"], requests: reqs });
    expect(p.vehicles.map((v) => [v.id, v.costUsdPerStop, v.minPaidS])).toEqual([["van-1", 0, 0], ["van-2", 0, 0], ["truck", 1.5, 4.5 * 3600]]);
  });

  it("refuses to route with no open hub, in words", () => {
    const s = load();
    const road = greatCircleMatrix(listPlaces(s), 1.2, 40);
    expect(() => buildRoutingProblem({ scenario: s, road, openHubIds: [], requests: [] })).toThrow(/no hub is open/);
  });

  it("names an unknown vehicle in a locked route", () => {
    const s = load();
    const road = greatCircleMatrix(listPlaces(s), 1.2, 40);
    expect(() =>
      buildRoutingProblem({ scenario: s, road, openHubIds: ["h1"], requests: [], locked: [{ vehicleId: "truck-9", jobIds: [] }] }),
    ).toThrow(/truck-9/);
  });
});
