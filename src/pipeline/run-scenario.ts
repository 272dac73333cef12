// The whole pipeline on one scenario, in stage order: network → siting → routing → plan.
// Pure of its inputs; runs inside a pool worker (see workers/run-scenario.ts).
import { curbsideScenario, type Location, type PickupRequest, type Plan, type RoutingProblem, type RoutingSolution, type Scenario, type SolveSettings } from "../domain/index.js";
import { solveSiting } from "../siting/index.js";
import { type SolveOptions, solveRouting } from "../vrp/index.js";
import { assembleRouting, dayKpis } from "./assemble-routes.js";
import { dayRequests, dayTransfers, serviceDate } from "./day-pickups.js";
import { calibrates, siteAndRoute } from "./calibrate-collection.js";
import { buildRoutingProblem } from "./routing-problem.js";
import { solveMultiStart } from "./multi-start.js";
import { listPlaces } from "./sites.js";
import { subMatrix } from "./sub-matrix.js";
import { scenarioTravel } from "./travel.js";
import type { Progress, RouteDayInput } from "./types.js";

/** The run's settings (time limit default 30 s for the whole run) and its stop flag. */
export interface StageOptions extends SolveSettings {
  baseDir: string;
  /** Pickups registered over HTTP for the service day, routed beside the scenario's own. */
  registeredPickups?: PickupRequest[];
  shouldStop?: () => boolean;
  onProgress?: (p: Progress) => void;
}

const SITING_SHARE = 0.6;
/** A calibrated plan whose collection estimate is further than this from its routes warns. */
const RECONCILED_WITHIN = 0.2;

/** Runs every stage and assembles the plan. @throws UrbanmineError on infeasible or unreachable input. */
export async function runScenario(scenario: Scenario, options: StageOptions): Promise<Plan> {
  const started = Date.now();
  const limitS = options.timeLimitS ?? 30;
  const report = options.onProgress ?? (() => {});
  const stop = options.shouldStop ?? (() => false);
  const date = serviceDate(scenario);
  const allZones = new Set(scenario.zones.map((z) => z.id));
  const pickups = dayRequests(scenario, date, allZones, options.registeredPickups).map((r) => r.request);

  report({ stage: "network", fraction: 0, message: "travel matrices" });
  const places = listPlaces(scenario, pickups);
  const travel = await scenarioTravel(scenario, places, options.baseDir);

  // Depots stay in siting's matrix: routes start there, so collection is priced from them.
  const sitingIds = places.filter((p) => p.kind !== "pickup").map((p) => p.id);
  const sitingTravel = { road: subMatrix(travel.road, sitingIds), rail: travel.rail ? subMatrix(travel.rail, sitingIds) : undefined };
  const locations = new Map<string, Location>(places.map((p) => [p.id, p.location]));
  const leftS = () => limitS - (Date.now() - started) / 1000;
  let round = 0;
  const { sited, routing, reconciliation } = await siteAndRoute(scenario, {
    site: (collectionScale, withoutCo2Cap) => {
      round++;
      report({ stage: "siting", fraction: 0.1, message: round === 1 ? "hub siting model" : `hub siting model, collection recalibrated (round ${round})` });
      // The first solve gets the siting share of the run (half of it when re-solves may follow to
      // calibrate collection); a re-solve at most that half, within what is left.
      const budgetS =
        round === 1 ? limitS * SITING_SHARE * (calibrates(scenario) ? 0.5 : 1) : Math.max(1, Math.min(limitS * SITING_SHARE * 0.5, leftS() * 0.4));
      const sc = withoutCo2Cap ? { ...scenario, policy: { ...scenario.policy, co2CapTPerYear: undefined } } : scenario;
      return solveSiting(sc, sitingTravel, { timeLimitS: budgetS, mipGap: scenario.policy.mipGap, shouldStop: stop, collectionScale });
    },
    route: async (s) => {
      report({ stage: "routing", fraction: 0.6, message: `${s.siting.hubs.length} hubs open; routing the day`, bestObjectiveUsd: s.siting.objectiveUsd });
      const servedZones = new Set(s.siting.assignments.map((a) => a.zoneId));
      // With collection channels the routes collect only the zones given curbside, their curbside capture.
      const curbside = new Set((s.siting.channels ?? []).filter((z) => z.options.some((o) => o.chosen && o.channel === "curbside")).map((z) => z.zoneId));
      const day = curbsideScenario(scenario, curbside);
      const problem = buildRoutingProblem({
        scenario: day,
        road: travel.road,
        openHubIds: s.siting.hubs.map((h) => h.siteId),
        requests: dayRequests(day, date, servedZones, options.registeredPickups),
        transfers: dayTransfers(scenario, date),
        openCentreIds: (s.siting.centres ?? []).map((c) => c.siteId),
      });
      const solution = await solveDay(
        problem,
        { seed: options.seed ?? 1, timeLimitS: Math.max(1, leftS() * (calibrates(scenario) ? 0.6 : 1)), maxIterations: options.routingIterations, shouldStop: stop },
        options.routingStarts ?? 1,
      );
      return assembleRouting(problem, solution, locations, travel.legGeometry, date);
    },
    stop: () => stop() || leftS() <= 0,
    extraPickups: (options.registeredPickups ?? []).some((p) => p.date === date),
  });

  report({ stage: "plan", fraction: 0.95, message: "plan and KPIs" });
  return {
    scenarioId: scenario.id,
    scenarioName: scenario.name,
    createdAt: new Date().toISOString(),
    network: travel.road.method,
    siting: sited.siting,
    routing,
    kpis: { ...sited.annual, collection: reconciliation, day: dayKpis(routing) },
    hubWork: sited.hubWork,
    ...(sited.years ? { years: sited.years } : {}),
    massBalance: sited.massBalance,
    factors: [...sited.factors, ...vehicleFactors(scenario)],
    warnings: [...sited.warnings, ...routingWarnings(routing), ...reconciliationWarnings(reconciliation)],
  };
}

