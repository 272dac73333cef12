// Sweeps as jobs of the HTTP service: submitted, run on the planner's pool in the background,
// polled, cancelled. Kept in memory (a sweep's table is small and its variants' plans are not
// stored): a restart forgets running and finished sweeps, which the API documents.
import { randomBytes } from "node:crypto";
import { type Scenario, type SolveSettings, UrbanmineError } from "../domain/index.js";
import { type SweepSetting, sweepVariants } from "./sweep-paths.js";
import { runSweep, type SweepTable } from "./sweep.js";
import type { Planner } from "./types.js";

export type SweepState = "running" | "done" | "failed" | "cancelled";

export interface SweepRecord {
  id: string;
  scenarioId: string;
  state: SweepState;
  variants: number;
  variantsDone: number;
  settings: SweepSetting[];
  timeLimitS: number;
  seed: number;
  routingIterations: number | null;
  table: SweepTable | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface SweepJobsOptions {
  planner: Planner;
  baseDir: string;
  /** Sweeps running at once; more are refused with BUSY (default 2). */
  maxRunning?: number;
  /** Most variants one sweep may have (default 64). */
  maxVariants?: number;
  /** Finished sweeps kept for polling, oldest dropped first (default 100). */
  keepFinished?: number;
}

/** The service's sweeps. */
export class SweepJobs {
  private readonly sweeps = new Map<string, { rec: SweepRecord; controller: AbortController }>();
  private readonly maxRunning: number;
  readonly maxVariants: number;
  private readonly keepFinished: number;

  constructor(private readonly opts: SweepJobsOptions) {
    this.maxRunning = opts.maxRunning ?? 2;
    this.maxVariants = opts.maxVariants ?? 64;
    this.keepFinished = opts.keepFinished ?? 100;
  }

  /**
   * Starts a sweep of `scenario` (variants built and checked before it is accepted).
   * @throws UrbanmineError INVALID_INPUT (a path or value, too many variants), BUSY (sweeps running).
   */
  submit(scenario: Scenario, settings: SweepSetting[], run: SolveSettings & { timeLimitS: number }): SweepRecord {
    const variants = settings.reduce((n, s) => n * s.values.length, 1);
    if (variants > this.maxVariants)
      throw new UrbanmineError("INVALID_INPUT", `the sweep has ${variants} variants, this service solves at most ${this.maxVariants} per sweep`, [{ path: "set", message: `at most ${this.maxVariants} combinations` }]);
    const running = [...this.sweeps.values()].filter((s) => s.rec.state === "running").length;
    if (running >= this.maxRunning) throw new UrbanmineError("BUSY", `${running} sweeps are running, the most this service runs at once; retry when one has finished`);
    const rec: SweepRecord = {
      id: `sweep_${randomBytes(8).toString("hex")}`,
      scenarioId: scenario.id,
      state: "running",
      variants,
      variantsDone: 0,
      settings,
      timeLimitS: run.timeLimitS,
      seed: run.seed ?? 1,
      routingIterations: run.routingIterations ?? null,
      table: null,
      error: null,
      createdAt: new Date().toISOString(),
      finishedAt: null,
    };
    sweepVariants(scenario, settings); // a bad value is the caller's error now, not a failed sweep later
    const controller = new AbortController();
    const started = runSweep(this.opts.planner, scenario, settings, {
      baseDir: this.opts.baseDir,
      timeLimitS: run.timeLimitS,
      seed: rec.seed,
      routingIterations: run.routingIterations,
      routingStarts: run.routingStarts,
      signal: controller.signal,
      onVariant: (done) => (rec.variantsDone = done),
    });
    this.sweeps.set(rec.id, { rec, controller });
    started.then(
      (table) => this.finish(rec, controller.signal.aborted ? "cancelled" : "done", { table }),
      (err: unknown) => this.finish(rec, "failed", { error: err instanceof UrbanmineError ? `${err.code}: ${err.message}` : String(err) }),
    );
    return rec;
  }

  /** @throws UrbanmineError NOT_FOUND */
  get(id: string): SweepRecord {
    const s = this.sweeps.get(id);
    if (!s) throw new UrbanmineError("NOT_FOUND", `no sweep '${id}'`);
    return s.rec;
  }

  /**
   * Stops a running sweep: its variants stop early and keep their best plans; the table then holds them.
   * @throws UrbanmineError NOT_FOUND, CONFLICT when it has finished.
   */
  cancel(id: string): SweepRecord {
    const rec = this.get(id);
    if (rec.state !== "running") throw new UrbanmineError("CONFLICT", `sweep '${id}' is ${rec.state} already`);
    this.sweeps.get(id)!.controller.abort();
    return rec;
  }

  /** Stops every running sweep (service shutdown). */
  close(): void {
    for (const s of this.sweeps.values()) if (s.rec.state === "running") s.controller.abort();
  }

  private finish(rec: SweepRecord, state: SweepState, patch: Partial<SweepRecord>): void {
    Object.assign(rec, patch, { state, finishedAt: new Date().toISOString() });
    const finished = [...this.sweeps.values()].filter((s) => s.rec.state !== "running");
    for (const s of finished.slice(0, Math.max(0, finished.length - this.keepFinished))) this.sweeps.delete(s.rec.id);
  }
}
