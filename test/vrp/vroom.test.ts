import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findSharedDir } from "../../bench/harness/paths.js";
import { UrbanmineError } from "../../src/domain/index.js";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { fromVroom, toVroomProblem, toVroomSolution, VroomSolution } from "../../src/vrp/vroom/index.js";
import { checkVroomSolution } from "./vroom-check.js";

const root = new URL("../../", import.meta.url).pathname;
const example = (): Record<string, unknown> => JSON.parse(readFileSync(`${root}test/fixtures/vroom/example.json`, "utf8")) as Record<string, unknown>;

/** Reads, solves with an iteration bound and answers in VROOM's format. */
function solveVroom(input: unknown, iterations = 300, seed = 1): VroomSolution {
  const { problem, context } = fromVroom(input);
  const sol = solveRouting(problem, { seed, maxIterations: iterations });
  expect(checkRouting(problem, sol).errors).toEqual([]);
  return toVroomSolution(context, sol, { loadingMs: 0, solvingMs: 0 });
}

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  try {
    fromVroom(input);
  } catch (err) {
    expect(err).toBeInstanceOf(UrbanmineError);
    expect((err as UrbanmineError).code).toBe("INVALID_INPUT");
    return (err as UrbanmineError).issues;
  }
  throw new Error("expected the problem to be refused");
}

