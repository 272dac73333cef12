// solveSiting: scenario + travel matrices → checked siting report. Wiring only: index the
// scenario, rule out the obvious infeasibilities, build the MILP, solve, check independently,
// decode and report.
import { type HubStepWork, type PlanYear, type Scenario, type TravelMatrix, UrbanmineError } from "../domain/index.js";
import { diagnoseByRelaxation, findInfeasibilityCauses } from "./diagnose.js";
import { checkMilpSolution } from "./milp/check.js";
import { HighsSolver } from "./milp/highs-adapter.js";
import { LpSolverSolver } from "./milp/lp-solver-adapter.js";
import { type MilpModel, objectiveOf } from "./milp/model.js";
import { type MilpSolver, relativeGap } from "./milp/solver.js";
import { checkSitingPlan } from "./plan-check.js";
import { buildReport, type SitingReport } from "./report.js";
import { buildYearResults } from "./year-report.js";
import { buildHubWork } from "./hub-work.js";
import { buildSitingData, type CollectionScale } from "./siting-data.js";
import { buildSitingModel, type SitingModel } from "./siting-model.js";
import { lagrangianBound } from "./lagrangian.js";
import { phaseIn } from "./phase-in.js";
import { type ChooseOptions, chooseHubs, fixColumns, fixToChoice, type HubChoice } from "./warm-start.js";
import { reassignZones } from "./reassign.js";
import { placeEnterprises } from "./place-enterprises.js";
import { improvePlan } from "./plan-search.js";
import { planOf } from "./plan-value.js";
import { restrictModel } from "./milp/restrict.js";
import { decodeYears, polishYear } from "./year-plan.js";

export interface SitingOptions {
  /** Wall-clock limit of the solve, seconds. */
  timeLimitS: number;
  /** Relative MIP gap; default: the scenario's policy.mipGap. */
  mipGap?: number;
  solver?: "highs" | "lp-solver";
  /** Polled during the search; true stops it and the best plan so far is returned. */
  shouldStop?: () => boolean;
  /**
   * Hand HiGHS a MIP start from greedy + local search over hubs (see warm-start.ts).
   * Default: on for models with more than 1,000 integer columns.
   */
  warmStart?: boolean;
  /**
   * After the MIP start: a Lagrangian bound (see lagrangian.ts) and the hub sizes it proves
   * useless fixed closed before HiGHS runs. Default: on whenever there is a MIP start.
   */
  lagrangian?: boolean;
  /**
   * Calibration of the route-based collection estimate (cost and CO2 multipliers, default 1):
   * the pipeline sets it from the routed day (see pipeline/calibrate-collection.ts).
   */
  collectionScale?: CollectionScale;
  /** Subgradient iterations of the Lagrangian bound; default 500 (2,000 on models HiGHS does not get), stopped early at 30% of the limit (60%). */
  lagrangianIterations?: number;
  /**
   * What the time limit counts: wall-clock time (default) or the process's CPU time, for
   * benchmarks on a shared machine (HiGHS's own limits, wall-clock, are then stretched by the wall-to-CPU ratio seen so far).
   */
  clock?: "wall" | "cpu";
}

/** Most choices the local search of a large model's start evaluates (each walks every zone's arcs). */
const LARGE_EVALUATIONS = 2000;

/** Models with more non-zeros than this go the Lagrangian path only (HiGHS's heap is capped at 2 GiB). */
const HIGHS_MAX_NONZEROS = 1_500_000;
/** The large path's subgradient: deflection and patience (iterations before the step halves). */
const LARGE_DEFLECTION = 0.7;
/**
 * Share of the limit after which a large model's subgradient stops. Its step halving after 100
 * iterations without a better bound, the 2,000-zone scenario's bound reached −23.60 M by 900-1,300
 * iterations (30 CPU-s) as by 2,000 (36): the plan search gets the difference.
 */
const LARGE_LAGRANGIAN_SHARE = 0.5;
const LARGE_STALL = 100;
/** Most states of the hub cover's table during a large model's iterations (2,000 t ÷ 15,600 t of supply: 8 t units). */
const LARGE_COVER_STATES = 2000;

/** Relative tolerance between the solver's objective and the one recomputed by the checker. */
const OBJECTIVE_TOL = 1e-6;

