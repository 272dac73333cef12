// Sweeps over HTTP (with the step-wise test planner): every combination becomes a row, the table
// comes as JSON and CSV, bad paths are 400s naming the body path, a running sweep can be stopped.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auth, fakePlanner, makeApp, type TestApp, tinyScenarioInput } from "./helpers.js";

let t: TestApp;
beforeEach(async () => {
  t = await makeApp();
  await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: tinyScenarioInput() });
});
afterEach(async () => {
  await t.app.close();
});

async function waitForSweep(id: string): Promise<Record<string, unknown>> {
  for (;;) {
    const body = (await t.app.inject({ url: `/v1/sweeps/${id}`, headers: auth(t.keys.planner) })).json();
    if (body.state !== "running") return body;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("sweeps", () => {
  it("solves every combination and serves the table as JSON and CSV", async () => {
    const res = await t.app.inject({
      method: "POST", url: "/v1/scenarios/tiny-town/sweeps", headers: auth(t.keys.planner),
      payload: { set: [{ path: "policy.co2PriceUsdPerT", values: [0, 100] }, { path: "policy.maxHubs", values: [1, 2, 3] }], seed: 3 },
    });
    expect(res.statusCode).toBe(202);
    expect(res.headers.location).toBe(`/v1/sweeps/${res.json().id}`);
    expect(res.json().variants).toBe(6);
    const done = await waitForSweep(res.json().id);
    expect(done.state).toBe("done");
    expect(done.variantsDone).toBe(6);
    const table = done.table as { paths: string[]; seed: number; rows: Array<{ values: Record<string, number>; status: string; hubs: string[] }> };
    expect(table.paths).toEqual(["policy.co2PriceUsdPerT", "policy.maxHubs"]);
    expect(table.seed).toBe(3);
    expect(table.rows.map((r) => [r.values["policy.co2PriceUsdPerT"], r.values["policy.maxHubs"]])).toEqual([[0, 1], [0, 2], [0, 3], [100, 1], [100, 2], [100, 3]]);
    expect(table.rows.every((r) => r.status === "done" && r.hubs.length === 1)).toBe(true);
    const csv = await t.app.inject({ url: `/v1/sweeps/${res.json().id}?format=csv`, headers: auth(t.keys.planner) });
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.trim().split("\r\n");
    expect(lines).toHaveLength(7);
    expect(lines[0].startsWith("variant,policy.co2PriceUsdPerT,policy.maxHubs,status")).toBe(true);
  });

  it("answers 400 naming the body path of a field that does not exist, 404 for an unknown scenario or sweep", async () => {
    const bad = await t.app.inject({
      method: "POST", url: "/v1/scenarios/tiny-town/sweeps", headers: auth(t.keys.planner),
      payload: { set: [{ path: "policy.co2PriceUsdPerT", values: [1] }, { path: "policy.carbonPrice", values: [1] }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe("body.set[1].path");
    expect(bad.json().message).toContain("'carbonPrice' is not a field of policy");
    const value = await t.app.inject({
      method: "POST", url: "/v1/scenarios/tiny-town/sweeps", headers: auth(t.keys.planner),
      payload: { set: [{ path: "policy.co2PriceUsdPerT", values: [-1] }] },
    });
    expect(value.statusCode).toBe(400);
    expect(value.json().issues[0].path).toBe("policy.co2PriceUsdPerT");
    const none = await t.app.inject({ method: "POST", url: "/v1/scenarios/nowhere/sweeps", headers: auth(t.keys.planner), payload: { set: [{ path: "policy.maxHubs", values: [1] }] } });
    expect(none.statusCode).toBe(404);
    expect((await t.app.inject({ url: "/v1/sweeps/sweep_0", headers: auth(t.keys.planner) })).statusCode).toBe(404);
  });

  it("stops a running sweep on DELETE; its variants keep the plans found so far", async () => {
    const slow = await makeApp({ planner: fakePlanner({ steps: 1000, stepMs: 20 }) });
    try {
      await slow.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(slow.keys.planner), payload: tinyScenarioInput() });
      const res = await slow.app.inject({ method: "POST", url: "/v1/scenarios/tiny-town/sweeps", headers: auth(slow.keys.planner), payload: { set: [{ path: "policy.maxHubs", values: [1, 2] }] } });
      const id = res.json().id;
      const del = await slow.app.inject({ method: "DELETE", url: `/v1/sweeps/${id}`, headers: auth(slow.keys.planner) });
      expect(del.statusCode).toBe(202);
      let body: Record<string, unknown>;
      do body = (await slow.app.inject({ url: `/v1/sweeps/${id}`, headers: auth(slow.keys.planner) })).json();
      while (body.state === "running");
      expect(body.state).toBe("cancelled");
      expect((body.table as { rows: unknown[] }).rows).toHaveLength(2);
      expect((await slow.app.inject({ method: "DELETE", url: `/v1/sweeps/${id}`, headers: auth(slow.keys.planner) })).statusCode).toBe(409);
    } finally {
      await slow.app.close();
    }
  });
});
