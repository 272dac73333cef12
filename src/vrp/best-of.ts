// Picks the best of several solutions of one problem (multi-start runs with different seeds),
// in the engine's objective order: served priority, then jobs served, then cost.
import type { RoutingProblem, RoutingSolution } from "../domain/index.js";

/**
 * The best of `solutions` (all for `problem`); ties keep the earlier one.
 * @throws UrbanmineError-free; throws a plain Error when the list is empty (a programming error)
 */
export function bestOf(problem: RoutingProblem, solutions: ReadonlyArray<RoutingSolution>): RoutingSolution {
  if (solutions.length === 0) throw new Error("bestOf needs at least one solution");
  const priority = new Map(problem.jobs.map((j) => [j.id, j.priority]));
  const key = (s: RoutingSolution): [number, number, number] => {
    const unserved = new Set(s.unassigned.map((u) => u.jobId));
    let p = 0;
    for (const [id, pr] of priority) if (!unserved.has(id)) p += pr;
    return [p, problem.jobs.length - unserved.size, s.costUsd];
  };
  let best = solutions[0];
  let bk = key(best);
  for (const s of solutions.slice(1)) {
    const k = key(s);
    if (k[0] > bk[0] || (k[0] === bk[0] && (k[1] > bk[1] || (k[1] === bk[1] && k[2] < bk[2] - 1e-9)))) {
      best = s;
      bk = k;
    }
  }
  return best;
}
