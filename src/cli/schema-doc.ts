// The scenario format as documentation, generated from the zod schema itself, so the README
// and `urbanmine schema` can never drift from what the parser accepts.
import { z } from "zod";
import { Scenario } from "../domain/index.js";

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
}

export interface FieldDoc {
  path: string;
  type: string;
  required: boolean;
  default?: string;
  description: string;
}

/** JSON Schema (draft 2020-12) of the scenario as users write it (defaults optional). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(Scenario, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" \\| ");
  if (s.anyOf) return s.anyOf.map(typeOf).join(" \\| ");
  const t = Array.isArray(s.type) ? s.type.join("/") : (s.type ?? "any");
  if (t === "array" && s.items) return `${typeOf(s.items)}[]`;
  if (t === "object" && s.additionalProperties && typeof s.additionalProperties === "object")
    return `map of ${typeOf(s.additionalProperties)}`;
  const range: string[] = [];
  if (s.minimum !== undefined) range.push(`≥ ${s.minimum}`);
  if (s.exclusiveMinimum !== undefined) range.push(`> ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined && s.maximum < 1e15) range.push(`≤ ${s.maximum}`);
  return range.length ? `${t} (${range.join(", ")})` : t;
}

/** Every field of the scenario, depth first, with its type, default and description. */
export function scenarioFields(): FieldDoc[] {
  const out: FieldDoc[] = [];
  const walk = (s: JsonSchema, path: string, required: boolean, inherited: string) => {
    if (path)
      out.push({
        path,
        type: typeOf(s),
        required,
        default: s.default !== undefined ? JSON.stringify(s.default) : undefined,
        description: s.description ?? s.items?.description ?? inherited,
      });
    const obj = s.type === "array" && s.items ? s.items : s;
    const prefix = s.type === "array" ? `${path}[]` : path;
    for (const [key, child] of Object.entries(obj.properties ?? {}))
      walk(child, prefix ? `${prefix}.${key}` : key, (obj.required ?? []).includes(key), "");
  };
  walk(scenarioJsonSchema() as JsonSchema, "", true, "");
  return out;
}

/** The field reference as a Markdown table. */
export function scenarioMarkdown(): string {
  const rows = scenarioFields().map(
    (f) => `| \`${f.path}\` | ${f.type} | ${f.required ? "yes" : f.default !== undefined ? `default ${f.default.replace(/\|/g, "\\|")}` : "no"} | ${f.description.replace(/\|/g, "\\|")} |`,
  );
  return ["| field | type | required | meaning |", "| --- | --- | --- | --- |", ...rows].join("\n") + "\n";
}

const START = "<!-- scenario-fields:start -->";
const END = "<!-- scenario-fields:end -->";

/** `text` with the part between the scenario-fields markers replaced by `table`; undefined without markers. */
export function spliceFields(text: string, table: string): string | undefined {
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) return undefined;
  return `${text.slice(0, a + START.length)}\n${table}${text.slice(b)}`;
}
