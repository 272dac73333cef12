// Plan diff: what changed between two plans beyond their KPIs — hubs opened, closed or resized,
// zones sent to other hubs, material flows sent to other offtakers or by other modes — and, when
// the plans come from different scenarios (or a changed one), the inputs that differ.
// Pure data over Plan and Scenario; the CLI and the HTTP API print it.
import type { Plan, Scenario } from "../domain/index.js";
import { flattenKpis } from "./formats/plan-format.js";

export interface KpiRow {
  kpi: string;
  a: number | null;
  b: number | null;
  /** b - a */
  diff: number | null;
  /** b / a, null when a is 0 */
  ratio: number | null;
}

export interface HubChange {
  siteId: string;
  /** Size id in plan a (null: closed there). */
  from: string | null;
  /** Size id in plan b (null: closed there). */
  to: string | null;
  capacityTPerYearA: number | null;
  capacityTPerYearB: number | null;
}

export interface ZoneChange {
  zoneId: string;
  /** Hubs serving the zone in plan a, with shares (empty: not served). */
  from: Array<{ hubId: string; fraction: number }>;
  to: Array<{ hubId: string; fraction: number }>;
}

export interface FlowLeg {
  to: string;
  mode: string;
  tonnesPerYear: number;
}

export interface FlowChange {
  hubId: string;
  material: string;
  /** Where the material went from this hub in plan a, and in plan b (offtaker or "disposal", mode). */
  from: FlowLeg[];
  to: FlowLeg[];
}

export interface PlanDiff {
  scenarioIds: { a: string; b: string };
  hubs: { opened: HubChange[]; closed: HubChange[]; resized: HubChange[] };
  zonesReassigned: ZoneChange[];
  flowsRerouted: FlowChange[];
  kpis: KpiRow[];
  /** Inputs that differ (scenario documents when given, otherwise the factors each plan lists). */
  scenarioDifferences: string[];
  warnings: string[];
}

/** Shares below this are round-off, not a second hub serving the zone. */
const SHARE_EPS = 1e-6;

/** KPIs of both plans side by side, by dotted path. */
export function compareKpis(a: Plan["kpis"], b: Plan["kpis"]): KpiRow[] {
  const ka = flattenKpis(a);
  const kb = flattenKpis(b);
  return [...new Set([...ka.keys(), ...kb.keys()])].map((kpi) => {
    const va = ka.get(kpi) ?? null;
    const vb = kb.get(kpi) ?? null;
    return { kpi, a: va, b: vb, diff: va !== null && vb !== null ? vb - va : null, ratio: va !== null && vb !== null && va !== 0 ? vb / va : null };
  });
}

/**
 * The difference from plan `a` to plan `b`. With both scenarios given, their differences that
 * matter (policy, zones, sites, prices, …) are listed; without them, the plans' factor tables are
 * compared. A warning says so whenever the plans do not come from the same inputs.
 */
