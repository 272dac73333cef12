// `urbanmine serve [--port N] [--host H] [--threads N] [--no-solve] ...`: the HTTP service on the
// store of URBANMINE_DB (embedded SQLite by default, or PostgreSQL) and the queue of
// URBANMINE_REDIS_URL (in-process by default, or Redis shared with `urbanmine worker`s), solving
// jobs itself unless --no-solve. SIGINT/SIGTERM shut it down gracefully: running jobs are put back
// in the queue and finish after the next start (or on another worker).
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { buildApp, startServer } from "../../api/index.js";
import { UrbanmineError } from "../../domain/index.js";
import { createPlanner, describeQueue, openQueue } from "../../pipeline/index.js";
import { describeStore, openStore } from "../../storage/index.js";
import { numberOption, threadsOption } from "../args.js";

const USAGE = `usage: urbanmine serve [options]
  --port N            port (default $PORT or 8080)
  --host H            interface (default 127.0.0.1; 0.0.0.0 for every interface)
  --threads N         solver worker threads (default: cores - 1, at least 1)
  --concurrency N     solves at once (default 1)
  --max-queued N      queued jobs beyond which a solve answers 503 (default 20)
  --max-solve-s S     longest solve a job may ask for, seconds (default 300)
  --time-limit S      solve time when a job asks for none, seconds (default 60)
  --rate-limit N      requests per key per minute (default 1000; 0 turns it off)
  --body-limit-mb N   largest request body, MiB (default 10)
  --no-solve          answer the API only; \`urbanmine worker\` processes solve (needs URBANMINE_REDIS_URL)
  --quiet             no request log
The store is URBANMINE_DB: a SQLite file (default ./urbanmine.db) or postgres://user:pw@host:port/db.
With URBANMINE_REDIS_URL=redis://host:port, jobs go through Redis to any worker, and rate limits are
counted in Redis, shared by every API process.
`;

function int(name: string, value: string | undefined, fallback: number, min: number): number {
  return numberOption(name, value, { min }) ?? fallback;
}

/** Starts the service and resolves once it listens; the process then runs until a signal. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      threads: { type: "string" },
      concurrency: { type: "string" },
      "max-queued": { type: "string" },
      "max-solve-s": { type: "string" },
      "time-limit": { type: "string" },
      "rate-limit": { type: "string" },
      "body-limit-mb": { type: "string" },
      quiet: { type: "boolean", default: false },
      "no-solve": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const port = numberOption("port", values.port ?? process.env.PORT, { min: 0, max: 65535, integer: true }) ?? 8080;
  const threads = threadsOption(values.threads) ?? Math.max(1, cpus().length - 1);
  const rate = int("rate-limit", values["rate-limit"], 1000, 0);
  const solve = !values["no-solve"];
  const redisUrl = process.env.URBANMINE_REDIS_URL || undefined;
  if (!solve && !redisUrl) {
    throw new UrbanmineError("INVALID_INPUT", "--no-solve needs URBANMINE_REDIS_URL: without a shared queue no worker would ever see the jobs", [
      { path: "--no-solve", message: "set URBANMINE_REDIS_URL=redis://host:port" },
    ]);
  }
  const concurrency = int("concurrency", values.concurrency, 1, 1);
  const store = await openStore();
  const queue = await openQueue({ concurrency });
  const planner = createPlanner({ threads });
  const app = await buildApp({
    store,
    planner,
    logger: values.quiet ? false : { level: "info" },
    bodyLimitBytes: int("body-limit-mb", values["body-limit-mb"], 10, 0.001) * 1024 * 1024,
    rateLimit: rate === 0 ? false : { max: rate, timeWindowMs: 60_000, redisUrl },
    jobs: {
      queue,
      solve,
      concurrency,
      maxQueued: int("max-queued", values["max-queued"], 20, 0),
      maxSolveS: int("max-solve-s", values["max-solve-s"], 300, 1),
      defaultTimeLimitS: int("time-limit", values["time-limit"], 60, 1),
    },
  });
  const address = await startServer(app, { port, host: values.host ?? "127.0.0.1" });
  const solving = solve ? `${threads} solver thread(s)` : "no solving here";
  process.stderr.write(`urbanmine listening on ${address} (store ${describeStore()}, queue ${describeQueue()}, ${solving}); API docs at ${address}/docs\n`);
  // Keep the process alive: the server's handle does; the exit code comes from the signal handler.
  return new Promise<number>(() => undefined);
}
