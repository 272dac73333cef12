// The results file written by a run (bench/results/latest.json) and kept as the reference
// (bench/baseline.json): its schema, the machine it was measured on, reading and writing.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname } from "node:path";
import { z } from "zod";

export const SpeedResult = z.object({
  kind: z.literal("speed"),
  description: z.string().default(""),
  /** Median over rounds of case / calibration (lower-quartile latencies, calibration timed just before and after). */
  ratio: z.number().positive(),
  /** Per-round ratios (their spread shows the noise of this run). */
  ratios: z.array(z.number().positive()),
  /** Median over rounds of the case's lower-quartile latency, ms (machine-dependent; for reading only). */
  medianMs: z.number().nonnegative(),
  tolerance: z.number().positive().optional(),
  fullOnly: z.boolean().default(false),
  /** Measurements taken (more than 1 when the check re-measured a case out of tolerance; the best counts). */
  attempts: z.number().int().min(1).default(1),
});
export type SpeedResult = z.infer<typeof SpeedResult>;

export const QualityResult = z.object({
  kind: z.literal("quality"),
  description: z.string().default(""),
  value: z.number(),
  unit: z.string(),
  better: z.enum(["lower", "higher"]),
  tolerance: z.number().nonnegative(),
  seconds: z.number().nonnegative().default(0),
  fullOnly: z.boolean().default(false),
  anchors: z.record(z.string(), z.number()).default({}),
  details: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
});
export type QualityResult = z.infer<typeof QualityResult>;

export const SkippedResult = z.object({ kind: z.literal("skipped"), reason: z.string() });
export const FailedResult = z.object({ kind: z.literal("failed"), error: z.string() });

export const CaseResult = z.discriminatedUnion("kind", [SpeedResult, QualityResult, SkippedResult, FailedResult]);
export type CaseResult = z.infer<typeof CaseResult>;

export const Machine = z.object({
  cpu: z.string(),
  cores: z.number().int(),
  memoryGiB: z.number(),
  node: z.string(),
  platform: z.string(),
});
export type Machine = z.infer<typeof Machine>;

export const RunResults = z.object({
  schema: z.literal(1),
  createdAt: z.string(),
  mode: z.enum(["full", "quick"]),
  machine: Machine,
  calibration: z.object({
    version: z.number().int(),
    /** Median of the calibration workload over the whole run, ms (machine speed, for reading). */
    medianMs: z.number().positive(),
  }),
  /** Keyed by "suite/case". */
  cases: z.record(z.string(), CaseResult),
});
export type RunResults = z.infer<typeof RunResults>;

/** The machine this process runs on. */
export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/**
 * Reads and validates a results file.
 * @throws Error naming the file and the first problems when it is missing or not a results file.
 */
export function readResults(path: string): RunResults {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`cannot read results file ${path}: ${(e as Error).message}`);
  }
  const parsed = RunResults.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `  ${i.path.map(String).join(".") || "(root)"}: ${i.message}`)
      .join("\n");
    throw new Error(`${path} is not a benchmark results file (schema 1):\n${issues}`);
  }
  return parsed.data;
}

/** Writes a results file (pretty JSON, trailing newline), creating its folder. */
export function writeResults(path: string, results: RunResults): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
