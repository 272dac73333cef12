// The assertion shared by the genetic search's exhaustive-search tests: the search's answer
// passes the independent checker and matches the optimum (stops served, then cost).
import { expect } from "vitest";
import type { RoutingProblem, RoutingSolution } from "../../src/domain/index.js";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { bruteForce } from "./brute-force.js";

/** Solved by the genetic search within `iterations` generations, checked, and as good as exhaustive search; returns the solution. */
export function expectGeneticOptimal(p: RoutingProblem, iterations: number, seed = 1): RoutingSolution {
  const s = solveRouting(p, { seed, maxIterations: iterations });
  const check = checkRouting(p, s);
  expect(check.errors).toEqual([]);
  const want = bruteForce(p);
  expect(p.jobs.length - s.unassigned.length).toBe(want.served);
  expect(check.costUsd).toBeCloseTo(want.costUsd, 6);
  return s;
}
