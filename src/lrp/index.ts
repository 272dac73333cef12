// Public face of the location-routing engine: open depots, assign customers and route them in
// one search (capacitated LRP), plus the Prodhon benchmark reader.
export { buildLrpData, prodhonEdge, type LrpCustomer, type LrpData, type LrpDepot, type LrpInput } from "./data.js";
export { DEFAULT_LRP_ITERATIONS, type LrpSolveOptions, type StoppedBy } from "./budget.js";
export { parseProdhon } from "./prodhon.js";
export { solveLrp, type LrpResult, type LrpRoute } from "./solve.js";
export { checkLrpRoutes } from "./check.js";
export { type EstimatedConfig, rankConfigs } from "./configurations.js";
