// The routing engine through its public face. Speed: the hybrid genetic search on routes bound
// to vehicles (the variant city days take) on X-n101-k25 given a fixed cost per vehicle so that
// it is not the classic variant, and its giant-tour initial population on A-n32-k5. Quality:
// the mean gap to best-known over a few seeds of iteration-bounded solves of CVRPLIB and
// Solomon instances, each checked independently. Several seeds, because a short run's gap
// depends on its random trajectory.
import type { RoutingProblem } from "../../src/domain/index.js";
import { type BenchmarkInstance, checkRouting, readBenchmark, solveRouting, toRoutingProblem } from "../../src/vrp/index.js";
import { type BenchContext, type BenchSuite, type QualityCase, qualityCase, speedCase } from "../harness/types.js";
import { bestKnown, gapPercent, sharedFile } from "./shared-data.js";

/** Seed of the speed cases' solves. */
const SEED = 1;
const SEEDS = [1, 2, 3];
const CVRP_BKS = "benchmarks/cvrp/bks.json";
const VRPTW_BKS = "benchmarks/vrptw/bks.json";

interface Loaded {
  inst: BenchmarkInstance;
  problem: RoutingProblem;
}

function load(ctx: BenchContext, relPath: string): Loaded {
  const inst = readBenchmark(sharedFile(ctx, `benchmarks/${relPath}`));
  return { inst, problem: toRoutingProblem(inst) };
}

/** The instance with a fixed cost per vehicle: outside the classic variant, so solveRouting searches routes bound to vehicles. */
function loadBound(ctx: BenchContext, relPath: string): Loaded {
  const { inst, problem } = load(ctx, relPath);
  return { inst, problem: { ...problem, vehicles: problem.vehicles.map((v) => ({ ...v, fixedCostUsd: 10 })) } };
}

/** Edge length in the benchmark's convention, recomputed here from the coordinates. */
function edge(inst: BenchmarkInstance, i: number, j: number): number {
  const d = Math.hypot(inst.x[i] - inst.x[j], inst.y[i] - inst.y[j]);
  return inst.rounding === "nint" ? Math.floor(d + 0.5) : Math.floor(d * 10 + 1e-9) / 10;
}

/**
 * Solves with a fixed seed and iteration bound, checks the solution with checkRouting, and
 * recomputes the cost from the visited customers. @throws Error on an invalid or partial solution.
 */
function solveAndCost(loaded: Loaded, seed: number, maxIterations: number): { cost: number; routes: number } {
  const { inst, problem } = loaded;
  const sol = solveRouting(problem, { seed, maxIterations });
  const check = checkRouting(problem, sol);
  if (!check.ok) throw new Error(`${inst.name}: checkRouting rejects the solution: ${check.errors.slice(0, 3).join("; ")}`);
  if (sol.unassigned.length > 0) throw new Error(`${inst.name}: ${sol.unassigned.length} customers left unserved`);
  let total = 0;
  const seen = new Set<number>();
  for (const r of sol.routes) {
    let prev = 0;
    for (const s of r.steps) {
      if (s.type !== "job") continue;
      const c = Number(s.jobId);
      seen.add(c);
      total += edge(inst, prev, c);
      prev = c;
    }
    if (prev !== 0) total += edge(inst, prev, 0);
  }
  if (seen.size !== inst.x.length - 1) throw new Error(`${inst.name}: ${seen.size} of ${inst.x.length - 1} customers visited`);
  const cost = inst.rounding === "nint" ? Math.round(total) : Math.round(total * 10) / 10;
  return { cost, routes: sol.routes.filter((r) => r.steps.some((s) => s.type === "job")).length };
}

interface GapSpec {
  instance: string;
  relPath: string;
  bksFile: string;
  maxIterations: number;
  seeds: number[];
  /** Allowed growth of the mean gap, points of %. */
  tolerance: number;
  fullOnly?: boolean;
  anchors?: Record<string, number>;
}

function gapCase(spec: GapSpec): QualityCase {
  const { instance, maxIterations, seeds } = spec;
  return qualityCase({
    name: `gap-${instance.toLowerCase()}-${maxIterations}it`,
    description: `${instance}: mean gap to best-known after ${maxIterations} iterations, seeds ${seeds.join(",")}`,
    unit: "gap %",
    better: "lower",
    tolerance: spec.tolerance,
    fullOnly: spec.fullOnly,
    anchors: spec.anchors,
    run(ctx) {
      const bks = bestKnown(ctx, spec.bksFile, instance);
      const loaded = load(ctx, spec.relPath);
      const details: Record<string, number> = { bks, iterations: maxIterations };
      let sum = 0;
      for (const seed of seeds) {
        const { cost } = solveAndCost(loaded, seed, maxIterations);
        details[`cost seed ${seed}`] = cost;
        sum += gapPercent(cost, bks);
      }
      return { value: sum / seeds.length, details };
    },
  });
}

const X101 = "cvrp/X/X-n101-k25.vrp";
const X101_ANCHORS = { "HGS-CVRP 60 CPU-s": 0.0, "VROOM 1.14 -x 5": 2.47 };

