// Small routing problems for tests: points on a plane, Euclidean km, a fixed speed.
import type { RoutingJob, RoutingProblem, RoutingVehicle } from "../../src/domain/index.js";

/** Seconds per km in test problems (60 km/h). */
export const S_PER_KM = 60;

/** A problem on `points` (index 0.. are locations) with Euclidean km and 60 km/h. */
export function planeProblem(points: Array<[number, number]>, jobs: RoutingJob[], vehicles: RoutingVehicle[], dimensions = ["kg"]): RoutingProblem {
  const n = points.length;
  const distanceKm = new Float64Array(n * n);
  const durationS = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const km = Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]);
      distanceKm[i * n + j] = km;
      durationS[i * n + j] = km * S_PER_KM;
    }
  return { locationIds: points.map((_, i) => `L${i}`), durationS, distanceKm, jobs, vehicles, dimensions };
}

/** A job with defaults: no windows, no skills, priority 0, 60 s service. */
export function job(id: string, location: number, amounts: number[], extra: Partial<RoutingJob> = {}): RoutingJob {
  return { id, location, serviceS: 60, amounts, timeWindows: [], skills: [], priority: 0, ...extra };
}

/** A vehicle with defaults: depot 0 both ends, shift 0..100000 s, 1 USD/km, single trip. */
export function vehicle(id: string, capacity: number[], extra: Partial<RoutingVehicle> = {}): RoutingVehicle {
  return {
    id, carrierId: "c1", start: 0, end: 0, capacity, skills: [], shift: [0, 100_000], fixedCostUsd: 0, costUsdPerKm: 1,
    costUsdPerHour: 0, speedFactor: 1, co2KgPerKm: 0.5, unloadLocations: [], unloadS: 0, maxTrips: 1, ...extra,
  };
}

/** Deterministic pseudo-random numbers for building test data. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Random points in a 20×20 km square. */
export function randomPoints(rand: () => number, n: number): Array<[number, number]> {
  return Array.from({ length: n }, () => [Math.round(rand() * 200) / 10, Math.round(rand() * 200) / 10] as [number, number]);
}