/**
 * Chooses hubs, sizes, enterprise placements, zone assignments and material flows.
 * @param travel road (and rail) matrices whose ids include every zone, hub site, offtaker and terminal
 * @throws UrbanmineError INFEASIBLE with the binding cause in planner's words; SOLVER_FAILED when
 *   no plan was found in time or a solution fails the independent check; INVALID_INPUT when a
 *   matrix lacks a site.
 */
export async function solveSiting(
  scenario: Scenario,
  travel: { road: TravelMatrix; rail?: TravelMatrix },
  options: SitingOptions,
): Promise<SitingReport & { hubWork: HubStepWork[]; years?: PlanYear[] }> {
  const now = options.clock === "cpu" ? cpuMs : () => performance.now();
  const t0 = now();
  const w0 = performance.now();
  // HiGHS's limits are wall-clock: under a CPU-time limit they are stretched by the wall-to-CPU
  // ratio seen so far, so that the engine gets its share of CPU time on a busy machine.
  const engineS = (s: number): number => (options.clock === "cpu" ? s * Math.min(10, Math.max(1, (performance.now() - w0) / Math.max(1, now() - t0))) : s);
  // The stretched limit is a guess from the load so far; under a CPU-time limit an engine call is
  // also interrupted once it has used its share of CPU time (when the machine grew quieter, the
  // stretched wall-clock limit alone let a completion take twice its share and the relaxation less).
  const engineStop = (s: number): (() => boolean) | undefined => {
    if (options.clock !== "cpu") return options.shouldStop;
    const deadline = now() + s * 1000;
    return () => !!options.shouldStop?.() || now() > deadline;
  };
  const data = buildSitingData(scenario, travel, false, options.collectionScale);
  const causes = findInfeasibilityCauses(data);
  if (causes.length > 0) throw new UrbanmineError("INFEASIBLE", `no plan satisfies the scenario: ${causes.join("; ")}`);
  const warnings = collectWarnings(scenario);

  const model = buildSitingModel(data);
  const solver: MilpSolver = options.solver === "lp-solver" ? new LpSolverSolver() : new HighsSolver();
  const mipGap = options.mipGap ?? scenario.policy.mipGap;
  const ints = model.milp.integer.reduce((a, v) => a + v, 0);
  // The MIP start (and so the Lagrangian bound) assumes every zone's supply is collected and sold
  // from its hub; with channels or regional centres it is not, so HiGHS solves the model alone.
  // Past this size HiGHS cannot improve on the Lagrangian path within a limit (nor always load
  // the model): the relaxation gets most of the time and HiGHS is not run.
  const large = model.milp.value.length > HIGHS_MAX_NONZEROS;
  let start = solver.name === "highs" && !data.channels && !data.regional && (options.warmStart ?? ints > 1000) ? await warmStart(model, solver, { ...options, engineS, engineStop }, large ? { maxEvaluations: LARGE_EVALUATIONS } : {}, large) : null;
  // The Lagrangian bound assumes one supply, one price and one size per hub over the years.
  const computed =
    start && (options.lagrangian ?? true) && !data.yearlyInputs
      ? lagrangianBound(model, {
          incumbentUsd: start.objective,
          iterations: options.lagrangianIterations ?? (large ? 2000 : 500),
          // With 2,000+ zone multipliers the plain subgradient zigzags; deflected, it gets further
          // in the iterations a large model has time for. Its fixings are not used (HiGHS is not
          // run), and a coarser hub cover while iterating makes iterations quicker.
          ...(large ? { deflection: LARGE_DEFLECTION, stallIterations: LARGE_STALL, iterationCoverStates: LARGE_COVER_STATES, fixings: false } : {}),
          deadlineMs: t0 + (large ? LARGE_LAGRANGIAN_SHARE : 0.3) * options.timeLimitS * 1000,
          now,
          shouldStop: options.shouldStop,
        })
      : null;
  // A bound above a feasible plan's objective is impossible: such a result is not trusted.
  const lag = computed && start && computed.boundUsd <= start.objective + OBJECTIVE_TOL * Math.max(1, Math.abs(start.objective)) ? computed : null;
  // Lagrangian heuristic: the relaxation's open hubs and its prices (processing and material at
  // the multipliers) seed a second local search; the better start is kept. (Smaller models go on
  // to HiGHS, which improves the start itself.)
  if (large && lag && start && relativeGap(start.objective, lag.boundUsd) > mipGap && !options.shouldStop?.()) {
    // (Single year and single sourcing: a plan is then one arc per zone and one hub per enterprise.)
    const searchable = data.years === 1 && scenario.policy.singleSourcing;
    // Without the plan search, the relaxation's open hubs (at its best multipliers, then at its
    // last when they differ and a start still fits in the time left) seed starts of their own.
    // With it, they are its first hub moves instead: on the 2,000-zone scenario these starts
    // took 7-8 CPU-s each for plans 20-60 k USD apart, while the search with that time found
    // 180-190 k USD (60 CPU-s: 0.908% twice, against 0.97-1.04% after a second start).
    if (!searchable) {
      const second = await warmStart(model, solver, { ...options, engineS, engineStop }, { open: lag.hints.size, arcUsd: lag.hints.arcUsd, maxEvaluations: LARGE_EVALUATIONS / 2 }, true);
      if (second && second.objective < start.objective) start = second;
      const other = lag.lastHints;
      if (other.size.some((k, h) => (k >= 0) !== (lag.hints.size[h] >= 0)) && options.timeLimitS * 0.9 - (now() - t0) / 1000 >= options.timeLimitS / 6 && !options.shouldStop?.()) {
        const third = await warmStart(model, solver, { ...options, engineS, engineStop }, { open: other.size, arcUsd: other.arcUsd, maxEvaluations: LARGE_EVALUATIONS / 2 }, true);
        if (third && third.objective < start.objective) start = third;
      }
    }
    // Local search on the best plan's hubs, zones and enterprises together (plan-search.ts),
    // the relaxation's open hubs tried first, until a little before the limit; its plan is then
    // completed as an LP with everything decided fixed and kept when it is cheaper.
    const searchEnd = t0 + (options.timeLimitS * 0.9 - options.timeLimitS / 60) * 1000;
    if (searchable && now() < searchEnd && !options.shouldStop?.()) {
      const found = improvePlan(model, planOf(model, start.x), { hintOpen: [lag.hints.size, lag.lastHints.size], shouldStop: () => !!options.shouldStop?.() || now() > searchEnd });
      if (found.usd < found.startUsd) {
        const choice = { size: found.plan.size, arcOf: found.plan.arcOf, cost: found.usd };
        const x = await completePlaced(model, solver, fixToChoice(model, choice), found.plan.hubOf, { ...options, engineS, engineStop });
        if (x && objectiveOf(model.milp, x) < start.objective) start = { x, objective: objectiveOf(model.milp, x), choice };
      }
    }
    // What is left of the limit (less a tenth for checking and reporting) goes to completing the
    // best plan again from itself, each open hub's size free.
    const polishS = options.timeLimitS * 0.9 - (now() - t0) / 1000;
    if (start.choice && polishS >= 1 && !options.shouldStop?.()) {
      const x = await complete(model, solver, fixToChoice(model, start.choice, undefined, true), { ...options, engineS, engineStop }, polishS, start.x);
      if (x && objectiveOf(model.milp, x) < start.objective) start = { x, objective: objectiveOf(model.milp, x) };
    }
  }
  const leftS = Math.max(0.1, options.timeLimitS - (now() - t0) / 1000);
  const provenByLag = (x: number): boolean => !!lag && relativeGap(x, lag.boundUsd) <= mipGap;
  let r =
    start && (options.shouldStop?.() || provenByLag(start.objective) || (large && lag))
      ? {
          solver: solver.name,
          status: options.shouldStop?.() ? ("interrupted" as const) : provenByLag(start.objective) ? ("optimal" as const) : ("time-limit" as const),
          x: start.x,
          objective: start.objective,
          bound: -Infinity,
          seconds: 0,
        }
      : await solver.solve(lag ? fixColumns(model.milp, lag.fixedToZero) : model.milp, { timeLimitS: engineS(leftS), mipGap, shouldStop: options.shouldStop, start: start?.x });
  // Fixed columns only exclude plans dearer than the start, so the restricted model's bound,
  // capped by the incumbent below, bounds the full model too; the Lagrangian bound does directly.
  if (lag) r = { ...r, bound: Math.max(r.status === "infeasible" ? -Infinity : r.bound, lag.boundUsd) };
  if (start && (!r.x || r.objective > start.objective)) r = { ...r, status: r.status === "interrupted" ? r.status : "time-limit", x: start.x, objective: start.objective };
  if (r.status === "infeasible") {
    const leftS = Math.max(2, options.timeLimitS - (now() - t0) / 1000);
    // Diagnosis gets what is left of the limit, and at least 10 s in all.
    const deadline = w0 + Math.max(options.timeLimitS, 10) * 1000;
    throw new UrbanmineError("INFEASIBLE", await diagnoseByRelaxation(data, travel, solver, Math.min(10, leftS / 4), deadline));
  }
  if (r.status === "unbounded") throw new UrbanmineError("SOLVER_FAILED", "the siting model is unbounded: an offtaker price exceeds every cost with no maximum; give maxTPerYear");
  if (!r.x)
    throw new UrbanmineError(
      "SOLVER_FAILED",
      `${solver.name} found no feasible siting plan within ${options.timeLimitS} s (${model.milp.numCols} variables, ${model.milp.numRows} constraints); raise the time limit or set policy.maxSitesPerZone`,
    );

  const rows = checkMilpSolution(model.milp, r.x);
  if (!rows.feasible)
    throw new UrbanmineError("SOLVER_FAILED", `${solver.name} returned a solution that breaks ${rows.violations.length} constraints, first: ${rows.violations[0].name}`);
  const plans = decodeYears(model, r.x).map((p) => polishYear(data, p));
  const check = checkSitingPlan(data, travel.road, plans);
  if (!check.ok)
    throw new UrbanmineError("SOLVER_FAILED", `the siting solution fails the independent check: ${check.violations.slice(0, 5).join("; ")}`);
  if (Math.abs(check.objectiveUsd - r.objective) > OBJECTIVE_TOL * Math.max(1, Math.abs(r.objective)))
    throw new UrbanmineError("SOLVER_FAILED", `objective recomputed from the plan (${check.objectiveUsd}) differs from ${solver.name}'s (${r.objective})`);

  const placed = new Set(plans[plans.length - 1].placed.map((p) => p.enterprise));
  const illustrative = scenario.enterprises.filter((e, i) => e.illustrative && placed.has(i)).map((e) => e.id);
  if (illustrative.length > 0)
    warnings.push(
      `${illustrative.length === 1 ? "enterprise" : "enterprises"} ${illustrative.join(", ")} placed in the plan ${illustrative.length === 1 ? "is an illustrative placeholder" : "are illustrative placeholders"}, not real businesses`,
    );
  const bound = Math.min(r.bound, check.objectiveUsd);
  const proven = relativeGap(check.objectiveUsd, bound) <= mipGap;
  const status = r.status === "optimal" || proven ? "optimal" : r.status === "time-limit" ? "time-limit" : "feasible";
  const summary = {
    status,
    solver: solver.name,
    objectiveUsd: check.objectiveUsd,
    boundUsd: bound,
    gap: relativeGap(check.objectiveUsd, bound),
    seconds: (performance.now() - w0) / 1000,
  } as const;
  const report = { ...buildReport(data, plans, check.figures, summary, warnings), hubWork: buildHubWork(data, plans[plans.length - 1], check.figures[plans.length - 1]) };
  return data.years > 1 ? { ...report, years: buildYearResults(data, plans, check.figures, summary) } : report;
}

