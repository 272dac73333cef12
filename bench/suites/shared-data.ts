// Files of the shared data folder (benchmarks/, data/osm/) for the suites, and their
// best-known values; a missing folder or file makes the case skipped, not failed.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type BenchContext, SkipCase } from "../harness/types.js";

/** Absolute path of `relPath` under the shared folder. @throws SkipCase when it is not there. */
export function sharedFile(ctx: BenchContext, relPath: string): string {
  if (!ctx.sharedDir) throw new SkipCase(`shared data folder not found (looked for shared/benchmarks above ${ctx.repoRoot}; set URBANMINE_SHARED)`);
  const path = join(ctx.sharedDir, relPath);
  if (!existsSync(path)) throw new SkipCase(`${path} is missing`);
  return path;
}

/** Best-known value of `instance` from a family's bks.json (e.g. "benchmarks/cvrp/bks.json"). @throws Error when absent. */
export function bestKnown(ctx: BenchContext, bksFile: string, instance: string): number {
  const table = JSON.parse(readFileSync(sharedFile(ctx, bksFile), "utf8")) as Record<string, { bks?: unknown }>;
  const bks = table[instance]?.bks;
  if (typeof bks !== "number") throw new Error(`${bksFile} has no numeric bks for ${instance}`);
  return bks;
}

/**
 * Optimal value of an OR-Library cap instance: from capopt.txt for cap41..cap134, and from
 * cflp/bks.json (which carries capopt's values) for keys such as capa_8000, whose capopt rows
 * are listed by capacity. @throws Error when absent.
 */
export function capOptimum(ctx: BenchContext, instance: string): number {
  const text = readFileSync(sharedFile(ctx, "benchmarks/cflp/orlib/capopt.txt"), "utf8");
  for (const line of text.split("\n")) {
    const [name, value] = line.trim().split(/\s+/);
    if (name === instance && value !== undefined && Number.isFinite(Number(value))) return Number(value);
  }
  return bestKnown(ctx, "benchmarks/cflp/bks.json", instance);
}

/** Gap of `value` above `reference`, in %, rounded to 1e-6 points (so float noise of an optimum reads 0). */
export function gapPercent(value: number, reference: number): number {
  const gap = Math.round(((value - reference) / Math.abs(reference)) * 1e8) / 1e6;
  return gap === 0 ? 0 : gap;
}
