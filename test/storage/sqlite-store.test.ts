import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createApiKey, hashApiKey, SqliteStore } from "../../src/storage/index.js";
import { SQLITE_MIGRATIONS } from "../../src/storage/sqlite-migrations.js";
import { tinyScenario } from "../api/helpers.js";
import { storeContract } from "./contract.js";

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), "um-store-"));
  dirs.push(dir);
  return join(dir, "test.db");
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("SqliteStore", () => {
  it("migrates a new file to the latest schema version and reopens it without re-running migrations", async () => {
    const path = tempDb();
    const a = new SqliteStore(path);
    await a.createScenario(tinyScenario());
    await a.close();
    const raw = new Database(path);
    expect(raw.pragma("user_version", { simple: true })).toBe(SQLITE_MIGRATIONS.length);
    raw.close();
    const b = new SqliteStore(path);
    expect((await b.getScenario("tiny-town"))?.scenario.zones).toHaveLength(3);
    await b.close();
  });

  it("upgrades a version-1 file in place, keeping its jobs", async () => {
    const path = tempDb();
    const raw = new Database(path);
    raw.exec(SQLITE_MIGRATIONS[0]);
    raw.pragma("user_version = 1");
    raw.prepare("INSERT INTO scenarios VALUES ('s', 'S', '{}', 't', 't')").run();
    raw.prepare("INSERT INTO jobs (id, scenario_id, state, progress, time_limit_s, seed, created_at) VALUES ('j', 's', 'queued', '{}', 5, 1, 't')").run();
    raw.close();
    const s = new SqliteStore(path);
    expect(await s.getJob("j")).toMatchObject({ id: "j", state: "queued", routingIterations: null, routingStarts: 1 });
    await s.close();
  });

  it("refuses a database newer than the build with INVALID_FILE", () => {
    const path = tempDb();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SQLITE_MIGRATIONS.length + 5}`);
    raw.close();
    expect(() => new SqliteStore(path)).toThrow(/newer than this build/);
  });

  it("stores API keys by hash only; the token never reaches the file", async () => {
    const path = tempDb();
    const s = new SqliteStore(path);
    const { key, token } = await createApiKey(s, { role: "carrier", carrierId: "c1", label: "dispatch" });
    expect(token.startsWith(`um_${key.id}_`)).toBe(true);
    expect(await s.findApiKey(hashApiKey(token))).toMatchObject({ role: "carrier", carrierId: "c1" });
    expect(await s.findApiKey(hashApiKey(`${token}x`))).toBeUndefined();
    await expect(createApiKey(s, { role: "carrier" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(createApiKey(s, { role: "planner", carrierId: "c1" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(createApiKey(s, { role: "root" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await s.revokeApiKey(key.id)).toBe(true);
    expect(await s.findApiKey(hashApiKey(token))).toBeUndefined();
    await s.close();
    const secret = token.slice(`um_${key.id}_`.length);
    for (const f of [path, `${path}-wal`]) {
      let bytes = "";
      try {
        bytes = readFileSync(f).toString("latin1");
      } catch {
        continue;
      }
      expect(bytes.includes(secret)).toBe(false);
    }
  });
});

describe("SqliteStore contract", () => {
  storeContract(async () => new SqliteStore(":memory:"));
});
