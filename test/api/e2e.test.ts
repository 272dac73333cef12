// End to end with the worker-pool planner (compiled workers in dist/: build first).
// Submit, solve, poll, fetch and check the plan; pickups and re-optimisation; cancellation;
// and restart recovery across two `urbanmine serve` processes, the first killed mid-job.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/api/index.js";
import type { Plan, PickupRequest } from "../../src/domain/index.js";
import { createPlanner } from "../../src/pipeline/index.js";
import { SqliteStore } from "../../src/storage/index.js";
import { auth, checkDayRoutes, makeKeys, type TestApp, tinyScenario, tinyScenarioInput, waitForJob } from "./helpers.js";
import { checkPlan } from "./plan-check.js";

const ROOT = join(import.meta.dirname, "..", "..");
const MAIN = join(ROOT, "dist", "src", "cli", "main.js");

let t: TestApp;
beforeAll(async () => {
  const store = new SqliteStore(":memory:");
  const keys = await makeKeys(store);
  const app = await buildApp({ store, planner: createPlanner({ threads: 1 }), rateLimit: false, jobs: { graceS: 5 } });
  t = { app, store, keys };
  const res = await app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(keys.planner), payload: tinyScenarioInput() });
  expect(res.statusCode).toBe(201);
});
afterAll(async () => {
  await t.app.close();
});

async function plan(planId: unknown): Promise<Plan> {
  const res = await t.app.inject({ url: `/v1/plans/${String(planId)}`, headers: auth(t.keys.planner) });
  expect(res.statusCode).toBe(200);
  return res.json().plan as Plan;
}

