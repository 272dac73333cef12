import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../../src/api/index.js";
import { SqliteStore } from "../../src/storage/index.js";
import { auth, fakePlanner, makeApp, makeKeys, type TestApp, tinyScenario, tinyScenarioInput, waitForJob } from "./helpers.js";

const open: TestApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.app.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function setup(opts: Parameters<typeof makeApp>[0] = {}): Promise<TestApp> {
  const t = await makeApp(opts);
  open.push(t);
  const res = await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: tinyScenarioInput() });
  expect(res.statusCode).toBe(201);
  return t;
}

async function solve(t: TestApp, body: Record<string, unknown> = {}) {
  return t.app.inject({ method: "POST", url: "/v1/scenarios/tiny-town/solve", headers: auth(t.keys.planner), payload: body });
}

describe("solve jobs", () => {
  it("runs a job from queued to done, reporting progress and the best objective, and stores its plan", async () => {
    const t = await setup({ planner: fakePlanner({ steps: 4, stepMs: 5 }) });
    const res = await solve(t, { timeLimitS: 5, seed: 3 });
    expect(res.statusCode).toBe(202);
    const job = res.json();
    expect(res.headers.location).toBe(`/v1/jobs/${job.id}`);
    expect(job).toMatchObject({ state: "queued", scenarioId: "tiny-town", timeLimitS: 5, seed: 3, planId: null });
    const done = await waitForJob(t.app, t.keys.planner, job.id, ["done", "failed"]);
    expect(done).toMatchObject({ state: "done", attempts: 1, error: null, progress: { fraction: 1 } });
    expect(done.bestObjectiveUsd).toBe(1_000_000 - 4000);
    const plan = await t.app.inject({ url: `/v1/plans/${String(done.planId)}`, headers: auth(t.keys.planner) });
    expect(plan.statusCode).toBe(200);
    expect(plan.json().plan.siting.objectiveUsd).toBe(done.bestObjectiveUsd);
    const jobs = await t.app.inject({ url: "/v1/scenarios/tiny-town/jobs", headers: auth(t.keys.planner) });
    expect(jobs.json().items).toHaveLength(1);
  });

  it("passes every solve setting of the HTTP body to the planner, routing starts included", async () => {
    const planner = fakePlanner();
    const t = await setup({ planner });
    const settings = { timeLimitS: 7, seed: 11, routingIterations: 250, routingStarts: 3 };
    const job = (await solve(t, settings)).json();
    expect(job).toMatchObject(settings);
    await waitForJob(t.app, t.keys.planner, job.id, ["done", "failed"]);
    expect(planner.settings).toHaveLength(1);
    expect(planner.settings[0]).toMatchObject(settings);
    const bad = await solve(t, { routingStarts: 0, timeLimt: 5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/routingStarts/);
    expect(bad.body).toMatch(/timeLimt/);
  });

  it("cancels a running job and keeps the best plan found so far", async () => {
    const t = await setup({ planner: fakePlanner({ steps: 10_000, stepMs: 10 }) });
    const job = (await solve(t)).json();
    await waitForJob(t.app, t.keys.planner, job.id, ["running"]);
    // Wait until the first improvement has been reported.
    for (let i = 0; i < 1000; i++) {
      const j = (await t.app.inject({ url: `/v1/jobs/${job.id}`, headers: auth(t.keys.planner) })).json();
      if (j.bestObjectiveUsd !== null) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const del = await t.app.inject({ method: "DELETE", url: `/v1/jobs/${job.id}`, headers: auth(t.keys.planner) });
    expect(del.statusCode).toBe(202);
    expect(del.json().cancelRequested).toBe(true);
    const end = await waitForJob(t.app, t.keys.planner, job.id, ["cancelled", "done", "failed"]);
    expect(end.state).toBe("cancelled");
    expect(end.planId).toEqual(expect.any(String));
    const plan = (await t.app.inject({ url: `/v1/plans/${String(end.planId)}`, headers: auth(t.keys.planner) })).json();
    expect(plan.plan.siting.objectiveUsd).toBeLessThan(1_000_000);
    const again = await t.app.inject({ method: "DELETE", url: `/v1/jobs/${job.id}`, headers: auth(t.keys.planner) });
    expect(again.statusCode).toBe(409);
  });

  it("ends a job cancelled before its first plan as cancelled, without a plan, not as failed", async () => {
    const t = await setup({ planner: fakePlanner({ firstPlanAfterMs: 60_000 }) });
    const job = (await solve(t)).json();
    await waitForJob(t.app, t.keys.planner, job.id, ["running"]);
    const del = await t.app.inject({ method: "DELETE", url: `/v1/jobs/${job.id}`, headers: auth(t.keys.planner) });
    expect(del.statusCode).toBe(202);
    const end = await waitForJob(t.app, t.keys.planner, job.id, ["cancelled", "done", "failed"]);
    expect(end).toMatchObject({ state: "cancelled", planId: null, error: null });
    expect((end.progress as { message: string }).message).toMatch(/before a plan was found/);
  });

  it("cancels a queued job at once without a plan", async () => {
    const t = await setup({ planner: fakePlanner({ steps: 10_000, stepMs: 10 }) });
    const first = (await solve(t)).json();
    const second = (await solve(t)).json();
    const del = await t.app.inject({ method: "DELETE", url: `/v1/jobs/${second.id}`, headers: auth(t.keys.planner) });
    expect(del.json()).toMatchObject({ state: "cancelled", planId: null });
    await t.app.inject({ method: "DELETE", url: `/v1/jobs/${first.id}`, headers: auth(t.keys.planner) });
    await waitForJob(t.app, t.keys.planner, first.id, ["cancelled"]);
    expect((await waitForJob(t.app, t.keys.planner, second.id, ["cancelled"])).startedAt).toBeNull();
  });

  it("answers 503 when the queue cannot take a job, and records the job as failed with the reason", async () => {
    const queue = { shared: true, push: async () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379")), process: () => undefined, close: async () => undefined };
    const t = await setup({ jobs: { queue } });
    const res = await solve(t);
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toContain("ECONNREFUSED");
    const [job] = await t.store.listJobs({});
    expect(job).toMatchObject({ state: "failed", error: expect.stringContaining("job queue could not be reached") });
  });

  it("fails a job whose worker crashes, with the reason, and keeps serving", async () => {
    const t = await setup({ planner: fakePlanner({ failWith: "worker exited with code 1" }) });
    const job = (await solve(t)).json();
    const end = await waitForJob(t.app, t.keys.planner, job.id, ["failed", "done"]);
    expect(end.state).toBe("failed");
    expect(end.error).toContain("worker exited with code 1");
    expect((await t.app.inject({ url: "/healthz" })).statusCode).toBe(200);
  });

  it("answers 503 BUSY with Retry-After beyond the queue cap, and 400 beyond the maximum solve time", async () => {
    const t = await setup({ planner: fakePlanner({ steps: 10_000, stepMs: 10 }), jobs: { maxQueued: 2, maxSolveS: 30, defaultTimeLimitS: 7 } });
    const running = (await solve(t)).json();
    await waitForJob(t.app, t.keys.planner, running.id, ["running"]);
    expect((await solve(t)).statusCode).toBe(202);
    expect((await solve(t)).statusCode).toBe(202);
    const full = await solve(t);
    expect(full.statusCode).toBe(503);
    expect(full.json().code).toBe("BUSY");
    expect(full.headers["retry-after"]).toBe("7");
    const long = await solve(t, { timeLimitS: 31 });
    expect(long.statusCode).toBe(400);
    expect(long.json().issues[0].path).toBe("timeLimitS");
    const neg = await solve(t, { timeLimitS: -1 });
    expect(neg.json().issues[0].path).toBe("timeLimitS");
    const missing = await t.app.inject({ method: "POST", url: "/v1/scenarios/none/solve", headers: auth(t.keys.planner), payload: {} });
    expect(missing.statusCode).toBe(404);
  });

  it("stops a run that overshoots its time limit and keeps its best plan", async () => {
    const t = await setup({ planner: fakePlanner({ steps: 10_000, stepMs: 10 }), jobs: { maxSolveS: 0.2, graceS: 0.1 } });
    const job = (await solve(t, { timeLimitS: 0.2 })).json();
    const end = await waitForJob(t.app, t.keys.planner, job.id, ["done", "failed"]);
    expect(end.state).toBe("done");
    expect((end.progress as { message: string }).message).toContain("time limit");
    expect(end.planId).toEqual(expect.any(String));
  });

  it("publishes a plan's dated day to its carriers, but not a typical day", async () => {
    const t = await setup();
    const undated = { ...tinyScenarioInput(), id: "undated", policy: {} };
    expect((await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: undated })).statusCode).toBe(201);
    for (const id of ["tiny-town", "undated"]) {
      const job = (await t.app.inject({ method: "POST", url: `/v1/scenarios/${id}/solve`, headers: auth(t.keys.planner), payload: {} })).json();
      await waitForJob(t.app, t.keys.planner, job.id, ["done"]);
    }
    expect((await t.store.getDayRoutes("c1", "2026-12-01")).map((d) => d.scenarioId)).toEqual(["tiny-town"]);
    expect(await t.store.getDayRoutes("c1", "typical-day")).toEqual([]);
  });

  it("re-queues a job left running by a dead process and completes it on the next start", async () => {
    const dir = mkdtempSync(join(tmpdir(), "um-jobs-"));
    dirs.push(dir);
    const dbPath = join(dir, "recover.db");
    const store = new SqliteStore(dbPath);
    await store.createScenario(tinyScenario());
    await store.createJob({ id: "job_left", scenarioId: "tiny-town", timeLimitS: 5, seed: 1, routingIterations: null, routingStarts: 1 }, 10);
    await store.updateJob("job_left", { state: "running", attempts: 1, startedAt: new Date().toISOString() });
    const keys = await makeKeys(store);
    const planner = fakePlanner();
    const app = await buildApp({ store, planner, rateLimit: false });
    open.push({ app, store, keys });
    await app.ready();
    const end = await waitForJob(app, keys.planner, "job_left", ["done", "failed"]);
    expect(end).toMatchObject({ state: "done", attempts: 2 });
    expect(planner.runs).toBe(1);
  });

  it("on shutdown puts a running job back in the queue and closes the planner and the store", async () => {
    const dir = mkdtempSync(join(tmpdir(), "um-jobs-"));
    dirs.push(dir);
    const dbPath = join(dir, "shutdown.db");
    const planner = fakePlanner({ steps: 10_000, stepMs: 10 });
    const t = await makeApp({ dbPath, planner });
    await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: tinyScenarioInput() });
    const job = (await solve(t)).json();
    await waitForJob(t.app, t.keys.planner, job.id, ["running"]);
    await t.app.close();
    expect(planner.closed).toBe(true);
    expect(await t.store.ping()).toBe(false);
    const reopened = new SqliteStore(dbPath);
    expect((await reopened.getJob(job.id))?.state).toBe("queued");
    await reopened.close();
  });
});
