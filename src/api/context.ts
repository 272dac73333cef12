// What every route plugin receives: the store, the job runner, the planner, and settings.
import type { JobRunner } from "../pipeline/jobs.js";
import type { Planner } from "../pipeline/types.js";
import type { Store } from "../storage/index.js";

export interface AppContext {
  store: Store;
  planner: Planner;
  runner: JobRunner;
  /** Folder that relative paths in scenarios (network files) are resolved against. */
  baseDir: string;
}
