// What every route plugin receives: the store, the job runner, the planner, and settings.
import type { JobRunner } from "../pipeline/jobs.js";
import type { Planner } from "../pipeline/types.js";
import type { Store } from "../storage/index.js";
import type { KeyResolver } from "./auth.js";

export interface AppContext {
  store: Store;
  planner: Planner;
  runner: JobRunner;
  /** API keys by token, cached briefly. */
  keys: KeyResolver;
  /** Folder that relative paths in scenarios (network files) are resolved against. */
  baseDir: string;
}
