// bench:check end to end: fed result files (no benchmark run, no hook in src/), it fails on a
// 30% slower hot path and on a grown gap, passes on a normal run, and prints a before/after table.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../bench/check.js";
import { writeResults, type RunResults } from "../../bench/harness/results.js";
import { baseline, gap, speed } from "./fixtures.js";

const repoRoot = join(import.meta.dirname, "..", "..");
let dir: string;

function files(run: RunResults): { base: string; runPath: string } {
  const base = join(dir, `base-${Math.random().toString(36).slice(2)}.json`);
  const runPath = join(dir, `run-${Math.random().toString(36).slice(2)}.json`);
  writeResults(base, baseline());
  writeResults(runPath, run);
  return { base, runPath };
}

async function check(args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    return { code: await main(args), out };
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
}

function normalRun(): RunResults {
  // What a healthy CI run looks like: a slower machine, ratios within a few percent.
  const run = baseline();
  run.mode = "quick";
  run.calibration.medianMs = 6.5;
  run.cases["network/dijkstra-row"] = speed(2.0 * 1.06);
  run.cases["domain/parse-scenario-large"] = speed(5.5 * 0.95);
  return run;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "urbanmine-bench-check-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bench:check fed result files", () => {
  it("passes on the normal run", async () => {
    const { base, runPath } = files(normalRun());
    const { code, out } = await check(["--results", runPath, "--baseline", base]);
    expect(code).toBe(0);
    expect(out).toMatch(/bench:check passed/);
    expect(out).toMatch(/network\/dijkstra-row\s+speed\s+2\.000\s+2\.120\s+\+6\.0%\s+\+25%\s+ok/);
  });

  it("fails on a run whose hot-path ratio is 30% worse than the baseline", async () => {
    const run = normalRun();
    run.cases["network/dijkstra-row"] = speed(2.0 * 1.3);
    const { base, runPath } = files(run);
    const { code, out } = await check(["--results", runPath, "--baseline", base]);
    expect(code).toBe(1);
    expect(out).toMatch(/network\/dijkstra-row\s+speed\s+2\.000\s+2\.600\s+\+30\.0%\s+\+25%\s+SLOWER/);
    expect(out).toMatch(/FAILED: 1 case/);
  });

  it("fails on a run whose gap grew beyond its tolerance", async () => {
    const run = normalRun();
    run.cases["vrp/x-n101-k25"] = gap(2.1);
    const { base, runPath } = files(run);
    const { code, out } = await check(["--results", runPath, "--baseline", base]);
    expect(code).toBe(1);
    expect(out).toMatch(/vrp\/x-n101-k25\s+quality\s+1\.200 gap %\s+2\.100 gap %\s+\+0\.900\s+\+0\.500\s+WORSE/);
  });

  it("exits 2 when a file is not a results file", async () => {
    const { base } = files(normalRun());
    const bad = join(dir, "bad.json");
    writeResults(bad, { nope: true } as unknown as RunResults);
    expect((await check(["--results", bad, "--baseline", base])).code).toBe(2);
    expect((await check(["--results", join(dir, "absent.json"), "--baseline", base])).code).toBe(2);
  });

  it("writes the run as the new baseline with --update-baseline", async () => {
    const run = normalRun();
    const { base, runPath } = files(run);
    expect((await check(["--results", runPath, "--baseline", base, "--update-baseline"])).code).toBe(0);
    expect(JSON.parse(readFileSync(base, "utf8"))).toEqual(JSON.parse(readFileSync(runPath, "utf8")));
  });

  it("gives the same verdicts as a separate process (the compiled CLI CI runs)", () => {
    const cli = join(repoRoot, "dist", "bench", "check.js");
    if (!existsSync(cli)) execFileSync("npx", ["tsc", "-p", "."], { cwd: repoRoot, stdio: "ignore" });
    const ok = files(normalRun());
    const slow = normalRun();
    slow.cases["network/dijkstra-row"] = speed(2.6);
    const bad = files(slow);
    const runCli = (f: { base: string; runPath: string }): number | null =>
      spawnSync(process.execPath, [cli, "--results", f.runPath, "--baseline", f.base], { encoding: "utf8" }).status;
    expect(runCli(ok)).toBe(0);
    expect(runCli(bad)).toBe(1);
  });
});
