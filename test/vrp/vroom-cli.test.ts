import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { findSharedDir } from "../../bench/harness/paths.js";
import { type DayProblemJson, dayCost } from "../../bench/vrp/day-cost.js";
import { checkVroomSolution } from "./vroom-check.js";

const run = promisify(execFile);
const root = new URL("../../", import.meta.url).pathname;
const cli = join(root, "dist/src/cli/main.js");
const DAY200 = `${findSharedDir() ?? "../shared"}/benchmarks/rich-days/day200-problem.json`;

async function urbanmine(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd: root, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function tempJson(value: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "urbanmine-vrp-")), "problem.json");
  writeFileSync(path, JSON.stringify(value));
  return path;
}

describe("urbanmine vrp PROBLEM.json", () => {
  it("answers VROOM's example with breaks, setup times and shipments in VROOM's format, checked independently", async () => {
    const path = join(root, "test/fixtures/vroom/example-breaks-shipments.json");
    const r = await urbanmine(["vrp", path, "--iterations", "100", "--seed", "2"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { code: number; routes: Array<{ steps: Array<{ type: string }> }> };
    expect(out.code).toBe(0);
    expect(checkVroomSolution(JSON.parse(readFileSync(path, "utf8")), out).errors).toEqual([]);
    const types = new Set(out.routes.flatMap((x) => x.steps.map((s) => s.type)));
    for (const t of ["pickup", "delivery", "break"]) expect(types).toContain(t);
  });

  it("solves our own day200 problem and prints routes whose cost the rich-days formula confirms", async () => {
    // one generation after the initial population: about 25 CPU-s, minutes on a busy machine
    const r = await urbanmine(["vrp", DAY200, "--iterations", "1", "--seed", "1", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { cost: number; routes: Array<{ vehicleId: string; jobIds: string[] }>; unassigned: Array<{ id: string; reason: string }>; seconds: number };
    expect(Object.keys(out).sort()).toEqual(["cost", "routes", "seconds", "unassigned"]);
    const problem = JSON.parse(readFileSync(DAY200, "utf8")) as DayProblemJson;
    const c = dayCost(problem, out.routes);
    expect(c.errors).toEqual([]);
    expect(out.unassigned).toEqual([]);
    expect(Math.abs(c.cost - out.cost)).toBeLessThan(1e-6 * c.cost);
  }, 900_000);

  it("answers a VROOM problem in VROOM's solution format", async () => {
    const path = join(root, "test/fixtures/vroom/example.json");
    const r = await urbanmine(["vrp", path, "--iterations", "200", "--seed", "2"]);
    expect(r.code).toBe(0);
    const check = checkVroomSolution(JSON.parse(readFileSync(path, "utf8")), JSON.parse(r.stdout));
    expect(check.errors).toEqual([]);
    expect(check.served).toBe(10);
  });

  it("refuses an unsupported VROOM feature with exit 2, VROOM's error JSON and the JSON path", async () => {
    const p = JSON.parse(readFileSync(join(root, "test/fixtures/vroom/example.json"), "utf8")) as { vehicles: Array<Record<string, unknown>> };
    p.vehicles[0].steps = [{ type: "job", id: 1 }];
    const r = await urbanmine(["vrp", tempJson(p), "--iterations", "10"]);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { code: number; error: string };
    expect(out.code).toBe(2);
    expect(out.error).toMatch(/vehicles\[0\]\.steps: custom or seeded routes \(vehicle steps\) are not supported yet/);
    expect(r.stderr).toMatch(/INVALID_INPUT/);
  });

  it("names the JSON path of a bad own-format problem, and says what it expected of an unknown document", async () => {
    const problem = JSON.parse(readFileSync(DAY200, "utf8")) as { jobs: Array<Record<string, unknown>> };
    delete problem.jobs[3].amounts;
    const r = await urbanmine(["vrp", tempJson(problem), "--iterations", "10", "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/jobs\[3\]\.amounts/);
    const other = await urbanmine(["vrp", tempJson({ stops: [] }), "--iterations", "10"]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/expected VROOM's problem JSON .* or urbanmine's own/);
  });
});
