// The planner of the submission benchmark: the real worker-pool planner with one thread.
import { createPlanner } from "../../src/pipeline/index.js";
import type { Planner } from "../../src/pipeline/types.js";

/** The worker-pool planner on one thread, as a 2-core machine runs it beside the server. */
export function createBenchPlanner(): Planner {
  return createPlanner({ threads: 1 });
}
