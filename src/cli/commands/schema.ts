// `urbanmine schema [--markdown] [--readme FILE]`: the scenario format as JSON Schema, as a
// Markdown table, or spliced into FILE between the scenario-fields markers.
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { UrbanmineError } from "../../domain/index.js";
import { scenarioJsonSchema, scenarioMarkdown, spliceFields } from "../schema-doc.js";

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { markdown: { type: "boolean", default: false }, readme: { type: "string" } },
  });
  if (values.readme) {
    const text = await readFile(values.readme, "utf8");
    const next = spliceFields(text, scenarioMarkdown());
    if (next === undefined)
      throw new UrbanmineError("INVALID_FILE", `${values.readme} has no <!-- scenario-fields:start --> … <!-- scenario-fields:end --> markers`);
    await writeFile(values.readme, next);
    return 0;
  }
  process.stdout.write(values.markdown ? scenarioMarkdown() : JSON.stringify(scenarioJsonSchema(), null, 2) + "\n");
  return 0;
}
