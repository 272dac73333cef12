// Public face of storage: the Store contract, the embedded SQLite store, the PostgreSQL store,
// API key tokens. openStore picks the implementation from URBANMINE_DB.
import { PgStore } from "./pg-store.js";
import { SqliteStore } from "./sqlite-store.js";
import type { Store } from "./store.js";

export * from "./store.js";
export { SqliteStore, migrateSqlite } from "./sqlite-store.js";
export { PgStore, migratePostgres } from "./pg-store.js";
export { createApiKey, hashApiKey, mintApiKey } from "./api-keys.js";

/** Default database file when URBANMINE_DB is not set, relative to the working directory. */
export const DEFAULT_DB_PATH = "./urbanmine.db";

/** True when URBANMINE_DB names a PostgreSQL database (postgres:// or postgresql://). */
export function isPostgresUrl(db: string | undefined): boolean {
  return /^postgres(ql)?:\/\//i.test(db ?? "");
}

/** Where the store is, for logs: the SQLite path, or host:port/db without the password. */
export function describeStore(env: NodeJS.ProcessEnv = process.env): string {
  const db = env.URBANMINE_DB || DEFAULT_DB_PATH;
  if (!isPostgresUrl(db)) return db;
  const u = new URL(db);
  return `postgres ${u.hostname}:${u.port || 5432}${u.pathname}`;
}

/**
 * Opens the store named by the environment: URBANMINE_DB is a postgres:// URL (the shared store
 * of several processes) or the SQLite file path (default ./urbanmine.db; ":memory:" for a
 * throw-away store).
 * @throws UrbanmineError INVALID_FILE when the file cannot be opened as a database; INTERNAL when
 *   PostgreSQL cannot be reached or migrated.
 */
export async function openStore(env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  const db = env.URBANMINE_DB || DEFAULT_DB_PATH;
  return isPostgresUrl(db) ? PgStore.open(db) : new SqliteStore(db);
}
