import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseScenario, type Plan } from "../../src/domain/index.js";
import { dayRequests, serviceDate } from "../../src/pipeline/day-pickups.js";
import { checkPlanRoutes } from "../pipeline/plan-check.js";

const run = promisify(execFile);
const root = new URL("../../", import.meta.url).pathname;
const cli = join(root, "dist/src/cli/main.js");
const fixture = join(root, "test/fixtures/tiny-scenario.json");

async function urbanmine(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("urbanmine solve", () => {
  it("plans the tiny scenario end to end in the worker pool and writes every file", async () => {
    const out = mkdtempSync(join(tmpdir(), "urbanmine-solve-"));
    const r = await urbanmine(["solve", fixture, "--out", out, "--json", "--iterations", "300", "--seed", "7"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.scenarioId).toBe("tiny");
    expect(summary.hubs.length).toBeGreaterThan(0);

    const plan = JSON.parse(readFileSync(join(out, "plan.json"), "utf8")) as Plan;
    const scenario = parseScenario(JSON.parse(readFileSync(fixture, "utf8")));
    const date = serviceDate(scenario);
    const served = new Set(plan.siting.assignments.map((a) => a.zoneId));
    const ids = dayRequests(scenario, date, served).map((x) => x.request.id);
    expect(checkPlanRoutes(plan, scenario, ids)).toEqual([]);
    // every zone is served (single sourcing: one hub each) and the total matches the zones' supply
    expect(new Set(plan.siting.assignments.map((a) => a.zoneId))).toEqual(new Set(["z1", "z2", "z3"]));
    const tonnes = plan.siting.assignments.reduce((t, a) => t + a.tonnesPerYear, 0);
    expect(tonnes).toBeCloseTo((45000 * 1.6 + 6000 * 0.5) / 1000, 6);
    expect(plan.kpis.day.stopsServed + plan.kpis.day.stopsUnassigned).toBe(ids.length);

    const geo = JSON.parse(readFileSync(join(out, "plan.geojson"), "utf8"));
    expect(geo.type).toBe("FeatureCollection");
    const kinds = new Set(geo.features.map((f: { properties: { kind: string } }) => f.properties.kind));
    for (const k of ["hub", "zone", "assignment", "route"]) expect(kinds.has(k)).toBe(true);
    const hub = geo.features.find((f: { properties: { kind: string } }) => f.properties.kind === "hub");
    expect(hub.geometry.coordinates[0]).toBeLessThan(-80); // [lon, lat]
    expect(readFileSync(join(out, "routes.csv"), "utf8").split("\n")[0]).toMatch(/^scenarioId,carrierId,vehicleId,sequence/); // the HTTP API's route CSV
  });

  it("rejects a bad scenario before solving, naming the JSON path, with exit code 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "urbanmine-bad-"));
    const bad = JSON.parse(readFileSync(fixture, "utf8"));
    bad.hubSites[0].sizes[0].capacityTPerYear = -1;
    bad.zones[2].location.lon = -200;
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify(bad));
    const r = await urbanmine(["solve", file, "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("INVALID_INPUT");
    expect(r.stderr).toContain("hubSites[0].sizes[0].capacityTPerYear");
    expect(r.stderr).toContain("zones[2].location.lon");
  });

  it("says in words when hubs cannot take what the zones supply", async () => {
    const dir = mkdtempSync(join(tmpdir(), "urbanmine-infeasible-"));
    const s = JSON.parse(readFileSync(fixture, "utf8"));
    for (const h of s.hubSites) for (const z of h.sizes) z.capacityTPerYear = 10;
    const file = join(dir, "small.json");
    writeFileSync(file, JSON.stringify(s));
    const r = await urbanmine(["solve", file, "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("INFEASIBLE");
    expect(r.stderr).toMatch(/capacity/i);
    expect(r.stderr).not.toMatch(/status/i);
  });

  it("answers an unknown option with a usage error, not a crash", async () => {
    const r = await urbanmine(["solve", fixture, "--colour", "blue"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--colour");
    expect(r.stderr).not.toContain("internal error");
  });

  it("reports a file that is not JSON, by name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "urbanmine-json-"));
    const file = join(dir, "broken.json");
    writeFileSync(file, "{ \"id\": ");
    const r = await urbanmine(["solve", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("INVALID_FILE");
    expect(r.stderr).toContain("broken.json");
  });
});
