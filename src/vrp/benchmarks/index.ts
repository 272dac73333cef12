// Public face of the benchmark readers (CVRPLIB .vrp, Solomon .txt) and their conventions.
export { parseCvrplib } from "./cvrplib.js";
export { type BenchmarkInstance, edgeLength, edgeMatrix, toRoutingProblem } from "./instance.js";
export { readBenchmark } from "./read.js";
export { parseSolomon } from "./solomon.js";
export { type BenchmarkResult, benchmarkProblem, benchmarkResult, routesCost, solveBenchmark } from "./solve-benchmark.js";
