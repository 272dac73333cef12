// Deterministic benchmark data: a carrier's day of N stops on K vehicles around Lebanon, TN,
// shaped like a planner's output (steps, loads, times, geometry), and a small solvable scenario.
import { type Plan, type ScenarioInput, secondsToClock } from "../../src/domain/index.js";

/** Park–Miller LCG in [0, 1): the same stream for the same seed on every machine. */
function lcg(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
}

/** A day's routing with `stops` job steps spread over `vehicles` routes. */
export function benchDay(date: string, stops: number, vehicles: number, seed = 1): Plan["routing"] {
  const rand = lcg(seed);
  const depot = { lat: 36.2081, lon: -86.2911 };
  const routes: Plan["routing"]["routes"] = [];
  const per = Math.ceil(stops / vehicles);
  for (let v = 0; v < vehicles; v++) {
    const n = Math.min(per, stops - v * per);
    let t = 8 * 3600;
    let km = 0;
    let kg = 0;
    const steps: Plan["routing"]["routes"][number]["steps"] = [
      { type: "start", id: "d1", location: depot, arrival: secondsToClock(t), arrivalS: t, waitingS: 0, departureS: t, loadKg: 0, loadM3: 0, distanceKm: 0 },
    ];
    for (let i = 0; i < n; i++) {
      // Five decimals (about 1 m), as geocoded addresses come.
      const location = { lat: Math.round((36.15 + rand() * 0.12) * 1e5) / 1e5, lon: Math.round((-86.36 + rand() * 0.14) * 1e5) / 1e5 };
      const leg = 0.5 + rand() * 3;
      km += leg;
      t += Math.round((leg / 30) * 3600);
      kg += 5 + Math.round(rand() * 40);
      steps.push({
        type: "job", id: `pk-${v}-${i}`, location, arrival: secondsToClock(t), arrivalS: t, waitingS: 0,
        departureS: t + 300, loadKg: kg, loadM3: kg / 200, distanceKm: Math.round(km * 1000) / 1000,
      });
      t += 300;
    }
    steps.push({ type: "end", id: "d1", location: depot, arrival: secondsToClock(t), arrivalS: t, waitingS: 0, departureS: t, loadKg: kg, loadM3: kg / 200, distanceKm: km });
    routes.push({
      vehicleId: `van-${v + 1}`, carrierId: "c1", steps, distanceKm: km, durationS: t - 8 * 3600,
      costUsd: km * 0.6 + ((t - 8 * 3600) / 3600) * 30, co2Kg: km * 0.25, collectedKg: kg,
      geometry: { type: "LineString", coordinates: steps.map((s) => [s.location.lon, s.location.lat]) },
    });
  }
  return { date, solver: "bench-fixture", seconds: 0, routes, unassigned: [] };
}

/** A small scenario (3 zones, 2 candidate hubs, 1 carrier, 8 pickups) with the given id. */
export function benchScenario(id: string): ScenarioInput {
  const rand = lcg(7);
  return {
    id,
    name: `Benchmark scenario ${id}`,
    region: { name: "Lebanon, TN (benchmark)", country: "US" },
    materials: [{ id: "copper", name: "Copper" }],
    streams: [{ id: "laptop", name: "Laptops", unitMassKg: 2.5, unitVolumeM3: 0.01, composition: [{ material: "copper", kgPerUnit: 0.2 }] }],
    zones: [
      { id: "z1", location: { lat: 36.23, lon: -86.3 }, unitsPerYear: { laptop: 4000 } },
      { id: "z2", location: { lat: 36.205, lon: -86.26 }, unitsPerYear: { laptop: 3000 } },
      { id: "z3", location: { lat: 36.18, lon: -86.31 }, unitsPerYear: { laptop: 2000 } },
    ],
    hubSites: [
      { id: "h1", location: { lat: 36.208, lon: -86.291 }, sizes: [{ id: "s", capacityTPerYear: 40, fixedCostUsdPerYear: 60000 }], processSteps: ["sorting"] },
      { id: "h2", location: { lat: 36.19, lon: -86.24 }, sizes: [{ id: "s", capacityTPerYear: 40, fixedCostUsdPerYear: 75000 }], processSteps: ["sorting"] },
    ],
    offtakers: [{ id: "smelter", name: "Smelter", location: { lat: 36.16, lon: -86.78 }, accepts: [{ material: "copper", priceUsdPerT: 5000 }] }],
    carriers: [{
      id: "c1", name: "Bench Haul", depots: [{ id: "d1", location: { lat: 36.2, lon: -86.28 } }],
      vehicles: [{ id: "van", count: 2, startDepot: "d1", endDepot: "d1", capacityKg: 800, capacityM3: 8, costUsdPerKm: 0.6, costUsdPerHour: 30, fixedCostUsdPerDay: 50, shift: { start: "08:00", end: "17:00" }, co2KgPerKm: 0.25 }],
    }],
    pickups: Array.from({ length: 8 }, (_, i) => ({ id: `p${i}`, location: { lat: 36.17 + rand() * 0.07, lon: -86.32 + rand() * 0.09 }, units: { laptop: 1 + Math.floor(rand() * 5) } })),
    transport: { road: { costUsdPerTKm: 0.12, co2KgPerTKm: 0.1, speedKmh: 60 } },
    policy: { serviceDate: "2026-12-01" },
  };
}
