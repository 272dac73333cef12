// Pool worker for a siting solve on its own: decodes the task, runs solveSiting with a shared
// stop flag (Int32Array[0] = 1 stops the search, keeping the best plan), returns the report or
// the error as data (errors do not keep their class across threads).
import { type Scenario, type TravelMatrix, toWorkerFailure, type WorkerFailure } from "../src/domain/index.js";
import { type SitingReport, solveSiting } from "../src/siting/index.js";

export interface SitingTask {
  scenario: Scenario;
  road: TravelMatrix;
  rail?: TravelMatrix;
  timeLimitS: number;
  mipGap?: number;
  solver?: "highs" | "lp-solver";
  /** SharedArrayBuffer of one Int32: set element 0 to 1 to stop. */
  stop?: SharedArrayBuffer;
}

export type SitingTaskResult = { report: SitingReport } | WorkerFailure;

/** Piscina handler (select it with `name: "runSiting"`). */
export async function runSiting(task: SitingTask): Promise<SitingTaskResult> {
  const flag = task.stop ? new Int32Array(task.stop) : null;
  try {
    const report = await solveSiting(
      task.scenario,
      { road: task.road, rail: task.rail },
      { timeLimitS: task.timeLimitS, mipGap: task.mipGap, solver: task.solver, shouldStop: flag ? () => Atomics.load(flag, 0) === 1 : undefined },
    );
    return { report };
  } catch (e) {
    return toWorkerFailure(e);
  }
}
