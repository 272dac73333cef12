// Command-line options answer clearly: --threads is capped at the cores, negative numbers get the
// option's own message, unknown scenario fields are named in a warning, and a carrier key for a
// carrier no scenario has is created with a warning.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinNegativeValues, threadsOption } from "../../src/cli/args.js";
import { parseScenario, unknownFields } from "../../src/domain/index.js";
import { auth, makeApp, type TestApp, tinyScenarioInput } from "../api/helpers.js";
import { ROOT, urbanmine } from "./cli-run.js";

const fixture = join(ROOT, "test/fixtures/tiny-scenario.json");

describe("--threads", () => {
  it("is capped at the machine's cores", () => {
    expect(threadsOption("1000", 2)).toBe(2);
    expect(threadsOption("1", 2)).toBe(1);
    expect(threadsOption(undefined, 2)).toBeUndefined();
  });

  it("solve --threads 1000 says it was capped", async () => {
    const out = mkdtempSync(join(tmpdir(), "urbanmine-threads-"));
    const r = await urbanmine(["solve", fixture, "--out", out, "--iterations", "50", "--threads", "1000", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`--threads 1000 capped at ${availableParallelism()}`);
  });
});

describe("negative numbers", () => {
  it("reach the option's own check", () => {
    expect(joinNegativeValues(["x.json", "--seed", "-5", "--json"])).toEqual(["x.json", "--seed=-5", "--json"]);
  });

  for (const [args, option] of [
    [["solve", fixture, "--seed", "-1"], "--seed"],
    [["solve", fixture, "--time-limit", "-3"], "--time-limit"],
    [["serve", "--port", "-80"], "--port"],
    [["serve", "--port", "70000"], "--port"],
  ] as const) {
    it(`${args[0]} ${args.slice(-2).join(" ")} exits 2 naming ${option}`, async () => {
      const r = await urbanmine([...args], 60_000);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${option} takes`);
      expect(r.stderr).not.toContain("ambiguous");
    });
  }
});

describe("unknown scenario fields", () => {
  const input = () => {
    const s = tinyScenarioInput() as Record<string, unknown> & { zones: Array<Record<string, unknown>>; policy: Record<string, unknown> };
    s.zones[1].populaton = 5000;
    s.policy.maxHub = 2;
    s.colour = "green";
    return s;
  };

  it("are listed by JSON path (records such as unitsPerYear keep their keys)", () => {
    const raw = input();
    expect(unknownFields(raw, parseScenario(raw))).toEqual(["zones[1].populaton", "policy.maxHub", "colour"]);
  });

  it("are warned about by solve on stderr", async () => {
    const dir = mkdtempSync(join(tmpdir(), "urbanmine-fields-"));
    const s = JSON.parse(readFileSync(fixture, "utf8")) as Record<string, unknown>;
    writeFileSync(join(dir, "s.json"), JSON.stringify({ ...s, colour: "green" }));
    const r = await urbanmine(["solve", join(dir, "s.json"), "--out", join(dir, "out"), "--iterations", "50", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("unknown field colour is ignored");
  });

  describe("over HTTP", () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await makeApp();
    });
    afterAll(async () => {
      await t.app.close();
    });
    it("come back as warnings of a created or replaced scenario", async () => {
      const res = await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: input() });
      expect(res.statusCode).toBe(201);
      expect(res.json().warnings).toEqual(["unknown field zones[1].populaton is ignored", "unknown field policy.maxHub is ignored", "unknown field colour is ignored"]);
      const put = await t.app.inject({ method: "PUT", url: "/v1/scenarios/tiny-town", headers: auth(t.keys.planner), payload: tinyScenarioInput() });
      expect(put.statusCode).toBe(200);
      expect(put.json().warnings).toBeUndefined();
    });
  });
});

describe("keys create --carrier", () => {
  it("warns when no stored scenario has the carrier", async () => {
    const dir = mkdtempSync(join(tmpdir(), "urbanmine-keys-"));
    const r = await urbanmineEnv(["keys", "create", "--role", "carrier", "--carrier", "ghost"], { URBANMINE_DB: join(dir, "k.db") });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("no stored scenario has a carrier 'ghost'");
  });
});

async function urbanmineEnv(args: string[], env: Record<string, string>) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await urbanmine(args);
  } finally {
    process.env = saved;
  }
}
