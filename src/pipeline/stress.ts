// Stress test of a plan against uncertain supply: the plan's hubs (and sizes, and enterprises)
// stay; each sample draws every zone's participation and device mix, re-assigns the zones to the
// open hubs within their capacities, re-prices processing and the material outlets, and records
// cost, tonnes that cannot be taken, and hub over-capacity. Seeded: one seed, one set of samples.
import { type Plan, type Scenario, UrbanmineError } from "../domain/index.js";
import { buildSitingData, evaluateFixedHubs, type FixedHubs } from "../siting/index.js";
import { Rng } from "../vrp/index.js";
import { listPlaces } from "./sites.js";
import { subMatrix } from "./sub-matrix.js";
import { scenarioTravel } from "./travel.js";

export interface StressOptions {
  samples: number;
  seed: number;
  /** Coefficient of variation of each zone's participation (total tonnes), lognormal with mean 1. */
  supplyCv: number;
  /** Coefficient of variation of each zone's share of each stream (device mix), lognormal, mass-preserving. */
  mixCv: number;
  /** Folder that relative paths in the scenario are resolved against. */
  baseDir: string;
}

export interface StressSample {
  supplyT: number;
  costUsd: number;
  revenueUsd: number;
  netCostUsd: number;
  co2T: number;
  /** Tonnes the open hubs cannot take: above capacity, or from zones no open hub reaches. */
  unservedT: number;
  /** Tonnes received above capacity, summed over hubs. */
  overCapacityT: number;
  hubsOverCapacity: number;
  maxUtilisation: number;
}

export interface Percentiles {
  p5: number;
  p50: number;
  p95: number;
}

export interface StressReport {
  scenarioId: string;
  year: number;
  samples: number;
  seed: number;
  supplyCv: number;
  mixCv: number;
  hubs: Array<{ siteId: string; sizeId: string; capacityTPerYear: number; utilisation: Percentiles; shareOverCapacity: number }>;
  /** The plan's own supply and figures re-priced the same way (the reference point). */
  deterministic: StressSample;
  percentiles: Record<Exclude<keyof StressSample, "hubsOverCapacity">, Percentiles>;
  /** Share of samples in which some hub runs over capacity. */
  shareOverCapacity: number;
  results: StressSample[];
}

