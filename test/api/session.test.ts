// GET /v1/me: each key learns its role and the scenarios it works on: planners all of them, an
// intake desk their streams and area, a carrier only those it serves with its days (the
// scenario's service day and the days of pickups assigned to it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth, makeApp, type TestApp, tinyScenarioInput } from "./helpers.js";

let t: TestApp;
const me = async (token?: string) => t.app.inject({ url: "/v1/me", headers: token ? auth(token) : {} });

beforeAll(async () => {
  t = await makeApp();
  expect((await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: tinyScenarioInput() })).statusCode).toBe(201);
});
afterAll(async () => {
  await t.app.close();
});

describe("GET /v1/me", () => {
  it("tells a planner its role and every scenario with the box around its sites", async () => {
    const res = await me(t.keys.planner);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ role: "planner", carrierId: null });
    expect(body.scenarios.map((s: { id: string }) => s.id)).toEqual(["tiny-town"]);
    const s = tinyScenarioInput() as { zones: { location: { lat: number; lon: number } }[]; hubSites: { location: { lat: number; lon: number } }[]; carriers: { depots: { location: { lat: number; lon: number } }[] }[] };
    const pts = [...s.zones, ...s.hubSites, ...s.carriers.flatMap((c) => c.depots)].map((x) => x.location);
    expect(body.scenarios[0].bbox).toEqual([
      Math.min(...pts.map((p) => p.lon)), Math.min(...pts.map((p) => p.lat)), Math.max(...pts.map((p) => p.lon)), Math.max(...pts.map((p) => p.lat)),
    ]);
    expect(body.scenarios[0].days).toEqual([]);
  });

  it("gives an intake desk the streams it registers devices of", async () => {
    const body = (await me(t.keys.intake)).json();
    expect(body.role).toBe("intake");
    expect(body.scenarios[0].streams).toEqual([{ id: "laptop", name: "Laptops" }, { id: "phone", name: "Phones" }]);
  });

  it("shows a carrier only the scenarios it serves, with its service day and its pickups' days", async () => {
    const before = (await me(t.keys.carrier)).json();
    expect(before).toMatchObject({ role: "carrier", carrierId: "c1" });
    expect(before.scenarios.map((s: { id: string }) => s.id)).toEqual(["tiny-town"]);
    expect(before.scenarios[0].days).toEqual(["2026-12-01"]);
    const pickup = await t.app.inject({
      method: "POST", url: "/v1/pickups", headers: auth(t.keys.intake),
      payload: { scenarioId: "tiny-town", location: { lat: 36.2, lon: -86.29 }, units: { phone: 1 }, preferredDates: ["2026-12-03"], contactRef: "x" },
    });
    expect(pickup.statusCode).toBe(201);
    expect((await me(t.keys.carrier)).json().scenarios[0].days).toEqual(["2026-12-01", "2026-12-03"]);
    expect((await me(t.keys.otherCarrier)).json().scenarios).toEqual([]);
  });

  it("answers 401 without a key", async () => {
    expect((await me()).statusCode).toBe(401);
  });
});
