// `urbanmine worker [--concurrency N] [--threads N] ...`: solves jobs from the shared queue
// (URBANMINE_REDIS_URL) on the shared store (URBANMINE_DB, PostgreSQL for several machines), next to
// `urbanmine serve --no-solve`. SIGINT/SIGTERM stop it gracefully: running jobs go back to the queue
// for another worker. A worker killed outright loses its jobs' locks; another worker takes them over.
import { parseArgs } from "node:util";
import { UrbanmineError } from "../../domain/index.js";
import { createPlanner, describeQueue, type JobEvent, JobRunner, openQueue } from "../../pipeline/index.js";
import { describeStore, openStore } from "../../storage/index.js";
import { numberOption } from "../args.js";

const USAGE = `usage: urbanmine worker [options]
  --concurrency N     jobs solved at once (default 1)
  --threads N         solver worker threads (default: the concurrency)
  --max-solve-s S     longest solve a job may run, seconds (default 300)
  --time-limit S      solve time of a job that asks for none, seconds (default 60)
  --lock-s S          how long a job of a worker that died stays claimed before another worker
                      takes it over, seconds (default 30); give every worker the same value
  --quiet             no log of jobs started and finished
Needs URBANMINE_REDIS_URL (redis://host:port); the store is URBANMINE_DB (postgres://… to share
it between machines; a SQLite file serves workers on the API's own machine).
`;

/** Starts consuming jobs and resolves only when a signal has stopped the worker. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      concurrency: { type: "string" },
      threads: { type: "string" },
      "max-solve-s": { type: "string" },
      "time-limit": { type: "string" },
      "lock-s": { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!process.env.URBANMINE_REDIS_URL) {
    throw new UrbanmineError("INVALID_INPUT", "urbanmine worker needs URBANMINE_REDIS_URL (redis://host:port), the queue it shares with the API", [
      { path: "URBANMINE_REDIS_URL", message: "set to the Redis the API uses" },
    ]);
  }
  const concurrency = numberOption("concurrency", values.concurrency, { min: 1, integer: true }) ?? 1;
  const threads = numberOption("threads", values.threads, { min: 1, integer: true }) ?? concurrency;
  const maxSolveS = numberOption("max-solve-s", values["max-solve-s"], { above: 0 }) ?? 300;
  const defaultTimeLimitS = numberOption("time-limit", values["time-limit"], { above: 0 }) ?? 60;
  const lockS = numberOption("lock-s", values["lock-s"], { above: 0 }) ?? 30;

  const store = await openStore();
  const queue = await openQueue({ concurrency, lockMs: lockS * 1000 });
  const planner = createPlanner({ threads });
  const onEvent = (e: JobEvent): void => {
    if (!values.quiet) process.stderr.write(`urbanmine worker ${process.pid}: job ${e.jobId} ${e.event} (attempt ${e.attempt})${e.detail ? `: ${e.detail}` : ""}\n`);
  };
  const runner = new JobRunner({ store, planner, queue, concurrency, maxSolveS, defaultTimeLimitS, onEvent });
  await runner.start();
  process.stderr.write(`urbanmine worker ${process.pid}: store ${describeStore()}, queue ${describeQueue()}, ${concurrency} job(s) at once on ${threads} thread(s)\n`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      if (!values.quiet) process.stderr.write(`urbanmine worker ${process.pid}: ${signal}, handing running jobs back\n`);
      runner
        .close()
        .then(() => planner.close())
        .then(() => store.close())
        .then(
          () => resolve(0),
          (err: unknown) => {
            process.stderr.write(`urbanmine worker ${process.pid}: shutdown failed: ${String(err)}\n`);
            resolve(1);
          },
        );
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
