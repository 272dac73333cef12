// The job queue interface and its in-process implementation: FIFO, bounded concurrency.
// The store stays the source of truth for job state; a queue only decides who runs next,
// so a distributed queue (BullMQ on Redis) is another implementation of JobQueue.

/** Hands job ids to a handler, at most `concurrency` at a time, oldest first. */
export interface JobQueue {
  /** Adds a job id at the back of the queue. Ignored after close(). */
  push(jobId: string): void;
  /** Starts delivering ids to `handler`; call once. */
  process(handler: (jobId: string) => Promise<void>): void;
  /** Ids waiting to be handed out. */
  readonly pending: number;
  /** Handlers running now. */
  readonly active: number;
  /** Stops handing out ids; resolves when every running handler has returned. */
  close(): Promise<void>;
}

/** JobQueue in this process's memory: lost on exit, rebuilt from the store at start-up. */
export class InProcessQueue implements JobQueue {
  private readonly ids: string[] = [];
  private handler: ((jobId: string) => Promise<void>) | undefined;
  private running = new Set<Promise<void>>();
  private closed = false;

  /** @param concurrency jobs run at once (>= 1). */
  constructor(private readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be an integer >= 1, got ${concurrency}`);
  }

  get pending(): number {
    return this.ids.length;
  }

  get active(): number {
    return this.running.size;
  }

  push(jobId: string): void {
    if (this.closed) return;
    this.ids.push(jobId);
    this.pump();
  }

  process(handler: (jobId: string) => Promise<void>): void {
    if (this.handler) throw new Error("queue already has a handler");
    this.handler = handler;
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.ids.length = 0;
    await Promise.allSettled([...this.running]);
  }

  private pump(): void {
    const handler = this.handler;
    if (!handler) return;
    while (!this.closed && this.running.size < this.concurrency && this.ids.length > 0) {
      const id = this.ids.shift() as string;
      const p: Promise<void> = handler(id)
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(p);
          this.pump();
        });
      this.running.add(p);
    }
  }
}
