// Seeded fuzz through the solver: accepted mutations of a small scenario are solved in-process
// (iteration-bounded), and a handful go through `urbanmine solve`. A solve ends in a plan or a
// 4xx-class UrbanmineError (exit 2), never an internal failure (exit 1) or a hang.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario, type Scenario, UrbanmineError } from "../../src/domain/index.js";
import { runScenario } from "../../src/pipeline/index.js";
import { ROOT, urbanmine } from "../cli/cli-run.js";
import { mutate, rng } from "./mutate.js";

const SEED = Number(process.env.URBANMINE_FUZZ_SEED ?? 20261207);
const SOLVES = 24;
const CLI_RUNS = 4;
const tiny = JSON.parse(readFileSync(join(ROOT, "test/fixtures/tiny-scenario.json"), "utf8"));

/** The next `n` mutations of the tiny scenario that parse (or all, accepted or not, with `any`). */
function mutations(seed: number, n: number, any = false): Array<{ what: string; doc: Record<string, unknown>; scenario?: Scenario }> {
  const next = rng(seed);
  const out = [];
  for (let tries = 0; out.length < n && tries < 50 * n; tries++) {
    const doc = structuredClone(tiny);
    const what = mutate(doc, next);
    let scenario: Scenario | undefined;
    try {
      scenario = parseScenario(doc);
    } catch (e) {
      if (!(e instanceof UrbanmineError)) throw new Error(`parseScenario threw a non-UrbanmineError on (${what}): ${String(e)}`);
    }
    if (scenario || any) out.push({ what, doc, scenario });
  }
  return out;
}

describe(`solve fuzz (seed ${SEED})`, () => {
  it(`${SOLVES} accepted mutations solve to a plan or a 4xx-class error`, async () => {
    const failures: string[] = [];
    for (const { what, scenario } of mutations(SEED + 2, SOLVES)) {
      try {
        const plan = await runScenario(scenario as Scenario, { baseDir: ROOT, timeLimitS: 10, seed: 1, routingIterations: 30 });
        if (!plan.siting || !plan.routing) failures.push(`(${what}): plan without siting or routing`);
      } catch (e) {
        if (!(e instanceof UrbanmineError) || e.status >= 500) failures.push(`(${what}): ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it(`urbanmine solve on ${CLI_RUNS} mutations exits 0 or 2, never 1, never hangs`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "urbanmine-fuzz-"));
    const cases = [...mutations(SEED + 3, CLI_RUNS / 2), ...mutations(SEED + 4, CLI_RUNS / 2, true)];
    const failures: string[] = [];
    for (const [i, { what, doc }] of cases.entries()) {
      const file = join(dir, `case-${i}.json`);
      writeFileSync(file, JSON.stringify(doc));
      const r = await urbanmine(["solve", file, "--out", join(dir, `out-${i}`), "--time-limit", "10", "--iterations", "30", "--json"], 120_000);
      if (r.hung || (r.code !== 0 && r.code !== 2)) failures.push(`(${what}): exit ${r.code}${r.hung ? " (hung)" : ""}: ${r.stderr.slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
  });
});
