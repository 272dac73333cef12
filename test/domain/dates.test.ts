// Dates are real calendar days in the accepted range, in scenarios and over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CalendarDate, parseScenario, UrbanmineError } from "../../src/domain/index.js";
import { auth, makeApp, type TestApp, tinyScenarioInput } from "../api/helpers.js";

describe("CalendarDate", () => {
  it("accepts real days from 2000-01-01 to 2099-12-31, leap days included", () => {
    for (const d of ["2000-01-01", "2026-12-01", "2028-02-29", "2000-02-29", "2099-12-31"]) expect(CalendarDate.safeParse(d).success, d).toBe(true);
  });
  it("refuses impossible days, other formats and days out of range", () => {
    for (const d of ["2026-13-45", "2026-02-30", "2027-02-29", "2100-02-29", "2026-04-31", "2026-00-10", "1900-01-01", "1999-12-31", "2100-01-01", "2026-1-1", "26-01-01", "2026-01-01T00:00"]) {
      const r = CalendarDate.safeParse(d);
      expect(r.success, d).toBe(false);
    }
  });
  it("names the scenario path of a bad service date or pickup date", () => {
    const input = tinyScenarioInput() as { policy: Record<string, unknown>; pickups: Array<Record<string, unknown>> };
    input.policy.serviceDate = "2026-02-30";
    input.pickups[1].date = "1900-01-01";
    try {
      parseScenario(input);
      expect.unreachable();
    } catch (e) {
      expect((e as UrbanmineError).issues.map((i) => i.path).sort()).toEqual(["pickups[1].date", "policy.serviceDate"]);
    }
  });
});

describe("dates over HTTP", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
    await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.admin), payload: tinyScenarioInput() });
  });
  afterAll(async () => {
    await t.app.close();
  });
  const base = { scenarioId: "tiny-town", location: { lat: 36.229, lon: -86.299 }, units: { laptop: 1 }, contactRef: "crm:1" };

  it("answers 400 naming preferredDates[i] for impossible or out-of-range days", async () => {
    for (const d of ["2026-13-45", "2026-02-30", "1900-01-01"]) {
      const res = await t.app.inject({ method: "POST", url: "/v1/pickups", headers: auth(t.keys.intake), payload: { ...base, preferredDates: ["2026-12-02", d] } });
      expect(res.statusCode, d).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(["preferredDates[1]"]);
    }
  });
  it("answers 400 naming the query field for a bad routes or pickups date", async () => {
    const routes = await t.app.inject({ url: "/v1/carriers/c1/routes?date=2026-99-99", headers: auth(t.keys.carrier) });
    expect(routes.statusCode).toBe(400);
    expect(routes.json().issues[0].path).toBe("query.date");
    const list = await t.app.inject({ url: "/v1/pickups?date=2026-02-30", headers: auth(t.keys.planner) });
    expect(list.statusCode).toBe(400);
    const reopt = await t.app.inject({ method: "POST", url: "/v1/carriers/c1/routes/reoptimise", headers: auth(t.keys.carrier), payload: { scenarioId: "tiny-town", date: "2026-02-31" } });
    expect(reopt.statusCode).toBe(400);
    expect(reopt.json().issues[0].path).toBe("date");
  });
});
