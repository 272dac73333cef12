import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auth, makeApp, type TestApp, tinyScenarioInput } from "./helpers.js";

let t: TestApp;
beforeEach(async () => {
  t = await makeApp();
});
afterEach(async () => {
  await t.app.close();
});

describe("scenarios", () => {
  it("creates, lists, reads, replaces and deletes a scenario", async () => {
    const h = auth(t.keys.planner);
    const created = await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: h, payload: tinyScenarioInput() });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe("/v1/scenarios/tiny-town");
    expect(created.json()).toMatchObject({ id: "tiny-town", name: "Tiny Town test scenario" });

    const dup = await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: h, payload: tinyScenarioInput() });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe("CONFLICT");

    const list = await t.app.inject({ method: "GET", url: "/v1/scenarios?limit=10", headers: h });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: "tiny-town" }] });

    const read = await t.app.inject({ method: "GET", url: "/v1/scenarios/tiny-town", headers: h });
    expect(read.statusCode).toBe(200);
    // Defaults are filled in on the way in.
    expect(read.json().policy.workingDaysPerYear).toBe(250);
    expect(read.json().zones).toHaveLength(3);

    const changed = { ...tinyScenarioInput(), name: "Renamed" };
    const put = await t.app.inject({ method: "PUT", url: "/v1/scenarios/tiny-town", headers: h, payload: changed });
    expect(put.statusCode).toBe(200);
    expect(put.json().name).toBe("Renamed");

    const mismatch = await t.app.inject({ method: "PUT", url: "/v1/scenarios/other", headers: h, payload: changed });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().issues).toEqual([{ path: "id", message: "expected 'other'" }]);

    const del = await t.app.inject({ method: "DELETE", url: "/v1/scenarios/tiny-town", headers: h });
    expect(del.statusCode).toBe(204);
    const gone = await t.app.inject({ method: "GET", url: "/v1/scenarios/tiny-town", headers: h });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: "NOT_FOUND", issues: [] });
  });

  it("answers 400 INVALID_INPUT with the JSON path of every schema problem", async () => {
    const bad = tinyScenarioInput() as { zones: Array<{ location: { lat: number } }>; carriers: unknown[] };
    bad.zones[1].location.lat = 123;
    bad.carriers = [];
    const res = await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.admin), payload: bad });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe("INVALID_INPUT");
    const paths = body.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain("zones[1].location.lat");
    expect(paths).toContain("carriers");
    expect(body.message).toContain("zones[1].location.lat");
  });

  it("answers 400 UNKNOWN_REFERENCE for ids that point nowhere", async () => {
    const bad = tinyScenarioInput() as { pickups: Array<{ units: Record<string, number> }> };
    bad.pickups[0].units = { toaster: 1 };
    const res = await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.admin), payload: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("UNKNOWN_REFERENCE");
    expect(res.json().issues[0].path).toBe("pickups[0].units.toaster");
  });

  it("answers 400 for malformed JSON, bad query strings and bad path ids", async () => {
    const h = { ...auth(t.keys.admin), "content-type": "application/json" };
    const broken = await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: h, payload: "{ not json" });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe("INVALID_INPUT");
    const q = await t.app.inject({ method: "GET", url: "/v1/scenarios?limit=0", headers: h });
    expect(q.statusCode).toBe(400);
    expect(q.json().issues[0].path).toBe("query.limit");
    const p = await t.app.inject({ method: "GET", url: "/v1/scenarios/bad%20id", headers: h });
    expect(p.statusCode).toBe(400);
    expect(p.json().issues[0].path).toBe("params.id");
  });

  it("treats an empty JSON body as no body: optional bodies pass, required ones answer 400", async () => {
    const h = { ...auth(t.keys.planner), "content-type": "application/json" };
    await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: h, payload: tinyScenarioInput() });
    expect((await t.app.inject({ method: "POST", url: "/v1/scenarios/tiny-town/solve", headers: h })).statusCode).toBe(202);
    expect((await t.app.inject({ method: "POST", url: "/v1/scenarios/tiny-town/solve", headers: auth(t.keys.planner) })).statusCode).toBe(202);
    const none = await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: h });
    expect(none.statusCode).toBe(400);
    expect(none.json().issues[0].path).toBe("(root)");
    const proto = await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: h, payload: '{"__proto__": {"polluted": 1}}' });
    expect(proto.statusCode).toBe(400);
  });

  it("answers 401 without a key and with an unknown key, and a JSON 404 for unknown routes", async () => {
    const none = await t.app.inject({ method: "GET", url: "/v1/scenarios" });
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe("UNAUTHORIZED");
    const wrong = await t.app.inject({ method: "GET", url: "/v1/scenarios", headers: { "x-api-key": "um_x_y" } });
    expect(wrong.statusCode).toBe(401);
    const viaHeader = await t.app.inject({ method: "GET", url: "/v1/scenarios", headers: { "x-api-key": t.keys.planner } });
    expect(viaHeader.statusCode).toBe(200);
    const route = await t.app.inject({ method: "GET", url: "/v1/nothing" });
    expect(route.statusCode).toBe(404);
    expect(route.json().code).toBe("ROUTE_NOT_FOUND");
  });
});

describe("operations", () => {
  it("serves /healthz, /readyz and Prometheus /metrics without a key", async () => {
    expect((await t.app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await t.app.inject({ url: "/readyz" })).json()).toMatchObject({ status: "ready" });
    await t.app.inject({ url: "/v1/scenarios", headers: auth(t.keys.planner) });
    const m = await t.app.inject({ url: "/metrics" });
    expect(m.statusCode).toBe(200);
    expect(m.headers["content-type"]).toContain("text/plain");
    expect(m.body).toContain('urbanmine_http_requests_total{method="GET",route="/v1/scenarios",status="200"} 1');
    expect(m.body).toContain('urbanmine_jobs{state="queued"} 0');
    expect(m.body).toContain("process_cpu_user_seconds_total");
  });

  it("publishes an OpenAPI 3 document with every route and the scenario schema", async () => {
    const res = await t.app.inject({ url: "/docs/json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ["/v1/scenarios", "/v1/scenarios/{id}/solve", "/v1/jobs/{id}", "/v1/plans/{id}", "/v1/plans/compare", "/v1/pickups", "/v1/carriers/{carrierId}/routes", "/v1/scenarios/{id}/sweeps", "/v1/sweeps/{id}"]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    const body = doc.paths["/v1/scenarios"].post.requestBody.content["application/json"].schema;
    expect(JSON.stringify(body)).toContain("hubSites");
    const ui = await t.app.inject({ url: "/docs" });
    expect([200, 302]).toContain(ui.statusCode);
  });
});
