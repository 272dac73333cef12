// Public face of siting: the hub-siting solve, its report, and the MILP pieces the CLI and
// benchmarks reuse (model, adapters, checker, OR-Library CFLP).
export { solveSiting, type SitingOptions } from "./solve-siting.js";
export type { SitingReport } from "./report.js";
export type { CollectionScale } from "./siting-data.js";
export { MilpBuilder, type MilpModel, objectiveOf } from "./milp/model.js";
export { checkMilpSolution, type MilpCheck } from "./milp/check.js";
export { type MilpResult, type MilpSolver, type MilpSolveOptions, relativeGap } from "./milp/solver.js";
export { HighsSolver } from "./milp/highs-adapter.js";
export { LpSolverSolver } from "./milp/lp-solver-adapter.js";
export { buildSitingData, type SitingData } from "./siting-data.js";
export { evaluateFixedHubs, type FixedHubs, type FixedHubsResult } from "./fixed-hubs.js";
