// A scenario's driver breaks, setup times and incompatible tags reach the routed day: the
// pipeline maps them into the routing problem, and the day's routes honour each, as the
// independent routing checker and the test's own reading of the steps confirm.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario, type Plan, type RoutingProblem, type RoutingSolution, type Scenario, type ScenarioInput } from "../../src/domain/index.js";
import { greatCircleMatrix } from "../../src/network/index.js";
import { routeDay } from "../../src/pipeline/index.js";
import { dayRequests } from "../../src/pipeline/day-pickups.js";
import { buildRoutingProblem } from "../../src/pipeline/routing-problem.js";
import { listPlaces } from "../../src/pipeline/sites.js";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { scenarioIssues } from "../fixtures/scenario-issues.js";

const raw = (): ScenarioInput => JSON.parse(readFileSync(new URL("../fixtures/tiny-scenario.json", import.meta.url), "utf8"));

/** The tiny town with lithium and ferrous streams kept apart, a lunch break and setup times. */
function withRules(pickups = true): ScenarioInput {
  const s = raw();
  s.streams[0].tags = ["ferrous"];
  s.streams[1].tags = ["lithium"];
  s.incompatibleTags = [["lithium", "ferrous"]];
  s.carriers[0].vehicles[0].breaks = [{ id: "lunch", window: { start: "12:00", end: "13:00" }, durationS: 1800 }];
  s.zones[0].setupS = 240;
  if (pickups)
    s.pickups = Array.from({ length: 8 }, (_, i) => ({
      id: `p${i + 1}`,
      location: { lat: 36.19 + 0.01 * i, lon: -86.33 + 0.012 * i },
      zoneId: i < 4 ? "z1" : "z2",
      units: i % 2 === 0 ? { laptop: 20 } : { "li-battery": 30 },
      ...(i === 5 ? { setupS: 420 } : {}),
      timeWindows: [],
      serviceS: 300,
      date: "2026-12-01",
    }));
  return s;
}

function routeIt(s: Scenario): { problem: RoutingProblem; sol: RoutingSolution } {
  const reqs = dayRequests(s, "2026-12-01", new Set(s.zones.map((z) => z.id)));
  const road = greatCircleMatrix(listPlaces(s, reqs.map((r) => r.request)), 1.2, 40);
  const problem = buildRoutingProblem({ scenario: s, road, openHubIds: ["h1"], requests: reqs });
  return { problem, sol: solveRouting(problem, { seed: 3, maxIterations: 300 }) };
}

/** The test's own reading of a solution: tags per route, breaks taken, setup paid per job. */
function expectHonoured(problem: RoutingProblem, sol: RoutingSolution): void {
  expect(checkRouting(problem, sol).errors).toEqual([]);
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  for (const r of sol.routes) {
    const tags = new Set(r.steps.flatMap((st) => (st.type === "job" ? (jobs.get(st.jobId!)!.tags ?? []) : [])));
    expect(tags.has("lithium") && tags.has("ferrous"), `${r.vehicleId} mixes lithium and ferrous`).toBe(false);
    const breaks = r.steps.filter((st) => st.type === "break");
    expect(breaks.map((b) => b.breakId)).toEqual(["lunch"]);
    const b = breaks[0];
    expect(b.arrivalS + b.waitingS).toBeGreaterThanOrEqual(12 * 3600);
    expect(b.arrivalS + b.waitingS).toBeLessThanOrEqual(13 * 3600);
    expect(b.departureS - b.arrivalS - b.waitingS).toBe(1800);
    r.steps.forEach((st, k) => {
      if (st.type !== "job") return;
      // setup is paid when the vehicle comes from another place
      const prevLoc = r.steps.slice(0, k).reverse().find((x) => x.type !== "break")!.location;
      expect(st.setupS ?? 0).toBe(prevLoc === st.location ? 0 : (jobs.get(st.jobId!)!.setupS ?? 0));
    });
  }
}

