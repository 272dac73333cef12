// Siting ↔ routing until consistent: siting prices collection by a route-based estimate; the
// typical day is routed for the hubs it opens; the estimate is rescaled by routed ÷ estimate
// (cost and CO2 apart) and siting re-solved, for a bounded number of rounds. The routes depend
// only on the open hubs, so a re-solve that keeps them reuses the day's routes.
import { type Plan, type Scenario, UrbanmineError } from "../domain/index.js";
import type { CollectionScale, SitingReport } from "../siting/index.js";
import { dayKpis } from "./assemble-routes.js";

/** Siting solves at most (each followed by a routing when its open hubs are new). */
export const MAX_CALIBRATION_ROUNDS = 4;
/** Routed ÷ estimate within 1 ± this (cost and CO2) ends the calibration. */
export const CALIBRATION_TOLERANCE = 0.05;

export interface CalibrationSteps<S extends SitingReport> {
  /** Siting at this calibration; `withoutCo2Cap` drops policy.co2CapTPerYear for that solve. */
  site(scale: CollectionScale, withoutCo2Cap?: boolean): Promise<S>;
  route(sited: S): Promise<Plan["routing"]>;
  /** True once the run is cancelled or out of time: the last consistent pair is kept. */
  stop(): boolean;
  /** Pickups registered for the day are routed beside the zones' average day. */
  extraPickups?: boolean;
}

type Reconciliation = NonNullable<Plan["kpis"]["collection"]>;

/**
 * Sites, routes and reconciles. Scenarios whose siting uses a flat per-t-km collection factor,
 * or whose day is a given list of pickups rather than the zones' average day, are sited and
 * routed once and the comparison is only reported.
 */
export async function siteAndRoute<S extends SitingReport>(
  scenario: Scenario,
  steps: CalibrationSteps<S>,
  maxRounds = MAX_CALIBRATION_ROUNDS,
): Promise<{ sited: S; routing: Plan["routing"]; reconciliation: Reconciliation }> {
  const days = scenario.policy.workingDaysPerYear;
  const byRoutes = scenario.transport.collectionCostUsdPerTKm === undefined;
  const calibrate = byRoutes && !scenario.pickups && !steps.extraPickups;
  let scale: CollectionScale = { cost: 1, co2: 1 };
  let sited: S;
  let capRelaxed = false;
  try {
    sited = await steps.site(scale);
  } catch (e) {
    // An uncalibrated CO2 estimate may break a cap that the routes would meet: calibrate on a
    // plan without the cap first, then every later solve has the cap at the calibrated figures.
    if (!(calibrate && scenario.policy.co2CapTPerYear !== undefined && e instanceof UrbanmineError && e.code === "INFEASIBLE")) throw e;
    sited = await steps.site(scale, true);
    capRelaxed = true;
  }
  let routing = await steps.route(sited);
  let routedHubs = hubKey(sited);
  const history: Reconciliation["history"] = [];
  let rounds = 1;
  for (;;) {
    const f = figures(scenario, sited, routing, days);
    history.push({ hubs: sited.siting.hubs.map((h) => h.siteId), ...f });
    const ratio = f.routedUsdPerYear / Math.max(f.estimateUsdPerYear, 1e-9);
    const co2Ratio = f.routedCo2TPerYear / Math.max(f.estimateCo2TPerYear, 1e-9);
    const close = Math.abs(ratio - 1) <= CALIBRATION_TOLERANCE && Math.abs(co2Ratio - 1) <= CALIBRATION_TOLERANCE;
    // A plan solved without the cap is never the answer: one more solve, with it, follows.
    if (!capRelaxed && (!calibrate || close || rounds >= maxRounds || steps.stop() || !(f.estimateUsdPerYear > 0 && f.routedUsdPerYear > 0))) {
      const note = !byRoutes
        ? "siting used the flat transport.collectionCostUsdPerTKm factor: not calibrated, compared only"
        : scenario.pickups || steps.extraPickups
          ? "the day's pickups are given by the scenario or registered, not only the zones' average day: not calibrated, compared only"
          : close
            ? `consistent within ${CALIBRATION_TOLERANCE * 100}% after ${rounds} siting solve${rounds > 1 ? "s" : ""}`
            : `stopped after ${rounds} siting solve${rounds > 1 ? "s" : ""} with routed ÷ estimate ${ratio.toFixed(3)} (cost), ${co2Ratio.toFixed(3)} (CO2)`;
      return {
        sited,
        routing,
        reconciliation: { method: byRoutes ? "routes" : "per-t-km", calibrated: calibrate && rounds > 1, ...f, ratio, co2Ratio, rounds, costScale: scale.cost, co2Scale: scale.co2, history, note },
      };
    }
    scale = { cost: scale.cost * ratio, co2: scale.co2 * (f.estimateCo2TPerYear > 0 ? co2Ratio : 1) };
    sited = await steps.site(scale);
    capRelaxed = false;
    rounds++;
    if (hubKey(sited) !== routedHubs) {
      routing = await steps.route(sited);
      routedHubs = hubKey(sited);
    }
  }
}

function hubKey(s: SitingReport): string {
  return s.siting.hubs.map((h) => h.siteId).sort().join(" ");
}

/**
 * Siting's collection estimate for the zones the day routes (those served from year 1; the
 * assignments are the last planning year's) against the routed day × working days.
 */
function figures(scenario: Scenario, sited: SitingReport, routing: Plan["routing"], days: number) {
  const routed = new Set(scenario.zones.filter((z) => z.joinYear <= 1).map((z) => z.id));
  let usd = 0;
  let co2T = 0;
  for (const a of sited.siting.assignments) {
    if (!routed.has(a.zoneId)) continue;
    usd += a.collectionUsdPerYear ?? 0;
    co2T += a.collectionCo2TPerYear ?? 0;
  }
  const day = dayKpis(routing);
  return { estimateUsdPerYear: usd, routedUsdPerYear: day.costUsd * days, estimateCo2TPerYear: co2T, routedCo2TPerYear: (day.co2Kg * days) / 1000 };
}
