// The stops of a carrier's day, in one place: which scenario pickups and registered pickups a
// carrier serves on a date, how a solved plan is published to each carrier, and how one carrier's
// day is routed again. An unpinned scenario pickup belongs to the carrier whose published day
// holds it (on a route or unassigned); with one carrier, to that carrier.
import { type Carrier, type LockedRoute, type PickupRequest, type Scenario, UrbanmineError } from "../domain/index.js";
import type { DayRoutesRecord, PickupRecord, PlanRecord, ScenarioRecord, Store } from "../storage/index.js";
import { serviceDate } from "./day-pickups.js";
import type { Planner, VehicleState } from "./types.js";

/** Vehicle ids of a carrier as routes name them: `<type id>` alone, or `<type id>-<k>` when count > 1. */
export function vehicleIds(carrier: Carrier): string[] {
  return carrier.vehicles.flatMap((v) => (v.count > 1 ? Array.from({ length: v.count }, (_, k) => `${v.id}-${k + 1}`) : [v.id]));
}

/** The scenario's own pickups served on `date`: dated that day, or undated when `date` is the scenario's service day. */
export function scenarioPickupsOn(scenario: Scenario, date: string): PickupRequest[] {
  const undatedDay = serviceDate(scenario);
  return (scenario.pickups ?? []).filter((p) => (p.date ? p.date === date : undatedDay === date));
}

/** Pickups registered over HTTP for a scenario's day (every carrier's), as routing requests. */
export async function registeredPickupsOn(store: Store, scenarioId: string, date: string): Promise<PickupRequest[]> {
  return (await store.listPickups({ scenarioId, date })).map((r) => r.request);
}

/** Ids of the stops a published day holds: on its routes and in its unassigned list. */
function publishedStopIds(day: DayRoutesRecord | undefined): Set<string> {
  const ids = new Set<string>();
  if (!day) return ids;
  for (const r of day.routing.routes) for (const s of r.steps) if (s.type === "job") ids.add(s.id);
  for (const u of day.routing.unassigned) ids.add(u.id);
  return ids;
}

/**
 * The stops of one carrier's day: scenario pickups pinned to it, unpinned scenario pickups its
 * published day holds (all of them when the scenario has one carrier), and pickups registered
 * for it; each with `carrierId` and `date` set.
 */
export async function carrierDayStops(store: Store, scenario: Scenario, carrierId: string, date: string): Promise<PickupRequest[]> {
  const single = scenario.carriers.length === 1;
  const [published] = await store.getDayRoutes(carrierId, date, scenario.id);
  const held = publishedStopIds(published);
  const own = scenarioPickupsOn(scenario, date).filter((p) => p.carrierId === carrierId || (!p.carrierId && (single || held.has(p.id))));
  const registered = await store.listPickups({ scenarioId: scenario.id, carrierId, date });
  return [...own.map((p) => ({ ...p, carrierId, date })), ...registered.map((r) => r.request)];
}

/**
 * Stores each carrier's routes of the plan's service day, so carriers can pull them: its routes,
 * and the unassigned stops that are its own (pinned to it, registered for it, or every stop when
 * the scenario has one carrier). A plan of a "typical day" (no service date) stays unpublished.
 */
export async function publishCarrierDays(store: Store, scenario: Scenario, record: PlanRecord): Promise<void> {
  const routing = record.plan.routing;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(routing.date)) return;
  const owner = new Map<string, string | undefined>((scenario.pickups ?? []).map((p) => [p.id, p.carrierId]));
  for (const r of await store.listPickups({ scenarioId: scenario.id, date: routing.date })) owner.set(r.id, r.carrierId);
  const single = scenario.carriers.length === 1;
  for (const carrier of scenario.carriers) {
    await store.putDayRoutes({
      scenarioId: record.scenarioId,
      carrierId: carrier.id,
      date: routing.date,
      planId: record.id,
      routing: {
        ...routing,
        routes: routing.routes.filter((r) => r.carrierId === carrier.id),
        unassigned: routing.unassigned.filter((u) => single || owner.get(u.id) === carrier.id),
      },
      updatedAt: new Date().toISOString(),
    });
  }
}

export interface ReoptimiseRequest {
  date: string;
  /** Stops each vehicle keeps first, in this order. */
  locked: LockedRoute[];
  /** Vehicles on the road: routed again from where they stand; the pickups they served leave the day. */
  vehicles?: Array<VehicleState & { served?: string[] }>;
  timeLimitS?: number;
  seed?: number;
}

function checkLocked(locked: LockedRoute[], vehicles: string[], stops: PickupRequest[]): void {
  const known = new Set(stops.map((p) => p.id));
  const seen = new Set<string>();
  const issues: Array<{ path: string; message: string }> = [];
  locked.forEach((l, i) => {
    if (!vehicles.includes(l.vehicleId)) issues.push({ path: `locked[${i}].vehicleId`, message: `unknown vehicle '${l.vehicleId}' (known: ${vehicles.join(", ")})` });
    l.jobIds.forEach((id, j) => {
      if (!known.has(id)) issues.push({ path: `locked[${i}].jobIds[${j}]`, message: `pickup '${id}' is not on this carrier's day` });
      else if (seen.has(id)) issues.push({ path: `locked[${i}].jobIds[${j}]`, message: `pickup '${id}' is locked twice` });
      seen.add(id);
    });
  });
  if (issues.length) throw new UrbanmineError("INVALID_INPUT", `locked stops are not valid: ${issues.map((x) => `${x.path}: ${x.message}`).join("; ")}`, issues);
}

