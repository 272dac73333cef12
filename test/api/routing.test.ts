import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_JOBS } from "../../src/api/routes/routing.js";
import { checkVroomSolution } from "../vrp/vroom-check.js";
import { auth, makeApp, type TestApp } from "./helpers.js";

const example = (): Record<string, any> => JSON.parse(readFileSync(new URL("../fixtures/vroom/example.json", import.meta.url), "utf8")) as Record<string, any>;
const URL_ = "/v1/routing/solve?iterations=150&seed=3";

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => {
  await t.app.close();
});

describe("POST /v1/routing/solve (VROOM's format)", () => {
  it("answers VROOM's solution format, checked independently", async () => {
    const input = example();
    const res = await t.app.inject({ method: "POST", url: URL_, headers: auth(t.keys.carrier), payload: input });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const check = checkVroomSolution(input, res.json());
    expect(check.errors).toEqual([]);
    expect(check.served).toBe(10);
    expect(res.json().code).toBe(0);
  });

  it("answers a problem with breaks, setup times and shipments with break, pickup and delivery steps, checked independently", async () => {
    const input = JSON.parse(readFileSync(new URL("../fixtures/vroom/example-breaks-shipments.json", import.meta.url), "utf8")) as Record<string, unknown>;
    const res = await t.app.inject({ method: "POST", url: URL_, headers: auth(t.keys.carrier), payload: input });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const check = checkVroomSolution(input, res.json());
    expect(check.errors).toEqual([]);
    const types = new Set(res.json().routes.flatMap((r: { steps: Array<{ type: string }> }) => r.steps.map((s) => s.type)));
    expect([...types].sort()).toEqual(["break", "delivery", "end", "job", "pickup", "start"]);
  });

  it("refuses a feature the engine does not model yet with 400 and its JSON path", async () => {
    const input = example();
    input.vehicles[1].steps = [{ type: "job", id: 1 }];
    const res = await t.app.inject({ method: "POST", url: URL_, headers: auth(t.keys.planner), payload: input });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("INVALID_INPUT");
    expect(res.json().issues.map((i: { path: string }) => i.path)).toContain("vehicles[1].steps");
  });

  it("names the JSON path of a value VROOM's schema refuses", async () => {
    const input = example();
    input.jobs[0].delivery = [0.5, 0];
    const res = await t.app.inject({ method: "POST", url: URL_, headers: auth(t.keys.planner), payload: input });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path)).toContain("jobs[0].delivery[0]");
  });

  it(`answers 413 beyond ${MAX_JOBS} jobs, naming the limit`, async () => {
    const input = example();
    input.jobs = Array.from({ length: MAX_JOBS + 1 }, (_, k) => ({ id: k, location_index: 1 + (k % 11) }));
    const res = await t.app.inject({ method: "POST", url: URL_, headers: auth(t.keys.planner), payload: input });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe("PAYLOAD_TOO_LARGE");
    expect(res.json().message).toMatch(new RegExp(`${MAX_JOBS + 1} jobs.*up to ${MAX_JOBS} jobs`));
  });

  it("caps the solve time", async () => {
    const res = await t.app.inject({ method: "POST", url: "/v1/routing/solve?timeLimitS=600", headers: auth(t.keys.planner), payload: example() });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path)).toContain("query.timeLimitS");
  });

  it("is in the OpenAPI document with its body schema", async () => {
    const doc = (await t.app.inject({ url: "/docs/json" })).json();
    const op = doc.paths["/v1/routing/solve"]?.post;
    expect(op).toBeDefined();
    const schema = JSON.stringify(op.requestBody.content["application/json"].schema);
    expect(schema).toMatch(/location_index/);
    expect(JSON.stringify(op.responses["200"])).toMatch(/waiting_time/);
  });
});
