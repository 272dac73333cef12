// Beyond one machine, for real: one `urbanmine serve --no-solve` and two `urbanmine worker`
// processes on PostgreSQL + Redis. Ten small iteration-bounded solves; one worker is killed -9
// while it solves; every job still ends done exactly once with one stored plan that passes the
// independent checks; /healthz answers throughout; a job running on the surviving worker is
// cancelled through the API and ends cancelled with its best plan.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import type { Plan, PickupRequest } from "../../src/domain/index.js";
import { createApiKey, PgStore } from "../../src/storage/index.js";
import { auth, tinyScenario, tinyScenarioInput } from "../api/helpers.js";
import { checkPlan } from "../api/plan-check.js";
import { describeWithServices, freshPgDatabase } from "../services.js";

const MAIN = join(import.meta.dirname, "..", "..", "dist", "src", "cli", "main.js");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Proc {
  child: ChildProcess;
  log: string;
  exited: Promise<number | null>;
}

describeWithServices("API + two workers on PostgreSQL and Redis", ["URBANMINE_TEST_PG_URL", "URBANMINE_TEST_REDIS_URL"], (urls) => {
  const procs: Proc[] = [];
  let dropDb: (() => Promise<void>) | undefined;
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    await Promise.all(procs.map((p) => p.exited));
    await dropDb?.();
  });

  function start(args: string[], env: NodeJS.ProcessEnv): Proc {
    const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
    const p: Proc = { child, log: "", exited: new Promise((r) => child.once("exit", (code) => r(code))) };
    child.stderr?.on("data", (d: Buffer) => (p.log += d.toString()));
    procs.push(p);
    return p;
  }

  async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 120_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${procs.map((p) => p.log).join("\n---\n")}`);
      await sleep(200);
    }
  }

  it("finishes every job once after a worker is killed mid-solve, and cancels a job on the other worker", async () => {
    const db = await freshPgDatabase(urls.URBANMINE_TEST_PG_URL);
    dropDb = db.drop;
    const store = await PgStore.open(db.url);
    const { token } = await createApiKey(store, { role: "planner" });
    const env = {
      ...process.env,
      URBANMINE_DB: db.url,
      URBANMINE_REDIS_URL: urls.URBANMINE_TEST_REDIS_URL,
      URBANMINE_QUEUE_NAME: `multi-${process.pid}-${Date.now()}`,
    };
    // No rate limit: the test polls ten jobs at once for minutes.
    const api = start(["serve", "--no-solve", "--port", "0", "--quiet", "--max-queued", "50", "--rate-limit", "0"], env);
    const base = await waitFor("the API to listen", () => /listening on (http:\/\/\S+)/.exec(api.log)?.[1]);
    // Short locks: a dead worker's job is taken over within a few seconds.
    const workers = [0, 1].map(() => start(["worker", "--concurrency", "1", "--threads", "1", "--lock-s", "2"], env));
    await waitFor("both workers", () => (workers.every((w) => w.log.includes("queue redis")) ? true : undefined));

    // /healthz is polled all along; every answer must be a 200.
    const health = { ok: 0, bad: [] as string[], stop: false };
    const polling = (async () => {
      while (!health.stop) {
        try {
          const r = await fetch(`${base}/healthz`);
          if (r.status === 200) health.ok++;
          else health.bad.push(`status ${r.status}`);
        } catch (err) {
          health.bad.push(String(err));
        }
        await sleep(100);
      }
    })();

    const h = { ...auth(token), "content-type": "application/json" };
    expect((await fetch(`${base}/v1/scenarios`, { method: "POST", headers: h, body: JSON.stringify(tinyScenarioInput()) })).status).toBe(201);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${base}/v1/scenarios/tiny-town/solve`, {
        method: "POST",
        headers: h,
        body: JSON.stringify({ timeLimitS: 120, seed: i + 1, routingIterations: 150 }),
      });
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { id: string }).id);
    }

    // Kill worker 0 the moment it starts a job: that job is mid-solve.
    const victim = workers[0];
    const killedJob = await waitFor("worker 0 to start a job", () => /job (job_\w+) started/.exec(victim.log)?.[1]);
    victim.child.kill("SIGKILL");
    expect(await victim.exited).toBeNull();

    const getJob = async (id: string) => (await (await fetch(`${base}/v1/jobs/${id}`, { headers: auth(token) })).json()) as Record<string, unknown>;
    const ends = await waitFor("the ten jobs to end", async () => {
      const jobs = await Promise.all(ids.map(getJob));
      return jobs.every((j) => ["done", "failed", "cancelled"].includes(String(j.state))) ? jobs : undefined;
    }, 240_000);
    for (const j of ends) expect(j.state, `${String(j.id)}: ${String(j.error)}`).toBe("done");
    expect(ends.find((j) => j.id === killedJob)?.attempts).toBe(2);
    expect(workers[1].log).toContain(`job ${killedJob} started (attempt 2): taken over`);
    // Each job ended once: one "ended" line across the workers' logs, one plan in the store.
    const survivorLog = workers[1].log;
    for (const id of ids) expect(survivorLog.split(`job ${id} ended`).length - 1 + (victim.log.split(`job ${id} ended`).length - 1)).toBe(1);
    const plans = await store.listPlans("tiny-town");
    expect(plans.map((p) => p.jobId).sort()).toEqual([...ids].sort());
    const s = tinyScenario();
    for (const j of ends) {
      const plan = plans.find((p) => p.id === j.planId)?.plan as Plan;
      expect(checkPlan(s, plan, s.pickups as PickupRequest[]), String(j.id)).toEqual([]);
    }

    // A long job on the surviving worker, cancelled through the API process. The routing search
    // stops a tiny day within a progress interval once it has nothing left to improve, so the day
    // gets 40 registered pickups first and routes for a few seconds.
    const intake = await createApiKey(store, { role: "intake" });
    const hi = { ...auth(intake.token), "content-type": "application/json" };
    for (let k = 0; k < 40; k++) {
      const location = { lat: 36.2 + 0.004 * (k % 8), lon: -86.29 + 0.006 * Math.floor(k / 8) };
      const body = { scenarioId: "tiny-town", id: `walk-in-${k}`, location, units: { laptop: 1 }, preferredDates: ["2026-12-01"], contactRef: "desk" };
      expect((await fetch(`${base}/v1/pickups`, { method: "POST", headers: hi, body: JSON.stringify(body) })).status).toBe(201);
    }
    const registered = (await store.listPickups({ scenarioId: "tiny-town", date: "2026-12-01" })).map((r) => r.request);
    expect(registered).toHaveLength(40);
    const longRes = await fetch(`${base}/v1/scenarios/tiny-town/solve`, { method: "POST", headers: h, body: JSON.stringify({ timeLimitS: 120 }) });
    expect(longRes.status).toBe(202);
    const long = (await longRes.json()) as { id: string };
    await waitFor("the long job to reach routing", async () => ((await getJob(long.id)).progress as { stage: string }).stage === "routing" || undefined);
    expect((await fetch(`${base}/v1/jobs/${long.id}`, { method: "DELETE", headers: auth(token) })).status).toBe(202);
    const cancelled = await waitFor("the cancel to land", async () => {
      const j = await getJob(long.id);
      return ["cancelled", "done", "failed"].includes(String(j.state)) ? j : undefined;
    }, 60_000);
    expect(cancelled).toMatchObject({ state: "cancelled", cancelRequested: true, attempts: 1 });
    const kept = await store.getPlan(String(cancelled.planId));
    expect(checkPlan(s, kept?.plan as Plan, [...(s.pickups as PickupRequest[]), ...registered])).toEqual([]);
    expect(workers[1].log).toContain(`job ${long.id} ended (attempt 1): cancelled`);

    health.stop = true;
    await polling;
    expect(health.bad).toEqual([]);
    expect(health.ok).toBeGreaterThan(0);

    // Graceful stops: the worker and the API exit 0 on SIGTERM.
    workers[1].child.kill("SIGTERM");
    api.child.kill("SIGTERM");
    expect(await workers[1].exited).toBe(0);
    expect(await api.exited).toBe(0);
    await store.close();
  });
});
