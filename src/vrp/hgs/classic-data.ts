// The classic variant (CVRP / VRPTW) recognised in a routing problem: one depot, identical
// vehicles paying per km only (no fixed, per-stop or time cost), one capacity, at most one
// window per job, symmetric matrices.
// The hybrid genetic search runs on this flat form; every other problem uses the general search.
import type { ProblemData } from "../data.js";

/** Flat CVRP/VRPTW data: customer c (0..n-1) is job c at location `loc[c]`; the depot is `depot`. */
export interface ClassicData {
  readonly n: number;
  readonly nLoc: number;
  readonly depot: number;
  readonly loc: Int32Array;
  readonly dist: Float64Array;
  readonly time: Float64Array;
  readonly demand: Float64Array;
  readonly capacity: number;
  readonly serviceS: Float64Array;
  readonly readyS: Float64Array;
  readonly dueS: Float64Array;
  readonly depotReadyS: number;
  readonly depotDueS: number;
  readonly hasTimeWindows: boolean;
  /** Most routes allowed (the fleet size). */
  readonly maxRoutes: number;
  /** USD per unit of distance (the objective is distance times this). */
  readonly usdPerKm: number;
}

/** The classic form of `d`, or null when the problem uses anything beyond CVRP/VRPTW. */
export function toClassic(d: ProblemData): ClassicData | null {
  const nV = d.nVehicles;
  const n = d.nJobs;
  if (nV === 0 || n < 3 || d.nDims !== 1) return null;
  const c0 = d.vClass[0];
  const depot = d.vStart[0];
  if (depot < 0 || d.vEnd[0] !== depot) return null;
  for (let v = 0; v < nV; v++) {
    if (d.vClass[v] !== c0 || d.lockedPrefix[v].length > 0) return null;
  }
  const veh = d.problem.vehicles[0];
  if (veh.fixedCostUsd !== 0 || veh.costUsdPerHour !== 0 || !(veh.costUsdPerKm > 0) || veh.speedFactor !== 1) return null;
  if ((veh.costUsdPerStop ?? 0) !== 0 || (veh.minPaidS ?? 0) !== 0) return null;
  if (veh.maxDistanceKm !== undefined || veh.maxDurationS !== undefined || veh.maxTasks !== undefined) return null;
  if (veh.maxTrips > 1 && veh.unloadLocations.length > 0) return null;
  if (veh.initialLoad?.some((x) => x > 0)) return null;
  for (let k = 0; k < d.compatible.length; k++) if (d.compatible[k] === 0) return null;
  const m = d.nLocations;
  for (let i = 0; i < m; i++)
    for (let j = i + 1; j < m; j++) {
      if (d.distanceKm[i * m + j] !== d.distanceKm[j * m + i] || d.durationS[i * m + j] !== d.durationS[j * m + i]) return null;
      if (!Number.isFinite(d.durationS[i * m + j]) || !Number.isFinite(d.distanceKm[i * m + j])) return null;
    }
  const readyS = new Float64Array(n);
  const dueS = new Float64Array(n);
  let hasTimeWindows = false;
  const [shiftStart, shiftEnd] = veh.shift;
  for (let j = 0; j < n; j++) {
    const w = d.twOffset[j + 1] - d.twOffset[j];
    if (w > 1) return null;
    readyS[j] = Math.max(shiftStart, d.twStartS[d.twOffset[j]]);
    dueS[j] = Math.min(shiftEnd, d.twEndS[d.twOffset[j]]);
    if (readyS[j] > shiftStart || dueS[j] < shiftEnd) hasTimeWindows = true;
    // every customer must be servable alone, else the general search explains why not
    const out = shiftStart + d.durationS[depot * m + d.jobLoc[j]];
    const begin = Math.max(out, readyS[j]);
    if (begin > dueS[j] || begin + d.jobServiceS[j] + d.durationS[d.jobLoc[j] * m + depot] > shiftEnd) return null;
    if (d.jobAmount[j] > d.vCapacity[0]) return null;
  }
  return {
    n, nLoc: m, depot, loc: d.jobLoc, dist: d.distanceKm, time: d.durationS, demand: d.jobAmount, capacity: d.vCapacity[0],
    serviceS: d.jobServiceS, readyS, dueS, depotReadyS: shiftStart, depotDueS: shiftEnd, hasTimeWindows, maxRoutes: nV,
    usdPerKm: veh.costUsdPerKm,
  };
}
