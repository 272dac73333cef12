// Test helpers: the tiny scenario, a deterministic step-wise planner, an app with a key per role,
// and an independent checker of routes against the pickups and the fleet.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { buildApp, type AppOptions } from "../../src/api/index.js";
import { parseScenario, secondsToClock, type Carrier, type PickupRequest, type Plan, type Scenario } from "../../src/domain/index.js";
import { haversineKm } from "../../src/network/index.js";
import type { Planner, RouteDayInput, RunOptions } from "../../src/pipeline/types.js";
import { createApiKey, SqliteStore, type Role, type Store } from "../../src/storage/index.js";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

export function tinyScenarioInput(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, "tiny-scenario.json"), "utf8")) as Record<string, unknown>;
}

export function tinyScenario(): Scenario {
  return parseScenario(tinyScenarioInput());
}

export interface FakePlannerOptions {
  /** Improvement steps of a run (default 3). */
  steps?: number;
  /** Pause between steps, ms (default 5). */
  stepMs?: number;
  /** Reject every run with this message (a crashed worker). */
  failWith?: string;
  /** The plans' `network` (default: great-circle x 1.2 at 40 km/h). */
  network?: string;
  /** Wait this long before the first improvement (ms); a cancel meanwhile rejects, as siting does without an incumbent. */
  firstPlanAfterMs?: number;
}

/** Vehicles as the routes name them. */
function expand(c: Carrier): Array<{ id: string; capacityKg: number }> {
  return c.vehicles.flatMap((v) =>
    v.count > 1 ? Array.from({ length: v.count }, (_, k) => ({ id: `${v.id}-${k + 1}`, capacityKg: v.capacityKg })) : [{ id: v.id, capacityKg: v.capacityKg }],
  );
}

export function pickupKg(s: Scenario, p: PickupRequest): number {
  const streams = new Map(s.streams.map((x) => [x.id, x]));
  return Object.entries(p.units).reduce((a, [id, n]) => a + n * (streams.get(id)?.unitMassKg ?? 0), 0);
}

/** Routes pickups in the given order onto vehicles, locked prefixes first, splitting on capacity. */
function routeGreedy(s: Scenario, pickups: PickupRequest[], date: string, locked: RouteDayInput["locked"] = []): Plan["routing"] {
  const routes: Plan["routing"]["routes"] = [];
  const unassigned: Plan["routing"]["unassigned"] = [];
  const byId = new Map(pickups.map((p) => [p.id, p]));
  const lockedIds = new Set(locked.flatMap((l) => l.jobIds));
  const free = pickups.filter((p) => !lockedIds.has(p.id));
  for (const carrier of s.carriers) {
    const depot = carrier.depots[0]?.location ?? s.hubSites[0].location;
    for (const v of expand(carrier)) {
      const stops = locked.filter((l) => l.vehicleId === v.id).flatMap((l) => l.jobIds.map((id) => byId.get(id) as PickupRequest));
      let kg = stops.reduce((a, p) => a + pickupKg(s, p), 0);
      // In order, as long as the next pickup this carrier may serve fits (pinned pickups wait for their carrier).
      for (let i = 0; i < free.length; ) {
        const p = free[i];
        if (p.carrierId !== undefined && p.carrierId !== carrier.id) {
          i++;
          continue;
        }
        if (kg + pickupKg(s, p) > v.capacityKg) break;
        free.splice(i, 1);
        kg += pickupKg(s, p);
        stops.push(p);
      }
      if (stops.length === 0) continue;
      let t = 8 * 3600;
      let km = 0;
      let load = 0;
      let at = depot;
      const steps: Plan["routing"]["routes"][number]["steps"] = [
        { type: "start", id: carrier.depots[0]?.id ?? "hub", location: depot, arrival: secondsToClock(t), arrivalS: t, waitingS: 0, departureS: t, loadKg: 0, loadM3: 0, distanceKm: 0 },
      ];
      for (const p of stops) {
        const leg = haversineKm(at, p.location) * 1.2;
        km += leg;
        t += (leg / 40) * 3600;
        load += pickupKg(s, p);
        steps.push({ type: "job", id: p.id, location: p.location, arrival: secondsToClock(t), arrivalS: t, waitingS: 0, departureS: t + p.serviceS, loadKg: load, loadM3: 0, distanceKm: km });
        t += p.serviceS;
        at = p.location;
      }
      steps.push({ type: "end", id: carrier.depots[0]?.id ?? "hub", location: depot, arrival: secondsToClock(t), arrivalS: t, waitingS: 0, departureS: t, loadKg: load, loadM3: 0, distanceKm: km });
      routes.push({
        vehicleId: v.id, carrierId: carrier.id, steps, distanceKm: km, durationS: t - 8 * 3600, costUsd: km, co2Kg: km * 0.25, collectedKg: load,
        geometry: { type: "LineString", coordinates: steps.map((x) => [x.location.lon, x.location.lat]) },
      });
    }
  }
  for (const p of free) unassigned.push({ id: p.id, reason: "capacity", detail: "no vehicle had room" });
  return { date, solver: "test-greedy", seconds: 0, routes, unassigned };
}