/**
 * Percentile by linear interpolation between closest ranks (Hyndman and Fan type 7, the default
 * of R and NumPy): position q·(n−1) in the sorted values.
 */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const v = [...values].sort((a, b) => a - b);
  const pos = q * (v.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, v.length - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

const pcts = (xs: number[]): Percentiles => ({ p5: percentile(xs, 0.05), p50: percentile(xs, 0.5), p95: percentile(xs, 0.95) });

/** A lognormal draw with mean 1 and coefficient of variation `cv` (1 when cv is 0). */
function lognormal(rng: Rng, cv: number): number {
  if (cv <= 0) return 1;
  const s2 = Math.log(1 + cv * cv);
  // Box–Muller; 1 − u keeps the logarithm finite
  const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return Math.exp(Math.sqrt(s2) * z - s2 / 2);
}

/**
 * Draws `samples` supplies (tonnes by zone and stream) around `base`: zone z's total × a
 * participation factor, its streams re-weighted by mix factors that keep the zone's mass.
 */
export function sampleSupplies(base: Float64Array[], o: Pick<StressOptions, "samples" | "seed" | "supplyCv" | "mixCv">): Float64Array[][] {
  const rng = new Rng(o.seed);
  return Array.from({ length: o.samples }, () =>
    base.map((row) => {
      const total = row.reduce((a, v) => a + v, 0);
      const p = lognormal(rng, o.supplyCv);
      const mixed = row.map((v) => v * lognormal(rng, o.mixCv));
      const sum = mixed.reduce((a, v) => a + v, 0);
      return sum > 0 ? mixed.map((v) => (v * total * p) / sum) : Float64Array.from(row);
    }),
  );
}

/**
 * Stress-tests `plan` (its last year's hubs) on `scenario` under sampled supply.
 * @throws UrbanmineError INVALID_INPUT when the plan names a hub, size or enterprise the scenario lacks,
 *   or the options are out of range.
 */
export async function stressPlan(plan: Plan, scenario: Scenario, options: StressOptions): Promise<StressReport> {
  if (!Number.isInteger(options.samples) || options.samples < 1 || options.samples > 100_000)
    throw new UrbanmineError("INVALID_INPUT", `samples must be a whole number 1..100000, got ${options.samples}`, [{ path: "samples", message: "1..100000" }]);
  const fixed = planHubs(plan, scenario);
  // Depots stay: collection is priced by routes from them, at the plan's own calibration.
  const places = listPlaces(scenario);
  const travel = await scenarioTravel(scenario, places, options.baseDir);
  const ids = places.map((p) => p.id);
  const c = plan.kpis.collection;
  const scale = c?.method === "routes" ? { cost: c.costScale, co2: c.co2Scale } : undefined;
  const data = buildSitingData(scenario, { road: subMatrix(travel.road, ids), rail: travel.rail ? subMatrix(travel.rail, ids) : undefined }, false, scale);
  const year = data.years;

  const run = (supply: Float64Array[]): { sample: StressSample; utilisation: number[] } => {
    const r = evaluateFixedHubs(data, fixed, supply, year);
    const supplyT = supply.reduce((a, row, z) => a + (year >= data.joinYear[z] ? row.reduce((x, v) => x + v, 0) : 0), 0);
    return {
      utilisation: r.utilisation,
      sample: {
        supplyT,
        costUsd: r.figures.costUsd.total,
        revenueUsd: r.figures.revenueUsd,
        netCostUsd: r.figures.netCostUsd,
        co2T: r.figures.co2Kg / 1000,
        unservedT: r.strandedT + r.overCapacityT,
        overCapacityT: r.overCapacityT,
        hubsOverCapacity: r.utilisation.filter((u) => u > 1 + 1e-9).length,
        maxUtilisation: Math.max(0, ...r.utilisation),
      },
    };
  };
  const runs = sampleSupplies(data.supplyT, options).map(run);
  const results = runs.map((r) => r.sample);
  const col = (k: keyof StressSample): number[] => results.map((r) => r[k]);
  const keys = ["supplyT", "costUsd", "revenueUsd", "netCostUsd", "co2T", "unservedT", "overCapacityT", "maxUtilisation"] as const;
  return {
    scenarioId: scenario.id,
    year,
    samples: options.samples,
    seed: options.seed,
    supplyCv: options.supplyCv,
    mixCv: options.mixCv,
    hubs: fixed.open.map((o, i) => {
      const u = runs.map((r) => r.utilisation[i]);
      const h = scenario.hubSites[o.hub];
      return { siteId: h.id, sizeId: h.sizes[o.size].id, capacityTPerYear: h.sizes[o.size].capacityTPerYear, utilisation: pcts(u), shareOverCapacity: u.filter((x) => x > 1 + 1e-9).length / u.length };
    }),
    deterministic: run(data.supplyT).sample,
    percentiles: Object.fromEntries(keys.map((k) => [k, pcts(col(k))])) as StressReport["percentiles"],
    shareOverCapacity: results.filter((r) => r.hubsOverCapacity > 0).length / results.length,
    results,
  };
}

/** The plan's open hubs, sizes and enterprises as scenario indices. */
function planHubs(plan: Plan, scenario: Scenario): FixedHubs {
  if (plan.scenarioId !== scenario.id)
    throw new UrbanmineError("INVALID_INPUT", `the plan is of scenario '${plan.scenarioId}', not '${scenario.id}'`, [{ path: "scenarioId", message: `expected '${scenario.id}'` }]);
  const fixed: FixedHubs = { open: [], placed: [] };
  plan.siting.hubs.forEach((h, i) => {
    const hub = scenario.hubSites.findIndex((x) => x.id === h.siteId);
    const size = hub < 0 ? -1 : scenario.hubSites[hub].sizes.findIndex((k) => k.id === h.sizeId);
    if (size < 0)
      throw new UrbanmineError("INVALID_INPUT", `plan hub ${h.siteId} at size ${h.sizeId} is not in the scenario's hubSites`, [{ path: `siting.hubs[${i}]`, message: "unknown site or size" }]);
    fixed.open.push({ hub, size });
    for (const id of h.enterprises) {
      const enterprise = scenario.enterprises.findIndex((e) => e.id === id);
      if (enterprise < 0)
        throw new UrbanmineError("INVALID_INPUT", `plan hub ${h.siteId} hosts enterprise ${id}, which the scenario does not list`, [{ path: `siting.hubs[${i}].enterprises`, message: `unknown '${id}'` }]);
      fixed.placed.push({ enterprise, hub });
    }
  });
  return fixed;
}