describe("VROOM problem in, VROOM solution out", () => {
  it("serves the docs-shaped example (skills, windows, priorities, two dimensions, open end, speed factor) and the independent checker agrees", () => {
    const input = example();
    const out = solveVroom(input);
    expect(VroomSolution.safeParse(out).success).toBe(true);
    const check = checkVroomSolution(input, out);
    expect(check.errors).toEqual([]);
    expect(out.unassigned).toEqual([]);
    expect(check.served).toBe(10);
    expect(out.summary?.cost).toBe(check.cost);
    // descriptions and coordinates given in the input come back
    const steps = out.routes?.flatMap((r) => r.steps) ?? [];
    expect(steps.find((s) => s.id === 1)?.description).toBe("pharmacy");
    expect(out.routes?.find((r) => r.vehicle === 1)?.description).toBe("van north");
  });

  it("takes UNIX timestamps as times, as VROOM's docs example does", () => {
    const input = example() as Record<string, any>;
    const T = 1600416000 - 28800;
    for (const v of input.vehicles) if (v.time_window) v.time_window = v.time_window.map((x: number) => x + T);
    for (const j of input.jobs) if (j.time_windows) j.time_windows = j.time_windows.map((w: number[]) => w.map((x) => x + T));
    const out = solveVroom(input);
    expect(checkVroomSolution(input, out).errors).toEqual([]);
    expect(out.unassigned).toEqual([]);
    for (const r of out.routes ?? []) expect(r.steps[0].arrival).toBeGreaterThanOrEqual(1600416000);
  });

  it("reproduces VROOM's published solution of docs/example_2.json (cost 5461)", () => {
    const input = {
      vehicles: [{ id: 0, start_index: 0, end_index: 3 }],
      jobs: [{ id: 1414, location_index: 1 }, { id: 1515, location_index: 2 }],
      matrices: { car: { durations: [[0, 2104, 197, 1299], [2103, 0, 2255, 3152], [197, 2256, 0, 1102], [1299, 3153, 1102, 0]] } },
    };
    const out = solveVroom(input, 50);
    expect(checkVroomSolution(input, out).errors).toEqual([]);
    expect(out.summary?.cost).toBe(5461);
    expect(out.routes?.[0].steps.map((s) => [s.type, s.id, s.arrival])).toEqual([
      ["start", undefined, 0], ["job", 1414, 2104], ["job", 1515, 4359], ["end", undefined, 5461],
    ]);
    expect(out.summary?.distance).toBeUndefined();
  });

  it("prices legs from a custom costs matrix, as VROOM does", () => {
    const input = example();
    const m = (input.matrices as { car: { durations: number[][]; distances?: number[][]; costs?: number[][] } }).car;
    m.costs = m.distances?.map((row) => row.map((x) => Math.round(x / 100)));
    for (const v of input.vehicles as Array<Record<string, unknown>>) {
      delete v.costs;
      delete v.max_distance;
    }
    const out = solveVroom(input);
    const check = checkVroomSolution(input, out);
    expect(check.errors).toEqual([]);
    expect(out.summary?.cost).toBe(check.cost);
  });

  it("keeps the lower-priority job out when only one fits", () => {
    const input = {
      vehicles: [{ id: 7, start_index: 0, end_index: 0, capacity: [1] }],
      jobs: [{ id: 1, location_index: 1, delivery: [1], priority: 5 }, { id: 2, location_index: 2, delivery: [1], priority: 90 }],
      matrices: { car: { durations: [[0, 10, 500], [10, 0, 500], [500, 500, 0]] } },
    };
    const out = solveVroom(input, 100);
    expect(checkVroomSolution(input, out).errors).toEqual([]);
    expect(out.unassigned?.map((u) => [u.id, u.type, u.location_index])).toEqual([[1, "job", 1]]);
    expect(out.unassigned?.[0].reason).toBe("capacity");
  });

  it("the checker accepts VROOM's own answers to the example, with and without time windows", () => {
    for (const name of ["example", "example-untimed"]) {
      const input = JSON.parse(readFileSync(`${root}test/fixtures/vroom/${name}.json`, "utf8")) as unknown;
      const theirs = JSON.parse(readFileSync(`${root}test/fixtures/vroom/${name}.vroom-solution.json`, "utf8")) as { summary: { cost: number } };
      const check = checkVroomSolution(input, theirs);
      expect(check.errors).toEqual([]);
      expect(check.cost).toBe(theirs.summary.cost);
      // ours on the same problem passes the same checker
      expect(checkVroomSolution(input, solveVroom(input)).errors).toEqual([]);
    }
  });

  it("the checker catches a wrong arrival, a wrong load, a missing job and a wrong cost", () => {
    const input = example();
    const good = solveVroom(input);
    const tamper = (f: (s: VroomSolution) => void): string[] => {
      const s = structuredClone(good);
      f(s);
      return checkVroomSolution(input, s).errors;
    };
    expect(tamper((s) => (s.routes![1].steps[1].arrival -= 60)).join()).toMatch(/arrival/);
    expect(tamper((s) => (s.routes![1].steps[1].load = [9, 9])).join()).toMatch(/load/);
    expect(tamper((s) => s.routes![1].steps.splice(1, 1)).join()).toMatch(/neither served nor unassigned/);
    expect(tamper((s) => (s.summary!.cost += 1)).join()).toMatch(/summary.cost/);
  });
});

describe("our problems exported to VROOM", () => {
  it("day200 goes to VROOM's format and back, and the VROOM-shaped answer passes the checker", () => {
    const day = JSON.parse(readFileSync(`${findSharedDir() ?? "../shared"}/benchmarks/rich-days/day200-problem.json`, "utf8")) as Parameters<typeof toVroomProblem>[0];
    day.durationS = Float64Array.from(day.durationS as unknown as number[]);
    day.distanceKm = Float64Array.from(day.distanceKm as unknown as number[]);
    const exported = toVroomProblem(day, { amount: [1000, 1000], cost: 100 });
    expect(exported.skills).toEqual(["hazardous"]);
    const input = JSON.parse(JSON.stringify(exported.problem)) as unknown;
    // one generation after the initial population (about 25 CPU-s)
    const out = solveVroom(input, 1);
    const check = checkVroomSolution(input, out);
    expect(check.errors).toEqual([]);
    expect(check.served + (out.unassigned?.length ?? 0)).toBe(200);
  }, 900_000);
});

