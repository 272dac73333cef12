// Job lifecycle of a solve: queued -> running -> done | failed | cancelled, persisted in the store.
// Runs each job through the injected Planner (a worker pool, never this event loop), caps the queue,
// bounds solve time, keeps the best plan on cancel, and re-queues interrupted jobs at start-up.
// The same runner serves one process (in-process queue) and many (a shared queue): jobs are claimed
// and finished through guarded store writes, and a cancel set in the store by any process is seen
// by the process running the job. Longer than most files: the lifecycle (claim, run, watch the
// cancel flag, guarded finish, hand back on shutdown) reads best in one place.
import { randomBytes } from "node:crypto";
import { resolveSolveSettings, type SolveSettings, UrbanmineError, type Plan, type Scenario } from "../domain/index.js";
import type { JobGuard, JobPatch, JobRecord, PlanRecord, Store } from "../storage/index.js";
import { publishCarrierDays, registeredPickupsOn } from "./carrier-day.js";
import { serviceDate } from "./day-pickups.js";
import { ProgressWriter } from "./jobs-progress.js";
import { type Delivery, type HandlerOutcome, InProcessQueue, type JobQueue } from "./queue.js";
import type { Planner } from "./types.js";

export interface JobRunnerOptions {
  store: Store;
  planner: Planner;
  /** Defaults to an in-process queue with `concurrency` slots. */
  queue?: JobQueue;
  /** Solves run at once (default 1). */
  concurrency?: number;
  /** Queued jobs beyond which submit() throws BUSY (default 20). */
  maxQueued?: number;
  /** Longest solve a job may ask for, seconds (default 300). */
  maxSolveS?: number;
  /** Solve time when a job asks for none, seconds (default 60). */
  defaultTimeLimitS?: number;
  /** Extra seconds after the time limit before the run is aborted, and again before it is failed (default 10). */
  graceS?: number;
  /** Folder that relative paths in scenarios are resolved against. */
  baseDir?: string;
  /** Progress writes to the store at most this often, ms (default 250). */
  progressIntervalMs?: number;
  /** How often a running job's cancel flag is read from the store, ms (default 500). */
  cancelPollMs?: number;
  /** Run jobs in this process (default true); false only submits them (`serve --no-solve`). */
  solve?: boolean;
  /**
   * Shared queues: how often this process looks for queued or running jobs that the queue no longer
   * holds (Redis restarted without its data, a push that failed) and hands them back to the queue;
   * also how old such a job must be first, ms (default 60 000; 0 never looks).
   */
  reconcileMs?: number;
  /** Told when this process starts a job and when it ends it (or loses it to another worker). */
  onEvent?: (e: JobEvent) => void;
}

