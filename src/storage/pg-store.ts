// The shared store on PostgreSQL (`pg` pool), for an API and many workers on several machines.
// Migrations are node-pg-migrate files (pg-migrations/), applied on open under its advisory lock,
// so processes starting together migrate once. Same tables and row mapping as the SQLite store.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runner } from "node-pg-migrate";
import pg from "pg";
import { type Plan, type Scenario, UrbanmineError } from "../domain/index.js";
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

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "pg-migrations");
/** Key of the transaction lock that serialises job inserts (the queued-jobs cap). */
const JOB_CAP_LOCK = 0x75726d6a; // "urmj"

type Queryable = Pick<pg.PoolClient, "query">;

/** Where a URL points, without its password (for messages). */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "(unparsable URL)";
  }
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === "23505";
}

/**
 * Applies the migrations the database does not have yet.
 * @returns the names of the migrations run now.
 */
export async function migratePostgres(client: pg.PoolClient): Promise<string[]> {
  const ran = await runner({
    dbClient: client,
    dir: MIGRATIONS_DIR,
    ignorePattern: "\\..*|.*\\.map|.*\\.d\\.ts",
    migrationsTable: "urbanmine_migrations",
    direction: "up",
    advisoryLockMode: "wait",
    log: () => undefined,
  });
  return ran.map((m) => m.name);
}

/** Store on a PostgreSQL database. Open with PgStore.open (it connects and migrates). */
export class PgStore implements Store {
  private constructor(
    private readonly pool: pg.Pool,
    readonly where: string,
  ) {}

  /**
   * Connects to `url` (postgres://user:password@host:port/db), migrates, and returns the store.
   * @throws UrbanmineError INTERNAL naming host, port and database when it cannot connect or migrate.
   */
  static async open(url: string, opts: { maxConnections?: number } = {}): Promise<PgStore> {
    const where = describeUrl(url);
    const pool = new pg.Pool({ connectionString: url, max: opts.maxConnections ?? 10, connectionTimeoutMillis: 10_000 });
    pool.on("error", () => undefined); // an idle client lost its connection; the next query reconnects
    try {
      const client = await pool.connect();
      try {
        await migratePostgres(client);
      } finally {
        client.release();
      }
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw new UrbanmineError("INTERNAL", `cannot open the PostgreSQL store at ${where}: ${(err as Error).message}`);
    }
    return new PgStore(pool, where);
  }

  private async rows(sql: string, values: unknown[] = [], on: Queryable = this.pool): Promise<Row[]> {
    return (await on.query(sql, values)).rows as Row[];
  }

  private async one(sql: string, values: unknown[] = [], on: Queryable = this.pool): Promise<Row | undefined> {
    return (await this.rows(sql, values, on))[0];
  }

