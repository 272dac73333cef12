// Tiny siting scenarios on a line: every place sits at a km mark, road distance = |x_a − x_b|,
// so optima can be worked out by hand. Collection costs 1 USD per t-km unless overridden.
import { parseScenario, type Scenario, type ScenarioInput, type TravelMatrix } from "../../src/domain/index.js";

export interface LinePlace {
  id: string;
  x: number;
}

/** A road matrix between places on a line (km = |Δx|, 60 km/h). */
export function lineMatrix(places: LinePlace[], mode: "road" | "rail" = "road"): TravelMatrix {
  const n = places.length;
  const distanceKm = new Float64Array(n * n);
  const durationS = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      distanceKm[i * n + j] = Math.abs(places[i].x - places[j].x);
      durationS[i * n + j] = distanceKm[i * n + j] * 60;
    }
  return { ids: places.map((p) => p.id), mode, distanceKm, durationS, method: "line", unreachable: [] };
}

const loc = { lat: 36.2, lon: -86.3 };

/** Laptops of 2 kg, 0.5 kg copper each (yield 0.25 t/t); zones give tonnes. */
export function lineScenario(opts: {
  zones: Array<{ id: string; x: number; tonnes: number; joinYear?: number }>;
  sites: Array<{ id: string; x: number; sizes: Array<{ id: string; cap: number; fixed: number; floor?: number; jobs?: number }>; status?: "candidate" | "forced-open" | "forced-closed" | "existing"; steps?: string[] }>;
  offtakers?: Array<{ id: string; x: number; price: number; min?: number; max?: number }>;
  policy?: Record<string, unknown>;
  collectionCost?: number;
  extra?: Partial<ScenarioInput>;
}): { scenario: Scenario; road: TravelMatrix } {
  const input = {
    id: "line",
    name: "line test",
    region: { name: "test" },
    materials: [{ id: "copper", name: "Copper" }],
    streams: [{ id: "laptop", name: "Laptop", unitMassKg: 2, unitVolumeM3: 0.01, composition: [{ material: "copper", kgPerUnit: 0.5 }] }],
    zones: opts.zones.map((z) => ({ id: z.id, location: loc, unitsPerYear: { laptop: (z.tonnes * 1000) / 2 }, joinYear: z.joinYear ?? 1 })),
    hubSites: opts.sites.map((s) => ({
      id: s.id,
      location: loc,
      status: s.status ?? "candidate",
      processSteps: s.steps ?? ["sorting"],
      sizes: s.sizes.map((k) => ({ id: k.id, capacityTPerYear: k.cap, fixedCostUsdPerYear: k.fixed, floorSpaceM2: k.floor ?? 0, jobs: k.jobs ?? 0 })),
    })),
    offtakers: (opts.offtakers ?? []).map((o) => ({
      id: o.id,
      name: o.id,
      location: loc,
      accepts: [{ material: "copper", priceUsdPerT: o.price, minTPerYear: o.min ?? 0, maxTPerYear: o.max }],
    })),
    carriers: [
      {
        id: "c",
        name: "carrier",
        vehicles: [{ id: "v", capacityKg: 1000, capacityM3: 10, costUsdPerKm: 2, costUsdPerHour: 0, fixedCostUsdPerDay: 0, co2KgPerKm: 0, shift: { start: "08:00", end: "17:00" } }],
      },
    ],
    transport: { road: { costUsdPerTKm: 0.1, co2KgPerTKm: 0, speedKmh: 60 }, collectionCostUsdPerTKm: opts.collectionCost ?? 1 },
    policy: { disposalCostUsdPerT: 0, mipGap: 1e-9, ...opts.policy },
    ...opts.extra,
  };
  const scenario = parseScenario(input);
  const places: LinePlace[] = [...opts.zones, ...opts.sites, ...(opts.offtakers ?? [])];
  return { scenario, road: lineMatrix(places) };
}

/** Two sites 10 km apart, a 100 t zone at each; sizes small (100 t, 1000 USD) and large (250 t, 1500 USD). */
export function twoSites(policy: Record<string, unknown> = {}, collectionCost = 1) {
  return lineScenario({
    zones: [
      { id: "Z1", x: 0, tonnes: 100 },
      { id: "Z2", x: 10, tonnes: 100 },
    ],
    sites: [
      { id: "A", x: 0, sizes: [{ id: "small", cap: 100, fixed: 1000 }, { id: "large", cap: 250, fixed: 1500 }] },
      { id: "B", x: 10, sizes: [{ id: "small", cap: 100, fixed: 1000 }, { id: "large", cap: 250, fixed: 1500 }] },
    ],
    policy,
    collectionCost,
  });
}
