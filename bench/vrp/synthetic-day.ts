// A seeded synthetic collection day for the routing search: two capacity dimensions, single
// time windows on a share of stops, a hazardous skill, two carriers, two depots, a mixed fleet
// of 12 vehicles (some multi-trip), as the pipeline builds it. Same seed, same problem.
import type { RoutingJob, RoutingProblem, RoutingVehicle } from "../../src/domain/index.js";

/** Deterministic pseudo-random numbers in [0, 1) (LCG), for building bench data only. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/**
 * A day of `nStops` pickups in a 40×40 km area served by 12 vehicles of two carriers from two
 * depots (locations 0 and 1, also the unload hubs). Road km = 1.3 × straight line; 40 km/h.
 */
export function syntheticDay(nStops: number, seed: number): RoutingProblem {
  const rand = lcg(seed);
  const nLoc = nStops + 2;
  const pts: Array<[number, number]> = [[12, 20], [28, 20]];
  for (let i = 0; i < nStops; i++) pts.push([rand() * 40, rand() * 40]);
  const distanceKm = new Float64Array(nLoc * nLoc);
  const durationS = new Float64Array(nLoc * nLoc);
  for (let i = 0; i < nLoc; i++)
    for (let j = 0; j < nLoc; j++) {
      const km = 1.3 * Math.hypot(pts[i][0] - pts[j][0], pts[i][1] - pts[j][1]);
      distanceKm[i * nLoc + j] = km;
      durationS[i * nLoc + j] = km * 90;
    }
  const day0 = 7 * 3600;
  const jobs: RoutingJob[] = [];
  for (let i = 0; i < nStops; i++) {
    const r = rand();
    const windowed = rand() < 0.3;
    const start = day0 + 3600 + Math.floor(rand() * 7) * 3600;
    jobs.push({
      id: `s${i}`,
      location: i + 2,
      serviceS: 180 + Math.floor(rand() * 300),
      amounts: [Math.round(20 + rand() * 280), Math.round((0.1 + rand() * 1.9) * 10) / 10],
      timeWindows: windowed ? [[start, start + 2 * 3600 + Math.floor(rand() * 2) * 3600]] : [],
      skills: r < 0.1 ? ["hazardous"] : [],
      priority: rand() < 0.2 ? 50 : 10,
      carrierId: r > 0.85 ? (rand() < 0.5 ? "north" : "south") : undefined,
    });
  }
  const vehicles: RoutingVehicle[] = [];
  for (let v = 0; v < 12; v++) {
    const big = v % 3 === 0;
    const multiTrip = v % 4 === 1;
    vehicles.push({
      id: `v${v}`,
      carrierId: v < 6 ? "north" : "south",
      start: v % 2,
      end: v % 5 === 4 ? undefined : v % 2,
      capacity: big ? [6000, 30] : [3500, 18],
      skills: v % 3 === 1 ? ["hazardous"] : [],
      shift: [day0, day0 + 10 * 3600],
      fixedCostUsd: big ? 180 : 120,
      costUsdPerKm: big ? 0.9 : 0.6,
      costUsdPerHour: 35,
      speedFactor: big ? 0.9 : 1,
      co2KgPerKm: big ? 0.9 : 0.6,
      maxDurationS: 9.5 * 3600,
      maxTasks: 60,
      unloadLocations: multiTrip ? [0, 1] : [],
      unloadS: 900,
      maxTrips: multiTrip ? 3 : 1,
    });
  }
  return { locationIds: pts.map((_, i) => `L${i}`), durationS, distanceKm, jobs, vehicles, dimensions: ["kg", "m3"] };
}