/**
 * A complete, checked MIP start: hubs and assignments from local search, the rest solved. On a
 * large model the zones are first moved among the chosen hubs by local search (reassign.ts),
 * and the solve that completes the plan gets twice the time (there are two such solves in all).
 */
async function warmStart(model: SitingModel, solver: MilpSolver, options: RunOptions, choose: ChooseOptions = {}, large = false): Promise<Start | null> {
  const choice = chooseHubs(model, choose);
  if (!choice) return null;
  // Over several years the hubs may open later than year 1 (phase-in.ts); if that plan cannot
  // be completed (e.g. an offtake minimum in an early year), all open from year 1.
  const phased = model.data.years > 1 ? phaseIn(model, choice) : null;
  for (const p of phased ? [phased, undefined] : [undefined]) {
    // Zones move at the plan's own costs (the hubs may have been chosen at the relaxation's
    // prices); the moves never make the arcs and hubs dearer.
    const moved = large && !p ? reassignZones(model, choice) : null;
    const limitS = options.timeLimitS / 20;
    const done = moved && (await complete(model, solver, fixToChoice(model, moved), options, 2 * limitS, undefined, moved));
    if (done) return { x: done, objective: objectiveOf(model.milp, done), choice: moved };
    const x = await complete(model, solver, fixToChoice(model, choice, p), options, limitS);
    if (x) return { x, objective: objectiveOf(model.milp, x), ...(p ? {} : { choice }) };
  }
  return null;
}

