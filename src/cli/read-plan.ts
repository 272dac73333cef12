// Reading a plan.json given on the command line: schema-checked, errors name the file and the JSON path.
import { describeIssues, Plan, UrbanmineError, zodIssues } from "../domain/index.js";
import { readJsonFile } from "./read-json.js";

/** The plan in `path`. @throws UrbanmineError INVALID_FILE (unreadable, not JSON) or INVALID_INPUT (not a plan). */
export async function readPlanFile(path: string): Promise<Plan> {
  const parsed = Plan.safeParse(await readJsonFile(path));
  if (parsed.success) return parsed.data;
  const issues = zodIssues(parsed.error);
  throw new UrbanmineError("INVALID_INPUT", describeIssues(`${path} is not a plan (plan.json as urbanmine solve writes it)`, issues), issues);
}