/** Checks the vehicles on the road (known, once each, served pickups on the day and not locked); returns the served ids. */
function checkStates(req: ReoptimiseRequest, vehicles: string[], stops: PickupRequest[]): Set<string> {
  const known = new Set(stops.map((p) => p.id));
  const lockedIds = new Set(req.locked.flatMap((l) => l.jobIds));
  const served = new Set<string>();
  const seen = new Set<string>();
  const issues: Array<{ path: string; message: string }> = [];
  (req.vehicles ?? []).forEach((st, i) => {
    if (!vehicles.includes(st.vehicleId)) issues.push({ path: `vehicles[${i}].vehicleId`, message: `unknown vehicle '${st.vehicleId}' (known: ${vehicles.join(", ")})` });
    else if (seen.has(st.vehicleId)) issues.push({ path: `vehicles[${i}].vehicleId`, message: `vehicle '${st.vehicleId}' is given twice` });
    seen.add(st.vehicleId);
    (st.served ?? []).forEach((id, j) => {
      const path = `vehicles[${i}].served[${j}]`;
      if (!known.has(id)) issues.push({ path, message: `pickup '${id}' is not on this carrier's day` });
      else if (served.has(id)) issues.push({ path, message: `pickup '${id}' is served twice` });
      else if (lockedIds.has(id)) issues.push({ path, message: `pickup '${id}' is served and also locked as a stop still to make` });
      served.add(id);
    });
  });
  if (issues.length) throw new UrbanmineError("INVALID_INPUT", `vehicles on the road are not valid: ${issues.map((x) => `${x.path}: ${x.message}`).join("; ")}`, issues);
  return served;
}

/**
 * Routes one carrier's day again (its stops as carrierDayStops gives them, locked prefixes kept)
 * against the scenario's newest plan, and stores the result. Vehicles on the road start where
 * they stand, when they are free, with their load on board; the pickups they served leave the day.
 * @throws UrbanmineError NOT_FOUND (carrier), CONFLICT (no plan yet), INVALID_INPUT (locked stops), or what the planner throws.
 */
export async function reoptimiseCarrierDay(
  deps: { store: Store; planner: Planner; baseDir: string },
  rec: ScenarioRecord,
  carrierId: string,
  req: ReoptimiseRequest,
): Promise<DayRoutesRecord> {
  const { store } = deps;
  const carrier = rec.scenario.carriers.find((c) => c.id === carrierId);
  if (!carrier) throw new UrbanmineError("NOT_FOUND", `scenario '${rec.id}' has no carrier '${carrierId}'`);
  const plan = await store.latestPlan(rec.id);
  if (!plan) throw new UrbanmineError("CONFLICT", `scenario '${rec.id}' has no plan yet: solve it first (POST /v1/scenarios/${rec.id}/solve)`);
  const all = await carrierDayStops(store, rec.scenario, carrierId, req.date);
  checkLocked(req.locked, vehicleIds(carrier), all);
  const served = checkStates(req, vehicleIds(carrier), all);
  const stops = all.filter((p) => !served.has(p.id));
  const routing = await deps.planner.routeDay({
    scenario: { ...rec.scenario, carriers: [carrier], pickups: stops },
    plan: plan.plan,
    pickups: stops,
    date: req.date,
    baseDir: deps.baseDir,
    locked: req.locked,
    vehicleStates: (req.vehicles ?? []).map(({ served: _served, ...st }) => st),
    timeLimitS: req.timeLimitS,
    seed: req.seed,
  });
  const day: DayRoutesRecord = {
    scenarioId: rec.id,
    carrierId,
    date: req.date,
    planId: plan.id,
    routing: { ...routing, routes: routing.routes.filter((r) => r.carrierId === carrierId) },
    updatedAt: new Date().toISOString(),
  };
  await store.putDayRoutes(day);
  return day;
}

/**
 * Cancels a registered pickup: it is removed, and its stop leaves the stored day (routes and
 * unassigned list; the rest of each route keeps its planned times until the day is re-optimised).
 * @returns the removed pickup, or undefined when there was none.
 */
export async function cancelRegisteredPickup(store: Store, id: string): Promise<PickupRecord | undefined> {
  const rec = await store.getPickup(id);
  if (!rec || !(await store.deletePickup(id))) return undefined;
  for (const day of await store.getDayRoutes(rec.carrierId, rec.date, rec.scenarioId)) {
    if (!publishedStopIds(day).has(id)) continue;
    const routes = day.routing.routes
      .map((r) => ({ ...r, steps: r.steps.filter((st) => !(st.type === "job" && st.id === id)) }))
      .filter((r) => r.steps.some((st) => st.type === "job"));
    const unassigned = day.routing.unassigned.filter((u) => u.id !== id);
    await store.putDayRoutes({ ...day, routing: { ...day.routing, routes, unassigned }, updatedAt: new Date().toISOString() });
  }
  return rec;
}
