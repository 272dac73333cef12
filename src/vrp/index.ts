// Public face of the VRP engine (one engine: the hybrid genetic search in hgs/, its variant
// read from the data): solve a routing problem, check a solution independently, and read/solve
// CVRPLIB and Solomon benchmark instances.
export { checkRouting, type RoutingCheck } from "./check.js";
export { solveRouting } from "./solve.js";
export { DEFAULT_MAX_ITERATIONS, type SolveOptions } from "./stopping.js";
export {
  type BenchmarkInstance,
  type BenchmarkResult,
  benchmarkProblem,
  benchmarkResult,
  edgeLength,
  parseCvrplib,
  parseSolomon,
  readBenchmark,
  routesCost,
  solveBenchmark,
  toRoutingProblem,
} from "./benchmarks/index.js";
export { bestOf } from "./best-of.js";
export { Rng } from "./random.js";
