// A benchmark instance (CVRPLIB or Solomon) as read from its file, and its conversion to a
// RoutingProblem whose costs follow the benchmark's own rounding convention.
import type { RoutingProblem } from "../../domain/index.js";

/** Node 0 is the depot; customer numbers in .sol files equal node indices. */
export interface BenchmarkInstance {
  name: string;
  kind: "cvrp" | "vrptw";
  /** x, y of each node. */
  x: Float64Array;
  y: Float64Array;
  demand: Float64Array;
  capacity: number;
  /** Fleet size; undefined: unlimited (CVRPLIB). */
  vehicles?: number;
  /** VRPTW only: ready time, due date and service time per node. */
  readyS?: Float64Array;
  dueS?: Float64Array;
  serviceS?: Float64Array;
  /** How one edge's length is derived from the Euclidean distance. */
  rounding: "nint" | "trunc1";
}

/** Length of the edge between nodes i and j in the instance's convention. */
export function edgeLength(inst: BenchmarkInstance, i: number, j: number): number {
  const d = Math.hypot(inst.x[i] - inst.x[j], inst.y[i] - inst.y[j]);
  // TSPLIB nint; DIMACS VRPTW truncation to one decimal (1e-9 guards values like 0.3 stored as 0.29999)
  return inst.rounding === "nint" ? Math.floor(d + 0.5) : Math.floor(d * 10 + 1e-9) / 10;
}

/** Flat n×n matrix of edge lengths. */
export function edgeMatrix(inst: BenchmarkInstance): Float64Array {
  const n = inst.x.length;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) m[i * n + j] = m[j * n + i] = edgeLength(inst, i, j);
  return m;
}

/**
 * The instance as a routing problem: cost = distance (1 USD per unit), travel time = distance,
 * one job per customer; CVRPLIB gets one vehicle per customer (unlimited fleet).
 */
export function toRoutingProblem(inst: BenchmarkInstance): RoutingProblem {
  const n = inst.x.length;
  const m = edgeMatrix(inst);
  const fleet = inst.vehicles ?? n - 1;
  const horizon = inst.dueS ? inst.dueS[0] : Number.MAX_SAFE_INTEGER;
  const jobs = [];
  for (let i = 1; i < n; i++) {
    jobs.push({
      id: String(i),
      location: i,
      serviceS: inst.serviceS ? inst.serviceS[i] : 0,
      amounts: [inst.demand[i]],
      timeWindows: inst.readyS && inst.dueS ? [[inst.readyS[i], inst.dueS[i]] as [number, number]] : [],
      skills: [],
      priority: 0,
    });
  }
  const vehicles = Array.from({ length: fleet }, (_, v) => ({
    id: `v${v + 1}`, carrierId: "benchmark", start: 0, end: 0, capacity: [inst.capacity], skills: [],
    shift: [inst.readyS ? inst.readyS[0] : 0, horizon] as [number, number],
    fixedCostUsd: 0, costUsdPerKm: 1, costUsdPerHour: 0, speedFactor: 1, co2KgPerKm: 0,
    unloadLocations: [], unloadS: 0, maxTrips: 1,
  }));
  return { locationIds: Array.from({ length: n }, (_, i) => String(i)), durationS: m, distanceKm: m.slice(), jobs, vehicles, dimensions: ["demand"] };
}
