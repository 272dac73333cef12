// Public face of the pipeline: stage order, the worker pool, job contracts.
export type { Planner, Progress, RouteDayInput, RunOptions, Stage } from "./types.js";
