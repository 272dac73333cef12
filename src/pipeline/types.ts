// The pipeline's contract with its callers (CLI, HTTP service): run a scenario into a plan,
// re-plan one day's routes, report progress, cancel and keep the best plan found.
import type { Location, LockedRoute, PickupRequest, Plan, Scenario, SolveSettings } from "../domain/index.js";

export type Stage = "network" | "siting" | "routing" | "plan";

export interface Progress {
  stage: Stage;
  /** 0..1 of the whole run. */
  fraction: number;
  message: string;
  /** Best siting objective so far, USD per year (net cost), when known. */
  bestObjectiveUsd?: number;
}

/** A run's settings (SolveSettings: the time limit covers the whole run, split between siting and routing). */
export interface RunOptions extends SolveSettings {
  /** Folder that relative paths in the scenario (network files) are resolved against. */
  baseDir: string;
  /** Pickups registered over HTTP for the scenario's service day, routed beside the scenario's own. */
  registeredPickups?: PickupRequest[];
  onProgress?: (p: Progress) => void;
  /** Aborting stops the solvers early; the run then resolves with the best plan found so far. */
  signal?: AbortSignal;
}

/**
 * Where a vehicle stands in a day in progress: its route is planned again from this position,
 * clock time and load on board (re-optimisation).
 */
export interface VehicleState {
  vehicleId: string;
  location: Location;
  /** "HH:MM": the vehicle is free to drive on from then. */
  clock: string;
  loadKg: number;
  loadM3: number;
}

export interface RouteDayInput {
  scenario: Scenario;
  /** A plan of the same scenario: its open hubs are where vehicles unload. */
  plan: Plan;
  pickups: PickupRequest[];
  /** YYYY-MM-DD */
  date: string;
  baseDir: string;
  /** Stops already served or locked in place (re-optimisation). */
  locked?: LockedRoute[];
  /** Vehicles already on the road (re-optimisation): their routes start where they stand. */
  vehicleStates?: VehicleState[];
  timeLimitS?: number;
  seed?: number;
  signal?: AbortSignal;
}

/** Runs plans in a worker pool; the caller's event loop never blocks on a solve. */
export interface Planner {
  run(scenario: Scenario, options: RunOptions): Promise<Plan>;
  routeDay(input: RouteDayInput): Promise<Plan["routing"]>;
  close(): Promise<void>;
}
