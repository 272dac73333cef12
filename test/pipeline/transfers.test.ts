// Transfers on the routed day: a load picked up at one hub and delivered by the same vehicle to
// another hub or an offtaker, pickup first. The routing problem they make is solved and checked by
// the independent checker; a whole run's routes are read here again: each transfer's pickup comes
// before its delivery on one vehicle, the load after every step is recomputed from the pickups'
// units and the transfers' kg, and collected kg counts pickups only (a delivery is not collection).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario, type Scenario, type ScenarioInput, UrbanmineError } from "../../src/domain/index.js";
import { greatCircleMatrix } from "../../src/network/index.js";
import { runScenario } from "../../src/pipeline/index.js";
import { dayRequests, dayTransfers } from "../../src/pipeline/day-pickups.js";
import { buildRoutingProblem } from "../../src/pipeline/routing-problem.js";
import { listPlaces } from "../../src/pipeline/sites.js";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { scenarioIssues } from "../fixtures/scenario-issues.js";

const DATE = "2026-12-01";
const raw = (): ScenarioInput => JSON.parse(readFileSync(new URL("../fixtures/tiny-scenario.json", import.meta.url), "utf8"));

/** The tiny town with both hubs open, a local buyer, six pickups and two transfers. */
function withTransfers(): ScenarioInput {
  const s = raw();
  for (const h of s.hubSites) h.status = "forced-open";
  s.offtakers!.push({ id: "refurb", name: "Local refurbisher", location: { lat: 36.16, lon: -86.33 }, modes: ["road"], accepts: [{ material: "aluminium", priceUsdPerT: 900 }] });
  s.pickups = Array.from({ length: 6 }, (_, i) => ({
    id: `p${i + 1}`,
    location: { lat: 36.18 + 0.012 * i, lon: -86.34 + 0.01 * i },
    units: i % 2 === 0 ? { laptop: 25 } : { laptop: 10, "li-battery": 20 },
    date: DATE,
  }));
  s.transfers = [
    { id: "t-hubs", from: "h1", to: "h2", kg: 350, m3: 2, pickup: { timeWindows: [{ start: "09:00", end: "11:00" }], serviceS: 900 }, delivery: { timeWindows: [{ start: "10:00", end: "15:00" }], serviceS: 900 } },
    { id: "t-buyer", from: "h2", to: "refurb", kg: 240, m3: 1.5, hazardous: true, date: DATE },
    { id: "t-other-day", from: "h1", to: "refurb", kg: 100, date: "2026-12-02" },
  ];
  return s;
}

const kgOf = (s: Scenario, units: Record<string, number>): number => s.streams.reduce((a, st) => a + (units[st.id] ?? 0) * st.unitMassKg, 0);

