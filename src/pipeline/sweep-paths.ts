// Sweep settings: `PATH=V1,V2,…` where PATH names a scenario field in dotted form, list items by
// id or index (`offtakers[aurubis-richmond].accepts[gold].priceUsdPerT`, `zones[0].joinYear`) or
// all of them (`hubSites[*].variableCostUsdPerT`). Paths are checked against the scenario's own
// schema before anything is solved; every variant is parsed again as a whole scenario.
import { z } from "zod";
import { parseScenario, Scenario, UrbanmineError } from "../domain/index.js";

export interface SweepSetting {
  /** The path as given, e.g. policy.co2PriceUsdPerT */
  path: string;
  values: unknown[];
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
}

type Segment = { field: string } | { item: string };

let schemaCache: JsonSchema | undefined;
function scenarioSchema(): JsonSchema {
  schemaCache ??= z.toJSONSchema(Scenario, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return schemaCache;
}

function bad(path: string, message: string): UrbanmineError {
  return new UrbanmineError("INVALID_INPUT", `--set ${path}: ${message}`, [{ path: `--set ${path}`, message }]);
}

/** `a.b[x].c.0` → [field a, field b, item x, field c, item 0]. */
function splitPath(path: string): Segment[] {
  const out: Segment[] = [];
  for (const part of path.split(".")) {
    const m = /^([^[\]]*)((?:\[[^[\]]+\])*)$/.exec(part);
    if (!m || (m[1] === "" && m[2] === "")) throw bad(path, `'${part}' is not a field name or [item]`);
    if (m[1] !== "") out.push(/^\d+$/.test(m[1]) && out.length > 0 ? { item: m[1] } : { field: m[1] });
    for (const it of m[2].matchAll(/\[([^[\]]+)\]/g)) out.push({ item: it[1] });
  }
  return out;
}

function objectOf(s: JsonSchema): JsonSchema | undefined {
  if (s.properties || (s.additionalProperties && typeof s.additionalProperties === "object")) return s;
  return s.anyOf?.map(objectOf).find((x) => x !== undefined);
}

function arrayOf(s: JsonSchema): JsonSchema | undefined {
  if (s.items) return s.items;
  return s.anyOf?.map(arrayOf).find((x) => x !== undefined);
}

/**
 * Parses `PATH=V1,V2,…`; each value is read as JSON when it parses (numbers, true, null, "text"),
 * otherwise as a string.
 * @throws UrbanmineError INVALID_INPUT naming the path when it is not a scenario field, or the setting is malformed.
 */
export function parseSetting(spec: string): SweepSetting {
  const eq = spec.indexOf("=");
  if (eq <= 0 || eq === spec.length - 1) throw new UrbanmineError("INVALID_INPUT", `--set takes PATH=V1,V2,…, got '${spec}'`, [{ path: "--set", message: "PATH=V1,V2,…" }]);
  const path = spec.slice(0, eq).trim();
  const values = spec
    .slice(eq + 1)
    .split(",")
    .map((raw) => {
      const t = raw.trim();
      try {
        return JSON.parse(t) as unknown;
      } catch {
        return t;
      }
    });
  checkPath(path);
  return { path, values };
}

/**
 * Checks that `path` names a field of the scenario format.
 * @throws UrbanmineError INVALID_INPUT naming the path and the fields accepted where it went wrong.
 */
export function checkPath(path: string): void {
  let s: JsonSchema = scenarioSchema();
  let at = "";
  for (const seg of splitPath(path)) {
    if ("item" in seg) {
      const items = arrayOf(s);
      if (!items) throw bad(path, `${at || "the scenario"} is not a list, so [${seg.item}] does not apply`);
      s = items;
      at += `[${seg.item}]`;
      continue;
    }
    const o = objectOf(s);
    const next = o?.properties?.[seg.field] ?? (o && typeof o.additionalProperties === "object" ? o.additionalProperties : undefined);
    if (!next) {
      const known = Object.keys(o?.properties ?? {});
      throw bad(path, `'${seg.field}' is not a field of ${at || "the scenario"}${known.length ? `; it has ${known.join(", ")}` : ""}`);
    }
    s = next;
    at = at ? `${at}.${seg.field}` : seg.field;
  }
}

/** Items of `list` that `[key]` selects: all for *, by index for digits, else by id (or material). */
function select(list: unknown[], key: string): number[] {
  if (key === "*") return list.map((_, i) => i);
  if (/^\d+$/.test(key)) return Number(key) < list.length ? [Number(key)] : [];
  return list.flatMap((x, i) => {
    const r = x as Record<string, unknown> | null;
    return r && (r.id === key || r.material === key) ? [i] : [];
  });
}

/**
 * Sets `value` at `path` in `target` (a deep copy of the scenario); missing objects on the way
 * are created. Under [*] an item without the selected sub-item is skipped.
 * @returns how many places were set.
 */
function setAt(target: unknown, segs: Segment[], value: unknown, path: string): number {
  const [seg, ...rest] = segs;
  if ("item" in seg) {
    if (!Array.isArray(target)) throw bad(path, `[${seg.item}] applies to a list`);
    let n = 0;
    for (const i of select(target, seg.item)) {
      if (rest.length === 0) target[i] = value;
      n += rest.length === 0 ? 1 : setAt(target[i], rest, value, path);
    }
    return n;
  }
  if (!target || typeof target !== "object") throw bad(path, `'${seg.field}' applies to a record`);
  const o = target as Record<string, unknown>;
  if (rest.length === 0) {
    o[seg.field] = value;
    return 1;
  }
  if (o[seg.field] === undefined) o[seg.field] = "item" in rest[0] ? [] : {};
  return setAt(o[seg.field], rest, value, path);
}

/**
 * Every combination of the settings' values (cartesian product, first setting varying slowest),
 * each as a parsed scenario.
 * @throws UrbanmineError INVALID_INPUT naming the variant's values and the JSON path a value breaks.
 */
export function sweepVariants(scenario: Scenario, settings: SweepSetting[]): Array<{ values: Record<string, unknown>; scenario: Scenario }> {
  let combos: Array<Record<string, unknown>> = [{}];
  for (const st of settings) combos = combos.flatMap((c) => st.values.map((v) => ({ ...c, [st.path]: v })));
  return combos.map((values) => {
    const copy = structuredClone(scenario) as unknown;
    for (const [path, v] of Object.entries(values))
      if (setAt(copy, splitPath(path), v, path) === 0) throw bad(path, "no item of the scenario matches (ids and indices are those of the scenario's lists)");
    try {
      return { values, scenario: parseScenario(copy) };
    } catch (err) {
      if (!(err instanceof UrbanmineError)) throw err;
      const label = Object.entries(values).map(([p, v]) => `${p}=${JSON.stringify(v)}`).join(" ");
      throw new UrbanmineError(err.code, `variant ${label}: ${err.message}`, err.issues);
    }
  });
}