describe("VROOM problems the engine cannot take yet are refused by JSON path", () => {
  const cases: Array<[string, (p: Record<string, any>) => void, string, RegExp]> = [
    ["a shipment in a delivered dimension", (p) => (p.shipments = [{ amount: [1, 0], pickup: { id: 1, location_index: 1 }, delivery: { id: 1, location_index: 2 } }]), "shipments[0].amount[0]", /shipments in the same dimension/],
    ["duplicate shipment pickup id", (p) => (p.shipments = [0, 1].map((k) => ({ amount: [0, 1], pickup: { id: 1, location_index: 1 }, delivery: { id: k, location_index: 2 } }))), "shipments[].pickup[1].id", /duplicate id 1/],
    ["a break with two windows", (p) => (p.vehicles[1].breaks = [{ id: 1, service: 300, time_windows: [[36000, 37800], [39600, 41400]] }]), "vehicles[1].breaks[0].time_windows", /several windows per break/],
    ["a break's max_load", (p) => (p.vehicles[1].breaks = [{ id: 1, service: 300, max_load: [2, 2] }]), "vehicles[1].breaks[0].max_load", /maximum load/],
    ["duplicate break id", (p) => (p.vehicles[1].breaks = [{ id: 1 }, { id: 1 }]), "vehicles[1].breaks[1].id", /duplicate id 1/],
    ["max_travel_time", (p) => (p.vehicles[0].max_travel_time = 7200), "vehicles[0].max_travel_time", /travel time alone/],
    ["per_task_hour", (p) => (p.vehicles[0].costs.per_task_hour = 100), "vehicles[0].costs.per_task_hour", /task time/],
    ["vehicle steps", (p) => (p.vehicles[0].steps = [{ type: "job", id: 1 }]), "vehicles[0].steps", /vehicle steps/],
    ["service per type", (p) => (p.jobs[0].service_per_type = { van: 60 }), "jobs[0].service_per_type", /per vehicle type/],
    ["two profiles", (p) => (p.vehicles[2].profile = "bike"), "vehicles[2].profile", /several routing profiles/],
    ["no matrices", (p) => delete p.matrices, "matrices.car", /no routing server/],
    ["coordinates only", (p) => delete p.jobs[0].location_index, "jobs[0].location_index", /coordinates alone/],
    ["index out of range", (p) => (p.jobs[3].location_index = 40), "jobs[3].location_index", /outside the 12×12/],
    ["ragged matrix", (p) => p.matrices.car.distances[4].pop(), "matrices.car.distances[4]", /needs 12/],
    ["mixed directions", (p) => (p.jobs[1].pickup = [1, 1]), "jobs[1].pickup[0]", /same capacity dimension/],
    ["amount sizes", (p) => (p.jobs[4].pickup = [0, 1, 1]), "jobs[4].pickup", /has 3 entries/],
    ["duplicate job id", (p) => (p.jobs[5].id = 1), "jobs[5].id", /duplicate id 1/],
    ["fractional amount", (p) => (p.jobs[0].delivery = [0.5, 0]), "jobs[0].delivery[0]", /integer|int/i],
    ["bad window", (p) => (p.jobs[0].time_windows = [[40000, 30000]]), "jobs[0].time_windows[0]", /start <= end/],
    ["per_hour with a costs matrix", (p) => (p.matrices.car.costs = p.matrices.car.durations), "vehicles[1].costs.per_hour", /contradicts/],
    ["per_km without distances", (p) => delete p.matrices.car.distances, "vehicles[0].costs.per_km", /needs a `distances` matrix/],
    ["no start nor end", (p) => delete p.vehicles[2].start_index, "vehicles[2]", /start, an end or both/],
  ];
  for (const [name, edit, path, message] of cases) {
    it(`${name} -> ${path}`, () => {
      const p = example() as Record<string, any>;
      edit(p);
      const issues = issuesOf(p);
      const hit = issues.find((i) => i.path === path);
      expect(hit, JSON.stringify(issues)).toBeDefined();
      expect(hit?.message).toMatch(message);
    });
  }

  it("not an object with vehicles", () => {
    expect(issuesOf({ jobs: [] }).map((i) => i.path)).toContain("vehicles");
  });
});
