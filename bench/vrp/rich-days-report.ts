// The rich-days result page: one table per recorded run set (bench/results/rich-days-*.json),
// urbanmine beside its peer on each day, with the anchors of ../shared/benchmarks/rich-days/README.md.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** One solver's run in one pair (cost null when its answer was infeasible or unreadable). */
export interface PairRun {
  day: string;
  variant: "full" | "nohaz";
  seed: number;
  solver: string;
  stops: number;
  cost: number | null;
  errors: string[];
  routes: number;
  fleet: Record<string, number>;
  wallS: number;
  cpuS: number;
  /** One-minute load average when the pair started. */
  load1: number;
  /** Search iterations the solver reported (urbanmine's genetic or iterated search, PyVRP's). */
  iterations?: number;
}

/** A recorded bench run: what was measured, when, on which commit. */
export interface RunSet {
  tag: string;
  commit: string;
  date: string;
  timeLimitS: number;
  /** What the limit bounds: each solver's wall time (the default) or CPU time (`--cpu`; VROOM still wall). */
  budget?: "wall" | "cpu";
  uptimeBefore: string;
  uptimeAfter: string;
  runs: PairRun[];
}

/** README anchors (30 s, seeds 1 / 2, load 3-4, 2026-12-07): urbanmine e332865 and the peer. */
const ANCHORS: Record<string, string> = {
  "day200 full": "2961.43 / 3129.89 vs VROOM 2776.94 / 2794.46",
  "day400 full": "5129.13 / 4826.90 vs VROOM 4569.31 / 4607.70",
  "day200 nohaz": "2722.37 / 2639.34 vs PyVRP 2319.28 / 2360.85",
  "day400 nohaz": "4871.90 / 4944.46 vs PyVRP 3696.33 / 3743.51",
};

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const fmt = (x: number | null): string => (x === null ? "infeasible" : x.toFixed(2));
const fleet = (f: Record<string, number>): string => Object.entries(f).sort().map(([k, n]) => `${n} ${k}`).join(" + ") || "—";

function stats(runs: PairRun[]): { costs: string; mean: number | null; spread: string; cpu: string; wall: string; rate: string } {
  const ok = runs.map((r) => r.cost).filter((c): c is number => c !== null);
  const m = ok.length === runs.length && ok.length > 0 ? mean(ok) : null;
  const spread = m !== null && ok.length > 1 ? `${(((Math.max(...ok) - Math.min(...ok)) / m) * 100).toFixed(1)}%` : "—";
  const rated = runs.filter((r) => r.iterations !== undefined && r.cpuS > 0);
  const rate = rated.length === runs.length ? mean(rated.map((r) => (r.iterations as number) / r.cpuS)).toFixed(0) : "—";
  return { costs: runs.map((r) => fmt(r.cost)).join(" / "), mean: m, spread, cpu: mean(runs.map((r) => r.cpuS)).toFixed(1), wall: mean(runs.map((r) => r.wallS)).toFixed(0), rate };
}