describe("breaks, setup times and incompatible tags from the scenario", () => {
  it("maps each into the routing problem: breaks per vehicle, setup per pickup or its zone, tags from the streams", () => {
    const s = parseScenario(withRules());
    const { problem } = routeIt(s);
    expect(problem.vehicles.map((v) => v.breaks)).toEqual([
      [{ id: "lunch", timeWindows: [[12 * 3600, 13 * 3600]], serviceS: 1800 }],
      [{ id: "lunch", timeWindows: [[12 * 3600, 13 * 3600]], serviceS: 1800 }],
    ]);
    expect(problem.incompatibleTags).toEqual([["lithium", "ferrous"]]);
    const job = (id: string) => problem.jobs.find((j) => j.id === id)!;
    expect(job("p1").tags).toEqual(["ferrous"]);
    expect(job("p2").tags).toEqual(["lithium"]);
    expect(job("p1").setupS).toBe(240); // its zone's (z1)
    expect(job("p5").setupS).toBeUndefined(); // z2 has none
    expect(job("p6").setupS).toBe(420); // its own
    // without a zoneId, the nearest zone's: p1 stands nearest z1
    const noZone = withRules();
    delete noZone.pickups![0].zoneId;
    const s2 = parseScenario(noZone);
    expect(routeIt(s2).problem.jobs.find((j) => j.id === "p1")!.setupS).toBe(240);
  });

  it("routes the day honouring each, checked by the independent checker", () => {
    const { problem, sol } = routeIt(parseScenario(withRules()));
    expect(sol.routes.length).toBe(2);
    expect(sol.unassigned).toEqual([]);
    expectHonoured(problem, sol);
    // setup is actually paid somewhere (not vacuous)
    expect(sol.routes.some((r) => r.steps.some((st) => (st.setupS ?? 0) > 0))).toBe(true);
  });

  it("splits a zone's consolidated day by tag, and the day keeps the tags apart", () => {
    const s = parseScenario(withRules(false));
    const reqs = dayRequests(s, "2026-12-01", new Set(["z1", "z2", "z3"]));
    const z1 = reqs.filter((r) => r.request.zoneId === "z1");
    expect(z1.map((r) => r.tags)).toEqual([["ferrous"], ["lithium"]]);
    expect(z1.every((r) => r.setupS === 240)).toBe(true);
    const { problem, sol } = routeIt(s);
    expect(sol.unassigned).toEqual([]);
    expectHonoured(problem, sol);
  });

  it("routes a multi-trip van with its break and the tags kept apart per trip, checked by the independent checker", () => {
    const input = withRules();
    // one small van: 188 kg of pickups in trips of at most 70 kg, lithium and ferrous never in one trip
    const van = input.carriers[0].vehicles[0];
    van.count = 1;
    van.capacityKg = 70;
    van.maxTrips = 4;
    const { problem, sol } = routeIt(parseScenario(input));
    expect(problem.vehicles[0].unloadLocations.length).toBeGreaterThan(0);
    expect(checkRouting(problem, sol).errors).toEqual([]);
    expect(sol.unassigned).toEqual([]);
    expect(sol.routes.length).toBe(1);
    const steps = sol.routes[0].steps;
    expect(steps.filter((st) => st.type === "break").map((b) => b.breakId)).toEqual(["lunch"]);
    const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
    const trips: Set<string>[] = [new Set()];
    for (const st of steps) {
      if (st.type === "unload") trips.push(new Set());
      for (const t of st.type === "job" ? (jobs.get(st.jobId!)!.tags ?? []) : []) trips[trips.length - 1].add(t);
    }
    expect(trips.length).toBeGreaterThanOrEqual(3);
    for (const tags of trips) expect(tags.has("lithium") && tags.has("ferrous")).toBe(false);
    // the route carries both streams, one per trip
    expect(trips.some((t) => t.has("lithium")) && trips.some((t) => t.has("ferrous"))).toBe(true);
  });

  it("the pipeline's routeDay reports the break as a step of the plan's routes", async () => {
    const s = parseScenario(withRules());
    const plan = { siting: { hubs: [{ siteId: "h1" }] } } as unknown as Plan;
    const routing = await routeDay({ scenario: s, plan, pickups: s.pickups!, date: "2026-12-01", baseDir: ".", seed: 1, timeLimitS: 5 });
    expect(routing.routes.length).toBeGreaterThan(0);
    for (const r of routing.routes) expect(r.steps.filter((x) => x.type === "break").map((x) => x.id)).toEqual(["lunch"]);
  });
});

describe("scenario checks of the day rules", () => {
  const issues = scenarioIssues;

  it("names each bad field by its JSON path", () => {
    const s = withRules();
    s.incompatibleTags = [["lithium", "ferous"], ["ferrous", "ferrous"]];
    s.streams[1].tags = ["lithium", "ferrous"];
    s.carriers[0].vehicles[0].breaks = [
      { id: "lunch", window: { start: "18:00", end: "19:00" }, durationS: 1800 },
      { id: "lunch", durationS: 40000 },
    ];
    s.carriers[0].vehicles[0].maxTrips = 2;
    const paths = issues(s).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining([
      "incompatibleTags[0][1]",
      "incompatibleTags[1]",
      "streams[1].tags",
      "carriers[0].vehicles[0].breaks[0].window",
      "carriers[0].vehicles[0].breaks[1].id",
      "carriers[0].vehicles[0].breaks[1].durationS",
    ]));
    // unload trips go with breaks and tags (tags are kept apart per trip)
    expect(paths).not.toContain("carriers[0].vehicles[0].maxTrips");
    expect(issues(s).find((i) => i.path === "incompatibleTags[0][1]")!.message).toMatch(/unknown tag 'ferous'/);
  });

  it("refuses a pickup carrying both tags of a pair, and negative setup times", () => {
    const s = withRules();
    s.pickups![0].units = { laptop: 2, "li-battery": 1 };
    s.zones[1].setupS = -5;
    expect(issues(s).map((i) => i.path)).toEqual(["zones[1].setupS"]);
    s.zones[1].setupS = 5;
    expect(issues(s).map((i) => i.path)).toEqual(["pickups[0]"]);
  });

  it("leaves scenarios without them as they were", () => {
    const s = parseScenario(raw());
    const reqs = dayRequests(s, "d", new Set(["z1", "z2", "z3"]));
    expect(reqs.map((r) => r.request.id)).toEqual(["day:z1", "day:z1-hz", "day:z2", "day:z2-hz", "day:z3"]);
    expect(reqs.every((r) => r.tags.length === 0 && r.setupS === 0)).toBe(true);
  });
});
