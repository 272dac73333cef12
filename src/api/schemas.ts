// HTTP envelopes: the request and response shapes the routes declare, beside the domain schemas.
// The same zod objects validate requests, serialise responses and generate the OpenAPI document.
import { z } from "zod";
import { CalendarDate, ClockTime, Id, Location, Plan, SaneNumber, SolveSettings, TimeWindow } from "../domain/index.js";

/** A calendar day, YYYY-MM-DD (the domain's one date schema). */
export const IsoDate = CalendarDate;

/** The body of every error response. */
export const ErrorBody = z
  .object({
    code: z.string().describe("Stable error code, e.g. INVALID_INPUT, NOT_FOUND, BUSY"),
    message: z.string(),
    issues: z.array(z.object({ path: z.string().describe("JSON path, e.g. zones[3].location.lat"), message: z.string() })),
  })
  .describe("Every error response");

/** A path with one `{id}`. */
export const IdParams = z.object({ id: Id });

/** Paging of list endpoints: `limit` (1..500, default 50) and `offset`. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** A scenario in lists and create/replace answers. */
export const ScenarioSummary = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  warnings: z.array(z.string()).optional().describe("On create and replace: fields of the body the scenario format does not know (ignored), by JSON path"),
});

/** A solve job: state, progress, best objective so far, and its plan once there is one. */
export const JobView = z
  .object({
    id: z.string(),
    scenarioId: z.string(),
    state: z.enum(["queued", "running", "done", "failed", "cancelled"]),
    progress: z.object({ stage: z.string(), fraction: z.number(), message: z.string() }),
    bestObjectiveUsd: z.number().nullable().describe("Best siting objective so far, USD per year"),
    timeLimitS: z.number(),
    seed: z.number().int(),
    routingIterations: z.number().int().nullable().describe("Bound on routing iterations, null: time-bounded"),
    routingStarts: z.number().int().describe("Seeds the day's routes are solved from, best kept"),
    cancelRequested: z.boolean(),
    attempts: z.number().int(),
    planId: z.string().nullable().describe("Set when done, or when cancelled after a plan was found"),
    error: z.string().nullable().describe("Why the job failed"),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .describe("A solve job");

/** Options of a solve: the one SolveSettings shape (time limit, seed, routing iterations and starts). */
export const SolveBody = SolveSettings.default({});

/** How to render a plan: json, geojson, or csv with the table to print. */
export const PlanFormatQuery = z.object({
  format: z.enum(["json", "geojson", "csv"]).default("json"),
  table: z
    .enum(["assignments", "flows", "hubs", "routes", "drop-offs", "centres", "shipments"])
    .default("assignments")
    .describe("CSV only: which table (drop-offs, centres and shipments: hub → centre and centre → offtaker legs; header only when the plan has none)"),
});

/** A plan in lists and comparisons. */
export const PlanSummary = z.object({
  id: z.string(),
  scenarioId: z.string(),
  jobId: z.string().nullable(),
  createdAt: z.string(),
  netCostUsdPerYear: z.number(),
});

/** A plan with its ids, as `GET /v1/plans/{id}` answers in JSON. */
export const PlanEnvelope = z.object({
  id: z.string(),
  scenarioId: z.string(),
  jobId: z.string().nullable(),
  createdAt: z.string(),
  plan: Plan,
});

/** Two plan ids to compare. */
export const CompareQuery = z.object({ a: Id, b: Id });

const HubChange = z.object({
  siteId: z.string(),
  from: z.string().nullable().describe("Size id in plan a (null: closed)"),
  to: z.string().nullable().describe("Size id in plan b (null: closed)"),
  capacityTPerYearA: z.number().nullable(),
  capacityTPerYearB: z.number().nullable(),
});
const Shares = z.array(z.object({ hubId: z.string(), fraction: z.number() }));
const FlowLegs = z.array(z.object({ to: z.string(), mode: z.string(), tonnesPerYear: z.number() }));

/** What changed from plan a to plan b besides the KPIs. */
export const PlanChanges = z.object({
  hubs: z.object({ opened: z.array(HubChange), closed: z.array(HubChange), resized: z.array(HubChange) }),
  zonesReassigned: z.array(z.object({ zoneId: z.string(), from: Shares, to: Shares })).describe("Zones served by other hubs (empty list: not served)"),
  flowsRerouted: z.array(z.object({ hubId: z.string(), material: z.string(), from: FlowLegs, to: FlowLegs })).describe("A hub's material sent to other offtakers or by other modes"),
});

/** Every numeric KPI of two plans, side by side, and what changed in hubs, zones and flows. */
export const KpiComparison = z.object({
  a: PlanSummary,
  b: PlanSummary,
  rows: z.array(
    z.object({
      kpi: z.string().describe("Dotted KPI path, e.g. costUsdPerYear.total"),
      a: z.number().nullable(),
      b: z.number().nullable(),
      diff: z.number().nullable().describe("b - a"),
      ratio: z.number().nullable().describe("b / a, null when a is 0"),
    }),
  ),
  changes: PlanChanges,
  scenarioDifferences: z.array(z.string()).describe("Inputs that differ, one line each with its JSON path (or factor name)"),
  warnings: z.array(z.string()).describe("Set when the plans do not come from the same inputs"),
});

/** What an intake desk sends to register a pickup. */
export const PickupRegistration = z
  .object({
    scenarioId: Id.describe("Scenario (city plan) whose carriers serve the pickup"),
    id: Id.optional().describe("Your id for the request; omitted: one is generated"),
    location: Location,
    units: z.record(z.string(), SaneNumber.int().nonnegative()).describe("Devices by stream id, e.g. {\"laptop\": 2}"),
    preferredDates: z.array(IsoDate).min(1).max(14).optional().describe("Days that suit; omitted: the next days with room"),
    timeWindows: z.array(TimeWindow).default([]).describe("When service may start; empty: any time in the shift"),
    serviceS: z.number().nonnegative().max(7200).default(300).describe("Time on site, seconds"),
    priority: z.number().int().min(0).max(100).default(0),
    carrierId: Id.optional().describe("Only this carrier may serve it"),
    contactRef: z.string().min(1).max(200).describe("Reference to the requester's contact in your own system (no personal data)"),
  })
  .describe("A household or small business asking for a pickup");

/** A registered pickup with the carrier and day it was assigned to. */
export const PickupView = z.object({
  id: z.string(),
  scenarioId: z.string(),
  carrierId: z.string(),
  date: z.string().describe("Service day assigned, YYYY-MM-DD"),
  zoneId: z.string().optional(),
  massKg: z.number(),
  volumeM3: z.number(),
  contactRef: z.string(),
  createdAt: z.string(),
  request: z.object({
    location: Location,
    units: z.record(z.string(), z.number()),
    timeWindows: z.array(TimeWindow),
    serviceS: z.number(),
    priority: z.number(),
  }),
});

/** Filters of the pickup list. */
export const PickupListQuery = z.object({ scenarioId: Id.optional(), carrierId: Id.optional(), date: IsoDate.optional() });

/** A path with one `{carrierId}`. */
export const CarrierParams = z.object({ carrierId: Id });

/** Which day of a carrier's routes, in which format. */
export const RoutesQuery = z.object({
  date: IsoDate,
  format: z.enum(["json", "geojson", "csv"]).default("json"),
  scenarioId: Id.optional().describe("Only routes of this scenario"),
});

/** A carrier's routes of one day, per scenario. */
export const DayRoutesView = z.object({
  carrierId: z.string(),
  date: z.string(),
  days: z.array(
    z.object({
      scenarioId: z.string(),
      planId: z.string(),
      updatedAt: z.string(),
      routing: Plan.shape.routing,
    }),
  ),
});

/** A re-optimisation request: the day, the scenario, the stops to keep in place. */
export const ReoptimiseBody = z.object({
  scenarioId: Id,
  date: IsoDate,
  locked: z
    .array(z.object({ vehicleId: z.string().min(1), jobIds: z.array(Id).min(1) }))
    .default([])
    .describe("Stops served or promised: each vehicle keeps these pickups first, in this order"),
  vehicles: z
    .array(z.object({
      vehicleId: z.string().min(1),
      location: Location.describe("Where the vehicle stands now"),
      clock: ClockTime.describe("When it is free to drive on"),
      loadKg: z.number().nonnegative().describe("Load on board, kg"),
      loadM3: z.number().nonnegative().describe("Load on board, m³"),
      served: z.array(Id).default([]).describe("Pickups this vehicle has already collected: they leave the day"),
    }))
    .default([])
    .describe("A day in progress: each vehicle on the road is routed again from its position, clock time and load on board"),
  timeLimitS: z.number().positive().max(120).default(10),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
});

/** The calling key and the scenarios it works on (GET /v1/me). */
export const SessionView = z.object({
  role: z.enum(["admin", "planner", "carrier", "intake"]),
  carrierId: z.string().nullable(),
  label: z.string(),
  scenarios: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).describe("[west, south, east, north] over zones, hub sites and depots, degrees"),
      streams: z.array(z.object({ id: z.string(), name: z.string() })),
      serviceDate: z.string().nullable(),
      days: z.array(z.string()).describe("Carrier keys: days with pickups or published routes for this carrier"),
    }),
  ),
});