  /** Runs `fn` in one transaction on one connection; rolls back when it throws. */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query("BEGIN");
      const out = await fn(c);
      await c.query("COMMIT");
      return out;
    } catch (err) {
      await c.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  async createScenario(scenario: Scenario): Promise<ScenarioRecord> {
    const t = now();
    try {
      await this.pool.query("INSERT INTO scenarios (id, name, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)", [
        scenario.id, scenario.name, JSON.stringify(scenario), t, t,
      ]);
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new UrbanmineError("CONFLICT", `scenario '${scenario.id}' exists already; replace it with PUT /v1/scenarios/${scenario.id}`);
      }
      throw err;
    }
    return { id: scenario.id, name: scenario.name, scenario, createdAt: t, updatedAt: t };
  }

  async getScenario(id: string): Promise<ScenarioRecord | undefined> {
    const r = await this.one("SELECT * FROM scenarios WHERE id = $1", [id]);
    return r && toScenario(r);
  }

  async listScenarios(page: Page): Promise<{ items: ScenarioRecord[]; total: number }> {
    const rows = await this.rows("SELECT * FROM scenarios ORDER BY created_at, seq LIMIT $1 OFFSET $2", [page.limit, page.offset]);
    const total = Number((await this.one("SELECT COUNT(*) AS n FROM scenarios"))?.n ?? 0);
    return { items: rows.map(toScenario), total };
  }

  async replaceScenario(id: string, scenario: Scenario): Promise<ScenarioRecord> {
    const r = await this.one("UPDATE scenarios SET name = $1, body = $2, updated_at = $3 WHERE id = $4 RETURNING *", [
      scenario.name, JSON.stringify(scenario), now(), id,
    ]);
    if (!r) throw new UrbanmineError("NOT_FOUND", `no scenario '${id}'`);
    return toScenario(r);
  }

  async deleteScenario(id: string): Promise<boolean> {
    return ((await this.pool.query("DELETE FROM scenarios WHERE id = $1", [id])).rowCount ?? 0) > 0;
  }

  async createJob(job: NewJob, maxQueued: number): Promise<JobRecord | undefined> {
    return this.tx(async (c) => {
      // One inserter at a time, so two API processes cannot both pass the cap.
      await c.query("SELECT pg_advisory_xact_lock($1)", [JOB_CAP_LOCK]);
      const queued = Number((await this.one("SELECT COUNT(*) AS n FROM jobs WHERE state = 'queued'", [], c))?.n ?? 0);
      if (queued >= maxQueued) return undefined;
      const progress = JSON.stringify({ stage: "queued", fraction: 0, message: "waiting for a worker" });
      const r = await this.one(
        `INSERT INTO jobs (id, scenario_id, state, progress, time_limit_s, seed, routing_iterations, routing_starts, created_at)
         VALUES ($1, $2, 'queued', $3, $4, $5, $6, $7, $8) RETURNING *`,
        [job.id, job.scenarioId, progress, job.timeLimitS, job.seed, job.routingIterations, job.routingStarts, now()],
        c,
      );
      return r && toJob(r);
    });
  }

  async getJob(id: string): Promise<JobRecord | undefined> {
    const r = await this.one("SELECT * FROM jobs WHERE id = $1", [id]);
    return r && toJob(r);
  }

  async updateJob(id: string, patch: JobPatch): Promise<JobRecord> {
    const job = (await this.applyJobPatch(id, patch)) ?? (await this.getJob(id));
    if (!job) throw new UrbanmineError("NOT_FOUND", `no job '${id}'`);
    return job;
  }

  async updateJobIf(id: string, guard: JobGuard, patch: JobPatch): Promise<JobRecord | undefined> {
    return this.applyJobPatch(id, patch, guard);
  }

  /** @returns the updated job, or undefined when no row matched (or the patch was empty). */
  private async applyJobPatch(id: string, patch: JobPatch, guard?: JobGuard, on: Queryable = this.pool): Promise<JobRecord | undefined> {
    const update = jobUpdateSql(id, patch, guard, "postgres", (n) => `$${n}`);
    if (!update) return undefined;
    const r = await this.one(`${update.sql} RETURNING *`, update.values, on);
    return r && toJob(r);
  }

  async listJobs(filter: { states?: JobState[]; scenarioId?: string }): Promise<JobRecord[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.states) {
      args.push(filter.states);
      where.push(`state = ANY($${args.length})`);
    }
    if (filter.scenarioId) {
      args.push(filter.scenarioId);
      where.push(`scenario_id = $${args.length}`);
    }
    const sql = `SELECT * FROM jobs ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_at, seq`;
    return (await this.rows(sql, args)).map(toJob);
  }

  async countJobs(states: JobState[]): Promise<number> {
    return Number((await this.one("SELECT COUNT(*) AS n FROM jobs WHERE state = ANY($1)", [states]))?.n ?? 0);
  }

  async finishJobWithPlan(jobId: string, plan: PlanRecord, patch: JobPatch, guard?: JobGuard): Promise<JobRecord | undefined> {
    return this.tx(async (c) => {
      const job = await this.applyJobPatch(jobId, { ...patch, planId: plan.id }, guard, c);
      if (!job) {
        if (guard) return undefined;
        throw new UrbanmineError("NOT_FOUND", `no job '${jobId}'`);
      }
      await this.insertPlan(plan, c);
      return job;
    });
  }

  private async insertPlan(p: PlanRecord, on: Queryable = this.pool): Promise<void> {
    await on.query("INSERT INTO plans (id, scenario_id, job_id, body, created_at) VALUES ($1, $2, $3, $4, $5)", [
      p.id, p.scenarioId, p.jobId, JSON.stringify(p.plan), p.createdAt,
    ]);
  }

  async savePlan(plan: PlanRecord): Promise<void> {
    await this.insertPlan(plan);
  }

  async getPlan(id: string): Promise<PlanRecord | undefined> {
    const r = await this.one("SELECT * FROM plans WHERE id = $1", [id]);
    return r && toPlan(r);
  }

  async listPlans(scenarioId: string): Promise<PlanRecord[]> {
    return (await this.rows("SELECT * FROM plans WHERE scenario_id = $1 ORDER BY created_at, seq", [scenarioId])).map(toPlan);
  }

  async latestPlan(scenarioId: string): Promise<PlanRecord | undefined> {
    const r = await this.one("SELECT * FROM plans WHERE scenario_id = $1 ORDER BY created_at DESC, seq DESC LIMIT 1", [scenarioId]);
    return r && toPlan(r);
  }

  async createPickup(p: PickupRecord): Promise<PickupRecord> {
    try {
      await this.pool.query(
        "INSERT INTO pickups (id, scenario_id, carrier_id, date, body, mass_kg, volume_m3, contact_ref, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        [p.id, p.scenarioId, p.carrierId, p.date, JSON.stringify(p.request), p.massKg, p.volumeM3, p.contactRef, p.createdAt],
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw new UrbanmineError("CONFLICT", `pickup '${p.id}' is registered already`);
      throw err;
    }
    return p;
  }

  async getPickup(id: string): Promise<PickupRecord | undefined> {
    const r = await this.one("SELECT * FROM pickups WHERE id = $1", [id]);
    return r && toPickup(r);
  }

  async listPickups(filter: { scenarioId?: string; carrierId?: string; date?: string }): Promise<PickupRecord[]> {
    const where: string[] = [];
    const args: string[] = [];
    for (const [column, value] of [["scenario_id", filter.scenarioId], ["carrier_id", filter.carrierId], ["date", filter.date]] as const) {
      if (!value) continue;
      args.push(value);
      where.push(`${column} = $${args.length}`);
    }
    const sql = `SELECT * FROM pickups ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_at, seq`;
    return (await this.rows(sql, args)).map(toPickup);
  }

  async deletePickup(id: string): Promise<boolean> {
    return ((await this.pool.query("DELETE FROM pickups WHERE id = $1", [id])).rowCount ?? 0) > 0;
  }

  async putDayRoutes(r: DayRoutesRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO day_routes (scenario_id, carrier_id, date, plan_id, body, revision, updated_at)
       VALUES ($1, $2, $3, $4, $5, nextval('day_routes_revision'), $6)
       ON CONFLICT (carrier_id, date, scenario_id)
       DO UPDATE SET plan_id = EXCLUDED.plan_id, body = EXCLUDED.body, revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at`,
      [r.scenarioId, r.carrierId, r.date, r.planId, JSON.stringify(r.routing), r.updatedAt],
    );
  }

  async getDayRoutes(carrierId: string, date: string, scenarioId?: string): Promise<DayRoutesRecord[]> {
    const rows = scenarioId
      ? await this.rows("SELECT * FROM day_routes WHERE carrier_id = $1 AND date = $2 AND scenario_id = $3", [carrierId, date, scenarioId])
      : await this.rows("SELECT * FROM day_routes WHERE carrier_id = $1 AND date = $2 ORDER BY scenario_id", [carrierId, date]);
    return rows.map((r) => ({
      scenarioId: r.scenario_id as string,
      carrierId: r.carrier_id as string,
      date: r.date as string,
      planId: r.plan_id as string,
      routing: r.body as Plan["routing"],
      updatedAt: r.updated_at as string,
    }));
  }

  async dayRoutesVersion(carrierId: string, date: string): Promise<string | undefined> {
    const r = await this.one("SELECT MAX(revision)::text AS r, COUNT(*)::int AS n FROM day_routes WHERE carrier_id = $1 AND date = $2", [carrierId, date]);
    return !r || r.r === null ? undefined : `${r.r}:${r.n}`;
  }

  async createApiKey(key: Omit<ApiKeyRecord, "createdAt" | "revokedAt">, secretHash: string): Promise<ApiKeyRecord> {
    const t = now();
    try {
      await this.pool.query("INSERT INTO api_keys (id, role, carrier_id, label, secret_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)", [
        key.id, key.role, key.carrierId, key.label, secretHash, t,
      ]);
    } catch (err) {
      if (isUniqueViolation(err) || (err as { code?: string }).code === "23514") {
        throw new UrbanmineError("CONFLICT", `API key id '${key.id}' exists already`);
      }
      throw err;
    }
    return { ...key, createdAt: t, revokedAt: null };
  }

  async findApiKey(secretHash: string): Promise<ApiKeyRecord | undefined> {
    const r = await this.one("SELECT * FROM api_keys WHERE secret_hash = $1 AND revoked_at IS NULL", [secretHash]);
    return r && toKey(r);
  }

  async listApiKeys(): Promise<ApiKeyRecord[]> {
    return (await this.rows("SELECT * FROM api_keys ORDER BY created_at, seq")).map(toKey);
  }

  async revokeApiKey(id: string): Promise<boolean> {
    return ((await this.pool.query("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", [now(), id])).rowCount ?? 0) > 0;
  }

  async ping(): Promise<boolean> {
    if (this.pool.ended) return false;
    try {
      return Number((await this.one("SELECT 1 AS one"))?.one) === 1;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
