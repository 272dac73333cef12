// Public face of the pipeline: stage order, the worker pool, job contracts.
export { createPlanner } from "./pool.js";
export { runScenario, routeDay } from "./run-scenario.js";
export type { Planner, Progress, RouteDayInput, RunOptions, Stage, VehicleState } from "./types.js";
export { createMatrixPool, type MatrixPool, type MatrixPoolOptions } from "./matrix-pool.js";
export { planCsv, planGeoJson, flattenKpis, type PlanTable } from "./formats/plan-format.js";
export { ECHELON_TABLES, echelonTablesOf } from "./formats/echelon-format.js";
export { dayRoutesCsv, dayRoutesGeoJson, OSM_ATTRIBUTION, usesNetworkFile } from "./formats/routes-format.js";
export { type MultiStartOptions, solveMultiStart } from "./multi-start.js";
export { type JobEvent, JobRunner, type JobRunnerOptions } from "./jobs.js";
export { InProcessQueue, type Delivery, type HandlerOutcome, type JobHandler, type JobQueue } from "./queue.js";
export { RedisQueue, type RedisQueueOptions } from "./redis-queue.js";
export { describeQueue, openQueue, type OpenQueueOptions } from "./open-queue.js";
export { cancelRegisteredPickup, carrierDayStops, publishCarrierDays, reoptimiseCarrierDay, scenarioPickupsOn, vehicleIds, type ReoptimiseRequest } from "./carrier-day.js";
export { compareKpis, diffPlans, diffScenarios, formatPlanDiff, type PlanDiff } from "./plan-diff.js";
export { checkPath, parseSetting, type SweepSetting, sweepVariants } from "./sweep-paths.js";
export { MAX_SWEEP_VARIANTS, runSweep, sweepCsv, sweepRow, type SweepRow, type SweepTable } from "./sweep.js";
export { SweepJobs, type SweepJobsOptions, type SweepRecord, type SweepState } from "./sweep-jobs.js";
export { percentile, sampleSupplies, type StressReport, type StressSample, stressPlan } from "./stress.js";
