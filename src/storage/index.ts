// Public face of storage: the Store contract, the embedded SQLite store, API key tokens.
// openStore picks the implementation from the environment (only SQLite exists today).
import { SqliteStore } from "./sqlite-store.js";
import type { Store } from "./store.js";

export * from "./store.js";
export { SqliteStore, migrateSqlite } from "./sqlite-store.js";
export { createApiKey, hashApiKey, mintApiKey } from "./api-keys.js";

/** Default database file when URBANMINE_DB is not set, relative to the working directory. */
export const DEFAULT_DB_PATH = "./urbanmine.db";

/**
 * Opens the store named by the environment: URBANMINE_DB is the SQLite file path
 * (default ./urbanmine.db; ":memory:" for a throw-away store).
 * @throws UrbanmineError INVALID_FILE when the file cannot be opened as a database.
 */
export function openStore(env: NodeJS.ProcessEnv = process.env): Store {
  return new SqliteStore(env.URBANMINE_DB || DEFAULT_DB_PATH);
}
