// Public face of the VRP engine: solve a routing problem, check a solution independently.
export { checkRouting, type RoutingCheck } from "./check.js";
export { solveRouting } from "./solve.js";
export { DEFAULT_MAX_ITERATIONS, type SolveOptions } from "./stopping.js";
