// Rows of the SQLite store as records and back: column names, JSON bodies, 0/1 booleans.
import type { PickupRequest, Plan, Scenario } from "../domain/index.js";
import type { ApiKeyRecord, JobPatch, JobRecord, JobState, PickupRecord, PlanRecord, Role, ScenarioRecord } from "./store.js";

/** A row as better-sqlite3 returns it. */
export type Row = Record<string, unknown>;

/** Column of each updatable job field. */
export const JOB_COLUMNS: Record<keyof JobPatch, string> = {
  state: "state",
  progress: "progress",
  bestObjectiveUsd: "best_objective_usd",
  timeLimitS: "time_limit_s",
  seed: "seed",
  cancelRequested: "cancel_requested",
  attempts: "attempts",
  planId: "plan_id",
  error: "error",
  startedAt: "started_at",
  finishedAt: "finished_at",
};

/** The current time as ISO 8601 (UTC), as every timestamp column holds it. */
export function now(): string {
  return new Date().toISOString();
}

/** A scenarios row as a record. */
export function toScenario(r: Row): ScenarioRecord {
  return {
    id: r.id as string,
    name: r.name as string,
    scenario: JSON.parse(r.body as string) as Scenario,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}

/** A jobs row as a record. */
export function toJob(r: Row): JobRecord {
  return {
    id: r.id as string,
    scenarioId: r.scenario_id as string,
    state: r.state as JobState,
    progress: JSON.parse(r.progress as string) as JobRecord["progress"],
    bestObjectiveUsd: (r.best_objective_usd as number | null) ?? null,
    timeLimitS: r.time_limit_s as number,
    seed: r.seed as number,
    routingIterations: (r.routing_iterations as number | null) ?? null,
    cancelRequested: r.cancel_requested === 1,
    attempts: r.attempts as number,
    planId: (r.plan_id as string | null) ?? null,
    error: (r.error as string | null) ?? null,
    createdAt: r.created_at as string,
    startedAt: (r.started_at as string | null) ?? null,
    finishedAt: (r.finished_at as string | null) ?? null,
  };
}

/** A plans row as a record. */
export function toPlan(r: Row): PlanRecord {
  return {
    id: r.id as string,
    scenarioId: r.scenario_id as string,
    jobId: (r.job_id as string | null) ?? null,
    plan: JSON.parse(r.body as string) as Plan,
    createdAt: r.created_at as string,
  };
}

/** A pickups row as a record. */
export function toPickup(r: Row): PickupRecord {
  return {
    id: r.id as string,
    scenarioId: r.scenario_id as string,
    carrierId: r.carrier_id as string,
    date: r.date as string,
    request: JSON.parse(r.body as string) as PickupRequest,
    massKg: r.mass_kg as number,
    volumeM3: r.volume_m3 as number,
    contactRef: r.contact_ref as string,
    createdAt: r.created_at as string,
  };
}

/** An api_keys row as a record (the hash is never read back). */
export function toKey(r: Row): ApiKeyRecord {
  return {
    id: r.id as string,
    role: r.role as Role,
    carrierId: (r.carrier_id as string | null) ?? null,
    label: r.label as string,
    createdAt: r.created_at as string,
    revokedAt: (r.revoked_at as string | null) ?? null,
  };
}

/** Column value of a job field as SQLite stores it. */
export function jobValue(key: keyof JobPatch, value: unknown): unknown {
  if (key === "progress") return JSON.stringify(value);
  if (key === "cancelRequested") return value ? 1 : 0;
  return value;
}
