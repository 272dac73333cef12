// JobQueue on Redis through BullMQ, shared by the API and every `urbanmine worker` process. It
// carries job ids only (the store holds the job). A worker killed mid-job stops renewing its lock;
// BullMQ's stalled-job check then hands the id to another worker, flagged as a redelivery.
import { DelayedError, Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { UrbanmineError } from "../domain/index.js";
import type { JobHandler, JobQueue } from "./queue.js";

export interface RedisQueueOptions {
  /** redis://[user:password@]host:port[/db] */
  url: string;
  /** Queue name (default "urbanmine-solve"); tests use their own. */
  name?: string;
  /** Jobs this process runs at once (default 1). */
  concurrency?: number;
  /** How long a worker's claim on a job lasts without renewal, ms (default 30 000). */
  lockDurationMs?: number;
  /** How often workers look for jobs whose claim lapsed, ms (default 30 000). */
  stalledIntervalMs?: number;
  /** Times a job may be recovered from a dead worker before BullMQ gives up on it (default 3). */
  maxStalledCount?: number;
}

/** Longest wait for BullMQ to close when Redis does not answer, ms. */
const CLOSE_WAIT_MS = 2000;

interface Payload {
  jobId: string;
}

/** The BullMQ-backed queue; the Redis connections open at construction and close with close(). */
export class RedisQueue implements JobQueue {
  readonly shared = true;
  readonly name: string;
  private readonly queue: Queue<Payload>;
  private readonly connections: Redis[] = [];
  private worker: Worker<Payload> | undefined;
  private closed = false;

  constructor(private readonly opts: RedisQueueOptions) {
    this.name = opts.name ?? "urbanmine-solve";
    this.queue = new Queue<Payload>(this.name, { connection: this.connect() });
    this.queue.on("error", () => undefined); // a lost connection is retried; ready() reports one that never comes
  }

  async push(jobId: string): Promise<void> {
    if (this.closed) return;
    // The store's job id is BullMQ's job id too: adding an id that is already queued is a no-op.
    await this.queue.add("solve", { jobId }, { jobId, removeOnComplete: true, removeOnFail: 1000 });
  }

  process(handler: JobHandler): void {
    if (this.worker) throw new Error("queue already has a handler");
    this.worker = new Worker<Payload>(
      this.name,
      async (job, token) => {
        const redelivered = job.stalledCounter > 0 || job.attemptsStarted > 1;
        const outcome = await handler(job.data.jobId, { redelivered });
        if (outcome === "requeue" && token) {
          // BullMQ's way to hand a job back without failing it: delay it to now, then signal that.
          await job.moveToDelayed(Date.now(), token);
          throw new DelayedError();
        }
      },
      {
        connection: this.connect(),
        concurrency: this.opts.concurrency ?? 1,
        lockDuration: this.opts.lockDurationMs ?? 30_000,
        stalledInterval: this.opts.stalledIntervalMs ?? 30_000,
        maxStalledCount: this.opts.maxStalledCount ?? 3,
      },
    );
    // Failures are recorded in the store by the handler; keep the emitter from throwing on them.
    this.worker.on("error", () => undefined);
  }

  /**
   * Resolves once Redis answers.
   * @throws UrbanmineError INTERNAL naming the URL's host when it does not within `timeoutMs`.
   */
  async ready(timeoutMs = 10_000): Promise<void> {
    const host = new URL(this.opts.url).host;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new UrbanmineError("INTERNAL", `Redis at ${host} did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.connections[0].ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async holds(jobId: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    if (!job) return false;
    const state = await job.getState();
    return state !== "completed" && state !== "failed" && state !== "unknown";
  }

  /** Ids waiting in Redis (for tests and metrics). */
  async waitingCount(): Promise<number> {
    return this.queue.getWaitingCount();
  }

  /** Removes every job of this queue from Redis (tests). */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }

  /**
   * Stops handing out ids. By default waits for running handlers; `abandon` returns at once and
   * leaves their jobs locked, so they go back to the queue when the locks lapse, as if this
   * process had died (used to exercise recovery).
   */
  async close(opts: { abandon?: boolean } = {}): Promise<void> {
    this.closed = true;
    // Closing waits on Redis; when Redis is gone it would wait forever, so it gets a bound.
    const bounded = (p: Promise<unknown> | undefined): Promise<unknown> =>
      Promise.race([p, new Promise((r) => setTimeout(r, CLOSE_WAIT_MS).unref())]);
    if (this.worker) {
      const worker = this.worker;
      await (this.connections[0].status === "ready" ? worker.close(opts.abandon === true) : bounded(worker.close(true)));
    }
    await bounded(this.queue.close());
    for (const c of this.connections) c.disconnect();
  }

  private connect(): Redis {
    // BullMQ's blocking commands need maxRetriesPerRequest null.
    const c = new Redis(this.opts.url, { maxRetriesPerRequest: null, lazyConnect: false });
    c.on("error", () => undefined);
    this.connections.push(c);
    return c;
  }
}
