// Registered pickups pass the checks scenario pickups pass (windows, service area, ids), errors
// name the pickup, and a cancelled pickup leaves the carrier's day.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseScenario, type Plan, UrbanmineError } from "../../src/domain/index.js";
import { auth, makeApp, type TestApp, tinyScenarioInput, waitForJob } from "./helpers.js";

let t: TestApp;
beforeEach(async () => {
  t = await makeApp();
  expect((await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.admin), payload: tinyScenarioInput() })).statusCode).toBe(201);
});
afterEach(async () => {
  await t.app.close();
});

const base = { scenarioId: "tiny-town", location: { lat: 36.229, lon: -86.299 }, units: { laptop: 2 }, contactRef: "crm:1", preferredDates: ["2026-12-01"] };
const SYDNEY = { lat: -33.8688, lon: 151.2093 };
const post = (payload: unknown) => t.app.inject({ method: "POST", url: "/v1/pickups", headers: auth(t.keys.intake), payload });
const stopIds = (routing: Plan["routing"]) => [...routing.routes.flatMap((r) => r.steps.filter((s) => s.type === "job").map((s) => s.id)), ...routing.unassigned.map((u) => u.id)];

describe("intake validation", () => {
  it("refuses a time window that closes before it opens, naming the pickup and the window", async () => {
    const res = await post({ ...base, id: "late", timeWindows: [{ start: "09:00", end: "12:00" }, { start: "15:00", end: "10:00" }] });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "INVALID_INPUT", issues: [{ path: "timeWindows[1]" }] });
    expect(res.json().message).toContain("pickup 'late'");
  });

  it("refuses a pickup outside the service area (Sydney for a Lebanon, TN scenario), in a registration and in a scenario", async () => {
    const res = await post({ ...base, id: "far", location: SYDNEY });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([{ path: "location", message: expect.stringContaining("outside the service area") }]);
    const input = tinyScenarioInput() as { pickups: Array<{ location: unknown }> };
    input.pickups[2].location = SYDNEY;
    expect(() => parseScenario(input)).toThrow(UrbanmineError);
    try {
      parseScenario(input);
    } catch (e) {
      expect((e as UrbanmineError).issues.map((i) => i.path)).toEqual(["pickups[2].location"]);
    }
  });

  it("accepts a pickup 40 km from the nearest zone and refuses one 60 km away (50 km service area by default)", async () => {
    // z3 at 36.180 N; a degree of latitude is 111.2 km.
    expect((await post({ ...base, location: { lat: 36.18 - 40 / 111.2, lon: -86.31 } })).statusCode).toBe(201);
    expect((await post({ ...base, location: { lat: 36.18 - 60 / 111.2, lon: -86.31 } })).statusCode).toBe(400);
  });

  it("refuses an id a place of the scenario uses (here a scenario pickup)", async () => {
    const res = await post({ ...base, id: "p1" });
    expect(res.statusCode).toBe(409);
    expect(res.json().issues[0].path).toBe("id");
  });
});

describe("cancelling a pickup", () => {
  it("removes it, and its stop leaves the published day and later re-optimisations", async () => {
    expect((await post({ ...base, id: "r1" })).statusCode).toBe(201);
    const job = (await t.app.inject({ method: "POST", url: "/v1/scenarios/tiny-town/solve", headers: auth(t.keys.planner), payload: {} })).json();
    await waitForJob(t.app, t.keys.planner, job.id, ["done"]);
    const day = async () => (await t.app.inject({ url: "/v1/carriers/c1/routes?date=2026-12-01", headers: auth(t.keys.carrier) })).json().days[0].routing as Plan["routing"];
    expect(stopIds(await day())).toContain("r1");
    const del = await t.app.inject({ method: "DELETE", url: "/v1/pickups/r1", headers: auth(t.keys.intake) });
    expect(del.statusCode).toBe(200);
    expect(del.json().id).toBe("r1");
    expect((await t.app.inject({ url: "/v1/pickups/r1", headers: auth(t.keys.intake) })).statusCode).toBe(404);
    await new Promise((r) => setTimeout(r, 300)); // pulled days are re-checked against the store every 250 ms
    const after = await day();
    expect(stopIds(after)).not.toContain("r1");
    expect(stopIds(after).sort()).toEqual(["p1", "p2", "p3", "p4"]);
    const re = await t.app.inject({ method: "POST", url: "/v1/carriers/c1/routes/reoptimise", headers: auth(t.keys.carrier), payload: { scenarioId: "tiny-town", date: "2026-12-01" } });
    expect(stopIds(re.json().days[0].routing)).not.toContain("r1");
    expect((await t.app.inject({ method: "DELETE", url: "/v1/pickups/r1", headers: auth(t.keys.intake) })).statusCode).toBe(404);
  });
});
