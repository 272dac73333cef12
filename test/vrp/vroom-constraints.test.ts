// VROOM problems with the constraints the engine gained: driver breaks (answered as `break`
// steps), setup times, shipments; every answer checked by the independent VROOM checker.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { fromVroom, toVroomSolution, VroomSolution } from "../../src/vrp/vroom/index.js";
import { checkVroomSolution } from "./vroom-check.js";

const root = new URL("../../", import.meta.url).pathname;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixture = (name: string): Record<string, any> => JSON.parse(readFileSync(`${root}test/fixtures/vroom/${name}`, "utf8")) as Record<string, any>;

/** Reads, solves with an iteration bound, checks the engine's answer and answers in VROOM's format. */
function solveVroom(input: unknown, iterations = 200): VroomSolution {
  const { problem, context } = fromVroom(input);
  const sol = solveRouting(problem, { seed: 1, maxIterations: iterations });
  expect(checkRouting(problem, sol).errors).toEqual([]);
  return toVroomSolution(context, sol, { loadingMs: 0, solvingMs: 0 });
}

describe("VROOM example with breaks, setup times and shipments", () => {
  it("goes in through fromVroom and comes out VROOM-shaped, with pickup, delivery and break steps; the checker agrees", () => {
    const input = fixture("example-breaks-shipments.json");
    const out = solveVroom(input, 300);
    expect(VroomSolution.safeParse(out).success).toBe(true);
    const check = checkVroomSolution(input, out);
    expect(check.errors).toEqual([]);
    expect(out.summary?.cost).toBe(check.cost);
    const types = new Set(out.routes!.flatMap((r) => r.steps.map((s) => s.type)));
    for (const t of ["start", "job", "pickup", "delivery", "break", "end"]) expect(types).toContain(t);
    expect(out.unassigned).toEqual([]);
  });

  it("the checker catches a shipment delivered before it is picked up", () => {
    const input = fixture("example-breaks-shipments.json");
    const out = solveVroom(input, 100);
    const route = out.routes!.find((r) => r.steps.some((s) => s.type === "pickup"))!;
    const a = route.steps.findIndex((s) => s.type === "pickup");
    const b = route.steps.findIndex((s) => s.type === "delivery" && s.id === route.steps[a].id);
    expect(b).toBeGreaterThan(a);
    const bad = structuredClone(out);
    const steps = bad.routes!.find((r) => r.vehicle === route.vehicle)!.steps;
    [steps[a].type, steps[b].type] = [steps[b].type, steps[a].type];
    expect(checkVroomSolution(input, bad).errors.join("\n")).toMatch(/delivered before it is picked up/);
  });
});

describe("VROOM setup times and shipments with an open route", () => {
  it("answers the example with vehicle 3's open end, setup on every job and a shipment; the checker agrees", () => {
    const input = fixture("example.json");
    delete input.vehicles[1].speed_factor;
    for (const j of input.jobs) j.setup = 90;
    input.shipments = [{ amount: [0, 1], pickup: { id: 7, location_index: 4, service: 120, setup: 60 }, delivery: { id: 7, location_index: 9, service: 120 } }];
    const out = solveVroom(input, 150);
    const check = checkVroomSolution(input, out);
    expect(check.errors).toEqual([]);
    expect(out.summary?.cost).toBe(check.cost);
    expect(out.summary?.setup).toBeGreaterThan(0);
  });
});

describe("VROOM breaks and setup times", () => {
  it("places each vehicle's breaks and pays setup times; the checker agrees", () => {
    const input = fixture("example.json");
    input.vehicles[2].end_index = 0;
    delete input.vehicles[1].speed_factor;
    input.jobs[3].time_windows = [input.jobs[3].time_windows[1]]; // one window per job in the genetic search for now
    input.vehicles[0].breaks = [{ id: 11, time_windows: [[36000, 39600]], service: 1800, description: "lunch" }];
    input.vehicles[1].breaks = [{ id: 21, time_windows: [[37800, 41400]], service: 1800 }, { id: 22, service: 600 }];
    input.vehicles[2].breaks = [{ id: 31, time_windows: [[39600, 43200]], service: 900 }];
    for (const j of input.jobs) j.setup = 120;
    const out = solveVroom(input);
    expect(VroomSolution.safeParse(out).success).toBe(true);
    const check = checkVroomSolution(input, out);
    expect(check.errors).toEqual([]);
    expect(out.summary?.cost).toBe(check.cost);
    for (const r of out.routes ?? []) {
      const want = input.vehicles.find((v: { id: number }) => v.id === r.vehicle).breaks.map((b: { id: number }) => b.id);
      expect(r.steps.filter((s) => s.type === "break").map((s) => s.id).sort()).toEqual(want.sort());
    }
    expect(out.summary?.setup).toBeGreaterThan(0);
  });

  it("the checker catches a break taken twice, outside its window, or a setup not paid", () => {
    const input = fixture("example.json");
    input.vehicles[2].end_index = 0;
    delete input.vehicles[1].speed_factor;
    input.jobs[3].time_windows = [input.jobs[3].time_windows[1]]; // one window per job in the genetic search for now
    input.vehicles[0].breaks = [{ id: 11, time_windows: [[36000, 39600]], service: 1800 }];
    for (const j of input.jobs) j.setup = 120;
    const out = solveVroom(input);
    expect(checkVroomSolution(input, out).errors).toEqual([]);
    const route = out.routes!.find((r) => r.vehicle === 1)!;
    const k = route.steps.findIndex((s) => s.type === "break");
    expect(k).toBeGreaterThan(0);
    const twice = structuredClone(out);
    const r2 = twice.routes!.find((r) => r.vehicle === 1)!;
    r2.steps.splice(k, 0, { ...r2.steps[k] });
    expect(checkVroomSolution(input, twice).errors.join("\n")).toMatch(/break 11 taken twice/);
    const late = structuredClone(out);
    late.routes!.find((r) => r.vehicle === 1)!.steps[k].waiting_time += 7200;
    expect(checkVroomSolution(input, late).errors.join("\n")).toMatch(/break starts at .* outside/);
    const noSetup = structuredClone(out);
    const job = noSetup.routes!.flatMap((r) => r.steps).find((s) => s.type === "job" && s.setup > 0)!;
    job.setup = 0;
    expect(checkVroomSolution(input, noSetup).errors.join("\n")).toMatch(/setup 0, expected 120/);
  });
});
