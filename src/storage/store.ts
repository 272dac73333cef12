// The store interface: everything the service keeps (scenarios, jobs, plans, pickups, routes,
// API keys) behind async methods, so an embedded SQLite file and a shared PostgreSQL database
// are two implementations of one contract and the HTTP routes never see which one runs.
import type { Plan, PickupRequest, ResolvedSolveSettings, Scenario } from "../domain/index.js";

export type JobState = "queued" | "running" | "done" | "failed" | "cancelled";
export const JOB_STATES: readonly JobState[] = ["queued", "running", "done", "failed", "cancelled"];

export type Role = "admin" | "planner" | "carrier" | "intake";
export const ROLES: readonly Role[] = ["admin", "planner", "carrier", "intake"];

export interface ScenarioRecord {
  id: string;
  name: string;
  scenario: Scenario;
  createdAt: string;
  updatedAt: string;
}

export interface JobProgress {
  stage: string;
  /** 0..1 of the whole run. */
  fraction: number;
  message: string;
}

/** A solve job: its settings (the one job protocol, defaults filled in), state and progress. */
export interface JobRecord extends ResolvedSolveSettings {
  id: string;
  scenarioId: string;
  state: JobState;
  progress: JobProgress;
  /** Best siting objective so far, USD per year (net cost). */
  bestObjectiveUsd: number | null;
  cancelRequested: boolean;
  /** How many times the job was started (a restart or a dead worker's redelivery starts it again). */
  attempts: number;
  planId: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** What a new job is created with. */
export interface NewJob extends ResolvedSolveSettings {
  id: string;
  scenarioId: string;
}

export type JobPatch = Partial<Omit<JobRecord, "id" | "scenarioId" | "createdAt" | "routingIterations" | "routingStarts">>;

/**
 * What a conditional job write expects to find: one of these states and, when given, this many
 * attempts. Workers claim and finish jobs through it, so a job ends once even when a worker that
 * was presumed dead comes back and tries to finish a job another worker has restarted.
 */
export interface JobGuard {
  states: JobState[];
  attempts?: number;
}

export interface PlanRecord {
  id: string;
  scenarioId: string;
  jobId: string | null;
  plan: Plan;
  createdAt: string;
}

/** A registered pickup: the request as routing sees it, plus where and when it was placed. */
export interface PickupRecord {
  id: string;
  scenarioId: string;
  carrierId: string;
  /** Service day it was assigned to, YYYY-MM-DD. */
  date: string;
  request: PickupRequest;
  massKg: number;
  volumeM3: number;
  contactRef: string;
  createdAt: string;
}

/** One carrier's routes for one day of one scenario. */
export interface DayRoutesRecord {
  scenarioId: string;
  carrierId: string;
  date: string;
  /** The plan whose open hubs the routes unload at. */
  planId: string;
  routing: Plan["routing"];
  updatedAt: string;
}

export interface ApiKeyRecord {
  id: string;
  role: Role;
  /** Set for carrier keys only: the one carrier the key may read. */
  carrierId: string | null;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface Page {
  limit: number;
  offset: number;
}

/** Persistent state of the service. Every write is atomic; reads never see a half-written change. */
export interface Store {
  /** @throws UrbanmineError CONFLICT when a scenario with this id exists. */
  createScenario(scenario: Scenario): Promise<ScenarioRecord>;
  getScenario(id: string): Promise<ScenarioRecord | undefined>;
  listScenarios(page: Page): Promise<{ items: ScenarioRecord[]; total: number }>;
  /** @throws UrbanmineError NOT_FOUND when there is no such scenario. */
  replaceScenario(id: string, scenario: Scenario): Promise<ScenarioRecord>;
  /** Deletes the scenario with its jobs, plans, pickups and routes. False when it did not exist. */
  deleteScenario(id: string): Promise<boolean>;

  /**
   * Inserts a queued job unless `maxQueued` jobs are already queued (checked in the same transaction).
   * @returns the job, or undefined when the queue is full.
   */
  createJob(job: NewJob, maxQueued: number): Promise<JobRecord | undefined>;
  getJob(id: string): Promise<JobRecord | undefined>;
  /** @throws UrbanmineError NOT_FOUND when there is no such job. */
  updateJob(id: string, patch: JobPatch): Promise<JobRecord>;
  /** Applies the patch only when the job matches the guard (atomically); undefined otherwise. */
  updateJobIf(id: string, guard: JobGuard, patch: JobPatch): Promise<JobRecord | undefined>;
  /** Jobs in the given states, oldest first. */
  listJobs(filter: { states?: JobState[]; scenarioId?: string }): Promise<JobRecord[]>;
  countJobs(states: JobState[]): Promise<number>;
  /**
   * Stores a job's plan and finishes the job in one transaction; with a guard, neither happens
   * unless the job matches it.
   * @returns the finished job, or undefined when the guard did not match (nothing written).
   */
  finishJobWithPlan(jobId: string, plan: PlanRecord, patch: JobPatch, guard?: JobGuard): Promise<JobRecord | undefined>;

  savePlan(plan: PlanRecord): Promise<void>;
  getPlan(id: string): Promise<PlanRecord | undefined>;
  /** A scenario's plans, oldest first. */
  listPlans(scenarioId: string): Promise<PlanRecord[]>;
  /** The newest plan of a scenario. */
  latestPlan(scenarioId: string): Promise<PlanRecord | undefined>;

  createPickup(pickup: PickupRecord): Promise<PickupRecord>;
  getPickup(id: string): Promise<PickupRecord | undefined>;
  listPickups(filter: { scenarioId?: string; carrierId?: string; date?: string }): Promise<PickupRecord[]>;
  /** Removes a registered pickup (a cancellation). False when there was none. */
  deletePickup(id: string): Promise<boolean>;

  /** Replaces a carrier's routes of one day of one scenario. */
  putDayRoutes(routes: DayRoutesRecord): Promise<void>;
  /** A carrier's routes on a day, across scenarios. */
  getDayRoutes(carrierId: string, date: string, scenarioId?: string): Promise<DayRoutesRecord[]>;
  /** When a carrier's routes last changed (for response caching); undefined if never stored. */
  dayRoutesVersion(carrierId: string, date: string): Promise<string | undefined>;

  /** @throws UrbanmineError CONFLICT when the id is taken. */
  createApiKey(key: Omit<ApiKeyRecord, "createdAt" | "revokedAt">, secretHash: string): Promise<ApiKeyRecord>;
  /** The active (not revoked) key with this secret hash. */
  findApiKey(secretHash: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  revokeApiKey(id: string): Promise<boolean>;

  /** True when the store answers a trivial query (readiness). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