/**
 * The rest of a plan whose hubs and assignments are fixed (enterprises, processing, flows): the
 * model reduced to its free columns, solved, expanded and checked against every row.
 */
async function complete(model: SitingModel, solver: MilpSolver, fixed: MilpModel, options: RunOptions, limitS: number, start?: Float64Array, seed?: HubChoice): Promise<Float64Array | null> {
  const reduced = restrictModel(model.milp, fixed.colLower, fixed.colUpper);
  if (!reduced) return null;
  // Seeded: enterprises placed greedily and the rest solved as an LP give the solve its start.
  const seeded = !start && seed ? await completeSeeded(model, solver, fixed, seed, options) : null;
  const from = start ?? seeded ?? undefined;
  const r = await solver.solve(reduced.model, {
    timeLimitS: options.engineS(Math.max(1, limitS)),
    mipGap: 1e-4,
    shouldStop: options.engineStop(Math.max(1, limitS)),
    start: from ? Float64Array.from(reduced.cols, (j) => from[j]) : undefined,
  });
  const x = r.x ? reduced.expand(r.x) : null;
  const best = x && checkMilpSolution(model.milp, x).feasible ? x : null;
  return best && (!seeded || objectiveOf(model.milp, best) <= objectiveOf(model.milp, seeded)) ? best : (seeded ?? best);
}

