// The independent checker catches each kind of broken solution.
import { describe, expect, it } from "vitest";
import type { RoutingSolution } from "../../src/domain/index.js";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { job, planeProblem, vehicle } from "./helpers.js";

const pts: Array<[number, number]> = [[0, 0], [3, 0], [3, 4], [0, 4]];
const problem = planeProblem(
  pts,
  [job("a", 1, [2]), job("b", 2, [2], { timeWindows: [[0, 100_000]] }), job("c", 3, [2])],
  [vehicle("v", [10], { costUsdPerHour: 36 })],
);

function solved(): RoutingSolution {
  return structuredClone(solveRouting(problem, { seed: 1, maxIterations: 20 }));
}

describe("checkRouting", () => {
  it("accepts the solver's solution and recomputes its cost", () => {
    const s = solved();
    const c = checkRouting(problem, s);
    expect(c.errors).toEqual([]);
    expect(c.costUsd).toBeCloseTo(14 + (14 * 60 + 180) * 0.01, 6);
  });

  const broken: Array<[string, (s: RoutingSolution) => void, RegExp]> = [
    ["a missing job", (s) => s.routes[0].steps.splice(1, 1), /neither served nor unassigned|arrives/],
    ["a job served twice", (s) => s.unassigned.push({ jobId: "a", reason: "capacity", detail: "" }), /also appears/],
    ["a wrong load", (s) => (s.routes[0].steps[1].load[0] = 7), /load\[0\] reported 7/],
    ["a wrong arrival", (s) => (s.routes[0].steps[2].arrivalS += 5), /arrives at/],
    ["a wrong cost", (s) => (s.routes[0].costUsd += 1), /cost .* recomputed/],
    ["a service outside its window", (s) => (problem.jobs[1].timeWindows = [[0, 1]]), /outside its windows/],
    ["an overloaded vehicle", () => (problem.vehicles[0].capacity = [3]), /exceeds capacity/],
  ];
  it("recomputes the cost per stop and the minimum paid shift from the steps", () => {
    // 14 km, 1,020 s on the road and on site, three jobs
    for (const [minPaidS, want] of [[600, 14 + 3 * 2 + 1020 * 0.01], [1800, 14 + 3 * 2 + 1800 * 0.01]]) {
      const p = structuredClone(problem);
      p.vehicles[0] = { ...p.vehicles[0], costUsdPerStop: 2, minPaidS };
      const s = structuredClone(solveRouting(p, { seed: 1, maxIterations: 20 }));
      const c = checkRouting(p, s);
      expect(c.errors).toEqual([]);
      expect(c.costUsd).toBeCloseTo(want, 6);
      // a route priced without the two terms is caught
      s.routes[0].costUsd = 24.2;
      s.costUsd = s.routes[0].costUsd;
      expect(checkRouting(p, s).errors.join("\n")).toMatch(/routes\[0\]: cost 24.2 USD, recomputed/);
    }
  });

  for (const [what, breakIt, pattern] of broken) {
    it(`reports ${what}`, () => {
      const saved = structuredClone(problem.jobs.map((j) => j.timeWindows));
      const cap = problem.vehicles[0].capacity;
      const s = solved();
      breakIt(s);
      const c = checkRouting(problem, s);
      problem.jobs.forEach((j, i) => (j.timeWindows = saved[i]));
      problem.vehicles[0].capacity = cap;
      expect(c.ok).toBe(false);
      expect(c.errors.join("\n")).toMatch(pattern);
    });
  }
});
