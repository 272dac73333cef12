// Rows of the SQL stores (SQLite and PostgreSQL share one schema) as records and back: column
// names, JSON bodies (text in SQLite, jsonb in PostgreSQL), booleans (0/1 or true/false).
import type { PickupRequest, Plan, Scenario } from "../domain/index.js";
import type { ApiKeyRecord, JobGuard, JobPatch, JobRecord, JobState, PickupRecord, PlanRecord, Role, ScenarioRecord } from "./store.js";

/** A row as the driver returns it. */
export type Row = Record<string, unknown>;

/** A JSON column's value: text to parse (SQLite) or the value the driver parsed already (jsonb). */
function json<T>(v: unknown): T {
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}

/** A number column's value (PostgreSQL's bigint and numeric arrive as strings). */
function num(v: unknown): number {
  return typeof v === "number" ? v : Number(v);
}

/** A nullable number column's value, or `absent` when it is NULL. */
function numOr<T>(v: unknown, absent: T): number | T {
  return v === null || v === undefined ? absent : num(v);
}

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
    scenario: json<Scenario>(r.body),
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
    progress: json<JobRecord["progress"]>(r.progress),
    bestObjectiveUsd: numOr(r.best_objective_usd, null),
    timeLimitS: num(r.time_limit_s),
    seed: num(r.seed),
    routingIterations: numOr(r.routing_iterations, null),
    routingStarts: numOr(r.routing_starts, 1),
    cancelRequested: r.cancel_requested === 1 || r.cancel_requested === true,
    attempts: num(r.attempts),
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
    plan: json<Plan>(r.body),
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
    request: json<PickupRequest>(r.body),
    massKg: num(r.mass_kg),
    volumeM3: num(r.volume_m3),
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

/** Column value of a job field: JSON as text, booleans as 0/1 (SQLite) or as they are (PostgreSQL). */
export function jobValue(key: keyof JobPatch, value: unknown, dialect: "sqlite" | "postgres"): unknown {
  if (key === "progress") return JSON.stringify(value);
  if (key === "cancelRequested" && dialect === "sqlite") return value ? 1 : 0;
  return value;
}

/**
 * A job update, conditional when a guard is given: `UPDATE jobs SET … WHERE id = … [AND state IN (…)
 * AND attempts = …]`, placeholders made by `param(n)` (n counts from 1). Undefined when there is
 * nothing to write and nothing to check.
 */
export function jobUpdateSql(
  id: string,
  patch: JobPatch,
  guard: JobGuard | undefined,
  dialect: "sqlite" | "postgres",
  param: (n: number) => string,
): { sql: string; values: unknown[] } | undefined {
  const keys = (Object.keys(patch) as Array<keyof JobPatch>).filter((k) => patch[k] !== undefined);
  if (keys.length === 0 && !guard) return undefined;
  const values: unknown[] = [];
  const next = (v: unknown): string => {
    values.push(v);
    return param(values.length);
  };
  // A guard with an empty patch still needs a SET clause to tell whether the row matched.
  const sets = keys.length ? keys.map((k) => `${JOB_COLUMNS[k]} = ${next(jobValue(k, patch[k], dialect))}`).join(", ") : "state = state";
  const where = [`id = ${next(id)}`];
  if (guard) {
    where.push(`state IN (${guard.states.map((st) => next(st)).join(", ") || "NULL"})`);
    if (guard.attempts !== undefined) where.push(`attempts = ${next(guard.attempts)}`);
  }
  return { sql: `UPDATE jobs SET ${sets} WHERE ${where.join(" AND ")}`, values };
}
