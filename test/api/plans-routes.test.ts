import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PickupRequest } from "../../src/domain/index.js";
import { auth, checkDayRoutes, makeApp, type TestApp, tinyScenario, tinyScenarioInput, waitForJob } from "./helpers.js";

let t: TestApp;
let planId: string;
beforeEach(async () => {
  t = await makeApp();
  await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: tinyScenarioInput() });
  const job = (await t.app.inject({ method: "POST", url: "/v1/scenarios/tiny-town/solve", headers: auth(t.keys.planner), payload: {} })).json();
  planId = String((await waitForJob(t.app, t.keys.planner, job.id, ["done"])).planId);
});
afterEach(async () => {
  await t.app.close();
});

describe("plans", () => {
  it("serves a plan as GeoJSON with hubs, zones, assignment lines, flows and routes in [lon, lat]", async () => {
    const res = await t.app.inject({ url: `/v1/plans/${planId}?format=geojson`, headers: auth(t.keys.planner) });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/geo+json");
    const fc = res.json();
    expect(fc.type).toBe("FeatureCollection");
    const kinds = (k: string) => fc.features.filter((f: { properties: { kind: string } }) => f.properties.kind === k);
    expect(kinds("hub")).toHaveLength(1);
    expect(kinds("zone")).toHaveLength(3);
    expect(kinds("assignment")).toHaveLength(3);
    expect(kinds("flow")).toHaveLength(1);
    expect(kinds("route").length).toBeGreaterThan(0);
    const hub = kinds("hub")[0];
    expect(hub.geometry.coordinates).toEqual([-86.291, 36.208]);
    const z1 = kinds("assignment").find((f: { properties: { zoneId: string } }) => f.properties.zoneId === "z1");
    expect(z1.geometry.coordinates).toEqual([[-86.3, 36.23], [-86.291, 36.208]]);
  });

  it("serves plan tables as CSV", async () => {
    const res = await t.app.inject({ url: `/v1/plans/${planId}?format=csv&table=assignments`, headers: auth(t.keys.planner) });
    expect(res.headers["content-type"]).toContain("text/csv");
    const lines = res.body.trim().split("\r\n");
    expect(lines[0]).toBe("zoneId,hubId,fraction,tonnesPerYear,distanceKm,year");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["z1,h1", "z2,h1", "z3,h1"]);
    const flows = await t.app.inject({ url: `/v1/plans/${planId}?format=csv&table=flows`, headers: auth(t.keys.planner) });
    expect(flows.body.split("\r\n")[1]).toMatch(/^h1,smelter,copper,road,2,/);
    const routes = await t.app.inject({ url: `/v1/plans/${planId}?format=csv&table=routes`, headers: auth(t.keys.planner) });
    expect(routes.body.split("\r\n")[0]).toContain("vehicleId,sequence,type,id,lat,lon");
    const bad = await t.app.inject({ url: `/v1/plans/${planId}?format=xml`, headers: auth(t.keys.planner) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe("query.format");
  });

  it("compares two plans' KPIs side by side", async () => {
    const job = (await t.app.inject({ method: "POST", url: "/v1/scenarios/tiny-town/solve", headers: auth(t.keys.planner), payload: {} })).json();
    const other = String((await waitForJob(t.app, t.keys.planner, job.id, ["done"])).planId);
    const res = await t.app.inject({ url: `/v1/plans/compare?a=${planId}&b=${other}`, headers: auth(t.keys.planner) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const row = body.rows.find((r: { kpi: string }) => r.kpi === "costUsdPerYear.total");
    expect(row).toEqual({ kpi: "costUsdPerYear.total", a: 62100, b: 62100, diff: 0, ratio: 1 });
    expect(body.rows.some((r: { kpi: string }) => r.kpi === "day.kmDriven")).toBe(true);
    // the same scenario solved twice: nothing moved, no differing inputs
    expect(body.changes).toEqual({ hubs: { opened: [], closed: [], resized: [] }, zonesReassigned: [], flowsRerouted: [] });
    expect([body.scenarioDifferences, body.warnings]).toEqual([[], []]);
    const missing = await t.app.inject({ url: `/v1/plans/compare?a=${planId}&b=nope`, headers: auth(t.keys.planner) });
    expect(missing.statusCode).toBe(404);
    const list = await t.app.inject({ url: "/v1/scenarios/tiny-town/plans", headers: auth(t.keys.planner) });
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([planId, other]);
  });
});

describe("carrier routes", () => {
  it("publishes the plan's day to its carrier as JSON, GeoJSON and CSV", async () => {
    const h = auth(t.keys.carrier);
    const res = await t.app.inject({ url: "/v1/carriers/c1/routes?date=2026-12-01", headers: h });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ carrierId: "c1", date: "2026-12-01", days: [{ scenarioId: "tiny-town", planId }] });
    const s = tinyScenario();
    const pickups = (s.pickups ?? []) as PickupRequest[];
    expect(checkDayRoutes(s, "c1", pickups, body.days[0].routing)).toEqual([]);
    const served = body.days[0].routing.routes.flatMap((r: { steps: Array<{ type: string; id: string }> }) => r.steps.filter((x) => x.type === "job").map((x) => x.id));
    expect(served.sort()).toEqual(["p1", "p2", "p3", "p4"]);
    const geo = await t.app.inject({ url: "/v1/carriers/c1/routes?date=2026-12-01&format=geojson", headers: h });
    expect(geo.json().features.filter((f: { properties: { kind: string } }) => f.properties.kind === "stop").length).toBeGreaterThanOrEqual(6);
    const csv = await t.app.inject({ url: "/v1/carriers/c1/routes?date=2026-12-01&format=csv", headers: h });
    expect(csv.body.trim().split("\r\n").length).toBe(1 + 4 + 2 * body.days[0].routing.routes.length);
    const empty = await t.app.inject({ url: "/v1/carriers/c1/routes?date=2026-12-02", headers: h });
    expect(empty.json().days).toEqual([]);
    const bad = await t.app.inject({ url: "/v1/carriers/c1/routes?date=tomorrow", headers: h });
    expect(bad.json().issues[0].path).toBe("query.date");
  });

  it("answers 304 to a matching If-None-Match and gzip when asked, both renewed when the day changes", async () => {
    const h = auth(t.keys.carrier);
    const url = "/v1/carriers/c1/routes?date=2026-12-01";
    const first = await t.app.inject({ url, headers: h });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await t.app.inject({ url, headers: { ...h, "if-none-match": etag } })).statusCode).toBe(304);
    const gz = await t.app.inject({ url, headers: { ...h, "accept-encoding": "gzip, deflate" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(first.json());
    await t.app.inject({
      method: "POST", url: "/v1/carriers/c1/routes/reoptimise", headers: h,
      payload: { scenarioId: "tiny-town", date: "2026-12-01", locked: [{ vehicleId: "van-1", jobIds: ["p4"] }] },
    });
    const after = await t.app.inject({ url, headers: { ...h, "if-none-match": etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
  });

  it("re-optimises a day with new pickups while locked stops stay first, in order", async () => {
    const reg = await t.app.inject({
      method: "POST", url: "/v1/pickups", headers: auth(t.keys.intake),
      payload: { scenarioId: "tiny-town", id: "new1", location: { lat: 36.21, lon: -86.27 }, units: { laptop: 4 }, preferredDates: ["2026-12-01"], contactRef: "desk-1" },
    });
    expect(reg.json().date).toBe("2026-12-01");
    const locked = [{ vehicleId: "van-2", jobIds: ["p3", "p1"] }];
    const res = await t.app.inject({
      method: "POST", url: "/v1/carriers/c1/routes/reoptimise", headers: auth(t.keys.carrier),
      payload: { scenarioId: "tiny-town", date: "2026-12-01", locked },
    });
    expect(res.statusCode).toBe(200);
    const routing = res.json().days[0].routing;
    const s = tinyScenario();
    const pickups = [...(s.pickups ?? []), { id: "new1", location: { lat: 36.21, lon: -86.27 }, units: { laptop: 4 }, timeWindows: [], serviceS: 300, priority: 0 }] as PickupRequest[];
    expect(checkDayRoutes(s, "c1", pickups, routing, locked)).toEqual([]);
    const served = routing.routes.flatMap((r: { steps: Array<{ type: string; id: string }> }) => r.steps.filter((x) => x.type === "job").map((x) => x.id));
    expect(served).toContain("new1");
    // The stored day now answers with the new routes.
    const pulled = await t.app.inject({ url: "/v1/carriers/c1/routes?date=2026-12-01", headers: auth(t.keys.carrier) });
    expect(pulled.json().days[0].routing).toEqual(routing);

    const badLock = await t.app.inject({
      method: "POST", url: "/v1/carriers/c1/routes/reoptimise", headers: auth(t.keys.planner),
      payload: { scenarioId: "tiny-town", date: "2026-12-01", locked: [{ vehicleId: "truck", jobIds: ["p1", "zz"] }] },
    });
    expect(badLock.statusCode).toBe(400);
    expect(badLock.json().issues.map((i: { path: string }) => i.path)).toEqual(["locked[0].vehicleId", "locked[0].jobIds[1]"]);
  });
});