export function diffPlans(a: Plan, b: Plan, scenarios?: { a?: Scenario; b?: Scenario }): PlanDiff {
  const hubsA = new Map(a.siting.hubs.map((h) => [h.siteId, h]));
  const hubsB = new Map(b.siting.hubs.map((h) => [h.siteId, h]));
  const hubChange = (id: string): HubChange => ({
    siteId: id,
    from: hubsA.get(id)?.sizeId ?? null,
    to: hubsB.get(id)?.sizeId ?? null,
    capacityTPerYearA: hubsA.get(id)?.capacityTPerYear ?? null,
    capacityTPerYearB: hubsB.get(id)?.capacityTPerYear ?? null,
  });
  const ids = sortedUnion(hubsA.keys(), hubsB.keys());
  const hubs = {
    opened: ids.filter((id) => !hubsA.has(id)).map(hubChange),
    closed: ids.filter((id) => !hubsB.has(id)).map(hubChange),
    resized: ids.filter((id) => hubsA.has(id) && hubsB.has(id) && hubsA.get(id)!.sizeId !== hubsB.get(id)!.sizeId).map(hubChange),
  };

  const served = (p: Plan): Map<string, Array<{ hubId: string; fraction: number }>> => {
    const m = new Map<string, Array<{ hubId: string; fraction: number }>>();
    for (const x of p.siting.assignments)
      if (x.fraction > SHARE_EPS) m.set(x.zoneId, [...(m.get(x.zoneId) ?? []), { hubId: x.hubId, fraction: x.fraction }].sort((p, q) => p.hubId.localeCompare(q.hubId)));
    return m;
  };
  const za = served(a);
  const zb = served(b);
  const zonesReassigned = sortedUnion(za.keys(), zb.keys())
    .map((zoneId) => ({ zoneId, from: za.get(zoneId) ?? [], to: zb.get(zoneId) ?? [] }))
    .filter((c) => !sameShares(c.from, c.to));

  const legs = (p: Plan): Map<string, FlowLeg[]> => {
    const m = new Map<string, FlowLeg[]>();
    for (const f of p.siting.flows) {
      const key = `${f.hubId}\u0000${f.material}`;
      m.set(key, [...(m.get(key) ?? []), { to: f.to, mode: f.mode, tonnesPerYear: f.tonnesPerYear }]);
    }
    for (const list of m.values()) list.sort((p, q) => p.to.localeCompare(q.to) || p.mode.localeCompare(q.mode));
    return m;
  };
  const fa = legs(a);
  const fb = legs(b);
  const destinations = (l: FlowLeg[] | undefined): string => (l ?? []).map((x) => `${x.to}/${x.mode}`).join(",");
  const flowsRerouted = sortedUnion(fa.keys(), fb.keys())
    .filter((key) => destinations(fa.get(key)) !== destinations(fb.get(key)))
    .map((key) => {
      const [hubId, material] = key.split("\u0000");
      return { hubId, material, from: fa.get(key) ?? [], to: fb.get(key) ?? [] };
    });

  const scenarioDifferences =
    scenarios?.a && scenarios?.b ? diffScenarios(scenarios.a, scenarios.b) : diffFactors(a.factors, b.factors);
  const warnings: string[] = [];
  if (a.scenarioId !== b.scenarioId)
    warnings.push(`the plans are of different scenarios ('${a.scenarioId}' and '${b.scenarioId}'): ${scenarioDifferences.length} input difference(s) listed`);
  else if (scenarioDifferences.length > 0)
    warnings.push(`the plans of scenario '${a.scenarioId}' were made from different inputs: ${scenarioDifferences.length} difference(s) listed`);
  return { scenarioIds: { a: a.scenarioId, b: b.scenarioId }, hubs, zonesReassigned, flowsRerouted, kpis: compareKpis(a.kpis, b.kpis), scenarioDifferences, warnings };
}

function sameShares(p: Array<{ hubId: string; fraction: number }>, q: Array<{ hubId: string; fraction: number }>): boolean {
  return p.length === q.length && p.every((x, i) => x.hubId === q[i].hubId && Math.abs(x.fraction - q[i].fraction) <= SHARE_EPS);
}

function sortedUnion(p: Iterable<string>, q: Iterable<string>): string[] {
  return [...new Set([...p, ...q])].sort();
}

/** Factors (name → value) that differ between two plans, e.g. "CO2 price: 0 → 500 USD/t CO2". */
export function diffFactors(a: Plan["factors"], b: Plan["factors"]): string[] {
  const fa = new Map(a.map((f) => [f.name, f]));
  const fb = new Map(b.map((f) => [f.name, f]));
  const out: string[] = [];
  for (const name of sortedUnion(fa.keys(), fb.keys())) {
    const x = fa.get(name);
    const y = fb.get(name);
    if (!x) out.push(`${name}: only in b (${y!.value} ${y!.unit})`);
    else if (!y) out.push(`${name}: only in a (${x.value} ${x.unit})`);
    else if (x.value !== y.value) out.push(`${name}: ${x.value} → ${y.value} ${x.unit}`);
  }
  return out;
}

/** Free-text fields: differences in them do not change a plan. */
const TEXT_FIELDS = new Set(["name", "description", "source"]);
/** How the items of a list are matched between two scenarios. */
const ITEM_KEYS = ["id", "material"] as const;

/**
 * Differences between two scenarios that can change a plan, one line each with its JSON path,
 * e.g. "policy.co2PriceUsdPerT: 0 → 500", "zones[zip-37087]: only in b",
 * "offtakers[aurubis].accepts[gold].priceUsdPerT: 61000 → 65000". Lists of records are matched by id.
 */
