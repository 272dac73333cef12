// The app on a real listening port: the same calls as through inject(), over TCP with fetch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../src/api/index.js";
import { makeApp, type TestApp, tinyScenarioInput } from "./helpers.js";

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await makeApp();
  base = await startServer(t.app, { port: 0, host: "127.0.0.1", handleSignals: false });
});
afterAll(async () => {
  await t.app.close();
});

describe("listening server", () => {
  it("submits, solves, polls and reads a plan and a carrier's routes over HTTP", async () => {
    const h = { authorization: `Bearer ${t.keys.planner}`, "content-type": "application/json" };
    const created = await fetch(`${base}/v1/scenarios`, { method: "POST", headers: h, body: JSON.stringify(tinyScenarioInput()) });
    expect(created.status).toBe(201);
    const solve = await fetch(`${base}/v1/scenarios/tiny-town/solve`, { method: "POST", headers: h, body: JSON.stringify({ timeLimitS: 5 }) });
    expect(solve.status).toBe(202);
    const { id } = (await solve.json()) as { id: string };
    let job: { state: string; planId: string | null } = { state: "queued", planId: null };
    for (let i = 0; i < 500 && job.state !== "done"; i++) {
      job = (await (await fetch(`${base}/v1/jobs/${id}`, { headers: h })).json()) as typeof job;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(job.state).toBe("done");
    const plan = await fetch(`${base}/v1/plans/${job.planId}?format=geojson`, { headers: h });
    expect(plan.headers.get("content-type")).toContain("geo+json");
    expect(((await plan.json()) as { type: string }).type).toBe("FeatureCollection");
    const routes = await fetch(`${base}/v1/carriers/c1/routes?date=2026-12-01`, { headers: { "x-api-key": t.keys.carrier } });
    expect(routes.status).toBe(200);
    expect(((await routes.json()) as { days: unknown[] }).days).toHaveLength(1);
    const health = await fetch(`${base}/healthz`);
    expect(await health.json()).toEqual({ status: "ok" });
  });
});
