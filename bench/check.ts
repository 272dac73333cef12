// `npm run bench:check [-- --quick] [--results FILE] [--baseline FILE] [--update-baseline] [--repeat N]`:
// runs the suites (or reads a results file) and compares with bench/baseline.json. Exit 0 when
// every case is within tolerance, 1 on a regression, 2 when the inputs cannot be read.
// A speed case out of tolerance is measured again (up to RETRIES times) and its best attempt
// counts: a real slow-down is slow every time, a burst of load from other processes rarely is.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { type Comparison, FAILING, compareRuns } from "./harness/compare.js";
import { mergeRuns } from "./harness/merge.js";
import { findRepoRoot } from "./harness/paths.js";
import { type RunResults, readResults, writeResults } from "./harness/results.js";

/** Extra measurements of a speed case found out of tolerance. */
export const RETRIES = 2;
import { textTable } from "./harness/table.js";
import { latestResultsPath, runBenchmarks } from "./run.js";

/** Default place of the reference figures. */
export function baselinePath(repoRoot: string = findRepoRoot()): string {
  return join(repoRoot, "bench", "baseline.json");
}

/** The before/after table of a comparison, with its notes and verdict. */
export function formatComparison(c: Comparison): string {
  const rows = [["case", "kind", "baseline", "this run", "change", "tolerance", "status", "note"]];
  for (const r of c.rows) rows.push([r.key, r.kind, r.before, r.after, r.change, r.tolerance, FAILING.has(r.status) ? r.status.toUpperCase() : r.status, r.note]);
  const failing = c.rows.filter((r) => FAILING.has(r.status)).length;
  const verdict = c.passed ? "bench:check passed" : `bench:check FAILED: ${failing} case(s) out of tolerance`;
  return `${textTable(rows)}\n\n${c.notes.map((n) => `note: ${n}`).join("\n")}\n${verdict}\n`;
}

/** Re-measures the speed cases of `run` that are out of tolerance against `baseline`, keeping each one's best attempt. */
async function remeasureSlow(baseline: RunResults, run: RunResults): Promise<void> {
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    const slow = compareRuns(baseline, run).rows.filter((r) => r.status === "slower").map((r) => r.key);
    if (slow.length === 0) return;
    process.stderr.write(`bench:check: out of tolerance, measuring again: ${slow.join(", ")}\n`);
    const again = await runBenchmarks(run.mode === "quick", [], slow);
    for (const key of slow) {
      const before = run.cases[key];
      const now = again.cases[key];
      if (before?.kind !== "speed") continue;
      const attempts = before.attempts + 1;
      run.cases[key] = now?.kind === "speed" && now.ratio < before.ratio ? { ...now, attempts } : { ...before, attempts };
    }
  }
}

/** CLI entry; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: "boolean", default: false },
      results: { type: "string" },
      baseline: { type: "string" },
      out: { type: "string" },
      filter: { type: "string", multiple: true, default: [] },
      repeat: { type: "string", default: "1" },
      "update-baseline": { type: "boolean", default: false },
    },
  });
  const basePath = values.baseline ?? baselinePath();
  let run: RunResults;
  if (values.results) {
    try {
      run = readResults(values.results);
    } catch (e) {
      process.stderr.write(`bench:check: ${(e as Error).message}\n`);
      return 2;
    }
  } else {
    const repeat = Number(values.repeat);
    if (!Number.isInteger(repeat) || repeat < 1) {
      process.stderr.write(`bench:check: --repeat takes a whole number >= 1, got '${values.repeat}'\n`);
      return 2;
    }
    const runs: RunResults[] = [];
    for (let i = 0; i < repeat; i++) runs.push(await runBenchmarks(values.quick ?? false, values.filter ?? []));
    run = mergeRuns(runs);
    if (!values["update-baseline"] && existsSync(basePath)) await remeasureSlow(readResults(basePath), run);
    const out = values.out ?? latestResultsPath();
    writeResults(out, run);
    process.stderr.write(`bench:check: this run's results are in ${out}\n`);
  }
  if (values["update-baseline"]) {
    const failed = Object.entries(run.cases).filter(([, r]) => r.kind === "failed");
    if (failed.length > 0) {
      process.stderr.write(`bench:check: not writing a baseline with failed cases: ${failed.map(([k]) => k).join(", ")}\n`);
      return 1;
    }
    if (existsSync(basePath)) {
      try {
        process.stdout.write(formatComparison(compareRuns(readResults(basePath), run)));
      } catch {
        // an unreadable old baseline is simply replaced
      }
    }
    writeResults(basePath, run);
    process.stdout.write(`bench:check: baseline written to ${basePath}\n`);
    return 0;
  }
  let baseline: RunResults;
  try {
    baseline = readResults(basePath);
  } catch (e) {
    process.stderr.write(`bench:check: ${(e as Error).message}\n(create one with --update-baseline)\n`);
    return 2;
  }
  const comparison = compareRuns(baseline, run);
  process.stdout.write(formatComparison(comparison));
  return comparison.passed ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`bench:check: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(2);
    },
  );
}