/**
 * The day's routes: one solve on this thread, or a multi-start over `starts` worker threads
 * (the run's cancel flag is polled and passed on to every start as an abort).
 */
async function solveDay(problem: RoutingProblem, options: SolveOptions & { shouldStop: () => boolean }, starts: number): Promise<RoutingSolution> {
  if (starts <= 1) return solveRouting(problem, options);
  const ctrl = new AbortController();
  const poll = setInterval(() => {
    if (options.shouldStop()) ctrl.abort();
  }, 50);
  try {
    return await solveMultiStart(problem, { starts, seed: options.seed, timeLimitS: options.timeLimitS, maxIterations: options.maxIterations, signal: ctrl.signal });
  } finally {
    clearInterval(poll);
  }
}

/** Re-plans one day's routes against an existing plan's open hubs (locked stops stay; the day's transfers too, unless vehicles are already on the road). */
export async function routeDay(input: RouteDayInput & { shouldStop?: () => boolean }): Promise<Plan["routing"]> {
  const { scenario, plan, pickups, date } = input;
  const requests = dayRequests({ ...scenario, pickups }, date, new Set());
  // a vehicle on the road starts where it stands: one more place per such vehicle
  const states = (input.vehicleStates ?? []).map((st) => ({ ...st, placeId: `position:${st.vehicleId}` }));
  const places = [...listPlaces(scenario, pickups), ...states.map((st) => ({ id: st.placeId, kind: "position" as const, location: st.location }))];
  const travel = await scenarioTravel(scenario, places, input.baseDir);
  const problem = buildRoutingProblem({
    scenario,
    road: travel.road,
    openHubIds: plan.siting.hubs.map((h) => h.siteId),
    requests,
    locked: input.locked,
    vehicleStates: states,
    // a day in progress cannot say which transfers are already on board: they are not re-planned
    transfers: states.length === 0 ? dayTransfers(scenario, date) : [],
    openCentreIds: (plan.siting.centres ?? []).map((c) => c.siteId),
  });
  const solution = solveRouting(problem, {
    seed: input.seed ?? 1,
    timeLimitS: input.timeLimitS ?? 10,
    shouldStop: input.shouldStop,
  });
  const locations = new Map<string, Location>(places.map((p) => [p.id, p.location]));
  return assembleRouting(problem, solution, locations, travel.legGeometry, date);
}

function vehicleFactors(scenario: Scenario): Plan["factors"] {
  // Siting prices collection by these vehicles' routes unless a flat per-t-km factor is given.
  const routes = scenario.transport.collectionCostUsdPerTKm === undefined;
  const byRoutes = { cost: routes ? ["costUsdPerYear.collectionTransport"] : [], co2: routes ? ["co2TPerYear"] : [] };
  return scenario.carriers.flatMap((c) =>
    c.vehicles.flatMap((v) => {
      const source = v.source ?? "assumption: not sourced in the scenario";
      return [
        { name: `${c.id}/${v.id} CO2 per km`, value: v.co2KgPerKm, unit: "kg CO2/km", source, feeds: ["day.co2Kg", ...byRoutes.co2] },
        { name: `${c.id}/${v.id} cost per km`, value: v.costUsdPerKm, unit: "USD/km", source, feeds: ["day.costUsd", ...byRoutes.cost] },
        { name: `${c.id}/${v.id} cost per hour`, value: v.costUsdPerHour, unit: "USD/h", source, feeds: ["day.costUsd", ...byRoutes.cost] },
        { name: `${c.id}/${v.id} fixed cost per day`, value: v.fixedCostUsdPerDay, unit: "USD/day", source, feeds: ["day.costUsd", ...byRoutes.cost] },
        // optional terms (default 0): listed only when the scenario sets them
        ...(v.costUsdPerStop > 0 ? [{ name: `${c.id}/${v.id} cost per stop`, value: v.costUsdPerStop, unit: "USD/stop", source, feeds: ["day.costUsd", ...byRoutes.cost] }] : []),
        ...(v.minPaidHours > 0 ? [{ name: `${c.id}/${v.id} minimum paid shift`, value: v.minPaidHours, unit: "h", source, feeds: ["day.costUsd"] }] : []),
      ];
    }),
  );
}

function reconciliationWarnings(r: NonNullable<Plan["kpis"]["collection"]>): string[] {
  if (!r.calibrated || Math.abs(r.ratio - 1) <= RECONCILED_WITHIN) return [];
  return [`siting's yearly collection cost (${Math.round(r.estimateUsdPerYear)} USD) is not within ${RECONCILED_WITHIN * 100}% of the routed day × working days (${Math.round(r.routedUsdPerYear)} USD): ${r.note}`];
}

function routingWarnings(routing: Plan["routing"]): string[] {
  if (routing.unassigned.length === 0) return [];
  const byReason = new Map<string, number>();
  for (const u of routing.unassigned) byReason.set(u.reason, (byReason.get(u.reason) ?? 0) + 1);
  const parts = [...byReason].map(([r, n]) => `${n} for ${r}`).join(", ");
  return [`${routing.unassigned.length} pickups could not be served on ${routing.date} (${parts})`];
}
