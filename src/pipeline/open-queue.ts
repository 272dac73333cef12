// Picks the job queue from the environment: BullMQ on Redis when URBANMINE_REDIS_URL is set (an
// API and `urbanmine worker` processes share it), else the in-process queue of the embedded set-up.
import { InProcessQueue, type JobQueue } from "./queue.js";
import { RedisQueue } from "./redis-queue.js";

export interface OpenQueueOptions {
  /** Jobs this process runs at once. */
  concurrency: number;
  /** How long a dead worker's job stays claimed before another worker takes it over, ms (Redis only; default 30 000). */
  lockMs?: number;
}

/**
 * The queue named by URBANMINE_REDIS_URL (queue name URBANMINE_QUEUE_NAME, default urbanmine-solve), ready to use (Redis answered), or an in-process queue.
 * @throws UrbanmineError INTERNAL when Redis is configured but does not answer.
 */
export async function openQueue(opts: OpenQueueOptions, env: NodeJS.ProcessEnv = process.env): Promise<JobQueue> {
  const url = env.URBANMINE_REDIS_URL;
  if (!url) return new InProcessQueue(opts.concurrency);
  const queue = new RedisQueue({
    url,
    // Several deployments (or test runs) may share one Redis, each under its own queue name.
    name: env.URBANMINE_QUEUE_NAME || undefined,
    concurrency: opts.concurrency,
    lockDurationMs: opts.lockMs,
    stalledIntervalMs: opts.lockMs,
  });
  try {
    await queue.ready();
  } catch (err) {
    await queue.close();
    throw err;
  }
  return queue;
}

/** Where the queue is, for logs: the Redis host, or "in-process". */
export function describeQueue(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.URBANMINE_REDIS_URL;
  return url ? `redis ${new URL(url).host}` : "in-process";
}