describe("transfers in the routing problem", () => {
  it("become a pickup job at `from`, a delivery job at `to`, paired as a shipment; only the day's", () => {
    const s = parseScenario(withTransfers());
    const reqs = dayRequests(s, DATE, new Set());
    const road = greatCircleMatrix(listPlaces(s, reqs.map((r) => r.request)), 1.2, 40);
    const problem = buildRoutingProblem({ scenario: s, road, openHubIds: ["h1", "h2"], requests: reqs, transfers: dayTransfers(s, DATE) });
    expect(problem.shipments).toEqual([
      { id: "t-hubs", pickupJobId: "t-hubs:pickup", deliveryJobId: "t-hubs:delivery" },
      { id: "t-buyer", pickupJobId: "t-buyer:pickup", deliveryJobId: "t-buyer:delivery" },
    ]);
    const job = (id: string) => problem.jobs.find((j) => j.id === id)!;
    expect(problem.locationIds[job("t-hubs:pickup").location]).toBe("h1");
    expect(problem.locationIds[job("t-hubs:delivery").location]).toBe("h2");
    expect(job("t-hubs:pickup")).toMatchObject({ amounts: [350, 2], serviceS: 900, timeWindows: [[9 * 3600, 11 * 3600]], skills: [] });
    expect(job("t-hubs:delivery").timeWindows).toEqual([[10 * 3600, 15 * 3600]]);
    expect(job("t-buyer:delivery")).toMatchObject({ amounts: [240, 1.5], serviceS: 600, skills: ["hazardous"] });
    expect(problem.jobs.some((j) => j.id.startsWith("t-other-day"))).toBe(false);

    const sol = solveRouting(problem, { seed: 2, maxIterations: 300 });
    expect(checkRouting(problem, sol).errors).toEqual([]);
    expect(sol.unassigned).toEqual([]);
  });

  it("a transfer from a hub the plan does not open is refused, naming the transfer", () => {
    const s = parseScenario(withTransfers());
    const road = greatCircleMatrix(listPlaces(s), 1.2, 40);
    const err = (() => {
      try {
        buildRoutingProblem({ scenario: s, road, openHubIds: ["h1"], requests: [], transfers: dayTransfers(s, DATE) });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UrbanmineError);
    expect((err as UrbanmineError).issues.map((i) => i.path)).toEqual(["transfers[0].to"]);
  });
});

describe("a routed day with transfers (whole run)", () => {
  it("carries each transfer pickup first on one vehicle, loads and collected kg recomputed", async () => {
    const s = parseScenario(withTransfers());
    const plan = await runScenario(s, { baseDir: ".", seed: 1, routingIterations: 300, timeLimitS: 60 });
    const r = plan.routing;
    expect(r.unassigned).toEqual([]);
    const pickupKg = new Map(s.pickups!.map((p) => [p.id, kgOf(s, p.units)]));
    const transferKg = new Map([["t-hubs", 350], ["t-buyer", 240]]);
    const seen = new Map<string, { vehicle: string; pickupAt: number; deliveryAt: number }>();
    for (const route of r.routes) {
      let load = 0;
      let collected = 0;
      let transferred = 0;
      route.steps.forEach((st, k) => {
        if (st.type === "job") {
          const [tid, end] = st.id.split(":");
          if (end === "pickup" || end === "delivery") {
            const e = seen.get(tid) ?? { vehicle: route.vehicleId, pickupAt: -1, deliveryAt: -1 };
            expect(e.vehicle).toBe(route.vehicleId);
            if (end === "pickup") {
              e.pickupAt = k;
              load += transferKg.get(tid)!;
              transferred += transferKg.get(tid)!;
            } else {
              e.deliveryAt = k;
              load -= transferKg.get(tid)!;
            }
            seen.set(tid, e);
          } else {
            load += pickupKg.get(st.id)!;
            collected += pickupKg.get(st.id)!;
          }
        }
        expect(st.loadKg, `${route.vehicleId} step ${k} (${st.id})`).toBeCloseTo(load, 6);
      });
      expect(route.collectedKg).toBeCloseTo(collected, 6);
      expect(route.transferredKg).toBeCloseTo(transferred, 6);
    }
    expect([...seen.keys()].sort()).toEqual(["t-buyer", "t-hubs"]);
    for (const [tid, e] of seen) {
      expect(e.pickupAt, tid).toBeGreaterThan(0);
      expect(e.deliveryAt, tid).toBeGreaterThan(e.pickupAt);
    }
    // the day's collected kg is the pickups' (all served), the transfers counted once beside it
    const allPickups = [...pickupKg.values()].reduce((a, v) => a + v, 0);
    expect(plan.kpis.day.collectedKg).toBeCloseTo(allPickups, 6);
    expect(plan.kpis.day.transferredKg).toBeCloseTo(590, 6);
  });
});

describe("scenario checks of transfers", () => {
  const issues = scenarioIssues;

  it("accepts the example", () => {
    expect(issues(withTransfers())).toEqual([]);
  });

  it("names each bad field by its JSON path", () => {
    const s = withTransfers();
    s.streams[0].tags = ["ferrous"];
    s.incompatibleTags = [["lithium", "ferrous"]];
    s.transfers = [
      { id: "a", from: "nowhere", to: "h2", kg: 10 },
      { id: "a", from: "h1", to: "atlantis", kg: 10 },
      { id: "b", from: "h1", to: "h1", kg: 10 },
      { id: "c", from: "h1", to: "h2", kg: 10, pickup: { timeWindows: [{ start: "12:00", end: "11:00" }] } },
      { id: "d", from: "h1", to: "h2", kg: 601 },
      { id: "e", from: "h1", to: "h2", kg: 10, carrierId: "ghost" },
      { id: "f", from: "h1", to: "h2", kg: 10, tags: ["lithium", "ferrous"] },
    ];
    const got = issues(s);
    const at = (path: string) => got.filter((i) => i.path === path).map((i) => i.message);
    expect(at("transfers[0].from")[0]).toMatch(/unknown hub site or regional centre 'nowhere'/);
    expect(at("transfers[1].id")[0]).toMatch(/duplicate transfer id 'a'/);
    expect(at("transfers[1].to")[0]).toMatch(/unknown offtaker, hub site or regional centre 'atlantis'/);
    expect(at("transfers[2].to")[0]).toMatch(/is where it is loaded/);
    expect(at("transfers[3].pickup.timeWindows[0]")[0]).toMatch(/closes \(11:00\) before it opens \(12:00\)/);
    expect(at("transfers[4]")[0]).toMatch(/no vehicle can carry 601 kg/);
    expect(at("transfers[5].carrierId")[0]).toMatch(/unknown carrier 'ghost'/);
    expect(at("transfers[6].tags")[0]).toMatch(/holds both 'lithium' and 'ferrous'/);
  });

  it("the schema refuses a load of no mass", () => {
    const s = withTransfers();
    s.transfers![0].kg = 0;
    expect(issues(s).map((i) => i.path)).toEqual(["transfers[0].kg"]);
  });

  it("accepts transfers with vehicles that make unload trips (a transfer rides within one trip)", () => {
    const s = withTransfers();
    s.carriers[0].vehicles[0].maxTrips = 2;
    expect(issues(s)).toEqual([]);
  });
});
