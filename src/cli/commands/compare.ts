// `urbanmine compare A.json B.json [--scenario-a FILE] [--scenario-b FILE] [--json]`: what changed
// from plan A to plan B — hubs opened, closed, resized; zones reassigned; flows re-routed — beside
// the KPI table; differing inputs (the scenarios when given, else the plans' factors) as a warning.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseScenario, type Scenario } from "../../domain/index.js";
import { diffPlans, formatPlanDiff } from "../../pipeline/index.js";
import { readJsonFile } from "../read-json.js";
import { readPlanFile } from "../read-plan.js";

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { "scenario-a": { type: "string" }, "scenario-b": { type: "string" }, json: { type: "boolean", default: false } },
  });
  if (positionals.length !== 2) {
    process.stderr.write("usage: urbanmine compare A.json B.json [--scenario-a FILE] [--scenario-b FILE] [--json]\n");
    return 2;
  }
  const [a, b] = await Promise.all(positionals.map((p) => readPlanFile(resolve(p))));
  const scenario = async (file: string | undefined): Promise<Scenario | undefined> =>
    file === undefined ? undefined : parseScenario(await readJsonFile(resolve(file)));
  const diff = diffPlans(a, b, { a: await scenario(values["scenario-a"]), b: await scenario(values["scenario-b"]) });
  process.stdout.write(values.json ? `${JSON.stringify(diff, null, 2)}\n` : `${formatPlanDiff(diff)}\n`);
  return 0;
}