/** A deterministic Planner: opens the first hub, routes greedily; steps can be slowed and aborted. */
export function fakePlanner(opts: FakePlannerOptions = {}): Planner & { runs: number; closed: boolean; settings: RunOptions[] } {
  const steps = opts.steps ?? 3;
  const stepMs = opts.stepMs ?? 5;
  const planner = {
    runs: 0,
    closed: false,
    /** The options of every run, in order (what reached the planner). */
    settings: [] as RunOptions[],
    async run(scenario: Scenario, ro: RunOptions): Promise<Plan> {
      planner.runs++;
      planner.settings.push(ro);
      let objective = 1_000_000;
      if (opts.firstPlanAfterMs !== undefined) {
        await new Promise<void>((resolve) => {
          const onAbort = (): void => (clearTimeout(t), resolve());
          const t = setTimeout(() => (ro.signal?.removeEventListener("abort", onAbort), resolve()), opts.firstPlanAfterMs);
          ro.signal?.addEventListener("abort", onAbort, { once: true });
        });
        if (ro.signal?.aborted) throw new Error("siting was stopped before it found a feasible plan");
      }
      for (let i = 0; i < steps; i++) {
        if (ro.signal?.aborted) break;
        await new Promise<void>((resolve) => {
          const onAbort = (): void => (clearTimeout(t), resolve());
          const t = setTimeout(() => (ro.signal?.removeEventListener("abort", onAbort), resolve()), stepMs);
          ro.signal?.addEventListener("abort", onAbort, { once: true });
        });
        if (opts.failWith) throw new Error(opts.failWith);
        if (ro.signal?.aborted) break;
        objective -= 1000;
        ro.onProgress?.({ stage: "siting", fraction: (i + 1) / steps, message: `step ${i + 1}`, bestObjectiveUsd: objective });
      }
      return { ...buildPlan(scenario, objective, ro.registeredPickups ?? []), ...(opts.network ? { network: opts.network } : {}) };
    },
    async routeDay(input: RouteDayInput): Promise<Plan["routing"]> {
      return routeGreedy(input.scenario, input.pickups, input.date, input.locked);
    },
    async close(): Promise<void> {
      planner.closed = true;
    },
  };
  return planner;
}

function buildPlan(s: Scenario, objectiveUsd: number, registered: PickupRequest[]): Plan {
  const hub = s.hubSites[0];
  const date = s.policy.serviceDate ?? "typical-day";
  const routing = routeGreedy(s, [...(s.pickups ?? []), ...registered.filter((p) => p.date === date)], date);
  const km = routing.routes.reduce((a, r) => a + r.distanceKm, 0);
  return {
    scenarioId: s.id,
    scenarioName: s.name,
    createdAt: "2026-11-23T00:00:00.000Z",
    network: "great-circle x 1.2 at 40 km/h",
    siting: {
      status: "feasible", solver: "test", objectiveUsd, boundUsd: objectiveUsd * 0.9, gap: 0.1, seconds: 0,
      hubs: [{
        siteId: hub.id, name: hub.name, location: hub.location, sizeId: hub.sizes[0].id, capacityTPerYear: hub.sizes[0].capacityTPerYear,
        fixedCostUsdPerYear: hub.sizes[0].fixedCostUsdPerYear, inflowTPerYear: 30, utilisation: 0.75, openFromYear: 1, enterprises: [], jobs: 3,
      }],
      assignments: s.zones.map((z) => ({ zoneId: z.id, hubId: hub.id, fraction: 1, tonnesPerYear: 10, distanceKm: haversineKm(z.location, hub.location) })),
      flows: [{ hubId: hub.id, to: s.offtakers[0]?.id ?? "disposal", material: "copper", mode: "road", tonnesPerYear: 2, distanceKm: 45, revenueUsdPerYear: 10000, transportCostUsdPerYear: 500, co2TPerYear: 0.1 }],
    },
    routing,
    kpis: {
      hubsOpened: 1, jobs: 3, unitsCollectedPerYear: { laptop: 9000 }, tonnesCollectedPerYear: { laptop: 22.5 }, tonnesCollectedTotalPerYear: 30,
      materialRecoveredKgPerYear: { copper: 2000 },
      costUsdPerYear: { hubFixed: 60000, processing: 600, collectionTransport: 1000, lineHaul: 500, disposal: 0, co2: 0, total: 62100 },
      revenueUsdPerYear: 10000, netCostUsdPerYear: objectiveUsd, netCostUsdPerTonne: objectiveUsd / 30, co2TPerYear: 1,
      day: { date, stopsServed: routing.routes.reduce((a, r) => a + r.steps.length - 2, 0), stopsUnassigned: routing.unassigned.length, vehiclesUsed: routing.routes.length, kmDriven: km, co2Kg: km * 0.25, costUsd: km, collectedKg: 0 },
    },
    massBalance: [],
    factors: [],
    warnings: [],
  };
}

