// Job lifecycle of a solve: queued -> running -> done | failed | cancelled, persisted in the store.
// Runs each job through the injected Planner (a worker pool, never this event loop), caps the queue,
// bounds solve time, keeps the best plan on cancel, and re-queues interrupted jobs at start-up.
import { randomBytes } from "node:crypto";
import { UrbanmineError, type Plan, type Scenario } from "../domain/index.js";
import type { JobRecord, PlanRecord, Store } from "../storage/index.js";
import { publishCarrierDays, registeredPickupsOn } from "./carrier-day.js";
import { serviceDate } from "./day-pickups.js";
import { ProgressWriter } from "./jobs-progress.js";
import { InProcessQueue, type JobQueue } from "./queue.js";
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
}

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString("hex")}`;
}

interface Running {
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
  private readonly running = new Map<string, Running>();
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
  }

  /** Solves running in this process now. */
  get active(): number {
    return this.running.size;
  }

  /**
   * Re-queues jobs left running by a process that died, queues every queued job, and starts processing.
   * @returns how many interrupted jobs were re-queued.
   */
  async start(): Promise<number> {
    const interrupted = await this.store.listJobs({ states: ["running"] });
    for (const job of interrupted) {
      await this.store.updateJob(job.id, {
        state: "queued",
        progress: { stage: "queued", fraction: 0, message: `re-queued after an interrupted run (attempt ${job.attempts})` },
      });
    }
    this.queue.process((id) => this.execute(id));
    for (const job of await this.store.listJobs({ states: ["queued"] })) this.queue.push(job.id);
    return interrupted.length;
  }

  /**
   * Queues a solve of a stored scenario.
   * @param timeLimitS requested solve time, seconds; capped at maxSolveS.
   * @throws UrbanmineError NOT_FOUND (no scenario), INVALID_INPUT (time limit), BUSY (queue full, see retryAfterS(); or shutting down).
   */
  async submit(scenarioId: string, opts: { timeLimitS?: number; seed?: number; routingIterations?: number } = {}): Promise<JobRecord> {
    if (this.closing) throw new UrbanmineError("BUSY", "the service is shutting down; submit again once it is back");
    if (!(await this.store.getScenario(scenarioId))) throw new UrbanmineError("NOT_FOUND", `no scenario '${scenarioId}'`);
    const requested = opts.timeLimitS ?? this.defaultTimeLimitS;
    if (requested > this.maxSolveS) {
      throw new UrbanmineError("INVALID_INPUT", `timeLimitS ${requested} exceeds the maximum solve time of ${this.maxSolveS} s`, [
        { path: "timeLimitS", message: `at most ${this.maxSolveS}` },
      ]);
    }
    const job = await this.store.createJob(
      { id: newId("job"), scenarioId, timeLimitS: requested, seed: opts.seed ?? 1, routingIterations: opts.routingIterations },
      this.maxQueued,
    );
    if (!job) {
      throw new UrbanmineError("BUSY", `${this.maxQueued} jobs are queued already, the most this service accepts; retry in ${this.retryAfterS()} s`);
    }
    this.queue.push(job.id);
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
      run.reason = "cancel";
      const updated = await this.store.updateJob(jobId, { cancelRequested: true });
      run.controller.abort(new Error("cancelled"));
      return updated;
    }
    if (job.state === "queued") {
      return this.store.updateJob(jobId, {
        state: "cancelled",
        cancelRequested: true,
        finishedAt: new Date().toISOString(),
        progress: { ...job.progress, message: "cancelled before it started" },
      });
    }
    // Running in another process sharing the store: only the flag can be set here, and that
    // process does not watch it (one process per SQLite file is the supported set-up).
    return this.store.updateJob(jobId, { cancelRequested: true });
  }

  /**
   * Stops accepting jobs, stops running solves (they resolve with their best plan, which is dropped),
   * and puts them back in the queued state so the next start runs them again.
   */
  async close(): Promise<void> {
    this.closing = true;
    const runs = [...this.running.values()];
    for (const run of runs) {
      run.reason = "shutdown";
      run.controller.abort(new Error("shutdown"));
    }
    await Promise.race([
      Promise.allSettled(runs.map((r) => r.done)),
      new Promise((resolve) => setTimeout(resolve, this.graceS * 1000).unref()),
    ]);
    await this.queue.close();
  }

  private async execute(jobId: string): Promise<void> {
    if (this.closing) return;
    const job = await this.store.getJob(jobId);
    if (!job || job.state !== "queued") return;
    const scenarioRec = await this.store.getScenario(job.scenarioId);
    if (!scenarioRec) {
      await this.fail(job, `scenario '${job.scenarioId}' was deleted before the job started`);
      return;
    }
    const controller = new AbortController();
    let settle: () => void = () => undefined;
    const run: Running = { controller, reason: undefined, done: new Promise<void>((r) => (settle = r)) };
    this.running.set(jobId, run);
    try {
      await this.store.updateJob(jobId, {
        state: "running",
        attempts: job.attempts + 1,
        startedAt: new Date().toISOString(),
        progress: { stage: "network", fraction: 0, message: "started" },
      });
      await this.solve(job, scenarioRec.scenario, run);
    } finally {
      this.running.delete(jobId);
      settle();
    }
  }

  private async solve(job: JobRecord, scenario: Scenario, run: Running): Promise<void> {
    const timeLimitS = Math.min(job.timeLimitS, this.maxSolveS);
    const progress = new ProgressWriter(this.store, job.id, this.progressIntervalMs);
    // The planner honours timeLimitS itself; the deadline only catches a run that overshoots it.
    const deadline = setTimeout(() => {
      run.reason ??= "deadline";
      run.controller.abort(new Error("time limit"));
    }, (timeLimitS + this.graceS) * 1000);
    deadline.unref();
    let plan: Plan;
    try {
      plan = await this.withStopGuard(
        this.planner.run(scenario, {
          baseDir: this.baseDir,
          timeLimitS,
          seed: job.seed,
          routingIterations: job.routingIterations ?? undefined,
          registeredPickups: await registeredPickupsOn(this.store, job.scenarioId, serviceDate(scenario)),
          onProgress: (p) => progress.report(p),
          signal: run.controller.signal,
        }),
        run,
      );
    } catch (err) {
      clearTimeout(deadline);
      await progress.stop();
      if (run.reason === "shutdown") return this.requeue(job);
      const message = err instanceof UrbanmineError ? `${err.code}: ${err.message}` : (err as Error)?.message ?? String(err);
      return this.fail(job, `the solve failed: ${message}`);
    }
    clearTimeout(deadline);
    await progress.stop();
    if (run.reason === "shutdown") return this.requeue(job);
    const record: PlanRecord = { id: newId("plan"), scenarioId: job.scenarioId, jobId: job.id, plan, createdAt: new Date().toISOString() };
    const cancelled = run.reason === "cancel";
    const message = cancelled
      ? "cancelled; the best plan found so far is kept"
      : run.reason === "deadline"
        ? `stopped after the ${timeLimitS} s time limit; best plan kept`
        : "done";
    await this.store.finishJobWithPlan(job.id, record, {
      state: cancelled ? "cancelled" : "done",
      finishedAt: new Date().toISOString(),
      bestObjectiveUsd: plan.siting.objectiveUsd,
      progress: { stage: "plan", fraction: 1, message },
    });
    if (!cancelled) await publishCarrierDays(this.store, scenario, record);
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

  private async requeue(job: JobRecord): Promise<void> {
    await this.store.updateJob(job.id, {
      state: "queued",
      progress: { stage: "queued", fraction: 0, message: "interrupted by a shutdown; runs again at the next start" },
    });
  }

  private async fail(job: JobRecord, reason: string): Promise<void> {
    await this.store.updateJob(job.id, {
      state: "failed",
      error: reason,
      finishedAt: new Date().toISOString(),
      progress: { ...job.progress, message: "failed" },
    });
  }
}
