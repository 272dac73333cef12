// Huge finite numbers (1e308 capacities, x1e300 factors) and specks like 1e-300 are refused at the
// boundary with their JSON path, by parseScenario, over HTTP and by the CLI (exit 2, not 1).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insaneNumbers, parseScenario, SaneNumber, UrbanmineError } from "../../src/domain/index.js";
import { auth, makeApp, type TestApp, tinyScenarioInput } from "../api/helpers.js";
import { urbanmine } from "../cli/cli-run.js";

type Input = { hubSites: Array<{ sizes: Array<Record<string, number>> }>; streams: Array<Record<string, unknown>>; [k: string]: unknown };

function paths(input: unknown): string[] {
  try {
    parseScenario(input);
  } catch (e) {
    if (e instanceof UrbanmineError) return e.issues.map((i) => i.path);
    throw e;
  }
  return [];
}

describe("sane numbers", () => {
  it("SaneNumber takes 0 and everyday magnitudes, refuses 1e308, 1e13 and 1e-300", () => {
    for (const x of [0, 1, -86.3, 1e-4, 5e11]) expect(SaneNumber.safeParse(x).success, String(x)).toBe(true);
    for (const x of [1e308, -1e13, 1e-300]) expect(SaneNumber.safeParse(x).success, String(x)).toBe(false);
    expect(insaneNumbers({ a: [1, { b: 1e300 }] })).toEqual([{ path: "a[1].b", message: expect.stringContaining("beyond any real quantity") }]);
  });

  it("parseScenario names the path of a 1e308 capacity and of a unit mass x1e-300", () => {
    const input = tinyScenarioInput() as Input;
    input.hubSites[0].sizes[0].capacityTPerYear = 1e308;
    input.streams[1].unitMassKg = 0.2e-300;
    expect(paths(input)).toEqual(["streams[1].unitMassKg", "hubSites[0].sizes[0].capacityTPerYear"]);
  });
});

describe("sane numbers at the edges", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
    await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: tinyScenarioInput() });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it("answers 400 with the path for a scenario, a pickup and a solve", async () => {
    const input = tinyScenarioInput() as Input;
    input.id = "huge";
    input.hubSites[0].sizes[0].fixedCostUsdPerYear = 6e304;
    const sc = await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: input });
    expect(sc.statusCode).toBe(400);
    expect(sc.json().issues[0].path).toBe("hubSites[0].sizes[0].fixedCostUsdPerYear");
    const pk = await t.app.inject({
      method: "POST", url: "/v1/pickups", headers: auth(t.keys.intake),
      payload: { scenarioId: "tiny-town", location: { lat: 36.229, lon: -86.299 }, units: { laptop: 1e300 }, contactRef: "x" },
    });
    expect(pk.statusCode).toBe(400);
    expect(pk.json().issues[0].path).toBe("units.laptop");
    const job = await t.app.inject({ method: "POST", url: "/v1/scenarios/tiny-town/solve", headers: auth(t.keys.planner), payload: { seed: 1e300 } });
    expect(job.statusCode).toBe(400);
    expect(job.json().issues[0].path).toBe("seed");
  });

  it("urbanmine solve exits 2 naming the path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "urbanmine-sane-"));
    const input = tinyScenarioInput() as Input;
    input.hubSites[0].sizes[0].capacityTPerYear = 1e308;
    writeFileSync(join(dir, "s.json"), JSON.stringify(input));
    const r = await urbanmine(["solve", join(dir, "s.json"), "--out", join(dir, "out"), "--time-limit", "5"], 60_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("hubSites[0].sizes[0].capacityTPerYear");
  });
});
