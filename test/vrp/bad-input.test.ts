// Malformed problems give a clear UrbanmineError naming the path; odd but valid ones give
// unassigned reasons, never a crash or a hang.
import { describe, expect, it } from "vitest";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { job, planeProblem, vehicle } from "./helpers.js";
import { errorOf } from "../error-of.js";

const pts: Array<[number, number]> = [[0, 0], [1, 1], [2, 2]];

describe("bad input", () => {
  it("rejects a time window that closes before it opens, with its path", () => {
    const p = planeProblem(pts, [job("a", 1, [1], { timeWindows: [[500, 100]] })], [vehicle("v", [5])]);
    const e = errorOf(() => solveRouting(p, { seed: 1, maxIterations: 5 }));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.issues[0].path).toBe("jobs[0].timeWindows[0]");
  });

  it("rejects wrong amounts, matrix sizes, locations and duplicate ids", () => {
    const p = planeProblem(pts, [job("a", 1, [1, 2]), job("a", 7, [1])], [vehicle("v", [5], { shift: [10, 0] })]);
    p.distanceKm = new Float64Array(4);
    const e = errorOf(() => solveRouting(p, { seed: 1, maxIterations: 5 }));
    expect(e.code).toBe("INVALID_INPUT");
    const paths = e.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["distanceKm", "jobs[0].amounts", "jobs[1].id", "jobs[1].location", "vehicles[0].shift"]));
  });

  it("rejects a negative or non-finite cost per stop or minimum paid time, with its path", () => {
    const fleet = [
      vehicle("v0", [5], { minPaidS: Infinity }),
      vehicle("v1", [5], { minPaidS: -1 }),
      vehicle("v2", [5], { costUsdPerStop: -0.5 }),
      vehicle("v3", [5], { costUsdPerStop: Number.NaN }),
      vehicle("v4", [5], { costUsdPerStop: 0, minPaidS: 0 }),
    ];
    const e = errorOf(() => solveRouting(planeProblem(pts, [job("a", 1, [1])], fleet), { seed: 1, maxIterations: 5 }));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.issues.map((i) => i.path)).toEqual(["vehicles[0].minPaidS", "vehicles[1].minPaidS", "vehicles[2].costUsdPerStop", "vehicles[3].costUsdPerStop"]);
    expect(e.message).toContain("vehicles[2].costUsdPerStop");
    expect(e.issues[2].message).toMatch(/-0.5 must be finite and >= 0/);
  });

  it("rejects a lock on an unknown vehicle, and an infeasible lock", () => {
    const p = planeProblem(pts, [job("a", 1, [1]), job("b", 2, [9])], [vehicle("v", [5])]);
    p.locked = [{ vehicleId: "w", jobIds: ["a"] }];
    expect(errorOf(() => solveRouting(p, { seed: 1, maxIterations: 5 })).code).toBe("UNKNOWN_REFERENCE");
    p.locked = [{ vehicleId: "v", jobIds: ["a", "b"] }];
    expect(errorOf(() => solveRouting(p, { seed: 1, maxIterations: 5 })).code).toBe("INFEASIBLE");
  });

  it("turns demand above every capacity and unknown skills into reasons", () => {
    const p = planeProblem(pts, [job("big", 1, [50]), job("odd", 2, [1], { skills: ["forklift"] })], [vehicle("v", [5])]);
    const s = solveRouting(p, { seed: 1, maxIterations: 10 });
    expect(s.unassigned).toEqual([
      expect.objectContaining({ jobId: "big", reason: "capacity" }),
      { jobId: "odd", reason: "skills", detail: "no vehicle has skill 'forklift'" },
    ]);
    expect(checkRouting(p, s).ok).toBe(true);
  });

  it("handles an empty problem", () => {
    const p = planeProblem(pts, [], [vehicle("v", [5])]);
    const s = solveRouting(p, { seed: 1 });
    expect(s.routes).toEqual([]);
    expect(checkRouting(p, s).ok).toBe(true);
  });
});
