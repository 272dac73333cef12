// Child process of the API benchmark: serves the urbanmine app and a bare Fastify "hello" app
// (with /hello and /bytes, the routes' body as a constant) on two free ports of 127.0.0.1, seeded
// with a carrier's day, and prints their URLs and keys
// as one JSON line. `--solve` gives the app the worker-pool planner (for the submission run);
// `--db URL` puts the data in that (empty) store instead of a temporary SQLite file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Fastify from "fastify";
import { buildApp } from "../../src/api/index.js";
import { parseScenario, UrbanmineError } from "../../src/domain/index.js";
import type { Planner } from "../../src/pipeline/types.js";
import { createApiKey, openStore, SqliteStore } from "../../src/storage/index.js";
import { benchDay, benchScenario } from "./day-fixture.js";
import { createBenchPlanner } from "./planner.js";

/** The routes benchmark never solves; a solve attempt would be a bug in the benchmark. */
const noSolves: Planner = {
  run: () => Promise.reject(new UrbanmineError("SOLVER_FAILED", "this benchmark server does not solve")),
  routeDay: () => Promise.reject(new UrbanmineError("SOLVER_FAILED", "this benchmark server does not solve")),
  close: async () => undefined,
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { solve: { type: "boolean", default: false }, stops: { type: "string", default: "200" }, db: { type: "string" } },
  });
  const dir = mkdtempSync(join(tmpdir(), "um-bench-"));
  const store = values.db ? await openStore({ URBANMINE_DB: values.db }) : new SqliteStore(join(dir, "bench.db"));
  const scenario = parseScenario(benchScenario("bench-day"));
  await store.createScenario(scenario);
  const date = "2026-12-01";
  await store.putDayRoutes({
    scenarioId: scenario.id, carrierId: "c1", date, planId: "plan_bench",
    routing: benchDay(date, Number(values.stops), 5), updatedAt: new Date().toISOString(),
  });
  const carrier = (await createApiKey(store, { role: "carrier", carrierId: "c1" })).token;
  const planner = (await createApiKey(store, { role: "planner" })).token;

  const app = await buildApp({
    store,
    planner: values.solve ? createBenchPlanner() : noSolves,
    rateLimit: { max: 10_000_000, timeWindowMs: 60_000 },
    jobs: { maxQueued: 40, defaultTimeLimitS: 2, maxSolveS: 10 },
  });
  // The same bytes as the routes answer, from a bare route: separates the cost of the payload from the app's.
  const day = await app.inject({ url: `/v1/carriers/c1/routes?date=${date}`, headers: { authorization: `Bearer ${carrier}` } });
  const bytes = day.rawPayload;
  const hello = Fastify();
  hello.get("/hello", async () => ({ hello: "world" }));
  hello.get("/bytes", async (_request, reply) => reply.type("application/json; charset=utf-8").send(bytes));
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  const helloUrl = await hello.listen({ port: 0, host: "127.0.0.1" });
  process.stdout.write(`${JSON.stringify({ url, helloUrl, date, keys: { carrier, planner } })}\n`);
  const stop = (): void => {
    void Promise.all([app.close(), hello.close()]).finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

void main();