export function diffScenarios(a: Scenario, b: Scenario): string[] {
  const out: string[] = [];
  const { id: _ia, name: _na, description: _da, ...ra } = a;
  const { id: _ib, name: _nb, description: _db, ...rb } = b;
  diffValue(ra, rb, "", out);
  return out;
}

function keyOf(item: unknown): string | undefined {
  if (!item || typeof item !== "object") return undefined;
  for (const k of ITEM_KEYS) {
    const v = (item as Record<string, unknown>)[k];
    if (typeof v === "string") return v;
  }
  return undefined;
}

function show(v: unknown): string {
  return v === undefined ? "unset" : JSON.stringify(v);
}

function diffValue(a: unknown, b: unknown, path: string, out: string[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    const keyed = [...a, ...b].every((x) => keyOf(x) !== undefined);
    if (!keyed) {
      if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${path}: ${show(a)} → ${show(b)}`);
      return;
    }
    const ma = new Map(a.map((x) => [keyOf(x)!, x]));
    const mb = new Map(b.map((x) => [keyOf(x)!, x]));
    for (const k of sortedUnion(ma.keys(), mb.keys())) {
      const p = `${path}[${k}]`;
      if (!ma.has(k)) out.push(`${p}: only in b`);
      else if (!mb.has(k)) out.push(`${p}: only in a`);
      else diffValue(ma.get(k), mb.get(k), p, out);
    }
    return;
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const oa = a as Record<string, unknown>;
    const ob = b as Record<string, unknown>;
    for (const k of sortedUnion(Object.keys(oa), Object.keys(ob))) {
      if (TEXT_FIELDS.has(k)) continue;
      diffValue(oa[k], ob[k], path ? `${path}.${k}` : k, out);
    }
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${path}: ${show(a)} → ${show(b)}`);
}

/** The diff as text lines for a terminal. */
export function formatPlanDiff(d: PlanDiff): string {
  const lines: string[] = [];
  for (const w of d.warnings) lines.push(`warning: ${w}`);
  for (const s of d.scenarioDifferences) lines.push(`  input ${s}`);
  const size = (c: HubChange, side: "a" | "b"): string => {
    const id = side === "a" ? c.from : c.to;
    const t = side === "a" ? c.capacityTPerYearA : c.capacityTPerYearB;
    return id === null ? "closed" : `${id} (${t} t/yr)`;
  };
  lines.push(`hubs opened: ${d.hubs.opened.length}, closed: ${d.hubs.closed.length}, resized: ${d.hubs.resized.length}`);
  for (const c of d.hubs.opened) lines.push(`  + ${c.siteId} ${size(c, "b")}`);
  for (const c of d.hubs.closed) lines.push(`  - ${c.siteId} ${size(c, "a")}`);
  for (const c of d.hubs.resized) lines.push(`  ~ ${c.siteId} ${size(c, "a")} → ${size(c, "b")}`);
  const hubs = (l: Array<{ hubId: string; fraction: number }>): string =>
    l.length === 0 ? "not served" : l.map((x) => (x.fraction < 1 - SHARE_EPS ? `${x.hubId} ${(x.fraction * 100).toFixed(1)}%` : x.hubId)).join(" + ");
  lines.push(`zones reassigned: ${d.zonesReassigned.length}`);
  for (const z of d.zonesReassigned) lines.push(`  ${z.zoneId}: ${hubs(z.from)} → ${hubs(z.to)}`);
  const legs = (l: FlowLeg[]): string => (l.length === 0 ? "none" : l.map((x) => `${x.to} by ${x.mode}`).join(" + "));
  lines.push(`flows re-routed: ${d.flowsRerouted.length}`);
  for (const f of d.flowsRerouted) lines.push(`  ${f.material} from ${f.hubId}: ${legs(f.from)} → ${legs(f.to)}`);
  lines.push("", `${"kpi".padEnd(44)} ${"a".padStart(16)} ${"b".padStart(16)} ${"b - a".padStart(16)}`);
  const num = (v: number | null): string => (v === null ? "-" : Number.isInteger(v) ? String(v) : v.toFixed(2));
  for (const r of d.kpis) lines.push(`${r.kpi.padEnd(44)} ${num(r.a).padStart(16)} ${num(r.b).padStart(16)} ${num(r.diff).padStart(16)}`);
  return lines.join("\n");
}
