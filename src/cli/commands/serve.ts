// `urbanmine serve [--port N] [--host H] [--threads N] ...`: the HTTP service on the embedded store
// (URBANMINE_DB, default ./urbanmine.db) with the worker-pool planner. SIGINT/SIGTERM shut it down
// gracefully: running jobs are put back in the queue and finish after the next start.
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { buildApp, startServer } from "../../api/index.js";
import { createPlanner } from "../../pipeline/index.js";
import { openStore } from "../../storage/index.js";
import { numberOption } from "../args.js";

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
  --quiet             no request log
The database is URBANMINE_DB (default ./urbanmine.db).
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
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const port = int("port", values.port ?? process.env.PORT, 8080, 0);
  const threads = int("threads", values.threads, Math.max(1, cpus().length - 1), 1);
  const rate = int("rate-limit", values["rate-limit"], 1000, 0);
  const store = await openStore();
  const planner = createPlanner({ threads });
  const app = await buildApp({
    store,
    planner,
    logger: values.quiet ? false : { level: "info" },
    bodyLimitBytes: int("body-limit-mb", values["body-limit-mb"], 10, 0.001) * 1024 * 1024,
    rateLimit: rate === 0 ? false : { max: rate, timeWindowMs: 60_000 },
    jobs: {
      concurrency: int("concurrency", values.concurrency, 1, 1),
      maxQueued: int("max-queued", values["max-queued"], 20, 0),
      maxSolveS: int("max-solve-s", values["max-solve-s"], 300, 1),
      defaultTimeLimitS: int("time-limit", values["time-limit"], 60, 1),
    },
  });
  const address = await startServer(app, { port, host: values.host ?? "127.0.0.1" });
  process.stderr.write(`urbanmine listening on ${address} (database ${process.env.URBANMINE_DB || "./urbanmine.db"}, ${threads} solver thread(s)); API docs at ${address}/docs\n`);
  // Keep the process alive: the server's handle does; the exit code comes from the signal handler.
  return new Promise<number>(() => undefined);
}
