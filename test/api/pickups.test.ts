import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auth, makeApp, type TestApp, tinyScenarioInput } from "./helpers.js";

let t: TestApp;
beforeEach(async () => {
  t = await makeApp();
  const res = await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.admin), payload: tinyScenarioInput() });
  expect(res.statusCode).toBe(201);
});
afterEach(async () => {
  await t.app.close();
});

const base = {
  scenarioId: "tiny-town",
  location: { lat: 36.229, lon: -86.299 },
  units: { laptop: 2, phone: 1 },
  contactRef: "crm:4711",
};

describe("pickup registration", () => {
  it("stores a pickup on its preferred day with the nearest zone, mass and volume", async () => {
    const res = await t.app.inject({
      method: "POST", url: "/v1/pickups", headers: auth(t.keys.intake),
      payload: { ...base, id: "r1", preferredDates: ["2026-12-03", "2026-12-02"], timeWindows: [{ start: "09:00", end: "12:00" }] },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ id: "r1", carrierId: "c1", date: "2026-12-02", zoneId: "z1", contactRef: "crm:4711" });
    expect(body.massKg).toBeCloseTo(2 * 2.5 + 0.2, 9);
    expect(body.volumeM3).toBeCloseTo(2 * 0.01 + 0.001, 9);
    const read = await t.app.inject({ url: "/v1/pickups/r1", headers: auth(t.keys.intake) });
    expect(read.json()).toEqual(body);
    const list = await t.app.inject({ url: "/v1/pickups?date=2026-12-02&carrierId=c1", headers: auth(t.keys.planner) });
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual(["r1"]);
  });

  it("moves a pickup to the next day once the carrier's fleet is full on the preferred one", async () => {
    // Fleet: 2 vans x 800 kg = 1600 kg a day; 300 laptops weigh 750 kg.
    const big = { ...base, units: { laptop: 300 }, preferredDates: ["2026-12-02"] };
    const days: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ method: "POST", url: "/v1/pickups", headers: auth(t.keys.intake), payload: big });
      expect(res.statusCode).toBe(201);
      days.push(res.json().date);
    }
    expect(days).toEqual(["2026-12-02", "2026-12-02", "2026-12-03"]);
  });

  it("refuses unknown streams, empty pickups, unknown carriers, bad dates and duplicate ids", async () => {
    const h = auth(t.keys.intake);
    const stream = await t.app.inject({ method: "POST", url: "/v1/pickups", headers: h, payload: { ...base, units: { toaster: 1 } } });
    expect(stream.statusCode).toBe(400);
    expect(stream.json().issues[0].path).toBe("units.toaster");
    const empty = await t.app.inject({ method: "POST", url: "/v1/pickups", headers: h, payload: { ...base, units: { laptop: 0 } } });
    expect(empty.json()).toMatchObject({ code: "INVALID_INPUT", issues: [{ path: "units" }] });
    const carrier = await t.app.inject({ method: "POST", url: "/v1/pickups", headers: h, payload: { ...base, carrierId: "nope" } });
    expect(carrier.json()).toMatchObject({ code: "UNKNOWN_REFERENCE", issues: [{ path: "carrierId" }] });
    const date = await t.app.inject({ method: "POST", url: "/v1/pickups", headers: h, payload: { ...base, preferredDates: ["02/12/2026"] } });
    expect(date.statusCode).toBe(400);
    expect(date.json().issues[0].path).toBe("preferredDates[0]");
    const lat = await t.app.inject({ method: "POST", url: "/v1/pickups", headers: h, payload: { ...base, location: { lat: 91, lon: 0 } } });
    expect(lat.json().issues[0].path).toBe("location.lat");
    const scen = await t.app.inject({ method: "POST", url: "/v1/pickups", headers: h, payload: { ...base, scenarioId: "nowhere" } });
    expect(scen.statusCode).toBe(404);
    expect((await t.app.inject({ method: "POST", url: "/v1/pickups", headers: h, payload: { ...base, id: "dup" } })).statusCode).toBe(201);
    const dup = await t.app.inject({ method: "POST", url: "/v1/pickups", headers: h, payload: { ...base, id: "dup" } });
    expect(dup.statusCode).toBe(409);
  });

  it("answers 409 when no day in the search window has room", async () => {
    const res = await t.app.inject({
      method: "POST", url: "/v1/pickups", headers: auth(t.keys.intake),
      payload: { ...base, units: { laptop: 700 } }, // 1750 kg > 1600 kg a day
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain("no carrier");
  });
});
