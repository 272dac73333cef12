// Quality benchmark of the CFLP methods on OR-Library cap instances: the Lagrangian branch and
// bound beside plain HiGHS, in one process, one solve at a time. Prints a markdown table with
// each solve's status, time, gap and excess over the published optimum, then medians.
// usage: node dist/bench/siting/cflp-bench.js [--set small|large|all] [--limit S] [--large-limit S] [--only NAME,...]
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { checkCflp, type CflpResult, parseOrlibCap, solveCflpHighs, solveCflpLagrangian } from "../../src/siting/cflp/index.js";

const DIR = "/work/shared/benchmarks/cflp/orlib";
const BKS = JSON.parse(readFileSync("/work/shared/benchmarks/cflp/bks.json", "utf8")) as Record<string, { bks?: number; file?: string; capacity?: number }>;

interface Row {
  name: string;
  lag: Measured;
  highs: Measured;
}
interface Measured {
  status: string;
  seconds: number;
  /** CPU seconds of this process during the solve (the machine is shared: wall time overstates). */
  cpuS: number;
  gapPct: number;
  excessPct: number;
}

async function timed(run: () => Promise<CflpResult>): Promise<[CflpResult, number]> {
  const c0 = process.cpuUsage();
  const r = await run();
  const c = process.cpuUsage(c0);
  return [r, (c.user + c.system) / 1e6];
}

function measure(name: string, [r, cpuS]: [CflpResult, number], inst: ReturnType<typeof parseOrlibCap>): Measured {
  const c = checkCflp(inst, r);
  if (Number.isFinite(r.objective) && !c.ok) throw new Error(`${name}: solution fails the check: ${c.violations[0]}`);
  const opt = BKS[name].bks!;
  const obj = Number.isFinite(r.objective) ? c.objective : Infinity;
  const bound = Math.min(r.bound, obj);
  return {
    status: r.status,
    seconds: r.seconds,
    cpuS,
    gapPct: Number.isFinite(obj) ? ((obj - bound) / obj) * 100 : Infinity,
    excessPct: Number.isFinite(obj) ? ((obj - opt) / opt) * 100 : Infinity,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const k = Math.floor(s.length / 2);
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
}

const f = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : "—");

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      set: { type: "string", default: "all" },
      limit: { type: "string", default: "60" },
      "large-limit": { type: "string", default: "60" },
      only: { type: "string" },
    },
  });
  const names = Object.keys(BKS).filter((k) => !k.startsWith("_") && !k.endsWith("_uflp"));
  const small = names.filter((k) => /^cap\d+$/.test(k));
  const large = names.filter((k) => /^cap[abc]_\d+$/.test(k));
  let chosen = values.set === "small" ? small : values.set === "large" ? large : [...small, ...large];
  if (values.only) chosen = values.only.split(",");
  const rows: Row[] = [];
  process.stdout.write(`# CFLP benchmark, ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? "?"} × ${cpus().length}, Node ${process.version}, load average at start ${loadavg()[0].toFixed(1)}\n\n`);
  process.stdout.write("| instance | optimum | Lagrangian B&B: status | wall s | CPU s | gap % | over opt % | plain HiGHS: status | wall s | CPU s | gap % | over opt % |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const name of chosen) {
    const meta = BKS[name];
    const file = `${DIR}/${(meta.file ?? `orlib/${name}.txt`).replace(/^orlib\//, "")}`;
    const inst = parseOrlibCap(readFileSync(file, "utf8"), name, meta.capacity);
    const limit = Number(large.includes(name) ? values["large-limit"] : values.limit);
    const lag = measure(name, await timed(() => solveCflpLagrangian(inst, { timeLimitS: limit })), inst);
    const highs = measure(name, await timed(() => solveCflpHighs(inst, { timeLimitS: limit })), inst);
    rows.push({ name, lag, highs });
    process.stdout.write(
      `| ${name} | ${meta.bks} | ${lag.status} | ${f(lag.seconds)} | ${f(lag.cpuS)} | ${f(lag.gapPct, 4)} | ${f(lag.excessPct, 4)} | ${highs.status} | ${f(highs.seconds)} | ${f(highs.cpuS)} | ${f(highs.gapPct, 4)} | ${f(highs.excessPct, 4)} |\n`,
    );
  }
  process.stdout.write(`\nload average at end ${loadavg()[0].toFixed(1)}\n`);
  for (const [label, set] of [["cap41–cap134", small], ["capa/b/c", large]] as const) {
    const rs = rows.filter((r) => set.includes(r.name));
    if (rs.length === 0) continue;
    const lagOpt = rs.filter((r) => r.lag.status === "optimal").length;
    const hiOpt = rs.filter((r) => r.highs.status === "optimal").length;
    process.stdout.write(
      `\n${label}: Lagrangian B&B proved ${lagOpt}/${rs.length} optimal, median ${f(median(rs.map((r) => r.lag.seconds)))} s wall, ${f(median(rs.map((r) => r.lag.cpuS)))} s CPU; ` +
        `plain HiGHS ${hiOpt}/${rs.length}, median ${f(median(rs.map((r) => r.highs.seconds)))} s wall, ${f(median(rs.map((r) => r.highs.cpuS)))} s CPU; ` +
        `median wall-time ratio HiGHS / Lagrangian ${f(median(rs.map((r) => r.highs.seconds / r.lag.seconds)))}\n`,
    );
  }
}

await main();
