// Shared assertions of the exhaustive-search tests: a solution passes the independent checker
// and matches the optimum in VROOM's order (served priority, then stops served, then cost).
import { expect } from "vitest";
import type { RoutingProblem, RoutingSolution } from "../../src/domain/index.js";
import { checkRouting } from "../../src/vrp/index.js";
import { bruteForce } from "./brute-force.js";

/** Checks `s` (a solution of `p`) independently and against exhaustive search. */
export function expectOptimalSolution(p: RoutingProblem, s: RoutingSolution): void {
  const check = checkRouting(p, s);
  expect(check.errors).toEqual([]);
  const want = bruteForce(p);
  const served = new Set(s.routes.flatMap((r) => r.steps.filter((x) => x.type === "job").map((x) => x.jobId)));
  expect(p.jobs.filter((j) => served.has(j.id)).reduce((a, j) => a + j.priority, 0)).toBe(want.priority);
  expect(served.size).toBe(want.served);
  expect(check.costUsd).toBeCloseTo(want.costUsd, 6);
}