/** A job's turn in this process, for logs. */
export interface JobEvent {
  jobId: string;
  event: "started" | "ended" | "requeued" | "lost";
  attempt: number;
  /** The job's state after the event (ended), or why it was lost. */
  detail: string;
}

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString("hex")}`;
}

interface Running {
  /** The attempt this process runs; finishing is conditional on it. */
  attempt: number;
  controller: AbortController;
  reason: "cancel" | "deadline" | "shutdown" | undefined;
  done: Promise<void>;
}

/** Owns every solve of this process. One instance per process; start() before use, close() at shutdown. */
export class JobRunner {
  readonly maxQueued: number;
  readonly maxSolveS: number;
  readonly defaultTimeLimitS: number;
  private readonly store: Store;
  private readonly planner: Planner;
  private readonly queue: JobQueue;
  private readonly graceS: number;
  private readonly baseDir: string;
  private readonly progressIntervalMs: number;
  private readonly cancelPollMs: number;
  private readonly solves: boolean;
  private readonly onEvent: (e: JobEvent) => void;
  private readonly running = new Map<string, Running>();
  private readonly reconcileMs: number;
  private reconciler: NodeJS.Timeout | undefined;
  private reconciling = false;
  private closing = false;

  constructor(opts: JobRunnerOptions) {
    this.store = opts.store;
    this.planner = opts.planner;
    this.queue = opts.queue ?? new InProcessQueue(opts.concurrency ?? 1);
    this.maxQueued = opts.maxQueued ?? 20;
    this.maxSolveS = opts.maxSolveS ?? 300;
    this.defaultTimeLimitS = Math.min(opts.defaultTimeLimitS ?? 60, this.maxSolveS);
    this.graceS = opts.graceS ?? 10;
    this.baseDir = opts.baseDir ?? process.cwd();
    this.progressIntervalMs = opts.progressIntervalMs ?? 250;
    this.cancelPollMs = opts.cancelPollMs ?? 500;
    this.solves = opts.solve ?? true;
    this.onEvent = opts.onEvent ?? (() => undefined);
    this.reconcileMs = opts.reconcileMs ?? 60_000;
  }

  /** Solves running in this process now. */
  get active(): number {
    return this.running.size;
  }

  /**
   * Re-queues jobs left running by this process's last run (one process per queue only: on a shared
   * queue the queue itself recovers jobs of dead workers), queues every queued job, and starts
   * processing unless this runner only submits.
   * @returns how many interrupted jobs were re-queued.
   */
  async start(): Promise<number> {
    const interrupted = this.queue.shared ? [] : await this.store.listJobs({ states: ["running"] });
    for (const job of interrupted) {
      await this.store.updateJobIf(job.id, { states: ["running"], attempts: job.attempts }, {
        state: "queued",
        progress: { stage: "queued", fraction: 0, message: `re-queued after an interrupted run (attempt ${job.attempts})` },
      });
    }
    if (this.solves) this.queue.process((id, delivery) => this.execute(id, delivery));
    for (const job of await this.store.listJobs({ states: ["queued"] })) await this.queue.push(job.id);
    if (this.solves && this.queue.shared && this.queue.holds && this.reconcileMs > 0) {
      this.reconciler = setInterval(() => void this.reconcile(), this.reconcileMs);
      this.reconciler.unref();
    }
    return interrupted.length;
  }

  /**
   * Hands back to the queue every queued or running job older than reconcileMs that the queue does
   * not hold and this process does not run. A running job's guarded write makes the re-queue lose
   * to a worker that still finishes it, and that worker's finish lose to the new attempt.
   */
  async reconcile(): Promise<number> {
    const holds = this.queue.holds?.bind(this.queue);
    if (!holds || this.closing || this.reconciling) return 0;
    this.reconciling = true;
    let handedBack = 0;
    try {
      const cutoff = Date.now() - this.reconcileMs;
      for (const job of await this.store.listJobs({ states: ["queued", "running"] })) {
        if (this.closing) break;
        if (this.running.has(job.id) || Date.parse(job.startedAt ?? job.createdAt) > cutoff) continue;
        if (await holds(job.id)) continue;
        if (job.state === "running") {
          const back = await this.store.updateJobIf(job.id, { states: ["running"], attempts: job.attempts }, {
            state: "queued",
            progress: { stage: "queued", fraction: 0, message: `re-queued: the queue had lost it (attempt ${job.attempts})` },
          });
          if (!back) continue;
        }
        await this.queue.push(job.id);
        handedBack++;
        this.onEvent({ jobId: job.id, event: "requeued", attempt: job.attempts, detail: "the queue had lost it" });
      }
    } catch {
      // Store or queue unreachable: the next round tries again.
    } finally {
      this.reconciling = false;
    }
    return handedBack;
  }

  /**
   * Queues a solve of a stored scenario.
   * @param settings the solve's settings (already parsed by SolveSettings); the time limit defaults
   *   to defaultTimeLimitS and may not exceed maxSolveS.
   * @throws UrbanmineError NOT_FOUND (no scenario), INVALID_INPUT (time limit), BUSY (queue full, see retryAfterS(); or shutting down).
   */
  async submit(scenarioId: string, settings: SolveSettings = {}): Promise<JobRecord> {
    if (this.closing) throw new UrbanmineError("BUSY", "the service is shutting down; submit again once it is back");
    if (!(await this.store.getScenario(scenarioId))) throw new UrbanmineError("NOT_FOUND", `no scenario '${scenarioId}'`);
    const resolved = resolveSolveSettings(settings, this.defaultTimeLimitS);
    if (resolved.timeLimitS > this.maxSolveS) {
      throw new UrbanmineError("INVALID_INPUT", `timeLimitS ${resolved.timeLimitS} exceeds the maximum solve time of ${this.maxSolveS} s`, [
        { path: "timeLimitS", message: `at most ${this.maxSolveS}` },
      ]);
    }
    const job = await this.store.createJob({ id: newId("job"), scenarioId, ...resolved }, this.maxQueued);
    if (!job) {
      throw new UrbanmineError("BUSY", `${this.maxQueued} jobs are queued already, the most this service accepts; retry in ${this.retryAfterS()} s`);
    }
    try {
      await this.queue.push(job.id);
    } catch (err) {
      // Not queued, so not accepted: the job is recorded as failed rather than left waiting unseen.
      const reason = `the job queue could not be reached: ${(err as Error)?.message ?? String(err)}`;
      await this.finish(job.id, { states: ["queued"] }, failure(job, reason));
      throw new UrbanmineError("BUSY", `${reason}; submit again in ${this.retryAfterS()} s`);
    }
    return job;
  }

  /** Seconds a client should wait before retrying a refused submission: one default solve time. */
  retryAfterS(): number {
    return Math.max(1, Math.ceil(Math.min(this.defaultTimeLimitS, this.maxSolveS)));
  }

  /**
   * Cancels a job: a queued job ends at once without a plan; a running job stops its solvers and
   * ends as cancelled with the best plan found so far.
   * @throws UrbanmineError NOT_FOUND, or CONFLICT when the job has finished already.
   */
  async cancel(jobId: string): Promise<JobRecord> {
    const job = await this.store.getJob(jobId);
    if (!job) throw new UrbanmineError("NOT_FOUND", `no job '${jobId}'`);
    if (job.state === "done" || job.state === "failed" || job.state === "cancelled") {
      throw new UrbanmineError("CONFLICT", `job '${jobId}' is ${job.state} already; only queued or running jobs can be cancelled`);
    }
    const run = this.running.get(jobId);
    if (run) {
      const updated = await this.store.updateJob(jobId, { cancelRequested: true });
      this.stop(run, "cancel");
      return updated;
    }
    const before = await this.store.updateJobIf(jobId, { states: ["queued"] }, {
      state: "cancelled",
      cancelRequested: true,
      finishedAt: new Date().toISOString(),
      progress: { ...job.progress, message: "cancelled before it started" },
    });
    if (before) return before;
    // Running in another process (or it just started there): the flag in the store reaches it,
    // since every runner polls the flags of the jobs it runs.
    const flagged = await this.store.updateJobIf(jobId, { states: ["running"] }, { cancelRequested: true });
    if (flagged) return flagged;
    const now = await this.store.getJob(jobId);
    throw new UrbanmineError("CONFLICT", `job '${jobId}' is ${now?.state ?? "gone"} already; only queued or running jobs can be cancelled`);
  }

  /**
   * Stops accepting jobs, stops running solves (they resolve with their best plan, which is dropped),
   * and puts them back in the queued state so the next start runs them again.
   */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.reconciler);
    const runs = [...this.running.values()];
    for (const run of runs) this.stop(run, "shutdown");
    await Promise.race([
      Promise.allSettled(runs.map((r) => r.done)),
      new Promise((resolve) => setTimeout(resolve, this.graceS * 1000).unref()),
    ]);
    await this.queue.close();
  }

  private stop(run: Running, reason: NonNullable<Running["reason"]>): void {
    run.reason ??= reason;
    run.controller.abort(new Error(reason));
  }

  /**
   * Claims a delivered job (queued, or running when the queue redelivers it from a dead worker),
   * runs it, and tells the queue whether to hand it out again (after a shutdown).
   */
  private async execute(jobId: string, delivery: Delivery): Promise<HandlerOutcome> {
    if (this.closing) return "requeue";
    const job = await this.store.getJob(jobId);
    if (!job) return "done";
    const claimable: JobGuard = { states: delivery.redelivered ? ["queued", "running"] : ["queued"], attempts: job.attempts };
    const scenarioRec = await this.store.getScenario(job.scenarioId);
    if (!scenarioRec) {
      await this.finish(job.id, claimable, failure(job, `scenario '${job.scenarioId}' was deleted before the job started`));
      return "done";
    }
    const attempt = job.attempts + 1;
    const claimed = await this.store.updateJobIf(jobId, claimable, {
      state: "running",
      attempts: attempt,
      startedAt: new Date().toISOString(),
      progress: { stage: "network", fraction: 0, message: job.state === "running" ? `restarted (attempt ${attempt}) after its worker stopped` : "started" },
    });
    if (!claimed) return "done"; // finished, cancelled or claimed elsewhere meanwhile
    this.onEvent({ jobId, event: "started", attempt, detail: job.state === "running" ? "taken over from a worker that stopped" : "" });
    const controller = new AbortController();
    let settle: () => void = () => undefined;
    const run: Running = { attempt, controller, reason: undefined, done: new Promise<void>((r) => (settle = r)) };
    this.running.set(jobId, run);
    const watch = this.watchCancel(jobId, run);
    try {
      if (claimed.cancelRequested) this.stop(run, "cancel");
      return await this.solve(claimed, scenarioRec.scenario, run);
    } finally {
      clearInterval(watch);
      this.running.delete(jobId);
      settle();
    }
  }

  /** Polls the job's cancel flag, which any process sharing the store may set. */
  private watchCancel(jobId: string, run: Running): NodeJS.Timeout {
    const timer = setInterval(() => {
      this.store.getJob(jobId).then(
        (j) => {
          if (j?.cancelRequested) this.stop(run, "cancel");
        },
        () => undefined,
      );
    }, this.cancelPollMs);
    timer.unref();
    return timer;
  }

  private async solve(job: JobRecord, scenario: Scenario, run: Running): Promise<HandlerOutcome> {
    const timeLimitS = Math.min(job.timeLimitS, this.maxSolveS);
    const progress = new ProgressWriter(this.store, job.id, this.progressIntervalMs);
    const mine: JobGuard = { states: ["running"], attempts: run.attempt };
    // The planner honours timeLimitS itself; the deadline only catches a run that overshoots it.
    const deadline = setTimeout(() => this.stop(run, "deadline"), (timeLimitS + this.graceS) * 1000);
    deadline.unref();
    let plan: Plan;
    try {
      plan = await this.withStopGuard(
        this.planner.run(scenario, {
          baseDir: this.baseDir,
          timeLimitS,
          seed: job.seed,
          routingIterations: job.routingIterations ?? undefined,
          routingStarts: job.routingStarts,
          registeredPickups: await registeredPickupsOn(this.store, job.scenarioId, serviceDate(scenario)),
          onProgress: (p) => progress.report(p),
          signal: run.controller.signal,
        }),
        run,
      );
    } catch (err) {
      clearTimeout(deadline);
      await progress.stop();
      if (run.reason === "shutdown") return this.requeue(job.id, mine);
      if (run.reason === "cancel") {
        // Stopped before siting had a feasible plan: what was asked for happened; nothing to keep.
        await this.finish(job.id, mine, {
          state: "cancelled",
          finishedAt: new Date().toISOString(),
          progress: { ...job.progress, message: "cancelled before a plan was found" },
        });
        this.onEvent({ jobId: job.id, event: "ended", attempt: run.attempt, detail: "cancelled" });
        return "done";
      }
      const message = err instanceof UrbanmineError ? `${err.code}: ${err.message}` : (err as Error)?.message ?? String(err);
      await this.finish(job.id, mine, failure(job, `the solve failed: ${message}`));
      this.onEvent({ jobId: job.id, event: "ended", attempt: run.attempt, detail: `failed: ${message}` });
      return "done";
    }
    clearTimeout(deadline);
    await progress.stop();
    if (run.reason === "shutdown") return this.requeue(job.id, mine);
    const record: PlanRecord = { id: newId("plan"), scenarioId: job.scenarioId, jobId: job.id, plan, createdAt: new Date().toISOString() };
    const cancelled = run.reason === "cancel";
    const message = cancelled
      ? "cancelled; the best plan found so far is kept"
      : run.reason === "deadline"
        ? `stopped after the ${timeLimitS} s time limit; best plan kept`
        : "done";
    const finished = await this.store.finishJobWithPlan(job.id, record, {
      state: cancelled ? "cancelled" : "done",
      finishedAt: new Date().toISOString(),
      bestObjectiveUsd: plan.siting.objectiveUsd,
      progress: { stage: "plan", fraction: 1, message },
    }, mine);
    // Not finished here: another worker took the job over after this one was presumed dead.
    if (!finished) this.onEvent({ jobId: job.id, event: "lost", attempt: run.attempt, detail: "another worker took the job over" });
    else this.onEvent({ jobId: job.id, event: "ended", attempt: run.attempt, detail: finished.state });
    if (finished && !cancelled) await publishCarrierDays(this.store, scenario, record);
    return "done";
  }

  /** Rejects when the planner does not settle within graceS after its signal was aborted. */
  private withStopGuard(p: Promise<Plan>, run: Running): Promise<Plan> {
    return new Promise<Plan>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        timer = setTimeout(() => reject(new Error(`the solver did not stop within ${this.graceS} s of being asked to`)), this.graceS * 1000);
        timer.unref();
      };
      run.controller.signal.addEventListener("abort", onAbort, { once: true });
      p.then(resolve, reject).finally(() => {
        if (timer) clearTimeout(timer);
        run.controller.signal.removeEventListener("abort", onAbort);
      });
    });
  }

  private async requeue(jobId: string, guard: JobGuard): Promise<HandlerOutcome> {
    await this.finish(jobId, guard, {
      state: "queued",
      progress: { stage: "queued", fraction: 0, message: "interrupted by a shutdown; runs again on the next worker" },
    });
    this.onEvent({ jobId, event: "requeued", attempt: guard.attempts ?? 0, detail: "shutdown" });
    return "requeue";
  }

  /** A guarded write that ends (or re-queues) the job; a lost race leaves the job to its new owner. */
  private async finish(jobId: string, guard: JobGuard, patch: JobPatch): Promise<void> {
    await this.store.updateJobIf(jobId, guard, patch);
  }
}

/** The patch that fails a job with a reason. */
function failure(job: JobRecord, reason: string): JobPatch {
  return { state: "failed", error: reason, finishedAt: new Date().toISOString(), progress: { ...job.progress, message: "failed" } };
}
