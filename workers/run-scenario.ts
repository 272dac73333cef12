// Pool worker: decodes a pipeline task, runs it, returns the plan (or the failure envelope).
import { toWorkerFailure } from "../src/domain/index.js";
import type { PipelineTask } from "../src/pipeline/pool.js";
import { routeDay, runScenario } from "../src/pipeline/run-scenario.js";

export default async function handle(task: PipelineTask): Promise<unknown> {
  const flag = new Int32Array(task.cancel);
  const shouldStop = () => Atomics.load(flag, 0) === 1;
  try {
    if (task.kind === "run") {
      return await runScenario(task.scenario, {
        ...task.options,
        shouldStop,
        onProgress: (p) => task.port.postMessage(p),
      });
    }
    return await routeDay({ ...task.input, shouldStop });
  } catch (err) {
    return toWorkerFailure(err);
  } finally {
    task.port.close();
  }
}