export type Keys = Record<"admin" | "planner" | "carrier" | "otherCarrier" | "intake", string>;

/** Creates one key per role (the carrier key for c1, another for c2). */
export async function makeKeys(store: Store): Promise<Keys> {
  const make = async (role: Role, carrierId?: string): Promise<string> => (await createApiKey(store, { role, carrierId })).token;
  return {
    admin: await make("admin"),
    planner: await make("planner"),
    carrier: await make("carrier", "c1"),
    otherCarrier: await make("carrier", "c2"),
    intake: await make("intake"),
  };
}

export interface TestApp {
  app: FastifyInstance;
  store: SqliteStore;
  keys: Keys;
}

export async function makeApp(opts: Partial<AppOptions> & { dbPath?: string } = {}): Promise<TestApp> {
  const store = new SqliteStore(opts.dbPath ?? ":memory:");
  const keys = await makeKeys(store);
  const app = await buildApp({ planner: fakePlanner(), rateLimit: false, ...opts, store });
  return { app, store, keys };
}

export function auth(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** Polls a job until it reaches one of `states`; fails after `timeoutMs`. */
export async function waitForJob(app: FastifyInstance, token: string, jobId: string, states: string[], timeoutMs = 60_000): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.inject({ method: "GET", url: `/v1/jobs/${jobId}`, headers: auth(token) });
    const job = res.json() as Record<string, unknown>;
    if (states.includes(job.state as string)) return job;
    if (Date.now() > until) throw new Error(`job ${jobId} still ${String(job.state)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Independent check of a day's routes: every job step is a known pickup served once, the load
 * recomputed from the pickups' devices never exceeds the vehicle's capacity, vehicles belong to the
 * carrier, and each locked prefix opens its vehicle's route in order. Returns the problems found.
 */
export function checkDayRoutes(
  s: Scenario,
  carrierId: string,
  pickups: PickupRequest[],
  routing: Plan["routing"],
  locked: Array<{ vehicleId: string; jobIds: string[] }> = [],
): string[] {
  const problems: string[] = [];
  const carrier = s.carriers.find((c) => c.id === carrierId);
  if (!carrier) return [`no carrier ${carrierId}`];
  const vehicles = new Map(expand(carrier).map((v) => [v.id, v]));
  const byId = new Map(pickups.map((p) => [p.id, p]));
  const served = new Set<string>();
  for (const r of routing.routes) {
    const v = vehicles.get(r.vehicleId);
    if (!v || r.carrierId !== carrierId) problems.push(`route on foreign vehicle ${r.carrierId}/${r.vehicleId}`);
    let kg = 0;
    const jobs = r.steps.filter((x) => x.type === "job");
    for (const step of r.steps) {
      if (step.type === "unload") kg = 0;
      if (step.type !== "job") continue;
      const p = byId.get(step.id);
      if (!p) problems.push(`unknown pickup ${step.id}`);
      else kg += pickupKg(s, p);
      if (served.has(step.id)) problems.push(`pickup ${step.id} served twice`);
      served.add(step.id);
      if (v && kg > v.capacityKg + 1e-6) problems.push(`vehicle ${r.vehicleId} over capacity: ${kg} kg > ${v.capacityKg} kg`);
    }
    for (const l of locked.filter((x) => x.vehicleId === r.vehicleId)) {
      const prefix = jobs.slice(0, l.jobIds.length).map((x) => x.id);
      if (prefix.join(",") !== l.jobIds.join(",")) problems.push(`vehicle ${r.vehicleId} does not start with locked ${l.jobIds.join(",")} (got ${prefix.join(",")})`);
    }
  }
  for (const l of locked) {
    if (!routing.routes.some((r) => r.vehicleId === l.vehicleId)) problems.push(`locked vehicle ${l.vehicleId} has no route`);
  }
  const unassigned = new Set(routing.unassigned.map((u) => u.id));
  for (const p of pickups) if (!served.has(p.id) && !unassigned.has(p.id)) problems.push(`pickup ${p.id} neither served nor unassigned`);
  return problems;
}
