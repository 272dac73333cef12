// Scale benchmark, beyond one machine, in one run:
// 1. solve-job throughput with 1, 2 and 4 `urbanmine worker` processes on PostgreSQL + Redis
//    (the same iteration-bounded jobs each time; rounds alternate the worker counts);
// 2. a carrier's route pull (GET /v1/carriers/c1/routes, a day of 200 stops) from the app on the
//    PostgreSQL store beside the app on the embedded SQLite store, alternating autocannon rounds.
// Usage: node dist/bench/scale/run.js --pg postgres://… --redis redis://… [--jobs 12] [--rounds 2]
//   [--seconds 5] [--connections 10] (or URBANMINE_TEST_PG_URL / URBANMINE_TEST_REDIS_URL).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { parseScenario } from "../../src/domain/index.js";
import { JobRunner, RedisQueue } from "../../src/pipeline/index.js";
import type { Planner } from "../../src/pipeline/types.js";
import { PgStore } from "../../src/storage/index.js";
import { benchScenario } from "../api/day-fixture.js";
import { type BenchServer, startBenchServer } from "../api/spawn-server.js";

const here = dirname(fileURLToPath(import.meta.url));
const MAIN = join(here, "..", "..", "src", "cli", "main.js");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () => loadavg().map((x) => x.toFixed(1)).join(" ");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** A new empty database on the server of `baseUrl`; returns its URL and a function that drops it. */
async function freshDb(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `um_bench_${randomBytes(5).toString("hex")}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** This process only submits; a planner that would solve here is a bug in the benchmark. */
const noSolves: Planner = {
  run: () => Promise.reject(new Error("the bench submitter does not solve")),
  routeDay: () => Promise.reject(new Error("the bench submitter does not solve")),
  close: async () => undefined,
};

interface Throughput {
  workers: number;
  jobs: number;
  wallS: number;
  jobsPerMin: number;
  load: string;
}

/** Starts `workers` worker processes, submits `jobs` solves, and times submit-to-last-done. */
async function throughput(pgUrl: string, redisUrl: string, workers: number, jobs: number): Promise<Throughput> {
  const db = await freshDb(pgUrl);
  const queueName = `bench-${process.pid}-${Date.now()}`;
  const env = { ...process.env, URBANMINE_DB: db.url, URBANMINE_REDIS_URL: redisUrl, URBANMINE_QUEUE_NAME: queueName };
  const store = await PgStore.open(db.url);
  const queue = new RedisQueue({ url: redisUrl, name: queueName });
  const runner = new JobRunner({ store, planner: noSolves, queue, solve: false, maxQueued: 1000, maxSolveS: 600 });
  const children: ChildProcess[] = [];
  try {
    await store.createScenario(parseScenario(benchScenario("bench-city")));
    await runner.start();
    const ready = Array.from({ length: workers }, () => {
      const child = spawn(process.execPath, [MAIN, "worker", "--concurrency", "1", "--threads", "1", "--quiet"], { env, stdio: ["ignore", "ignore", "pipe"] });
      children.push(child);
      return new Promise<void>((resolve, reject) => {
        let log = "";
        child.stderr?.on("data", (d: Buffer) => {
          log += d.toString();
          if (log.includes("queue redis")) resolve();
        });
        child.once("exit", (code) => reject(new Error(`worker exited with ${code}: ${log}`)));
      });
    });
    await Promise.all(ready);
    const t0 = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < jobs; i++) ids.push((await runner.submit("bench-city", { timeLimitS: 300, seed: i + 1, routingIterations: 2000 })).id);
    for (;;) {
      const states = await Promise.all(ids.map(async (id) => (await store.getJob(id))?.state));
      if (states.every((s) => s === "done" || s === "failed" || s === "cancelled")) {
        const failed = states.filter((s) => s !== "done").length;
        if (failed > 0) throw new Error(`${failed} job(s) did not end done`);
        break;
      }
      await sleep(100);
    }
    const wallS = (Date.now() - t0) / 1000;
    return { workers, jobs, wallS, jobsPerMin: (jobs / wallS) * 60, load: load() };
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : undefined)));
    await runner.close();
    await store.close();
    await queue.obliterate().catch(() => undefined);
    await db.drop();
  }
}

async function routePull(pgUrl: string, seconds: number, rounds: number, connections: number): Promise<string> {
  const db = await freshDb(pgUrl);
  const servers = [["SQLite file (embedded default)", await startBenchServer([])], ["PostgreSQL", await startBenchServer(["--db", db.url])]] as const;
  try {
    const runs = servers.map(() => [] as Array<{ rps: number; p50: number; p99: number; errors: number }>);
    const opts = (s: BenchServer): autocannon.Options => ({
      url: `${s.url}/v1/carriers/c1/routes?date=${s.date}`,
      headers: { authorization: `Bearer ${s.keys.carrier}` },
      connections,
    });
    for (const [, s] of servers) await autocannon({ ...opts(s), duration: 1 }); // warm-up
    for (let i = 0; i < rounds; i++) {
      for (let k = 0; k < servers.length; k++) {
        const r = await autocannon({ ...opts(servers[k][1]), duration: seconds });
        runs[k].push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx });
      }
    }
    const lines = ["| store | req/s (median) | p50 ms | p99 ms | errors + non-2xx |", "|---|---|---|---|---|"];
    for (let k = 0; k < servers.length; k++) {
      const m = (f: "rps" | "p50" | "p99") => median(runs[k].map((r) => r[f]));
      lines.push(`| ${servers[k][0]} | ${m("rps").toFixed(0)} | ${m("p50").toFixed(1)} | ${m("p99").toFixed(1)} | ${runs[k].reduce((a, r) => a + r.errors, 0)} |`);
    }
    const ratio = median(runs[1].map((r) => r.rps)) / median(runs[0].map((r) => r.rps));
    lines.push("", `PostgreSQL / SQLite req/s: ${ratio.toFixed(2)} (load at the end: ${load()})`);
    return lines.join("\n");
  } finally {
    for (const [, s] of servers) s.child.kill("SIGTERM");
    await Promise.all(servers.map(([, s]) => new Promise((r) => (s.child.exitCode === null ? s.child.once("exit", r) : r(null)))));
    await db.drop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      pg: { type: "string", default: process.env.URBANMINE_TEST_PG_URL },
      redis: { type: "string", default: process.env.URBANMINE_TEST_REDIS_URL },
      jobs: { type: "string", default: "12" },
      rounds: { type: "string", default: "2" },
      seconds: { type: "string", default: "5" },
      connections: { type: "string", default: "10" },
      "skip-pull": { type: "boolean", default: false },
      "skip-throughput": { type: "boolean", default: false },
    },
  });
  if (!values.pg || !values.redis) {
    process.stderr.write("scale bench: give --pg postgres://… and --redis redis://… (or source .ci/services.sh)\n");
    process.exitCode = 2;
    return;
  }
  const rounds = Number(values.rounds);
  process.stdout.write(`# Scale benchmark, ${new Date().toISOString()}, node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, load ${load()}\n`);
  if (!values["skip-throughput"]) {
    const jobs = Number(values.jobs);
    const counts = [1, 2, 4];
    const results = new Map<number, Throughput[]>(counts.map((w) => [w, []]));
    for (let r = 0; r < rounds; r++) {
      for (const w of counts) {
        const t = await throughput(values.pg, values.redis, w, jobs);
        results.get(w)?.push(t);
        process.stderr.write(`round ${r + 1}: ${w} worker(s): ${t.jobs} jobs in ${t.wallS.toFixed(1)} s (load ${t.load})\n`);
      }
    }
    const base = median((results.get(1) ?? []).map((t) => t.jobsPerMin));
    process.stdout.write(`\n## Solve throughput: ${jobs} jobs (iteration-bounded, 2,000 routing iterations each), ${rounds} alternating round(s)\n\n`);
    process.stdout.write("| workers | wall s per round | jobs/min (median) | vs 1 worker | load (1/5/15 min) at each round's end |\n|---|---|---|---|---|\n");
    for (const w of counts) {
      const ts = results.get(w) ?? [];
      const jpm = median(ts.map((t) => t.jobsPerMin));
      process.stdout.write(`| ${w} | ${ts.map((t) => t.wallS.toFixed(1)).join(", ")} | ${jpm.toFixed(1)} | ${(jpm / base).toFixed(2)} | ${ts.map((t) => t.load).join("; ")} |\n`);
    }
  }
  if (!values["skip-pull"]) {
    process.stdout.write(`\n## Carrier route pull (a day of 200 stops), ${rounds} alternating rounds of ${values.seconds} s, ${values.connections} connections\n\n`);
    process.stdout.write(`${await routePull(values.pg, Number(values.seconds), rounds, Number(values.connections))}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`scale bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
