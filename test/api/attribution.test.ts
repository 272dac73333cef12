// GeoJSON drawn from a network file (OpenStreetMap) credits "© OpenStreetMap contributors" (ODbL):
// the plan's GeoJSON (API and CLI share planGeoJson) and a carrier's day; great-circle plans do not.
import { afterEach, describe, expect, it } from "vitest";
import { parseScenario, type Plan } from "../../src/domain/index.js";
import { planGeoJson } from "../../src/pipeline/index.js";
import { auth, fakePlanner, makeApp, type TestApp, tinyScenarioInput, waitForJob } from "./helpers.js";

let t: TestApp;
afterEach(async () => {
  await t.app.close();
});

async function solved(network?: string): Promise<string> {
  t = await makeApp({ planner: fakePlanner({ network }) });
  await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: tinyScenarioInput() });
  const job = (await t.app.inject({ method: "POST", url: "/v1/scenarios/tiny-town/solve", headers: auth(t.keys.planner), payload: {} })).json();
  return String((await waitForJob(t.app, t.keys.planner, job.id, ["done"])).planId);
}

describe("OpenStreetMap attribution", () => {
  it("is on the plan's and the carrier day's GeoJSON when routed on a network file", async () => {
    const planId = await solved("wilson-county.osm.pbf; offtakers by great-circle x 1.2");
    const plan = await t.app.inject({ url: `/v1/plans/${planId}?format=geojson`, headers: auth(t.keys.planner) });
    expect(plan.json().attribution).toContain("© OpenStreetMap contributors");
    expect(plan.json().attribution).toContain("ODbL");
    const day = await t.app.inject({ url: "/v1/carriers/c1/routes?date=2026-12-01&format=geojson", headers: auth(t.keys.carrier) });
    expect(day.json().attribution).toContain("© OpenStreetMap contributors");
    // The CLI writes plan.geojson with the same function.
    const body = (await t.app.inject({ url: `/v1/plans/${planId}`, headers: auth(t.keys.planner) })).json().plan as Plan;
    expect(planGeoJson(body, parseScenario(tinyScenarioInput())).attribution).toContain("© OpenStreetMap contributors");
  });

  it("is absent when travel was great-circle x circuity (no map data drawn)", async () => {
    const planId = await solved();
    const plan = await t.app.inject({ url: `/v1/plans/${planId}?format=geojson`, headers: auth(t.keys.planner) });
    expect(plan.json().attribution).toBeUndefined();
    const day = await t.app.inject({ url: "/v1/carriers/c1/routes?date=2026-12-01&format=geojson", headers: auth(t.keys.carrier) });
    expect(day.json().attribution).toBeUndefined();
  });
});