describe("with the worker-pool planner", () => {
  it("solves a submitted scenario into a plan that passes the independent checks, the same for the same seed", async () => {
    const body = { timeLimitS: 60, seed: 3, routingIterations: 300 };
    const a = (await t.app.inject({ method: "POST", url: "/v1/scenarios/tiny-town/solve", headers: auth(t.keys.planner), payload: body })).json();
    const b = (await t.app.inject({ method: "POST", url: "/v1/scenarios/tiny-town/solve", headers: auth(t.keys.planner), payload: body })).json();
    const ja = await waitForJob(t.app, t.keys.planner, a.id, ["done", "failed"], 90_000);
    const jb = await waitForJob(t.app, t.keys.planner, b.id, ["done", "failed"], 90_000);
    expect(ja.state, String(ja.error)).toBe("done");
    expect(jb.state, String(jb.error)).toBe("done");
    const pa = await plan(ja.planId);
    const pb = await plan(jb.planId);
    const s = tinyScenario();
    expect(checkPlan(s, pa, s.pickups as PickupRequest[])).toEqual([]);
    expect(pa.routing.routes.flatMap((r) => r.steps.filter((x) => x.type === "job").map((x) => x.id)).sort()).toEqual(["p1", "p2", "p3", "p4"]);
    expect(ja.bestObjectiveUsd).toBeCloseTo(pa.siting.objectiveUsd, 6);
    const strip = (p: Plan) => p.routing.routes.map((r) => [r.vehicleId, r.steps.map((x) => x.id), r.distanceKm]);
    expect(strip(pb)).toEqual(strip(pa));
    expect(pb.siting.objectiveUsd).toBe(pa.siting.objectiveUsd);

    const routes = await t.app.inject({ url: `/v1/carriers/c1/routes?date=${pa.routing.date}`, headers: auth(t.keys.carrier) });
    expect(routes.json().days[0].routing.routes.length).toBe(pb.routing.routes.length);
    const geo = await t.app.inject({ url: `/v1/plans/${String(ja.planId)}?format=geojson`, headers: auth(t.keys.planner) });
    const hubs = geo.json().features.filter((f: { properties: { kind: string } }) => f.properties.kind === "hub");
    expect(hubs.map((f: { properties: { siteId: string } }) => f.properties.siteId)).toEqual(pa.siting.hubs.map((h) => h.siteId));
  });

  it("re-optimises a carrier's day with a new pickup, keeping the locked stops first", async () => {
    const reg = await t.app.inject({
      method: "POST", url: "/v1/pickups", headers: auth(t.keys.intake),
      payload: { scenarioId: "tiny-town", id: "walk-in", location: { lat: 36.212, lon: -86.27 }, units: { laptop: 5 }, preferredDates: ["2026-12-01"], contactRef: "desk" },
    });
    expect(reg.statusCode).toBe(201);
    const current = (await t.app.inject({ url: "/v1/carriers/c1/routes?date=2026-12-01", headers: auth(t.keys.carrier) })).json();
    const first = current.days[0].routing.routes[0];
    const locked = [{ vehicleId: first.vehicleId, jobIds: first.steps.filter((x: { type: string }) => x.type === "job").slice(0, 2).map((x: { id: string }) => x.id) }];
    const res = await t.app.inject({
      method: "POST", url: "/v1/carriers/c1/routes/reoptimise", headers: auth(t.keys.carrier),
      payload: { scenarioId: "tiny-town", date: "2026-12-01", locked, timeLimitS: 2, seed: 1 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const routing = res.json().days[0].routing as Plan["routing"];
    const s = tinyScenario();
    const pickups = [...(s.pickups as PickupRequest[]), { id: "walk-in", location: { lat: 36.212, lon: -86.27 }, units: { laptop: 5 }, timeWindows: [], serviceS: 300, priority: 0 }];
    expect(checkDayRoutes(s, "c1", pickups as PickupRequest[], routing, locked)).toEqual([]);
    expect(routing.routes.flatMap((r) => r.steps.map((x) => x.id))).toContain("walk-in");
  });

  it("fails a job whose run fails in the worker, with the reason, and keeps serving", async () => {
    const broken = { ...tinyScenarioInput(), id: "broken", network: { file: "no-such-network.osm.pbf" } };
    expect((await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: broken })).statusCode).toBe(201);
    const job = (await t.app.inject({ method: "POST", url: "/v1/scenarios/broken/solve", headers: auth(t.keys.planner), payload: { timeLimitS: 10 } })).json();
    const end = await waitForJob(t.app, t.keys.planner, job.id, ["failed", "done"], 60_000);
    expect(end.state).toBe("failed");
    expect(String(end.error)).toContain("no-such-network.osm.pbf");
    expect((await t.app.inject({ url: "/readyz" })).statusCode).toBe(200);
  });

  it("cancels a running solve within seconds and keeps a plan that passes the checks", async () => {
    // The routing search stops a tiny day once it has nothing left to improve (in well under a
    // progress interval), so the day gets 40 more registered pickups to route for a few seconds.
    const extra = Array.from({ length: 40 }, (_, k) => `walk-in-${k}`);
    for (const [k, id] of extra.entries()) {
      const location = { lat: 36.2 + 0.004 * (k % 8), lon: -86.29 + 0.006 * Math.floor(k / 8) };
      const body = { scenarioId: "tiny-town", id, location, units: { laptop: 1 }, preferredDates: ["2026-12-01"], contactRef: "desk" };
      expect((await t.app.inject({ method: "POST", url: "/v1/pickups", headers: auth(t.keys.intake), payload: body })).statusCode).toBe(201);
    }
    const job = (await t.app.inject({ method: "POST", url: "/v1/scenarios/tiny-town/solve", headers: auth(t.keys.planner), payload: { timeLimitS: 120 } })).json();
    for (let i = 0; i < 3000; i++) {
      const j = (await t.app.inject({ url: `/v1/jobs/${job.id}`, headers: auth(t.keys.planner) })).json();
      expect(["queued", "running"], `job ended before it could be cancelled (stage ${j.progress.stage})`).toContain(j.state);
      if (j.progress.stage === "routing") break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const t0 = Date.now();
    expect((await t.app.inject({ method: "DELETE", url: `/v1/jobs/${job.id}`, headers: auth(t.keys.planner) })).statusCode).toBe(202);
    const end = await waitForJob(t.app, t.keys.planner, job.id, ["cancelled", "done", "failed"], 30_000);
    expect(end.state).toBe("cancelled");
    expect(Date.now() - t0).toBeLessThan(15_000);
    const s = tinyScenario();
    // The pickup registered by the re-optimisation case above is part of the solved day too.
    const registered = (await t.store.listPickups({ scenarioId: "tiny-town", date: "2026-12-01" })).map((r) => r.request);
    expect(registered.map((p) => p.id).sort()).toEqual(["walk-in", ...extra].sort());
    const p = await plan(end.planId);
    expect(checkPlan(s, p, [...(s.pickups as PickupRequest[]), ...registered])).toEqual([]);
    expect([...p.routing.routes.flatMap((r) => r.steps.map((x) => x.id)), ...p.routing.unassigned.map((u) => u.id)]).toContain("walk-in");
  });
});

describe("restart recovery across processes", () => {
  const dir = mkdtempSync(join(tmpdir(), "um-restart-"));
  const env = { ...process.env, URBANMINE_DB: join(dir, "urbanmine.db") };
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  function serve(): Promise<{ child: ChildProcess; base: string }> {
    const child = spawn(process.execPath, [MAIN, "serve", "--port", "0", "--threads", "1", "--quiet"], { env, stdio: ["ignore", "ignore", "pipe"] });
    children.push(child);
    return new Promise((resolve, reject) => {
      let err = "";
      child.stderr?.on("data", (d: Buffer) => {
        err += d.toString();
        const m = /listening on (http:\/\/[^\s]+)/.exec(err);
        if (m) resolve({ child, base: m[1] });
      });
      child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
    });
  }

  async function getJob(base: string, token: string, id: string): Promise<Record<string, unknown>> {
    return (await (await fetch(`${base}/v1/jobs/${id}`, { headers: auth(token) })).json()) as Record<string, unknown>;
  }

  it("a job running when its process is killed is re-queued by the next process and completes", async () => {
    const key = spawnSync(process.execPath, [MAIN, "keys", "create", "--role", "planner"], { env, encoding: "utf8" });
    expect(key.status, key.stderr).toBe(0);
    const token = key.stdout.trim();
    const first = await serve();
    const h = { ...auth(token), "content-type": "application/json" };
    expect((await fetch(`${first.base}/v1/scenarios`, { method: "POST", headers: h, body: JSON.stringify(tinyScenarioInput()) })).status).toBe(201);
    const job = (await (await fetch(`${first.base}/v1/scenarios/tiny-town/solve`, { method: "POST", headers: h, body: JSON.stringify({ timeLimitS: 4 }) })).json()) as { id: string };
    let state = "";
    for (let i = 0; i < 1000 && state !== "running"; i++) {
      state = String((await getJob(first.base, token, job.id)).state);
      if (state !== "running") await new Promise((r) => setTimeout(r, 10));
    }
    expect(state).toBe("running");
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));

    const second = await serve();
    let end: Record<string, unknown> = {};
    for (let i = 0; i < 600; i++) {
      end = await getJob(second.base, token, job.id);
      if (end.state === "done" || end.state === "failed") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(end.state, String(end.error)).toBe("done");
    expect(end.attempts).toBe(2);
    const planRes = (await (await fetch(`${second.base}/v1/plans/${String(end.planId)}`, { headers: auth(token) })).json()) as { plan: Plan };
    const s = tinyScenario();
    expect(checkPlan(s, planRes.plan, s.pickups as PickupRequest[])).toEqual([]);
    second.child.kill("SIGTERM");
    const code = await new Promise((r) => second.child.once("exit", (c) => r(c)));
    expect(code).toBe(0);
  });
});
