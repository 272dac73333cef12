// PostgreSQL schema, version 1: the SQLite store's tables at its schema version 3, with native
// types (jsonb bodies, booleans, double precision) and a sequence per table for insertion order.
// A released migration is never edited: a change is a new file with a later number.
import type { MigrationBuilder } from "node-pg-migrate";

export function up(pgm: MigrationBuilder): void {
  pgm.sql(`
  CREATE TABLE scenarios (
    id TEXT PRIMARY KEY,
    seq BIGSERIAL NOT NULL,
    name TEXT NOT NULL,
    body JSONB NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    seq BIGSERIAL NOT NULL,
    scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('queued','running','done','failed','cancelled')),
    progress JSONB NOT NULL,
    best_objective_usd DOUBLE PRECISION,
    time_limit_s DOUBLE PRECISION NOT NULL,
    seed INTEGER NOT NULL,
    routing_iterations INTEGER,
    routing_starts INTEGER NOT NULL DEFAULT 1,
    cancel_requested BOOLEAN NOT NULL DEFAULT FALSE,
    attempts INTEGER NOT NULL DEFAULT 0,
    plan_id TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT
  );
  CREATE INDEX jobs_state ON jobs(state, created_at, seq);
  CREATE INDEX jobs_scenario ON jobs(scenario_id);
  CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    seq BIGSERIAL NOT NULL,
    scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
    job_id TEXT,
    body JSONB NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX plans_scenario ON plans(scenario_id, created_at, seq);
  CREATE TABLE pickups (
    id TEXT PRIMARY KEY,
    seq BIGSERIAL NOT NULL,
    scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
    carrier_id TEXT NOT NULL,
    date TEXT NOT NULL,
    body JSONB NOT NULL,
    mass_kg DOUBLE PRECISION NOT NULL,
    volume_m3 DOUBLE PRECISION NOT NULL,
    contact_ref TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX pickups_day ON pickups(scenario_id, date, carrier_id);
  CREATE SEQUENCE day_routes_revision;
  CREATE TABLE day_routes (
    scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
    carrier_id TEXT NOT NULL,
    date TEXT NOT NULL,
    plan_id TEXT NOT NULL,
    body JSONB NOT NULL,
    revision BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (carrier_id, date, scenario_id)
  );
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    seq BIGSERIAL NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin','planner','carrier','intake')),
    carrier_id TEXT,
    label TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    CHECK ((role = 'carrier') = (carrier_id IS NOT NULL))
  );
  `);
}

export function down(pgm: MigrationBuilder): void {
  pgm.sql("DROP TABLE api_keys, day_routes, pickups, plans, jobs, scenarios; DROP SEQUENCE day_routes_revision;");
}
