// `npm run bench [-- --quick] [--filter TEXT] [--out FILE]`: runs every suite and writes the
// results file (default bench/results/latest.json), then prints a summary table.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { findRepoRoot, findSharedDir } from "./harness/paths.js";
import type { CaseResult, RunResults } from "./harness/results.js";
import { writeResults } from "./harness/results.js";
import { runSuites } from "./harness/runner.js";
import { textTable } from "./harness/table.js";
import { SUITES } from "./suites/index.js";

/** Default place of the latest run's results. */
export function latestResultsPath(repoRoot: string = findRepoRoot()): string {
  return join(repoRoot, "bench", "results", "latest.json");
}

/** Runs all suites (or those matching `filters`, or exactly `keys`) with progress on stderr. */
export async function runBenchmarks(quick: boolean, filters: string[] = [], keys?: string[]): Promise<RunResults> {
  const repoRoot = findRepoRoot();
  const sharedDir = findSharedDir(repoRoot);
  const log = (m: string): void => void process.stderr.write(`${m}\n`);
  log(`bench: ${quick ? "quick" : "full"} run; shared data: ${sharedDir ?? "not found (cases that need it are skipped)"}`);
  return runSuites(SUITES, { quick, filters, keys, context: { repoRoot, sharedDir, log } });
}

function figure(r: CaseResult): [string, string, string] {
  switch (r.kind) {
    case "speed":
      return [r.ratio.toFixed(3), `${Math.min(...r.ratios).toFixed(3)}..${Math.max(...r.ratios).toFixed(3)}`, `${r.medianMs.toFixed(3)} ms`];
    case "quality":
      return [`${r.value.toFixed(3)} ${r.unit}`, "", `${r.seconds.toFixed(1)} s`];
    case "skipped":
      return ["skipped", "", r.reason];
    case "failed":
      return ["FAILED", "", r.error.split("\n")[0]];
  }
}

/** The summary of a run as a text table. */
export function summaryTable(results: RunResults): string {
  const rows = [["case", "kind", "ratio / value", "round spread", "median / time"]];
  for (const [key, r] of Object.entries(results.cases)) rows.push([key, r.kind, ...figure(r)]);
  return textTable(rows);
}

/** CLI entry; returns the exit code (1 when a case failed). */
export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: "boolean", default: false },
      filter: { type: "string", multiple: true, default: [] },
      out: { type: "string" },
    },
  });
  const results = await runBenchmarks(values.quick ?? false, values.filter ?? []);
  const out = values.out ?? latestResultsPath();
  writeResults(out, results);
  process.stdout.write(`${summaryTable(results)}\n\ncalibration median ${results.calibration.medianMs.toFixed(3)} ms on ${results.machine.cpu} (${results.machine.cores} cores); results in ${out}\n`);
  return Object.values(results.cases).some((r) => r.kind === "failed") ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(2);
    },
  );
}
