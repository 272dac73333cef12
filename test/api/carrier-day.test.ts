// The stops of a carrier's day stay the same stops from publishing to re-optimisation: scenario
// pickups without a carrier that a solve put on a carrier's routes, pickups pinned to it, and
// pickups registered over HTTP (which also reach solve jobs).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PickupRequest, Plan } from "../../src/domain/index.js";
import { parseScenario } from "../../src/domain/index.js";
import { auth, checkDayRoutes, makeApp, type TestApp, tinyScenarioInput, waitForJob } from "./helpers.js";

/** Two carriers with one 800 kg vehicle each and 13 pickups of 100 kg without a carrier. */
function twoCarrierInput(): Record<string, unknown> {
  const input = tinyScenarioInput() as { carriers: Array<Record<string, unknown>>; [k: string]: unknown };
  const base = input.carriers[0] as { vehicles: Array<Record<string, unknown>> };
  const one = (id: string, vehicleId: string) => ({ ...base, id, name: id, vehicles: [{ ...base.vehicles[0], id: vehicleId, count: 1 }] });
  const pickups = Array.from({ length: 13 }, (_, i) => ({
    id: `q${i + 1}`,
    location: { lat: 36.18 + 0.004 * i, lon: -86.31 + 0.005 * i },
    units: { laptop: 40 },
  }));
  return { ...input, id: "two-carriers", carriers: [one("c1", "van"), { ...one("c2", "truck"), depots: [{ id: "d2", location: { lat: 36.19, lon: -86.25 } }], vehicles: [{ ...base.vehicles[0], id: "truck", count: 1, startDepot: "d2", endDepot: "d2" }] }], pickups };
}

const served = (routing: Plan["routing"]): string[] => routing.routes.flatMap((r) => r.steps.filter((x) => x.type === "job").map((x) => x.id));

let t: TestApp;
beforeEach(async () => {
  t = await makeApp();
  expect((await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: twoCarrierInput() })).statusCode).toBe(201);
});
afterEach(async () => {
  await t.app.close();
});

async function solve(): Promise<void> {
  const job = (await t.app.inject({ method: "POST", url: "/v1/scenarios/two-carriers/solve", headers: auth(t.keys.planner), payload: {} })).json();
  expect((await waitForJob(t.app, t.keys.planner, job.id, ["done", "failed"])).state).toBe("done");
}

async function day(carrierId: string): Promise<Plan["routing"]> {
  const res = await t.app.inject({ url: `/v1/carriers/${carrierId}/routes?date=2026-12-01`, headers: auth(t.keys.planner) });
  return res.json().days[0].routing as Plan["routing"];
}

describe("a carrier's day", () => {
  it("keeps the scenario pickups without a carrier that were on the carrier's published routes when it is re-optimised", async () => {
    await solve();
    const published = served(await day("c1"));
    expect(published).toHaveLength(8); // 8 of 13 fit the 800 kg van; the other 5 went to c2
    const locked = [{ vehicleId: "van", jobIds: [published[2]] }];
    const res = await t.app.inject({
      method: "POST", url: "/v1/carriers/c1/routes/reoptimise", headers: auth(t.keys.planner),
      payload: { scenarioId: "two-carriers", date: "2026-12-01", locked },
    });
    expect(res.statusCode, res.body).toBe(200);
    const routing = res.json().days[0].routing as Plan["routing"];
    const s = parseScenario(twoCarrierInput());
    const mine = (s.pickups as PickupRequest[]).filter((p) => published.includes(p.id));
    expect(checkDayRoutes(s, "c1", mine, routing, locked)).toEqual([]);
    expect([...served(routing), ...routing.unassigned.map((u) => u.id)].sort()).toEqual([...published].sort());
    // The other carrier's stops stay on its own day.
    const other = served(await day("c2"));
    expect(other).toHaveLength(5);
    expect(served(routing).some((id) => other.includes(id))).toBe(false);
    // Re-optimising again keeps the same stops.
    const again = await t.app.inject({
      method: "POST", url: "/v1/carriers/c1/routes/reoptimise", headers: auth(t.keys.planner),
      payload: { scenarioId: "two-carriers", date: "2026-12-01" },
    });
    const routing2 = again.json().days[0].routing as Plan["routing"];
    expect([...served(routing2), ...routing2.unassigned.map((u) => u.id)].sort()).toEqual([...published].sort());
  });

  it("routes pickups registered before a solve in the solve job's day", async () => {
    const reg = await t.app.inject({
      method: "POST", url: "/v1/pickups", headers: auth(t.keys.intake),
      payload: { scenarioId: "two-carriers", id: "walk-in", location: { lat: 36.21, lon: -86.27 }, units: { phone: 3 }, preferredDates: ["2026-12-01"], contactRef: "desk" },
    });
    expect(reg.statusCode).toBe(201);
    const carrierId = reg.json().carrierId as string;
    await solve();
    const mine = await day(carrierId);
    expect([...served(mine), ...mine.unassigned.map((u) => u.id)]).toContain("walk-in");
  });
});
