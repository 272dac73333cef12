// Parse a scenario at the boundary: schema first, then the references between lists.
// Everything after this trusts the scenario; every problem names its JSON path.
import type { z } from "zod";
import { checkChannels } from "./channels.js";
import { clockToSeconds } from "./common.js";
import { checkDayRules } from "./day-rules.js";
import { formatPath, type InputIssue, UrbanmineError } from "./errors.js";
import { checkLimits } from "./limits.js";
import { insaneNumbers } from "./sane-numbers.js";
import { Scenario } from "./scenario.js";
import { checkPickup } from "./service-area.js";

/** zod issues as our issues, with `expected` hints kept in the message. */
export function zodIssues(error: z.ZodError, prefix = ""): InputIssue[] {
  return error.issues.map((i) => ({
    path: prefix + formatPath(i.path as PropertyKey[]),
    message: i.message,
  }));
}

/**
 * Parses and cross-checks a scenario.
 * @throws UrbanmineError INVALID_INPUT (schema) or UNKNOWN_REFERENCE (ids), each issue with its JSON path.
 */
export function parseScenario(input: unknown): Scenario {
  const parsed = Scenario.safeParse(input);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    throw new UrbanmineError("INVALID_INPUT", describeIssues("scenario is not valid", issues), issues);
  }
  return checkParsedScenario(parsed.data);
}

/**
 * The checks after the schema: sane numbers, bounds (limits.ts), then the references between lists.
 * @throws UrbanmineError INVALID_INPUT or UNKNOWN_REFERENCE, each issue with its JSON path.
 */
export function checkParsedScenario(s: Scenario): Scenario {
  const numbers = insaneNumbers(s);
  if (numbers.length > 0) throw new UrbanmineError("INVALID_INPUT", describeIssues("scenario has numbers no real plan has", numbers), numbers);
  const limits = checkLimits(s);
  if (limits.length > 0) throw new UrbanmineError("INVALID_INPUT", describeIssues("scenario asks for more than one plan may", limits), limits);
  const issues = checkReferences(s);
  if (issues.length > 0) {
    const code = issues.some((i) => i.message.startsWith("unknown")) ? "UNKNOWN_REFERENCE" : "INVALID_INPUT";
    throw new UrbanmineError(code, describeIssues("scenario is not consistent", issues), issues);
  }
  return s;
}

export function describeIssues(head: string, issues: InputIssue[]): string {
  const shown = issues.slice(0, 10).map((i) => `  ${i.path}: ${i.message}`);
  if (issues.length > 10) shown.push(`  … and ${issues.length - 10} more`);
  return `${head}:\n${shown.join("\n")}`;
}

function uniqueIds(list: Array<{ id: string }>, path: string, out: InputIssue[]): Set<string> {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item.id)) out.push({ path: `${path}[${i}].id`, message: `duplicate id '${item.id}'` });
    seen.add(item.id);
  });
  return seen;
}

function known(set: Set<string>, id: string, what: string, path: string, out: InputIssue[]): void {
  if (!set.has(id)) {
    const some = [...set].slice(0, 8).join(", ");
    out.push({ path, message: `unknown ${what} '${id}' (known: ${some}${set.size > 8 ? ", …" : ""})` });
  }
}

