// Stress test of a plan against uncertain supply: the plan's hubs (and sizes, and enterprises),
// its zones' collection channels and drop-off points, and its regional centres stay; each sample
// draws every zone's participation and device mix, re-assigns the zones (with their channels) to
// the open hubs within their capacities, sends streams on to the open centres, re-prices
// processing and the material outlets, and records cost, tonnes that cannot be taken, and
// over-capacity. Seeded: one seed, one set of samples.
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
  /** Tonnes collected: the zones' supply, or with channels what their channels capture. */
  supplyT: number;
  costUsd: number;
  revenueUsd: number;
  netCostUsd: number;
  co2T: number;
  /** Tonnes the open hubs cannot take: above capacity, or from zones no open hub reaches. */
  unservedT: number;
  /** Tonnes received above capacity, summed over hubs, regional centres and drop-off points. */
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
  /** The plan's regional centres, likewise (empty without). */
  centres: Array<{ siteId: string; sizeId: string; capacityTPerYear: number; utilisation: Percentiles; shareOverCapacity: number }>;
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
  Object.assign(fixed, planEchelons(plan, scenario, data));

  const run = (supply: Float64Array[]): { sample: StressSample; utilisation: number[]; centres: number[] } => {
    const r = evaluateFixedHubs(data, fixed, supply, year);
    return {
      utilisation: r.utilisation,
      centres: r.centreUtilisation,
      sample: {
        supplyT: r.collectedT,
        costUsd: r.figures.costUsd.total,
        revenueUsd: r.figures.revenueUsd,
        netCostUsd: r.figures.netCostUsd,
        co2T: r.figures.co2Kg / 1000,
        unservedT: r.strandedT + r.overCapacityT,
        overCapacityT: r.overCapacityT,
        hubsOverCapacity: [...r.utilisation, ...r.centreUtilisation].filter((u) => u > 1 + 1e-9).length,
        maxUtilisation: Math.max(0, ...r.utilisation),
      },
    };
  };
  const yearSupply = data.supplyT.map((row, z) => row.map((v) => v * data.supplyFactor[z][year - 1]));
  const runs = sampleSupplies(yearSupply, options).map(run);
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
    centres: (fixed.centres ?? []).map((o, i) => {
      const u = runs.map((r) => r.centres[i]);
      const c = data.regional!.centres[o.centre];
      return { siteId: c.id, sizeId: c.sizes[o.size].id, capacityTPerYear: c.sizes[o.size].capacityTPerYear, utilisation: pcts(u), shareOverCapacity: u.filter((x) => x > 1 + 1e-9).length / u.length };
    }),
    deterministic: run(yearSupply).sample,
    percentiles: Object.fromEntries(keys.map((k) => [k, pcts(col(k))])) as StressReport["percentiles"],
    shareOverCapacity: results.filter((r) => r.hubsOverCapacity > 0).length / results.length,
    results,
  };
}

/**
 * The plan's regional centres (and sizes), its zones' chosen channel options and its open drop-off
 * points as indices into the siting data.
 * @throws UrbanmineError INVALID_INPUT when the plan names a centre, size, zone, channel or point the scenario lacks.
 */
function planEchelons(plan: Plan, scenario: Scenario, data: ReturnType<typeof buildSitingData>): Pick<FixedHubs, "centres" | "offered" | "dropOffs"> {
  const bad = (what: string, path: string): never => {
    throw new UrbanmineError("INVALID_INPUT", `${what}: the plan does not match the scenario's`, [{ path, message: what }]);
  };
  const out: Pick<FixedHubs, "centres" | "offered" | "dropOffs"> = {};
  if (data.regional)
    out.centres = (plan.siting.centres ?? []).map((c, i) => {
      const centre = data.regional!.centres.findIndex((x) => x.id === c.siteId);
      const size = centre < 0 ? -1 : data.regional!.centres[centre].sizes.findIndex((k) => k.id === c.sizeId);
      return size < 0 ? bad(`regional centre ${c.siteId} at size ${c.sizeId} is not in the scenario's regional.centres`, `siting.centres[${i}]`) : { centre, size };
    });
  if (data.channels) {
    const sites = scenario.channels?.dropOff?.sites ?? [];
    const pointOf = (id: string | undefined): number => (id === undefined ? -1 : sites.findIndex((p) => p.id === id));
    out.dropOffs = (plan.siting.dropOffs ?? []).map((p, i) => (pointOf(p.id) < 0 ? bad(`drop-off point ${p.id} is not in the scenario`, `siting.dropOffs[${i}]`) : pointOf(p.id)));
    out.offered = (plan.siting.channels ?? []).flatMap((z, i) => {
      const zone = scenario.zones.findIndex((x) => x.id === z.zoneId);
      if (zone < 0) return bad(`zone ${z.zoneId} is not in the scenario`, `siting.channels[${i}].zoneId`);
      return z.options.flatMap((o, j) => {
        if (!o.chosen) return [];
        const option = data.channels!.options[zone].findIndex((x) => x.kind === o.channel && x.point === pointOf(o.dropOffId));
        return option < 0 ? bad(`zone ${z.zoneId}'s ${o.channel}${o.dropOffId ? ` at ${o.dropOffId}` : ""} is not one of its options`, `siting.channels[${i}].options[${j}]`) : [{ zone, option }];
      });
    });
  }
  return out;
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
