// Schema migrations of the embedded SQLite store, applied in order inside one transaction each.
// A migration is never edited once released: a change is a new entry at the end of the list.

/** SQL of each schema version; index + 1 is the version number stored in `PRAGMA user_version`. */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE scenarios (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('queued','running','done','failed','cancelled')),
    progress TEXT NOT NULL,
    best_objective_usd REAL,
    time_limit_s REAL NOT NULL,
    seed INTEGER NOT NULL,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    plan_id TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT
  );
  CREATE INDEX jobs_state ON jobs(state, created_at);
  CREATE INDEX jobs_scenario ON jobs(scenario_id);
  CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
    job_id TEXT,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX plans_scenario ON plans(scenario_id, created_at);
  CREATE TABLE pickups (
    id TEXT PRIMARY KEY,
    scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
    carrier_id TEXT NOT NULL,
    date TEXT NOT NULL,
    body TEXT NOT NULL,
    mass_kg REAL NOT NULL,
    volume_m3 REAL NOT NULL,
    contact_ref TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX pickups_day ON pickups(scenario_id, date, carrier_id);
  CREATE TABLE day_routes (
    scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
    carrier_id TEXT NOT NULL,
    date TEXT NOT NULL,
    plan_id TEXT NOT NULL,
    body TEXT NOT NULL,
    revision INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (carrier_id, date, scenario_id)
  );
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('admin','planner','carrier','intake')),
    carrier_id TEXT,
    label TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    CHECK ((role = 'carrier') = (carrier_id IS NOT NULL))
  );
  `,
  // 2: an optional bound on routing iterations, for reproducible solves.
  `ALTER TABLE jobs ADD COLUMN routing_iterations INTEGER;`,
  // 3: routing starts of the solve (multi-start), part of the one job protocol.
  `ALTER TABLE jobs ADD COLUMN routing_starts INTEGER NOT NULL DEFAULT 1;`,
];