/** `fixed` with the enterprises placed by placeEnterprises, solved (an LP once they are fixed). */
function completeSeeded(model: SitingModel, solver: MilpSolver, fixed: MilpModel, seed: HubChoice, options: RunOptions): Promise<Float64Array | null> {
  return completePlaced(model, solver, fixed, placeEnterprises(model, seed), options);
}

/** `fixed` with enterprise n at hub hubOf[n] (−1 none), solved (an LP once they are fixed); null when it fails the check. */
async function completePlaced(model: SitingModel, solver: MilpSolver, fixed: MilpModel, hubOf: Int32Array, options: RunOptions): Promise<Float64Array | null> {
  const lo = Float64Array.from(fixed.colLower);
  const hi = Float64Array.from(fixed.colUpper);
  model.e.forEach((hubs, n) =>
    hubs.forEach((cols, h) => {
      const c = cols[0];
      if (c >= 0) lo[c] = hi[c] = hubOf[n] === h ? 1 : 0;
    }),
  );
  const reduced = restrictModel(model.milp, lo, hi);
  if (!reduced) return null;
  const r = await solver.solve(reduced.model, {
    timeLimitS: options.engineS(Math.max(1, options.timeLimitS / 20)),
    mipGap: 1e-4,
    shouldStop: options.engineStop(Math.max(1, options.timeLimitS / 20)),
  });
  const x = r.x ? reduced.expand(r.x) : null;
  return x && checkMilpSolution(model.milp, x).feasible ? x : null;
}

/** The process's CPU time (user + system), ms. */
function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/**
 * The options; the time limit an engine call gets for a share of the solve's limit, s; and what
 * it polls to stop (its share used up, under a CPU-time limit).
 */
type RunOptions = SitingOptions & { engineS: (s: number) => number; engineStop: (s: number) => (() => boolean) | undefined };

interface Start {
  x: Float64Array;
  objective: number;
  /** The hubs and assignments it completes (single-year starts). */
  choice?: HubChoice;
}

function collectWarnings(s: Scenario): string[] {
  const w: string[] = [];
  if (s.enterprises.length > 0 && s.hubSites.every((h) => h.sizes.every((k) => k.floorSpaceM2 === 0)))
    w.push("enterprises are listed but no hub size has floor space (floorSpaceM2), so none can be placed");
  return w;
}