/**
 * Allowed growth of each mean gap, in points, from the spread of single-seed gaps measured over
 * seeds 1..5 (bench/README.md, "Tolerances"): a change of the search redraws the trajectories,
 * so a mean may move by about twice the standard deviation of a difference of two such means
 * without the plans being worse. X-n101-k25 at 300 iterations: 0.31..1.27 (sd 0.45); R101 at
 * 20: 1.00 or 1.18; C101 and A-n32-k5 at 1: 0 for every seed. The full-only single-seed runs
 * were not measured over seeds: 1.5 points, about three such standard deviations.
 */
const TOL = { x101: 0.75, r101: 0.3, exact: 0.25, long: 1.5 };

export const vrpSuite: BenchSuite = {
  name: "vrp",
  cases: [
    speedCase<Loaded>({
      name: "construct-bound-x-n101-k25",
      description: "solveRouting, X-n101-k25 with a fixed cost per vehicle, 0 iterations: problem data, the genetic search's set-up (its data, granular neighbours, local-search arrays; no individual at 0 iterations), the cheapest feasible insertion of every stop (what a search stopped before its first individual returns), output",
      // 40%: a short (7-10 ms), allocation-heavy case; with unchanged code its median ranged from
      // 1.71 to 2.30 (34%) between runs on this machine, and its rounds within one run 1.70-2.57
      tolerance: 0.4,
      timing: { minIterations: 5 },
      setup: (ctx) => loadBound(ctx, X101),
      run: ({ problem }) => solveRouting(problem, { seed: SEED, maxIterations: 0 }).costUsd,
    }),
    speedCase<Loaded>({
      name: "hgs-initial-population-bound-x-n101-k25",
      description: "solveRouting, hybrid genetic search on the vehicle-bound (mixed-fleet) path, X-n101-k25 with a fixed cost per vehicle, 1 iteration: the initial population, bounded by the generations allowed to 2 individuals (random-order insertion, each educated by local search), one route-based crossover",
      // 40%: with unchanged code (the same build, load 1.0-1.3) its median was 16.5 in some runs and
      // 20.4-24.4 in most, its rounds within one run 11.4-31.1; a 25% tolerance failed unchanged code
      timing: { minIterations: 3 },
      tolerance: 0.4,
      setup: (ctx) => loadBound(ctx, X101),
      run: ({ problem }) => solveRouting(problem, { seed: SEED, maxIterations: 1 }).costUsd,
    }),
    speedCase<Loaded>({
      name: "hgs-initial-population-a-n32-k5",
      description: "solveRouting, hybrid genetic search, A-n32-k5, 1 iteration: 60 random giant tours (4 × mu) split and educated by local search, one crossover",
      timing: { minIterations: 3 },
      setup: (ctx) => load(ctx, "cvrp/A/A-n32-k5.vrp"),
      run: ({ problem }) => solveRouting(problem, { seed: SEED, maxIterations: 1 }).costUsd,
    }),
    gapCase({ instance: "X-n101-k25", relPath: X101, bksFile: CVRP_BKS, maxIterations: 300, seeds: SEEDS, tolerance: TOL.x101, anchors: X101_ANCHORS }),
    gapCase({ instance: "R101", relPath: "vrptw/solomon/R101.txt", bksFile: VRPTW_BKS, maxIterations: 20, seeds: SEEDS, tolerance: TOL.r101, anchors: { "VROOM 1.14 -x 5": 0.87 } }),
    gapCase({ instance: "C101", relPath: "vrptw/solomon/C101.txt", bksFile: VRPTW_BKS, maxIterations: 1, seeds: [1], tolerance: TOL.exact, anchors: { "VROOM 1.14 -x 5": 0.0 } }),
    gapCase({ instance: "A-n32-k5", relPath: "cvrp/A/A-n32-k5.vrp", bksFile: CVRP_BKS, maxIterations: 1, seeds: [1], tolerance: TOL.exact }),
    gapCase({ instance: "X-n101-k25", relPath: X101, bksFile: CVRP_BKS, maxIterations: 2000, seeds: [1], tolerance: TOL.long, fullOnly: true, anchors: X101_ANCHORS }),
    gapCase({ instance: "X-n200-k36", relPath: "cvrp/X/X-n200-k36.vrp", bksFile: CVRP_BKS, maxIterations: 500, seeds: [1], tolerance: TOL.long, fullOnly: true, anchors: { "HGS-CVRP 60 CPU-s": 0.0, "VROOM 1.14 -x 5": 2.42 } }),
    gapCase({ instance: "RC101", relPath: "vrptw/solomon/RC101.txt", bksFile: VRPTW_BKS, maxIterations: 100, seeds: [1], tolerance: TOL.long, fullOnly: true, anchors: { "VROOM 1.14 -x 5": 1.07 } }),
    gapCase({ instance: "R201", relPath: "vrptw/solomon/R201.txt", bksFile: VRPTW_BKS, maxIterations: 100, seeds: [1], tolerance: TOL.long, fullOnly: true, anchors: { "VROOM 1.14 -x 5": 4.21 } }),
  ],
};
