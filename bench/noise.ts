// `node dist/bench/noise.js [--runs N] [--quick] [--filter TEXT]`: measures the run-to-run noise
// the check's tolerance must absorb, by running the benchmarks N times in separate processes
// (as a baseline and a CI run are) and reporting each speed ratio's spread across them.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { median } from "./harness/measure.js";
import { readResults } from "./harness/results.js";
import { markdownTable, textTable } from "./harness/table.js";

/** Spread of one case's ratio over independent runs. */
export interface NoiseRow {
  key: string;
  ratios: number[];
  median: number;
  /** Largest |ratio / median - 1| over the runs. */
  maxDeviation: number;
  /** Largest ratio / smallest ratio - 1: the worst a baseline-vs-run pair could differ. */
  worstPair: number;
}

/** Spread of each speed case over a list of runs' ratios. */
export function noiseRows(byCase: Map<string, number[]>): NoiseRow[] {
  return [...byCase].map(([key, ratios]) => {
    const m = median(ratios);
    return {
      key,
      ratios,
      median: m,
      maxDeviation: Math.max(...ratios.map((r) => Math.abs(r / m - 1))),
      worstPair: Math.max(...ratios) / Math.min(...ratios) - 1,
    };
  });
}

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      runs: { type: "string", default: "5" },
      quick: { type: "boolean", default: false },
      filter: { type: "string", multiple: true, default: [] },
      markdown: { type: "boolean", default: false },
    },
  });
  const runs = Number(values.runs);
  const runJs = join(fileURLToPath(new URL(".", import.meta.url)), "run.js");
  const dir = mkdtempSync(join(tmpdir(), "urbanmine-noise-"));
  const byCase = new Map<string, number[]>();
  try {
    for (let i = 0; i < runs; i++) {
      const out = join(dir, `run-${i}.json`);
      const extra = [...(values.quick ? ["--quick"] : []), ...(values.filter ?? []).flatMap((f) => ["--filter", f])];
      process.stderr.write(`noise: run ${i + 1}/${runs}\n`);
      execFileSync(process.execPath, [runJs, "--out", out, ...extra], { stdio: ["ignore", "ignore", "inherit"] });
      for (const [key, r] of Object.entries(readResults(out).cases)) {
        if (r.kind !== "speed") continue;
        byCase.set(key, [...(byCase.get(key) ?? []), r.ratio]);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rows = [["case", "median ratio", "min..max", "max deviation", "worst pair"]];
  for (const r of noiseRows(byCase))
    rows.push([
      r.key,
      r.median.toFixed(3),
      `${Math.min(...r.ratios).toFixed(3)}..${Math.max(...r.ratios).toFixed(3)}`,
      `${(r.maxDeviation * 100).toFixed(1)}%`,
      `${(r.worstPair * 100).toFixed(1)}%`,
    ]);
  process.stdout.write(`${values.markdown ? markdownTable(rows) : textTable(rows)}\n\n${runs} ${values.quick ? "quick" : "full"} runs in separate processes\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`noise: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(2);
    },
  );
}
