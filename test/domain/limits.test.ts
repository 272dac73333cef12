// Scenarios asking for more than any real city are refused at the boundary with their JSON path:
// by parseScenario, over HTTP, and by `urbanmine solve`, which exits 2 instead of running away.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS, parseScenario, UrbanmineError } from "../../src/domain/index.js";
import { auth, makeApp, type TestApp, tinyScenarioInput } from "../api/helpers.js";
import { urbanmine } from "../cli/cli-run.js";

type Input = Record<string, unknown> & { zones: Array<Record<string, unknown>>; pickups?: unknown[] };

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  try {
    parseScenario(input);
  } catch (e) {
    if (e instanceof UrbanmineError) return e.issues;
    throw e;
  }
  return [];
}

/** The tiny scenario without pickups, its zones by population. */
function byPopulation(population: number): Input {
  const input = tinyScenarioInput() as Input;
  delete input.pickups;
  input.generation = { kgPerCapitaYear: 1.5, collectionRate: 0.3, source: "assumption: test" };
  (input.streams as Array<Record<string, unknown>>).forEach((s, i) => (s.massShare = i === 0 ? 0.6 : 0.4));
  input.zones = input.zones.map((z) => ({ ...z, unitsPerYear: undefined, population }));
  return input;
}

describe("scenario bounds", () => {
  it("accepts every dataset-sized scenario (a zone of 50,000 residents)", () => {
    expect(issuesOf(byPopulation(50_000))).toEqual([]);
  });

  it("refuses a zone population of 1e15 with its path", () => {
    expect(issuesOf(byPopulation(1e15)).map((i) => i.path)).toEqual(["zones[0].population", "zones[1].population", "zones[2].population"]);
  });

  it("refuses supply scaled x1000 beyond what a day can route (too many consolidated requests), naming zones", () => {
    const input = tinyScenarioInput() as Input;
    delete input.pickups;
    input.zones = input.zones.map((z) => ({ ...z, unitsPerYear: { laptop: 4e8, phone: 9e6 } }));
    const issues = issuesOf(input);
    expect(issues.map((i) => i.path)).toEqual(["zones"]);
    expect(issues[0].message).toContain(`at most ${LIMITS.dayRequests.toLocaleString("en-US")}`);
  });

  it("refuses too many zones and too many pickups on one day", () => {
    const input = tinyScenarioInput() as Input;
    const z = input.zones[0];
    input.zones = Array.from({ length: LIMITS.zones + 1 }, (_, i) => ({ ...z, id: `z${i}` }));
    expect(issuesOf(input).map((i) => i.path)).toContain("zones");
    const many = tinyScenarioInput() as Input;
    const p = (many.pickups as Array<Record<string, unknown>>)[0];
    many.pickups = Array.from({ length: LIMITS.dayRequests + 1 }, (_, i) => ({ ...p, id: `q${i}` }));
    expect(issuesOf(many).map((i) => i.path)).toEqual(["pickups"]);
  });
});

describe("bounds at the edges", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it("POST /v1/scenarios answers 400 naming zones[0].population", async () => {
    const res = await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: byPopulation(1e15) });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe("zones[0].population");
  });

  it("urbanmine solve exits 2 at once instead of hanging", async () => {
    const dir = mkdtempSync(join(tmpdir(), "urbanmine-limits-"));
    const file = join(dir, "huge.json");
    writeFileSync(file, JSON.stringify(byPopulation(1e15)));
    const r = await urbanmine(["solve", file, "--out", join(dir, "out"), "--time-limit", "5"], 60_000);
    expect(r.hung).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("zones[0].population");
  });
});
