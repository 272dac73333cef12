// urbanmine's own routing problem as JSON (the `dayN-problem.json` files: RoutingProblem with
// flat n×n `durationS`/`distanceKm` arrays, null where unreachable), its compact answer, and
// telling it apart from VROOM's problem JSON.
import { z } from "zod";
import { describeIssues, type RoutingProblem, type RoutingSolution, UrbanmineError, zodIssues } from "../../domain/index.js";

const nonNeg = z.number().nonnegative();
const window = z.tuple([z.number(), z.number()]);
/** null (JSON has no Infinity) marks an unreachable pair. */
const flatMatrix = z.array(z.number().nonnegative().nullable());

const Job = z.object({
  id: z.string().min(1),
  location: z.number().int().nonnegative(),
  serviceS: nonNeg.default(0),
  amounts: z.array(nonNeg),
  timeWindows: z.array(window).default([]),
  skills: z.array(z.string()).default([]),
  priority: z.number().int().min(0).max(100).default(0),
  carrierId: z.string().optional(),
  setupS: nonNeg.optional(),
  tags: z.array(z.string()).optional(),
});

const Break = z.object({ id: z.string().min(1), timeWindows: z.array(window).max(1).default([]), serviceS: nonNeg.default(0) });

const Vehicle = z.object({
  id: z.string().min(1),
  carrierId: z.string().default("default"),
  start: z.number().int().nonnegative().optional(),
  end: z.number().int().nonnegative().optional(),
  capacity: z.array(nonNeg),
  skills: z.array(z.string()).default([]),
  shift: window,
  fixedCostUsd: nonNeg.default(0),
  costUsdPerKm: nonNeg.default(0),
  costUsdPerHour: nonNeg.default(0),
  costUsdPerStop: nonNeg.optional(),
  minPaidS: nonNeg.optional(),
  speedFactor: z.number().positive().default(1),
  co2KgPerKm: nonNeg.default(0),
  maxDurationS: nonNeg.optional(),
  maxDistanceKm: nonNeg.optional(),
  maxTasks: z.number().int().nonnegative().optional(),
  unloadLocations: z.array(z.number().int().nonnegative()).default([]),
  unloadS: nonNeg.default(0),
  maxTrips: z.number().int().min(1).default(1),
  initialLoad: z.array(nonNeg).optional(),
  breaks: z.array(Break).optional(),
});

const Problem = z.object({
  locationIds: z.array(z.string()),
  durationS: flatMatrix,
  distanceKm: flatMatrix,
  jobs: z.array(Job),
  vehicles: z.array(Vehicle).min(1),
  locked: z.array(z.object({ vehicleId: z.string(), jobIds: z.array(z.string()) })).optional(),
  dimensions: z.array(z.string()),
  incompatibleTags: z.array(z.tuple([z.string(), z.string()])).optional(),
  shipments: z.array(z.object({ id: z.string().min(1), pickupJobId: z.string().min(1), deliveryJobId: z.string().min(1) })).optional(),
});

/** Which routing JSON a document is: urbanmine's own problem, or VROOM's. */
export type RoutingFormat = "urbanmine" | "vroom";

/**
 * Tells the two formats apart by their keys (`locationIds` + `durationS`: urbanmine's own;
 * `vehicles` without them: VROOM's).
 * @throws UrbanmineError INVALID_INPUT when it is neither.
 */
export function detectRoutingFormat(input: unknown): RoutingFormat {
  if (input !== null && typeof input === "object" && !Array.isArray(input)) {
    if ("locationIds" in input || "durationS" in input) return "urbanmine";
    if ("vehicles" in input) return "vroom";
  }
  throw new UrbanmineError("INVALID_INPUT", "not a routing problem: expected VROOM's problem JSON (`vehicles`, `jobs`, `matrices`) or urbanmine's own (`locationIds`, `durationS`, `distanceKm`, `jobs`, `vehicles`, `dimensions`)", [
    { path: "(root)", message: "expected an object with `vehicles` (VROOM) or `locationIds` and `durationS` (urbanmine)" },
  ]);
}

/**
 * Parses urbanmine's own routing problem; the engine checks the references and sizes when it builds its data.
 * @throws UrbanmineError INVALID_INPUT naming each JSON path that does not match.
 */
export function parseRoutingProblem(input: unknown): RoutingProblem {
  const parsed = Problem.safeParse(input);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    throw new UrbanmineError("INVALID_INPUT", describeIssues("routing problem is not valid", issues), issues);
  }
  const p = parsed.data;
  const flat = (m: Array<number | null>): Float64Array => Float64Array.from(m, (x) => (x === null ? Infinity : x));
  return {
    ...p,
    durationS: flat(p.durationS),
    distanceKm: flat(p.distanceKm),
    jobs: p.jobs.map((j) => ({ ...j, timeWindows: j.timeWindows.map(([a, b]) => [a, b] as [number, number]) })),
    vehicles: p.vehicles.map((v) => ({ ...v, shift: [v.shift[0], v.shift[1]] as [number, number] })),
  };
}

/** The compact answer of `urbanmine vrp PROBLEM.json --json` for urbanmine's own format. */
export interface RoutingSummary {
  /** USD: Σ over used vehicles of fixed + $/km × km + $/h × hours (plus per-stop and minimum-paid terms when the problem has them). */
  cost: number;
  routes: Array<{ vehicleId: string; jobIds: string[] }>;
  unassigned: Array<{ id: string; reason: string }>;
  seconds: number;
}

/** The solution as {@link RoutingSummary}; `cost` is the solution's own cost (check it independently). */
export function summarizeRouting(sol: RoutingSolution): RoutingSummary {
  return {
    cost: sol.costUsd,
    routes: sol.routes.map((r) => ({ vehicleId: r.vehicleId, jobIds: r.steps.flatMap((s) => (s.type === "job" && s.jobId !== undefined ? [s.jobId] : [])) })),
    unassigned: sol.unassigned.map((u) => ({ id: u.jobId, reason: u.reason })),
    seconds: sol.stats.seconds,
  };
}
