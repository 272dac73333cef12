// The daily routing problem as the VRP engine sees it (VROOM's model, integer-indexed),
// and its solution. Built by the pipeline from a scenario; solved by src/vrp.

/** A stop to serve: collection (pickup) of `amounts` per capacity dimension. */
export interface RoutingJob {
  id: string;
  /** Index into the problem's locations/matrix. */
  location: number;
  serviceS: number;
  /** Amount collected per dimension, same order as vehicle capacity (e.g. [kg, m3]). */
  amounts: number[];
  /** Allowed service start windows [startS, endS], seconds after midnight; empty: any time. */
  timeWindows: Array<[number, number]>;
  /** Skills a vehicle must all have (e.g. "hazardous"). */
  skills: string[];
  /** 0..100; higher is kept first when not all fit. */
  priority: number;
  /** Only vehicles of this carrier may serve it. */
  carrierId?: string;
  /**
   * Seconds added before service when the vehicle arrives from another location (VROOM's
   * `setup`); the time window bounds the start of setup and service together. Omitted: 0.
   */
  setupS?: number;
  /** Labels for {@link RoutingProblem.incompatibleTags} (e.g. the material stream). Omitted: none. */
  tags?: string[];
}

/**
 * A driver break (VROOM's model): every used vehicle takes each of its breaks once, placed by
 * the solver between two steps; it is taken where the vehicle is (after the previous step's
 * service, before driving on) and starts within its window.
 */
export interface RoutingBreak {
  id: string;
  /** When the break may start [startS, endS]; empty: any time in the shift. At most one window. */
  timeWindows: Array<[number, number]>;
  serviceS: number;
}

export interface RoutingVehicle {
  id: string;
  carrierId: string;
  /** Start location index; undefined: the route starts at its first stop (open start). */
  start?: number;
  /** End location index; undefined: the route ends at its last stop (open end). */
  end?: number;
  capacity: number[];
  skills: string[];
  /** Shift [startS, endS], seconds after midnight. */
  shift: [number, number];
  /** USD for using the vehicle at all (paid only when its route serves a job). */
  fixedCostUsd: number;
  costUsdPerKm: number;
  /** USD per hour of paid time: the route duration, or {@link minPaidS} when that is longer. */
  costUsdPerHour: number;
  /** USD per job served (unload stops, start and end do not count); omitted: 0. */
  costUsdPerStop?: number;
  /** Minimum paid time of a used vehicle's driver, seconds; omitted: 0. An unused vehicle costs nothing. */
  minPaidS?: number;
  /** Travel time = matrix duration / speedFactor. */
  speedFactor: number;
  co2KgPerKm: number;
  maxDurationS?: number;
  maxDistanceKm?: number;
  maxTasks?: number;
  /** Locations where the vehicle may unload mid-shift (multi-trip); empty: single trip. */
  unloadLocations: number[];
  /** Time to unload at a hub, seconds. */
  unloadS: number;
  maxTrips: number;
  /**
   * Load already on board when the route starts, per dimension (re-optimising a day in
   * progress); omitted: empty. Cleared by the first unload.
   */
  initialLoad?: number[];
  /** Driver breaks, each taken once by a used vehicle; omitted: none. */
  breaks?: RoutingBreak[];
}

/** A fixed prefix of a route (re-optimisation): these jobs stay, in this order, on this vehicle. */
export interface LockedRoute {
  vehicleId: string;
  jobIds: string[];
}

export interface RoutingProblem {
  /** Names of the locations (for reports), index-aligned with the matrix. */
  locationIds: string[];
  /** Row-major n×n seconds and km. Infinity: unreachable. */
  durationS: Float64Array;
  distanceKm: Float64Array;
  jobs: RoutingJob[];
  vehicles: RoutingVehicle[];
  locked?: LockedRoute[];
  /** Names of the capacity dimensions, e.g. ["kg", "m3"]. */
  dimensions: string[];
  /**
   * Pairs of job tags that never share a vehicle's load (e.g. ["lithium", "ferrous"]): a trip
   * (the whole route of a vehicle that does not unload; an unload empties the vehicle) serving a
   * job tagged with one serves no job tagged with the other. Omitted: none.
   */
  incompatibleTags?: Array<[string, string]>;
  /**
   * Shipments (VROOM's model): a pickup job and a delivery job served by the same vehicle, the
   * pickup first, with no unload between them (one trip: the load is not dropped at a hub on
   * the way); the delivery unloads what the pickup loaded (its `amounts` equal the pickup's).
   * Both are served or both are left out. Omitted: none.
   */
  shipments?: RoutingShipment[];
}

/** A pickup and its delivery (see {@link RoutingProblem.shipments}); both jobs are in `jobs`. */
export interface RoutingShipment {
  id: string;
  pickupJobId: string;
  deliveryJobId: string;
}

export type StepType = "start" | "job" | "unload" | "break" | "end";

export interface RouteStep {
  type: StepType;
  jobId?: string;
  /** Set on break steps. */
  breakId?: string;
  location: number;
  arrivalS: number;
  waitingS: number;
  serviceS: number;
  /** Setup paid before service (a job reached from another location); omitted: none. */
  setupS?: number;
  departureS: number;
  /** Load on board after the step, per dimension. */
  load: number[];
  /** Kilometres driven from the route start to this step. */
  distanceKm: number;
}

export interface RoutingRoute {
  vehicleId: string;
  carrierId: string;
  steps: RouteStep[];
  distanceKm: number;
  durationS: number;
  costUsd: number;
  co2Kg: number;
}

export type UnassignedReason =
  | "capacity"
  | "time-window"
  | "skills"
  | "shift"
  | "max-distance"
  | "max-duration"
  | "unreachable"
  | "no-vehicle"
  | "not-profitable";

export interface Unassigned {
  jobId: string;
  reason: UnassignedReason;
  detail: string;
}

export interface RoutingSolution {
  routes: RoutingRoute[];
  unassigned: Unassigned[];
  costUsd: number;
  distanceKm: number;
  /** Solver statistics: iterations, seconds, seed, how it stopped. */
  stats: { seconds: number; iterations: number; seed: number; stoppedBy: string; solver: string };
}
