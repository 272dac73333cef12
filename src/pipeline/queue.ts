// The job queue interface and its in-process implementation: FIFO, bounded concurrency.
// The store stays the source of truth for job state; a queue only carries job ids and decides who
// runs next, so the distributed queue (BullMQ on Redis, redis-queue.ts) is another JobQueue.

/** How an id reached its handler. */
export interface Delivery {
  /** True when the queue hands the id out again because the worker that held it stopped answering. */
  redelivered: boolean;
}

/** What a handler asks of the queue: nothing more ("done"), or to hand the id out again later ("requeue"). */
export type HandlerOutcome = "done" | "requeue";

export type JobHandler = (jobId: string, delivery: Delivery) => Promise<HandlerOutcome>;

/** Hands job ids to a handler, at most `concurrency` at a time in this process, oldest first. */
export interface JobQueue {
  /** True when other processes consume the same queue (their running jobs are not this process's to reset). */
  readonly shared: boolean;
  /** Adds a job id at the back; an id already waiting is not added twice. Ignored after close(). */
  push(jobId: string): Promise<void>;
  /** Starts delivering ids to `handler`; call once. A process that only submits never calls it. */
  process(handler: JobHandler): void;
  /** Stops handing out ids; resolves when every running handler has returned. */
  close(): Promise<void>;
  /**
   * Shared queues only: whether the id is waiting, delayed or held by some consumer. Runners use it
   * to find jobs the queue lost (a Redis restarted without persistence, a push that failed).
   */
  holds?(jobId: string): Promise<boolean>;
}

/** JobQueue in this process's memory: lost on exit, rebuilt from the store at start-up. */
export class InProcessQueue implements JobQueue {
  readonly shared = false;
  private readonly ids: string[] = [];
  private readonly waiting = new Set<string>();
  private handler: JobHandler | undefined;
  private running = new Set<Promise<void>>();
  private closed = false;

  /** @param concurrency jobs run at once (>= 1). */
  constructor(private readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be an integer >= 1, got ${concurrency}`);
  }

  async push(jobId: string): Promise<void> {
    if (this.closed || this.waiting.has(jobId)) return;
    this.waiting.add(jobId);
    this.ids.push(jobId);
    this.pump();
  }

  process(handler: JobHandler): void {
    if (this.handler) throw new Error("queue already has a handler");
    this.handler = handler;
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.ids.length = 0;
    this.waiting.clear();
    await Promise.allSettled([...this.running]);
  }

  private pump(): void {
    const handler = this.handler;
    if (!handler) return;
    while (!this.closed && this.running.size < this.concurrency && this.ids.length > 0) {
      const id = this.ids.shift() as string;
      this.waiting.delete(id);
      const p: Promise<void> = handler(id, { redelivered: false })
        .then((outcome) => {
          if (outcome === "requeue") void this.push(id);
        })
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(p);
          this.pump();
        });
      this.running.add(p);
    }
  }
}
