// Progress of a running job into the store: at most one write per interval, the last report of a
// burst written when the interval ends, writes chained so none lands after the job's final state.
import type { Store } from "../storage/index.js";
import type { Progress } from "./types.js";

/** Throttled, ordered progress writes of one job. */
export class ProgressWriter {
  private lastWrite = 0;
  private best: number | null = null;
  private latest: Progress | undefined;
  private trailing: NodeJS.Timeout | undefined;
  private writing: Promise<unknown> = Promise.resolve();
  private stopped = false;

  /** @param intervalMs shortest time between two writes, ms. */
  constructor(
    private readonly store: Store,
    private readonly jobId: string,
    private readonly intervalMs: number,
  ) {}

  /** Lowest objective reported so far (USD per year), or null. */
  get bestObjectiveUsd(): number | null {
    return this.best;
  }

  /** Records a report; writes it now or when the interval ends. */
  report(p: Progress): void {
    if (this.stopped) return;
    if (p.bestObjectiveUsd !== undefined) this.best = this.best === null ? p.bestObjectiveUsd : Math.min(this.best, p.bestObjectiveUsd);
    this.latest = p;
    const wait = this.intervalMs - (Date.now() - this.lastWrite);
    if (wait <= 0) this.write();
    else this.trailing ??= setTimeout(() => this.write(), wait);
  }

  /** Drops pending reports and resolves when the writes already started have landed. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.trailing) clearTimeout(this.trailing);
    await this.writing;
  }

  private write(): void {
    this.trailing = undefined;
    const p = this.latest;
    if (!p || this.stopped) return;
    this.lastWrite = Date.now();
    const best = this.best;
    this.writing = this.writing
      .then(() => this.store.updateJob(this.jobId, { progress: { stage: p.stage, fraction: p.fraction, message: p.message }, bestObjectiveUsd: best }))
      .catch(() => undefined);
  }
}
