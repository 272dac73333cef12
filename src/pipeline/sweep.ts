// Parameter sweeps: every variant of a scenario (the cartesian product of --set lists) solved in
// parallel on the planner's worker pool, gathered into one table — the variant's values, its KPIs,
// and which hubs it opens at which size — so a planner sees where the plan changes.
import { type Plan, type Scenario, UrbanmineError } from "../domain/index.js";
import { flattenKpis } from "./formats/plan-format.js";
import { toCsv } from "./formats/csv.js";
import { type SweepSetting, sweepVariants } from "./sweep-paths.js";
import type { Planner, RunOptions } from "./types.js";

export interface SweepRow {
  /** 1-based, in cartesian order (first setting varies slowest). */
  variant: number;
  values: Record<string, unknown>;
  /** "failed" when the variant has no plan (e.g. infeasible); `error` says why. */
  status: "done" | "failed";
  error: string | null;
  sitingStatus: string | null;
  objectiveUsd: number | null;
  /** Open hubs as siteId:sizeId, sorted. */
  hubs: string[];
  kpis: Record<string, number>;
}

export interface SweepTable {
  scenarioId: string;
  paths: string[];
  seed: number;
  rows: SweepRow[];
}

export interface SweepOptions extends Omit<RunOptions, "onProgress"> {
  /** Called when a variant finishes, with the count done and the total. */
  onVariant?: (done: number, total: number, row: SweepRow, plan: Plan | null) => void;
}

/** Most variants one sweep may ask for. */
export const MAX_SWEEP_VARIANTS = 256;

/**
 * Solves every variant on `planner` at once (the pool runs as many as it has threads) with the
 * same seed, iteration bound and time limit, and tabulates the results. A variant that fails
 * is a row with its error; the sweep itself fails only on bad settings.
 * @throws UrbanmineError INVALID_INPUT for a bad path or value, or more than MAX_SWEEP_VARIANTS variants.
 */
export async function runSweep(planner: Planner, scenario: Scenario, settings: SweepSetting[], options: SweepOptions): Promise<SweepTable> {
  if (settings.length === 0) throw new UrbanmineError("INVALID_INPUT", "a sweep needs at least one --set PATH=V1,V2,…", [{ path: "--set", message: "required" }]);
  const count = settings.reduce((n, s) => n * s.values.length, 1);
  if (count > MAX_SWEEP_VARIANTS)
    throw new UrbanmineError("INVALID_INPUT", `the sweep has ${count} variants, at most ${MAX_SWEEP_VARIANTS} are solved in one sweep`, [{ path: "--set", message: `at most ${MAX_SWEEP_VARIANTS} combinations` }]);
  const variants = sweepVariants(scenario, settings);
  const { onVariant, ...run } = options;
  let done = 0;
  const rows = await Promise.all(
    variants.map(async (v, i): Promise<SweepRow> => {
      let row: SweepRow;
      let plan: Plan | null = null;
      try {
        plan = await planner.run(v.scenario, run);
        row = sweepRow(i + 1, v.values, plan);
      } catch (err) {
        const message = err instanceof UrbanmineError ? `${err.code}: ${err.message}` : String(err);
        row = { variant: i + 1, values: v.values, status: "failed", error: message, sitingStatus: null, objectiveUsd: null, hubs: [], kpis: {} };
      }
      onVariant?.(++done, variants.length, row, plan);
      return row;
    }),
  );
  return { scenarioId: scenario.id, paths: settings.map((s) => s.path), seed: options.seed ?? 1, rows };
}

/** One variant's row: its values, siting status and objective, open hubs and every KPI. */
export function sweepRow(variant: number, values: Record<string, unknown>, plan: Plan): SweepRow {
  return {
    variant,
    values,
    status: "done",
    error: null,
    sitingStatus: plan.siting.status,
    objectiveUsd: plan.siting.objectiveUsd,
    hubs: plan.siting.hubs.map((h) => `${h.siteId}:${h.sizeId}`).sort(),
    kpis: Object.fromEntries(flattenKpis(plan.kpis)),
  };
}

/** The table as CSV: variant, one column per path, status, hubs (space-separated), then every KPI. */
export function sweepCsv(t: SweepTable): string {
  const kpis = [...new Set(t.rows.flatMap((r) => Object.keys(r.kpis)))];
  const header = ["variant", ...t.paths, "status", "sitingStatus", "objectiveUsd", "hubsOpen", ...kpis, "error"];
  const cell = (v: unknown): string | number | null => (v === undefined ? null : typeof v === "number" || typeof v === "string" ? v : JSON.stringify(v));
  return toCsv(
    header,
    t.rows.map((r) => [r.variant, ...t.paths.map((p) => cell(r.values[p])), r.status, r.sitingStatus, r.objectiveUsd, r.hubs.join(" "), ...kpis.map((k) => r.kpis[k]), r.error]),
  );
}
