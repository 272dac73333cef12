// API benchmark: autocannon against real listening servers in a child process.
// 1. GET a carrier's day of 200 stops vs a bare Fastify "hello" route, alternating rounds in one run.
// 2. /healthz latency at a fixed request rate, idle and while 20 scenarios are submitted and solved.
// Usage: node dist/bench/api/run.js [--seconds 5] [--rounds 3] [--connections 10] [--skip-routes] [--skip-solve]
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { benchScenario } from "./day-fixture.js";
import { type BenchServer, startBenchServer } from "./spawn-server.js";

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  bytesPerReq: number;
}

type Started = BenchServer;

function startChild(solve: boolean): Promise<Started> {
  return startBenchServer(solve ? ["--solve"] : []);
}

async function cannon(opts: autocannon.Options): Promise<Figures> {
  const r = await autocannon({ ...opts });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    bytesPerReq: r.requests.total ? r.throughput.total / r.requests.total : 0,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function summarise(name: string, runs: Figures[]): string {
  const m = (k: keyof Figures) => median(runs.map((r) => r[k]));
  const sum = (k: keyof Figures) => runs.reduce((a, r) => a + r[k], 0);
  return `| ${name} | ${m("rps").toFixed(0)} | ${m("p50").toFixed(1)} | ${m("p99").toFixed(1)} | ${sum("errors")} | ${sum("non2xx")} | ${(m("bytesPerReq") / 1024).toFixed(1)} |`;
}

async function routesVsHello(seconds: number, rounds: number, connections: number): Promise<void> {
  const s = await startChild(false);
  try {
    const routesUrl = `${s.url}/v1/carriers/c1/routes?date=${s.date}`;
    const auth = { authorization: `Bearer ${s.keys.carrier}` };
    const targets: Array<[string, autocannon.Options]> = [
      ["bare Fastify hello", { url: `${s.helloUrl}/hello` }],
      ["GET /v1/carriers/c1/routes (JSON)", { url: routesUrl, headers: auth }],
      ["bare Fastify, same bytes as the routes", { url: `${s.helloUrl}/bytes` }],
    ];
    const runs = targets.map((): Figures[] => []);
    for (const [, o] of targets) await cannon({ ...o, duration: 1, connections }); // warm-up
    for (let i = 0; i < rounds; i++) {
      for (let k = 0; k < targets.length; k++) runs[k].push(await cannon({ ...targets[k][1], duration: seconds, connections }));
    }
    process.stdout.write(`\n## GET daily routes (200 stops) vs bare hello: ${rounds} alternating rounds of ${seconds} s, ${connections} connections\n\n`);
    process.stdout.write("| route | req/s (median) | p50 ms | p99 ms | errors | non-2xx | KiB/response |\n|---|---|---|---|---|---|---|\n");
    for (let k = 0; k < targets.length; k++) process.stdout.write(`${summarise(targets[k][0], runs[k])}\n`);
    const hello = median(runs[0].map((r) => r.rps));
    const rps = (k: number) => median(runs[k].map((r) => r.rps));
    process.stdout.write(`\nroutes / hello: ${(rps(1) / hello).toFixed(2)}; same bytes bare / hello: ${(rps(2) / hello).toFixed(2)}; routes / same bytes bare: ${(rps(1) / rps(2)).toFixed(2)}\n`);
  } finally {
    s.child.kill("SIGTERM");
  }
}

/** Event-loop delay of the server since the previous scrape (prom-client resets it on each collect), ms. */
async function loopLag(url: string): Promise<{ p99: number; max: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name: string) => Number(/^(\S+) (\S+)$/m.exec(text.split("\n").find((l) => l.startsWith(`${name} `)) ?? "")?.[2] ?? NaN) * 1000;
  return { p99: read("nodejs_eventloop_lag_p99_seconds"), max: read("nodejs_eventloop_lag_max_seconds") };
}

async function healthUnderSubmissions(seconds: number): Promise<void> {
  const s = await startChild(true);
  try {
    const health = { url: `${s.url}/healthz`, duration: seconds, connections: 4, overallRate: 200 };
    await loopLag(s.url);
    const idle = await cannon(health);
    const idleLag = await loopLag(s.url);
    const h = { authorization: `Bearer ${s.keys.planner}`, "content-type": "application/json" };
    const busy = cannon(health);
    await new Promise((r) => setTimeout(r, 500));
    const submitted = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const id = `bench-${i}`;
        const c = await fetch(`${s.url}/v1/scenarios`, { method: "POST", headers: h, body: JSON.stringify(benchScenario(id)) });
        const j = await fetch(`${s.url}/v1/scenarios/${id}/solve`, { method: "POST", headers: h, body: JSON.stringify({ timeLimitS: 1 }) });
        return [c.status, j.status];
      }),
    );
    const under = await busy;
    const busyLag = await loopLag(s.url);
    const accepted = submitted.filter(([c, j]) => c === 201 && j === 202).length;
    process.stdout.write(`\n## /healthz at 200 req/s for ${seconds} s: idle, then while 20 scenarios are submitted and solved\n\n`);
    process.stdout.write("| condition | req/s | p50 ms | p99 ms | max ms | errors | non-2xx | event-loop delay p99 / max ms |\n|---|---|---|---|---|---|---|---|\n");
    for (const [name, f, lag] of [["idle", idle, idleLag], ["20 submissions + solves", under, busyLag]] as const) {
      process.stdout.write(`| ${name} | ${f.rps.toFixed(0)} | ${f.p50.toFixed(1)} | ${f.p99.toFixed(1)} | ${f.max.toFixed(1)} | ${f.errors} | ${f.non2xx} | ${lag.p99.toFixed(1)} / ${lag.max.toFixed(1)} |\n`);
    }
    const jobs = (await (await fetch(`${s.url}/metrics`)).text()).split("\n").filter((l) => l.startsWith("urbanmine_jobs{"));
    process.stdout.write(`\nsubmissions accepted: ${accepted}/20; jobs at the end: ${jobs.join(", ")}\n`);
  } finally {
    s.child.kill("SIGTERM");
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "5" },
      rounds: { type: "string", default: "3" },
      connections: { type: "string", default: "10" },
      "skip-solve": { type: "boolean", default: false },
      "skip-routes": { type: "boolean", default: false },
    },
  });
  process.stdout.write(`# API benchmark, ${new Date().toISOString()}, node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}\n`);
  if (!values["skip-routes"]) await routesVsHello(Number(values.seconds), Number(values.rounds), Number(values.connections));
  if (!values["skip-solve"]) await healthUnderSubmissions(Math.max(10, Number(values.seconds) * 2));
}

void main();