/** Cross-list checks the schema cannot express. Returns every problem found. */
export function checkReferences(s: Scenario): InputIssue[] {
  const out: InputIssue[] = [];
  const materials = uniqueIds(s.materials, "materials", out);
  const streams = uniqueIds(s.streams, "streams", out);
  uniqueIds(s.zones, "zones", out);
  const hubs = uniqueIds(s.hubSites, "hubSites", out);
  uniqueIds(s.enterprises, "enterprises", out);
  const offtakers = uniqueIds(s.offtakers, "offtakers", out);
  const terminals = uniqueIds(s.terminals, "terminals", out);
  const carriers = uniqueIds(s.carriers, "carriers", out);
  uniqueIds(s.lanes, "lanes", out);

  s.streams.forEach((st, i) => {
    let kg = 0;
    st.composition.forEach((c, j) => {
      known(materials, c.material, "material", `streams[${i}].composition[${j}].material`, out);
      kg += c.kgPerUnit;
    });
    if (kg > st.unitMassKg * (1 + 1e-9))
      out.push({
        path: `streams[${i}].composition`,
        message: `materials add up to ${kg} kg but one unit weighs ${st.unitMassKg} kg`,
      });
  });

  s.zones.forEach((z, i) => {
    if (z.unitsPerYear) {
      for (const key of Object.keys(z.unitsPerYear)) known(streams, key, "stream", `zones[${i}].unitsPerYear.${key}`, out);
    } else if (z.population === undefined) {
      out.push({ path: `zones[${i}]`, message: "give either unitsPerYear or population" });
    } else if (!s.generation) {
      out.push({ path: `zones[${i}].population`, message: "a population needs `generation` (kg per capita) at the top level" });
    }
    if (z.joinYear > s.policy.horizonYears)
      out.push({ path: `zones[${i}].joinYear`, message: `joins in year ${z.joinYear}, after the ${s.policy.horizonYears}-year horizon` });
    seriesWithinHorizon(z.supplyFactorByYear, `zones[${i}].supplyFactorByYear`, s.policy.horizonYears, out);
  });
  s.offtakers.forEach((o, i) =>
    o.accepts.forEach((a, j) => seriesWithinHorizon(a.priceUsdPerTByYear, `offtakers[${i}].accepts[${j}].priceUsdPerTByYear`, s.policy.horizonYears, out)),
  );
  if (s.generation && s.zones.some((z) => !z.unitsPerYear)) {
    const share = s.streams.reduce((a, st) => a + (st.massShare ?? 0), 0);
    if (share <= 0) out.push({ path: "streams", message: "zones given by population need streams with massShare > 0" });
    if (share > 1 + 1e-9) out.push({ path: "streams", message: `massShare adds up to ${share}, more than 1` });
  }

  s.hubSites.forEach((h, i) => uniqueIds(h.sizes, `hubSites[${i}].sizes`, out));

  s.offtakers.forEach((o, i) =>
    o.accepts.forEach((a, j) => {
      known(materials, a.material, "material", `offtakers[${i}].accepts[${j}].material`, out);
      if (a.maxTPerYear !== undefined && a.maxTPerYear < a.minTPerYear)
        out.push({ path: `offtakers[${i}].accepts[${j}]`, message: "maxTPerYear is below minTPerYear" });
    }),
  );

  const centres = uniqueIds(s.regional?.centres ?? [], "regional.centres", out);
  s.regional?.centres.forEach((c, i) => uniqueIds(c.sizes, `regional.centres[${i}].sizes`, out));
  const places = new Set([...hubs, ...terminals, ...offtakers, ...centres]);
  s.lanes.forEach((l, i) => {
    known(places, l.from, "site", `lanes[${i}].from`, out);
    known(places, l.to, "site", `lanes[${i}].to`, out);
  });

  s.carriers.forEach((c, i) => {
    const depots = uniqueIds(c.depots, `carriers[${i}].depots`, out);
    const ends = new Set([...depots, ...hubs]);
    uniqueIds(c.vehicles, `carriers[${i}].vehicles`, out);
    c.vehicles.forEach((v, j) => {
      const p = `carriers[${i}].vehicles[${j}]`;
      if (v.startDepot) known(ends, v.startDepot, "depot or hub", `${p}.startDepot`, out);
      if (v.endDepot) known(ends, v.endDepot, "depot or hub", `${p}.endDepot`, out);
      if (clockToSeconds(v.shift.end) <= clockToSeconds(v.shift.start))
        out.push({ path: `${p}.shift`, message: `shift ends (${v.shift.end}) before it starts (${v.shift.start})` });
    });
  });

  const placeLists: Array<[string, Array<{ id: string }>]> = [
    ["zones", s.zones],
    ["hubSites", s.hubSites],
    ["offtakers", s.offtakers],
    ["terminals", s.terminals],
    ...s.carriers.map((c, i): [string, Array<{ id: string }>] => [`carriers[${i}].depots`, c.depots]),
    ["pickups", s.pickups ?? []],
    ["channels.dropOff.sites", s.channels?.dropOff?.sites ?? []],
    ["regional.centres", s.regional?.centres ?? []],
  ];
  const placeOwner = new Map<string, string>();
  for (const [path, list] of placeLists)
    list.forEach((item, i) => {
      const prev = placeOwner.get(item.id);
      if (prev && !prev.startsWith(`${path}[`))
        out.push({ path: `${path}[${i}].id`, message: `id '${item.id}' is already used by ${prev}: places need distinct ids` });
      else placeOwner.set(item.id, `${path}[${i}]`);
    });

  (s.pickups ?? []).forEach((r, i) => out.push(...checkPickup(s, r, `pickups[${i}].`)));
  out.push(...checkChannels(s));
  out.push(...checkDayRules(s));
  return out;
}

/** A by-year series longer than the horizon is a mistake worth naming (its extra years would be ignored). */
function seriesWithinHorizon(series: number[] | undefined, path: string, horizon: number, out: InputIssue[]): void {
  if (series && series.length > horizon)
    out.push({ path, message: `has ${series.length} yearly values, more than the ${horizon}-year horizon (policy.horizonYears)` });
}

/** The value of a by-year series in `year` (1-based): past its end, its last value; without one, `base`. */
export function valueInYear(series: number[] | undefined, base: number, year: number): number {
  if (!series || series.length === 0) return base;
  return series[Math.min(year, series.length) - 1];
}

/**
 * JSON paths of the object fields in `input` that the schema dropped from `parsed` (fields the
 * scenario format does not know: typos, or fields of another version). Records keep every key,
 * so only fixed-shape objects report.
 */
export function unknownFields(input: unknown, parsed: unknown, path = ""): string[] {
  if (Array.isArray(input) && Array.isArray(parsed)) return input.flatMap((x, i) => unknownFields(x, parsed[i], `${path}[${i}]`));
  if (!isObject(input) || !isObject(parsed)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(input)) {
    const at = path ? `${path}.${k}` : k;
    if (!(k in parsed)) {
      if (v !== undefined) out.push(at);
    } else out.push(...unknownFields(v, parsed[k], at));
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
