// POST /v1/carriers/:id/routes/reoptimise with vehicles on the road: their served pickups leave
// the day, each vehicle's position, clock and load reach the planner, and bad states are refused
// by JSON path.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Plan } from "../../src/domain/index.js";
import type { RouteDayInput } from "../../src/pipeline/index.js";
import { auth, fakePlanner, makeApp, type TestApp, tinyScenarioInput, waitForJob } from "./helpers.js";

let t: TestApp;
const seen: RouteDayInput[] = [];
beforeEach(async () => {
  const planner = fakePlanner();
  const routeDay = planner.routeDay.bind(planner);
  planner.routeDay = (input) => {
    seen.push(input);
    return routeDay(input);
  };
  seen.length = 0;
  t = await makeApp({ planner });
  expect((await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: tinyScenarioInput() })).statusCode).toBe(201);
  const job = (await t.app.inject({ method: "POST", url: "/v1/scenarios/tiny-town/solve", headers: auth(t.keys.planner), payload: {} })).json();
  expect((await waitForJob(t.app, t.keys.planner, job.id, ["done", "failed"])).state).toBe("done");
});
afterEach(async () => {
  await t.app.close();
});

const jobIds = (routing: Plan["routing"]): string[] => routing.routes.flatMap((r) => r.steps.filter((x) => x.type === "job").map((x) => x.id));

describe("re-optimising a day in progress", () => {
  it("drops the pickups vehicles have served and hands each vehicle's position, clock and load to the planner", async () => {
    const before = (await t.app.inject({ url: "/v1/carriers/c1/routes?date=2026-12-01", headers: auth(t.keys.carrier) })).json().days[0].routing as Plan["routing"];
    const all = [...jobIds(before), ...before.unassigned.map((u) => u.id)];
    const route = before.routes[0];
    const done = route.steps.filter((x) => x.type === "job").slice(0, 1).map((x) => x.id);
    expect(done).toHaveLength(1);
    const vehicles = [{ vehicleId: route.vehicleId, location: { lat: 36.2, lon: -86.3 }, clock: "11:15", loadKg: 120, loadM3: 0.5, served: done }];
    const res = await t.app.inject({
      method: "POST", url: "/v1/carriers/c1/routes/reoptimise", headers: auth(t.keys.carrier),
      payload: { scenarioId: "tiny-town", date: "2026-12-01", vehicles },
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json().days[0].routing as Plan["routing"];
    expect([...jobIds(after), ...after.unassigned.map((u) => u.id)].sort()).toEqual(all.filter((id) => !done.includes(id)).sort());
    const input = seen[seen.length - 1];
    expect(input.vehicleStates).toEqual([{ vehicleId: route.vehicleId, location: { lat: 36.2, lon: -86.3 }, clock: "11:15", loadKg: 120, loadM3: 0.5 }]);
    expect(input.pickups.map((p) => p.id)).not.toContain(done[0]);
  });

  it("refuses unknown vehicles, unknown or locked served pickups and bad clocks, by JSON path", async () => {
    const post = (vehicles: unknown[], locked: unknown[] = []) => t.app.inject({
      method: "POST", url: "/v1/carriers/c1/routes/reoptimise", headers: auth(t.keys.carrier),
      payload: { scenarioId: "tiny-town", date: "2026-12-01", locked, vehicles },
    });
    const at = { location: { lat: 36.2, lon: -86.3 }, clock: "11:15", loadKg: 0, loadM3: 0 };
    const paths = async (vehicles: unknown[], locked: unknown[] = []): Promise<string[]> => {
      const res = await post(vehicles, locked);
      expect(res.statusCode, res.body).toBe(400);
      return (res.json().issues as Array<{ path: string }>).map((i) => i.path);
    };
    expect(await paths([{ vehicleId: "bus", ...at }])).toContain("vehicles[0].vehicleId");
    expect(await paths([{ vehicleId: "van-1", ...at, served: ["nope"] }])).toContain("vehicles[0].served[0]");
    expect(await paths([{ vehicleId: "van-1", ...at, served: ["p1"] }], [{ vehicleId: "van-1", jobIds: ["p1"] }])).toContain("vehicles[0].served[0]");
    const clock = await post([{ vehicleId: "van-1", ...at, clock: "25:00" }]);
    expect(clock.statusCode).toBe(400);
    expect(clock.body).toMatch(/vehicles.*clock|clock time/);
  });
});
