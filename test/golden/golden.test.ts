// Golden outputs: the plan summary and carrier c1's routes CSV for the tiny-town scenario at seed 7
// and 300 routing iterations, compared with the files in test/golden/expected/. A change in the
// engines shows up here as a diff in review. Regenerate (after an intended change):
//   npm run golden:update        (= URBANMINE_UPDATE_GOLDEN=1 vitest run test/golden, after a build)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario, type Plan } from "../../src/domain/index.js";
import { dayRoutesCsv, runScenario } from "../../src/pipeline/index.js";
import { summarizePlan } from "../../src/pipeline/summary.js";
import { checkPlanRoutes } from "../pipeline/plan-check.js";

const HERE = import.meta.dirname;
const EXPECTED = join(HERE, "expected");
const UPDATE = process.env.URBANMINE_UPDATE_GOLDEN === "1";
const SCENARIO = join(HERE, "..", "api", "fixtures", "tiny-scenario.json");
const SEED = 7;
const ITERATIONS = 300;
const CARRIER = "c1";

/** A fraction to 6 significant digits, and round-off below 1e-9 (a gap of 2e-16, 4e-13 kg) to 0. */
function round(v: number): number {
  return Math.abs(v) < 1e-9 ? 0 : Number(v.toPrecision(6));
}

/** Numbers rounded (see round); solver wall times (which vary run to run) dropped. */
function stable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === "seconds" ? undefined : typeof v === "number" && Number.isFinite(v) && !Number.isInteger(v) ? round(v) : v)));
}

function compare(name: string, actual: string): void {
  const file = join(EXPECTED, name);
  if (UPDATE || !existsSync(file)) {
    mkdirSync(EXPECTED, { recursive: true });
    writeFileSync(file, actual);
    console.warn(`golden: wrote ${file}`);
  }
  expect(actual, `${name} differs from test/golden/expected/${name}; if the change is intended, run npm run golden:update and review the diff`).toBe(readFileSync(file, "utf8"));
}

describe(`golden outputs (tiny-town, seed ${SEED}, ${ITERATIONS} routing iterations)`, () => {
  it("plan summary and the carrier's routes CSV match the expected files", async () => {
    const scenario = parseScenario(JSON.parse(readFileSync(SCENARIO, "utf8")));
    const plan: Plan = await runScenario(scenario, { baseDir: HERE, timeLimitS: 300, seed: SEED, routingIterations: ITERATIONS });
    // The golden files are only worth keeping for a plan that passes the independent checks.
    expect(checkPlanRoutes(plan, scenario, (scenario.pickups ?? []).map((p) => p.id))).toEqual([]);
    compare("plan-summary.json", `${JSON.stringify(stable(summarizePlan(plan)), null, 2)}\n`);
    const routing = { ...plan.routing, routes: plan.routing.routes.filter((r) => r.carrierId === CARRIER) };
    compare(`routes-${CARRIER}.csv`, dayRoutesCsv([{ scenarioId: scenario.id, routing }]));
  });
});
