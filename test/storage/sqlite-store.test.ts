import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { UrbanmineError } from "../../src/domain/index.js";
import { createApiKey, hashApiKey, SqliteStore } from "../../src/storage/index.js";
import { SQLITE_MIGRATIONS } from "../../src/storage/sqlite-migrations.js";
import { tinyScenario } from "../api/helpers.js";

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
    expect(await s.getJob("j")).toMatchObject({ id: "j", state: "queued", routingIterations: null });
    await s.close();
  });

  it("refuses a database newer than the build with INVALID_FILE", () => {
    const path = tempDb();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SQLITE_MIGRATIONS.length + 5}`);
    raw.close();
    expect(() => new SqliteStore(path)).toThrow(/newer than this build/);
  });

  it("keeps scenarios: create, conflict on duplicate, list with total, replace, delete cascades", async () => {
    const s = new SqliteStore(":memory:");
    const sc = tinyScenario();
    await s.createScenario(sc);
    await expect(s.createScenario(sc)).rejects.toMatchObject({ code: "CONFLICT" });
    await s.createScenario({ ...sc, id: "second", name: "Second" });
    const page = await s.listScenarios({ limit: 1, offset: 1 });
    expect(page.total).toBe(2);
    expect(page.items.map((x) => x.id)).toEqual(["second"]);
    const replaced = await s.replaceScenario("second", { ...sc, id: "second", name: "Renamed" });
    expect(replaced.name).toBe("Renamed");
    await expect(s.replaceScenario("missing", sc)).rejects.toBeInstanceOf(UrbanmineError);
    const job = await s.createJob({ id: "j1", scenarioId: "second", timeLimitS: 5, seed: 1 }, 10);
    expect(job?.state).toBe("queued");
    expect(await s.deleteScenario("second")).toBe(true);
    expect(await s.getJob("j1")).toBeUndefined();
    expect(await s.deleteScenario("second")).toBe(false);
    await s.close();
  });

  it("caps queued jobs in the same transaction as the insert", async () => {
    const s = new SqliteStore(":memory:");
    await s.createScenario(tinyScenario());
    for (let i = 0; i < 3; i++) expect(await s.createJob({ id: `j${i}`, scenarioId: "tiny-town", timeLimitS: 1, seed: 1 }, 3)).toBeDefined();
    expect(await s.createJob({ id: "j3", scenarioId: "tiny-town", timeLimitS: 1, seed: 1 }, 3)).toBeUndefined();
    await s.updateJob("j0", { state: "running" });
    expect(await s.createJob({ id: "j3", scenarioId: "tiny-town", timeLimitS: 1, seed: 1 }, 3)).toBeDefined();
    expect(await s.countJobs(["queued"])).toBe(3);
    expect((await s.listJobs({ states: ["running"] })).map((j) => j.id)).toEqual(["j0"]);
    await s.close();
  });

  it("updates a job's fields and finishes it with its plan atomically", async () => {
    const s = new SqliteStore(":memory:");
    await s.createScenario(tinyScenario());
    await s.createJob({ id: "j", scenarioId: "tiny-town", timeLimitS: 1, seed: 7 }, 5);
    const upd = await s.updateJob("j", { progress: { stage: "siting", fraction: 0.5, message: "half" }, bestObjectiveUsd: 12.5, cancelRequested: true });
    expect(upd).toMatchObject({ seed: 7, bestObjectiveUsd: 12.5, cancelRequested: true, progress: { fraction: 0.5 } });
    // A plan that violates nothing in storage terms; the store does not interpret it.
    const plan = { scenarioId: "tiny-town" } as unknown as Parameters<SqliteStore["savePlan"]>[0]["plan"];
    const done = await s.finishJobWithPlan("j", { id: "p", scenarioId: "tiny-town", jobId: "j", plan, createdAt: "2026-01-01T00:00:00Z" }, { state: "done" });
    expect(done).toMatchObject({ state: "done", planId: "p" });
    expect((await s.latestPlan("tiny-town"))?.id).toBe("p");
    expect((await s.listPlans("tiny-town")).length).toBe(1);
    await s.close();
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
    const secret = token.split("_")[2];
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

  it("versions a carrier's day routes so readers can cache them", async () => {
    const s = new SqliteStore(":memory:");
    await s.createScenario(tinyScenario());
    expect(await s.dayRoutesVersion("c1", "2026-12-01")).toBeUndefined();
    const routing = { date: "2026-12-01", solver: "x", seconds: 0, routes: [], unassigned: [] };
    await s.putDayRoutes({ scenarioId: "tiny-town", carrierId: "c1", date: "2026-12-01", planId: "p", routing, updatedAt: "t" });
    const v1 = await s.dayRoutesVersion("c1", "2026-12-01");
    await s.putDayRoutes({ scenarioId: "tiny-town", carrierId: "c1", date: "2026-12-01", planId: "p2", routing, updatedAt: "t" });
    const v2 = await s.dayRoutesVersion("c1", "2026-12-01");
    expect(v1).toBeDefined();
    expect(v2).not.toBe(v1);
    const days = await s.getDayRoutes("c1", "2026-12-01");
    expect(days.map((d) => d.planId)).toEqual(["p2"]);
    await s.close();
  });
});