/** Markdown of one run set. */
export function runSetMarkdown(set: RunSet): string {
  const lines = [
    `### ${set.tag}: commit ${set.commit}, ${set.date}, ${set.timeLimitS} s ${set.budget === "cpu" ? "CPU (VROOM: wall)" : "wall"} per solver`,
    "",
    `Load (\`uptime\`) before: ${set.uptimeBefore}; after: ${set.uptimeAfter}. Load at the start of each pair: ${Math.min(...set.runs.map((r) => r.load1)).toFixed(2)}–${Math.max(...set.runs.map((r) => r.load1)).toFixed(2)}.`,
    "",
    "| day | stops | solver | cost, seeds " + [...new Set(set.runs.map((r) => r.seed))].join(" / ") + " | mean | spread | urbanmine ÷ peer | vehicles used (first seed) | CPU-s (mean) | iterations per CPU-s (mean) | wall s, process (mean) | anchors (README: urbanmine vs peer, seeds 1 / 2) |",
    "| --- | ---: | --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |",
  ];
  const keys = [...new Set(set.runs.map((r) => `${r.day} ${r.variant}`))];
  for (const key of keys) {
    const pair = set.runs.filter((r) => `${r.day} ${r.variant}` === key);
    const [day, variant] = key.split(" ");
    const label = variant === "full" ? `${day}` : `${day} without hazardous stops`;
    const solvers = [...new Set(pair.map((r) => r.solver))];
    const byS = solvers.map((s) => ({ s, runs: pair.filter((r) => r.solver === s), st: stats(pair.filter((r) => r.solver === s)) }));
    const u = byS.find((x) => x.s === "urbanmine")?.st.mean ?? null;
    const peer = byS.find((x) => x.s !== "urbanmine")?.st.mean ?? null;
    const ratio = u !== null && peer !== null ? `${((u / peer - 1) * 100).toFixed(1)}%` : "—";
    byS.forEach(({ s, runs, st }, i) => {
      const head = i === 0 ? `| ${label} | ${runs[0].stops} ` : "| | ";
      lines.push(`${head}| ${s} | ${st.costs} | ${fmt(st.mean)} | ${st.spread} | ${i === 0 ? ratio : ""} | ${fleet(runs[0].fleet)} | ${st.cpu} | ${st.rate} | ${st.wall} | ${i === 0 ? (ANCHORS[key] ?? "—") : ""} |`);
    });
  }
  const failures = set.runs.filter((r) => r.errors.length > 0);
  if (failures.length > 0) {
    lines.push("", "Infeasible or failed answers (first errors):", "");
    for (const f of failures) {
      const unserved = f.errors.filter((e) => e.endsWith("not served")).length;
      const head = unserved > 0 ? `${unserved} of ${f.stops} stops not served` : `${f.errors.length} rules broken`;
      lines.push(`- ${f.day} ${f.variant} seed ${f.seed} ${f.solver}: ${head} (${f.errors.slice(0, 3).join("; ")}${f.errors.length > 3 ? "; …" : ""})`);
    }
  }
  return lines.join("\n");
}

/** Regenerates the page from every `rich-days-*.json` in `dir`, newest first. */
export function writeRichDaysPage(dir: string): void {
  const sets = readdirSync(dir)
    .filter((f) => /^rich-days-.*\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as RunSet)
    .sort((a, b) => b.date.localeCompare(a.date));
  const head = [
    "# Rich collection days: urbanmine beside VROOM and PyVRP",
    "",
    "Made by `bench/vrp/rich-days.ts` (`npm run build && node dist/bench/vrp/rich-days.js`). Days: day200 and day400 of",
    "`../shared/benchmarks/rich-days/`, and day1000 built the same way by `bench/vrp/make-day.ts --requests 1000`",
    "(75 vehicles: 50 vans, 25 trucks). Full days (skills kept) against VROOM (`-t 1 -x 5 -l 30`, given the day",
    "through `toVroomProblem`: grams, litres, cents); the same days without hazardous stops against PyVRP 0.14",
    "(`bench/vrp/pyvrp-day.py`: metres, seconds, grams, micro-dollars; PyVRP has no skills). urbanmine runs",
    "`urbanmine vrp dayN-problem.json --time-limit 30 --seed S --json` (one thread). Each pair starts at the same",
    "moment. Every cost below is recomputed by `bench/vrp/day-cost.ts` from the routes each solver returned, by the",
    "README formula (Σ used vehicles: fixed + $/km × km + $/h × hours from the latest feasible departure to the",
    "arrival at the end), after checking every stop served, capacity in kg and m³, windows, shifts and skills.",
    "VROOM is deterministic (its seeds differ only by where the time limit cuts); spread = (max − min) ÷ mean.",
    "CPU-s: user + system time of the solver's process (`/usr/bin/time`); wall s: the whole process (reading the",
    "problem included). VROOM checks its limit only between search phases, so on the larger days it runs past 30 s.",
    "A solver whose answer leaves stops unserved or breaks a rule is listed as infeasible and has no mean.",
    "",
  ];
  writeFileSync(join(dir, "rich-days.md"), `${head.join("\n")}\n${sets.map(runSetMarkdown).join("\n\n")}\n`);
}
