// The embedded default store: one SQLite file through better-sqlite3, WAL mode, migrations
// on open, every multi-row write in a transaction. Bodies (scenario, plan, routes) are JSON text;
// the columns the service filters on are real columns with indexes.
import Database from "better-sqlite3";
import { type Plan, type Scenario, UrbanmineError } from "../domain/index.js";
import { SQLITE_MIGRATIONS } from "./sqlite-migrations.js";
import { jobUpdateSql, now, type Row, toJob, toKey, toPickup, toPlan, toScenario } from "./rows.js";
import type {
  ApiKeyRecord,
  DayRoutesRecord,
  JobGuard,
  JobPatch,
  JobRecord,
  JobState,
  NewJob,
  Page,
  PickupRecord,
  PlanRecord,
  ScenarioRecord,
  Store,
} from "./store.js";

/** Applies the migrations the file does not have yet; returns the schema version. */
export function migrateSqlite(db: Database.Database): number {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > SQLITE_MIGRATIONS.length) {
    throw new UrbanmineError(
      "INVALID_FILE",
      `database schema version ${current} is newer than this build knows (${SQLITE_MIGRATIONS.length}); upgrade urbanmine`,
    );
  }
  for (let v = current; v < SQLITE_MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(SQLITE_MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return SQLITE_MIGRATIONS.length;
}

/** Store on one SQLite file (or ":memory:"). Methods are async to match the Store contract. */
export class SqliteStore implements Store {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly stmt: Record<string, Database.Statement>;

  /**
   * Opens (creating if needed) and migrates the database at `path`.
   * @throws UrbanmineError INVALID_FILE when the file is not a database or is newer than this build.
   */
  constructor(path: string) {
    this.path = path;
    try {
      this.db = new Database(path);
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = NORMAL");
      this.db.pragma("foreign_keys = ON");
      this.db.pragma("busy_timeout = 5000");
      migrateSqlite(this.db);
    } catch (err) {
      if (err instanceof UrbanmineError) throw err;
      throw new UrbanmineError("INVALID_FILE", `cannot open database '${path}': ${(err as Error).message}`);
    }
    const p = (sql: string): Database.Statement => this.db.prepare(sql);
    this.stmt = {
      insertScenario: p("INSERT INTO scenarios (id, name, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"),
      getScenario: p("SELECT * FROM scenarios WHERE id = ?"),
      listScenarios: p("SELECT * FROM scenarios ORDER BY created_at, rowid LIMIT ? OFFSET ?"),
      countScenarios: p("SELECT COUNT(*) AS n FROM scenarios"),
      updateScenario: p("UPDATE scenarios SET name = ?, body = ?, updated_at = ? WHERE id = ?"),
      deleteScenario: p("DELETE FROM scenarios WHERE id = ?"),
      countQueued: p("SELECT COUNT(*) AS n FROM jobs WHERE state = 'queued'"),
      insertJob: p(
        "INSERT INTO jobs (id, scenario_id, state, progress, time_limit_s, seed, routing_iterations, routing_starts, created_at) VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?)",
      ),
      getJob: p("SELECT * FROM jobs WHERE id = ?"),
      insertPlan: p("INSERT INTO plans (id, scenario_id, job_id, body, created_at) VALUES (?, ?, ?, ?, ?)"),
      getPlan: p("SELECT * FROM plans WHERE id = ?"),
      listPlans: p("SELECT * FROM plans WHERE scenario_id = ? ORDER BY created_at, rowid"),
      latestPlan: p("SELECT * FROM plans WHERE scenario_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1"),
      insertPickup: p(
        "INSERT INTO pickups (id, scenario_id, carrier_id, date, body, mass_kg, volume_m3, contact_ref, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      getPickup: p("SELECT * FROM pickups WHERE id = ?"),
      nextRevision: p("SELECT COALESCE(MAX(revision), 0) + 1 AS r FROM day_routes"),
      putRoutes: p(
        "INSERT OR REPLACE INTO day_routes (scenario_id, carrier_id, date, plan_id, body, revision, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ),
      getRoutes: p("SELECT * FROM day_routes WHERE carrier_id = ? AND date = ? ORDER BY scenario_id"),
      getRoutesOf: p("SELECT * FROM day_routes WHERE carrier_id = ? AND date = ? AND scenario_id = ?"),
      routesVersion: p("SELECT MAX(revision) AS r, COUNT(*) AS n FROM day_routes WHERE carrier_id = ? AND date = ?"),
      insertKey: p("INSERT INTO api_keys (id, role, carrier_id, label, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
      findKey: p("SELECT * FROM api_keys WHERE secret_hash = ? AND revoked_at IS NULL"),
      listKeys: p("SELECT * FROM api_keys ORDER BY created_at, rowid"),
      revokeKey: p("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
      ping: p("SELECT 1 AS one"),
    };
  }

  async createScenario(scenario: Scenario): Promise<ScenarioRecord> {
    const t = now();
    try {
      this.stmt.insertScenario.run(scenario.id, scenario.name, JSON.stringify(scenario), t, t);
    } catch (err) {
      if ((err as { code?: string }).code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
        throw new UrbanmineError("CONFLICT", `scenario '${scenario.id}' exists already; replace it with PUT /v1/scenarios/${scenario.id}`);
      }
      throw err;
    }
    return { id: scenario.id, name: scenario.name, scenario, createdAt: t, updatedAt: t };
  }

  async getScenario(id: string): Promise<ScenarioRecord | undefined> {
    const r = this.stmt.getScenario.get(id) as Row | undefined;
    return r && toScenario(r);
  }

  async listScenarios(page: Page): Promise<{ items: ScenarioRecord[]; total: number }> {
    const rows = this.stmt.listScenarios.all(page.limit, page.offset) as Row[];
    const total = (this.stmt.countScenarios.get() as { n: number }).n;
    return { items: rows.map(toScenario), total };
  }

  async replaceScenario(id: string, scenario: Scenario): Promise<ScenarioRecord> {
    const t = now();
    const info = this.stmt.updateScenario.run(scenario.name, JSON.stringify(scenario), t, id);
    if (info.changes === 0) throw new UrbanmineError("NOT_FOUND", `no scenario '${id}'`);
    const rec = await this.getScenario(id);
    if (!rec) throw new UrbanmineError("NOT_FOUND", `no scenario '${id}'`);
    return rec;
  }

  async deleteScenario(id: string): Promise<boolean> {
    return this.stmt.deleteScenario.run(id).changes > 0;
  }

  async createJob(
    job: NewJob,
    maxQueued: number,
  ): Promise<JobRecord | undefined> {
    const insert = this.db.transaction((): boolean => {
      const queued = (this.stmt.countQueued.get() as { n: number }).n;
      if (queued >= maxQueued) return false;
      const progress = JSON.stringify({ stage: "queued", fraction: 0, message: "waiting for a worker" });
      this.stmt.insertJob.run(job.id, job.scenarioId, progress, job.timeLimitS, job.seed, job.routingIterations, job.routingStarts, now());
      return true;
    });
    // IMMEDIATE takes the write lock before counting, so two processes cannot both pass the cap.
    return insert.immediate() ? this.getJob(job.id) : undefined;
  }

  async getJob(id: string): Promise<JobRecord | undefined> {
    const r = this.stmt.getJob.get(id) as Row | undefined;
    return r && toJob(r);
  }

  async updateJob(id: string, patch: JobPatch): Promise<JobRecord> {
    this.applyJobPatch(id, patch);
    const job = await this.getJob(id);
    if (!job) throw new UrbanmineError("NOT_FOUND", `no job '${id}'`);
    return job;
  }

  async updateJobIf(id: string, guard: JobGuard, patch: JobPatch): Promise<JobRecord | undefined> {
    return this.applyJobPatch(id, patch, guard) ? this.getJob(id) : undefined;
  }

  /** @returns whether a row was written (always true without a guard, when the patch is empty). */
  private applyJobPatch(id: string, patch: JobPatch, guard?: JobGuard): boolean {
    const update = jobUpdateSql(id, patch, guard, "sqlite", () => "?");
    if (!update) return true;
    return this.db.prepare(update.sql).run(...update.values).changes > 0;
  }

  async listJobs(filter: { states?: JobState[]; scenarioId?: string }): Promise<JobRecord[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.states) {
      where.push(`state IN (${filter.states.map(() => "?").join(", ") || "NULL"})`);
      args.push(...filter.states);
    }
    if (filter.scenarioId) {
      where.push("scenario_id = ?");
      args.push(filter.scenarioId);
    }
    const sql = `SELECT * FROM jobs ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_at, rowid`;
    return (this.db.prepare(sql).all(...args) as Row[]).map(toJob);
  }

  async countJobs(states: JobState[]): Promise<number> {
    const sql = `SELECT COUNT(*) AS n FROM jobs WHERE state IN (${states.map(() => "?").join(", ") || "NULL"})`;
    return (this.db.prepare(sql).get(...states) as { n: number }).n;
  }

  async finishJobWithPlan(jobId: string, plan: PlanRecord, patch: JobPatch, guard?: JobGuard): Promise<JobRecord | undefined> {
    const written = this.db
      .transaction((): boolean => {
        if (!this.applyJobPatch(jobId, { ...patch, planId: plan.id }, guard)) return false;
        this.insertPlan(plan);
        return true;
      })
      .immediate();
    if (!written) return undefined;
    const job = await this.getJob(jobId);
    if (!job) throw new UrbanmineError("NOT_FOUND", `no job '${jobId}'`);
    return job;
  }

  private insertPlan(p: PlanRecord): void {
    this.stmt.insertPlan.run(p.id, p.scenarioId, p.jobId, JSON.stringify(p.plan), p.createdAt);
  }

  async savePlan(plan: PlanRecord): Promise<void> {
    this.insertPlan(plan);
  }

  async getPlan(id: string): Promise<PlanRecord | undefined> {
    const r = this.stmt.getPlan.get(id) as Row | undefined;
    return r && toPlan(r);
  }

  async listPlans(scenarioId: string): Promise<PlanRecord[]> {
    return (this.stmt.listPlans.all(scenarioId) as Row[]).map(toPlan);
  }

  async latestPlan(scenarioId: string): Promise<PlanRecord | undefined> {
    const r = this.stmt.latestPlan.get(scenarioId) as Row | undefined;
    return r && toPlan(r);
  }

  async createPickup(p: PickupRecord): Promise<PickupRecord> {
    try {
      this.stmt.insertPickup.run(
        p.id, p.scenarioId, p.carrierId, p.date, JSON.stringify(p.request), p.massKg, p.volumeM3, p.contactRef, p.createdAt,
      );
    } catch (err) {
      if ((err as { code?: string }).code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
        throw new UrbanmineError("CONFLICT", `pickup '${p.id}' is registered already`);
      }
      throw err;
    }
    return p;
  }

  async getPickup(id: string): Promise<PickupRecord | undefined> {
    const r = this.stmt.getPickup.get(id) as Row | undefined;
    return r && toPickup(r);
  }

  async listPickups(filter: { scenarioId?: string; carrierId?: string; date?: string }): Promise<PickupRecord[]> {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.scenarioId) (where.push("scenario_id = ?"), args.push(filter.scenarioId));
    if (filter.carrierId) (where.push("carrier_id = ?"), args.push(filter.carrierId));
    if (filter.date) (where.push("date = ?"), args.push(filter.date));
    const sql = `SELECT * FROM pickups ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_at, rowid`;
    return (this.db.prepare(sql).all(...args) as Row[]).map(toPickup);
  }

  async deletePickup(id: string): Promise<boolean> {
    return this.db.prepare("DELETE FROM pickups WHERE id = ?").run(id).changes > 0;
  }

  async putDayRoutes(r: DayRoutesRecord): Promise<void> {
    this.db
      .transaction(() => {
        const revision = (this.stmt.nextRevision.get() as { r: number }).r;
        this.stmt.putRoutes.run(r.scenarioId, r.carrierId, r.date, r.planId, JSON.stringify(r.routing), revision, r.updatedAt);
      })
      .immediate();
  }

  async getDayRoutes(carrierId: string, date: string, scenarioId?: string): Promise<DayRoutesRecord[]> {
    const rows = (
      scenarioId ? this.stmt.getRoutesOf.all(carrierId, date, scenarioId) : this.stmt.getRoutes.all(carrierId, date)
    ) as Row[];
    return rows.map((r) => ({
      scenarioId: r.scenario_id as string,
      carrierId: r.carrier_id as string,
      date: r.date as string,
      planId: r.plan_id as string,
      routing: JSON.parse(r.body as string) as Plan["routing"],
      updatedAt: r.updated_at as string,
    }));
  }

  async dayRoutesVersion(carrierId: string, date: string): Promise<string | undefined> {
    const r = this.stmt.routesVersion.get(carrierId, date) as { r: number | null; n: number };
    return r.r === null ? undefined : `${r.r}:${r.n}`;
  }

  async createApiKey(key: Omit<ApiKeyRecord, "createdAt" | "revokedAt">, secretHash: string): Promise<ApiKeyRecord> {
    const t = now();
    try {
      this.stmt.insertKey.run(key.id, key.role, key.carrierId, key.label, secretHash, t);
    } catch (err) {
      if (String((err as { code?: string }).code).startsWith("SQLITE_CONSTRAINT")) {
        throw new UrbanmineError("CONFLICT", `API key id '${key.id}' exists already`);
      }
      throw err;
    }
    return { ...key, createdAt: t, revokedAt: null };
  }

  async findApiKey(secretHash: string): Promise<ApiKeyRecord | undefined> {
    const r = this.stmt.findKey.get(secretHash) as Row | undefined;
    return r && toKey(r);
  }

  async listApiKeys(): Promise<ApiKeyRecord[]> {
    return (this.stmt.listKeys.all() as Row[]).map(toKey);
  }

  async revokeApiKey(id: string): Promise<boolean> {
    return this.stmt.revokeKey.run(now(), id).changes > 0;
  }

  async ping(): Promise<boolean> {
    return this.db.open && (this.stmt.ping.get() as { one: number }).one === 1;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
