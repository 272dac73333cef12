// The plan: what a run decides (hubs, assignments, flows, routes) and what it means (KPIs).
// A zod schema so the HTTP API documents and checks its output with the same definition.
import { z } from "zod";
import { Location } from "./common.js";

export const PlannedHub = z.object({
  siteId: z.string(),
  name: z.string().optional(),
  location: Location,
  sizeId: z.string(),
  capacityTPerYear: z.number(),
  fixedCostUsdPerYear: z.number(),
  inflowTPerYear: z.number().describe("Tonnes received per year (last planning year)"),
  utilisation: z.number().describe("inflow / capacity"),
  openFromYear: z.number().int(),
  enterprises: z.array(z.string()).describe("Ids of enterprises co-located here"),
  jobs: z.number().describe("Hub staff of its size + each co-located enterprise's jobs × its utilisation (tonnes it processes ÷ its throughput)"),
  jobsAtFullThroughput: z.number().optional().describe("Hub staff + the enterprises' jobs at full throughput"),
});

export const Assignment = z.object({
  zoneId: z.string(),
  hubId: z.string(),
  fraction: z.number(),
  tonnesPerYear: z.number(),
  distanceKm: z.number(),
  collectionUsdPerYear: z.number().optional().describe("Siting's collection cost of this assignment, USD per year (route-based estimate, calibrated)"),
  collectionCo2TPerYear: z.number().optional().describe("Siting's collection CO2 of this assignment, t per year"),
});

export const ChannelChoice = z.object({
  channel: z.string().describe("curbside, drop-off, mail-back or event"),
  dropOffId: z.string().optional().describe("The drop-off point, for drop-off"),
  captureRate: z.number().describe("Share of the zone's available devices it captures"),
  tonnesPerYear: z.number(),
  unitsPerYear: z.number(),
  costUsdPerYear: z.number().describe("What it costs a year at the zone's hub (a drop-off point's fixed cost apart)"),
  costUsdPerT: z.number(),
  co2TPerYear: z.number(),
  chosen: z.boolean(),
  reason: z.string().describe("Why it was chosen or not: cost per tonne against capture"),
  detail: z.string().describe("How the cost is made up"),
});

export const ZoneChannels = z.object({
  zoneId: z.string(),
  hubId: z.string().optional().describe("The hub its devices go to (none when no channel is offered)"),
  availableTPerYear: z.number().describe("Devices available a year (generated), tonnes"),
  capturedTPerYear: z.number(),
  captureRate: z.number().describe("captured ÷ available"),
  minCaptureRate: z.number().optional(),
  options: z.array(ChannelChoice),
});

export const ChannelTotals = z.object({
  tonnesPerYear: z.number(),
  unitsPerYear: z.number(),
  costUsdPerYear: z.number().describe("For drop-off, including the open points' fixed costs"),
  co2TPerYear: z.number(),
  zones: z.number().int().describe("Zones offered this channel"),
});

export const Flow = z.object({
  hubId: z.string(),
  to: z.string().describe("Offtaker id, or 'disposal'"),
  material: z.string(),
  mode: z.string(),
  tonnesPerYear: z.number(),
  distanceKm: z.number(),
  revenueUsdPerYear: z.number(),
  transportCostUsdPerYear: z.number(),
  co2TPerYear: z.number(),
  echelon: z.enum(["hub", "regional"]).optional().describe("regional: from a regional centre (hubId is the centre's id); omitted: from a city hub"),
});

export const Shipment = z.object({
  hubId: z.string(),
  centreId: z.string(),
  stream: z.string().describe("Stream id: it leaves the hub after the hub's steps, for the centre's"),
  mode: z.string(),
  via: z.string().describe("e.g. road, or road→T1 rail→T2 road, or a lane"),
  tonnesPerYear: z.number(),
  distanceKm: z.number(),
  transportCostUsdPerYear: z.number(),
  co2TPerYear: z.number(),
});

export const PlanStep = z.object({
  type: z.enum(["start", "job", "unload", "break", "end"]),
  id: z.string().describe("Pickup id, the break's id, or the hub/depot id"),
  location: Location,
  arrival: z.string().describe("HH:MM"),
  arrivalS: z.number(),
  waitingS: z.number(),
  departureS: z.number(),
  loadKg: z.number(),
  loadM3: z.number(),
  distanceKm: z.number(),
});

export const PlanRoute = z.object({
  vehicleId: z.string(),
  carrierId: z.string(),
  steps: z.array(PlanStep),
  distanceKm: z.number(),
  durationS: z.number(),
  costUsd: z.number(),
  co2Kg: z.number(),
  collectedKg: z.number(),
  geometry: z
    .object({ type: z.literal("LineString"), coordinates: z.array(z.array(z.number())) })
    .describe("GeoJSON LineString, [lon, lat] pairs"),
});

export const PlanUnassigned = z.object({ id: z.string(), reason: z.string(), detail: z.string() });

export const Factor = z.object({
  name: z.string(),
  value: z.number(),
  unit: z.string(),
  source: z.string(),
  feeds: z.array(z.string()).describe("KPIs computed from it"),
});

export const CollectionReconciliation = z
  .object({
    method: z.enum(["routes", "per-t-km"]).describe("How siting priced collection"),
    calibrated: z.boolean().describe("Whether siting's estimate was rescaled to the routed day"),
    estimateUsdPerYear: z.number().describe("Siting's collection cost of the zones routed on the day, USD per year"),
    routedUsdPerYear: z.number().describe("The routed day's cost × working days per year"),
    ratio: z.number().describe("routed ÷ estimate"),
    estimateCo2TPerYear: z.number(),
    routedCo2TPerYear: z.number().describe("The routed day's CO2 × working days per year"),
    co2Ratio: z.number().describe("routed ÷ estimate, CO2"),
    rounds: z.number().int().describe("Siting solves (and routings when the open hubs changed) until consistent"),
    costScale: z.number().describe("Multiplier applied to the route-based cost estimate"),
    co2Scale: z.number().describe("Multiplier applied to the route-based CO2 estimate"),
    history: z
      .array(z.object({ hubs: z.array(z.string()), estimateUsdPerYear: z.number(), routedUsdPerYear: z.number(), estimateCo2TPerYear: z.number(), routedCo2TPerYear: z.number() }))
      .describe("Each round: open hubs, estimate and routed figures"),
    note: z.string(),
  })
  .describe("How siting's yearly collection cost and CO2 were reconciled with the routed day");

export const Kpis = z.object({
  hubsOpened: z.number().int(),
  regionalCentresOpened: z.number().int().optional(),
  jobs: z.number().describe("Hub staff + co-located enterprises' jobs scaled by their utilisation"),
  jobsAtFullThroughput: z.number().optional().describe("Hub staff + co-located enterprises' jobs at full throughput"),
  unitsCollectedPerYear: z.record(z.string(), z.number()),
  tonnesCollectedPerYear: z.record(z.string(), z.number()).describe("By stream"),
  tonnesCollectedTotalPerYear: z.number(),
  materialRecoveredKgPerYear: z.record(z.string(), z.number()).describe("Sold to offtakers, kg per year by material (composition × recovery efficiency, less what is disposed of)"),
  materialDisposedKgPerYear: z.record(z.string(), z.number()).optional().describe("Recovered but sold to no offtaker: disposed of, kg per year by material"),
  costUsdPerYear: z.object({
    hubFixed: z.number(),
    processing: z.number(),
    collectionTransport: z.number(),
    lineHaul: z.number(),
    disposal: z.number(),
    co2: z.number(),
    total: z.number(),
  }),
  revenueUsdPerYear: z.number(),
  netCostUsdPerYear: z.number(),
  netCostUsdPerTonne: z.number(),
  co2TPerYear: z.number(),
  collection: CollectionReconciliation.optional(),
  channels: z.record(z.string(), ChannelTotals).optional().describe("With collection channels: tonnes, devices, cost and CO2 per channel"),
  day: z.object({
    date: z.string(),
    stopsServed: z.number().int(),
    stopsUnassigned: z.number().int(),
    vehiclesUsed: z.number().int(),
    kmDriven: z.number(),
    co2Kg: z.number(),
    costUsd: z.number(),
    collectedKg: z.number(),
  }),
});
export type Kpis = z.infer<typeof Kpis>;

export const MassBalanceRow = z.object({
  hubId: z.string().describe("Hub id, or 'all'"),
  inKg: z.number().describe("Device mass in, kg per year"),
  materialsKg: z.record(z.string(), z.number()).describe("Recovered material sold, by material, kg per year"),
  disposedKg: z.record(z.string(), z.number()).optional().describe("Material disposed of (no offtaker takes it), by material, kg per year"),
  lossKg: z.number().describe("Residue and process loss (what the recovery efficiencies leave), kg per year"),
  shippedKg: z.number().optional().describe("With regional centres: streams sent on to centres, kg per year (in = sold + disposed + shipped + loss)"),
  echelon: z.enum(["hub", "regional"]).optional().describe("regional: a regional centre's balance"),
});

/** Who does what at a hub: one process step's tonnes, done in-house (by whom) or bought outside. */
export const HubStepWork = z.object({
  hubId: z.string(),
  step: z.string().describe("Process step"),
  throughTPerYear: z.number().describe("Tonnes through this step at the hub"),
  inHouseTPerYear: z.number().describe("Done at the hub"),
  boughtOutsideTPerYear: z.number().describe("Bought from outside processors"),
  doneBy: z.enum(["enterprises", "hub operator"]).describe("Who runs the step in-house: the co-located enterprises, or the hub operator when no enterprise runs it"),
  enterprises: z
    .array(z.object({ enterpriseId: z.string(), tonnesPerYear: z.number(), throughputTPerYear: z.number(), utilisation: z.number().describe("tonnes / throughput") }))
    .describe("Enterprises placed here for this step; the in-house tonnes shared in proportion to their throughput"),
});
export type HubStepWork = z.infer<typeof HubStepWork>;

/** One planning year of a multi-year plan: what is open, who goes where, and what it costs that year. */
export const PlanYear = z.object({
  year: z.number().int().describe("1-based planning year"),
  hubs: z.array(PlannedHub).describe("Hubs open this year, with their size and this year's inflow"),
  assignments: z.array(Assignment).describe("Zones served this year (a zone appears from its joinYear)"),
  flows: z.array(Flow),
  kpis: Kpis.omit({ day: true }).describe("This year's figures (per year, as in kpis)"),
  hubWork: z.array(HubStepWork).optional(),
});
export type PlanYear = z.infer<typeof PlanYear>;

export const Plan = z.object({
  scenarioId: z.string(),
  scenarioName: z.string(),
  createdAt: z.string(),
  network: z.string().describe("How travel figures were obtained"),
  siting: z.object({
    status: z.enum(["optimal", "feasible", "time-limit"]),
    solver: z.string(),
    objectiveUsd: z.number(),
    boundUsd: z.number(),
    gap: z.number(),
    seconds: z.number(),
    hubs: z.array(PlannedHub),
    assignments: z.array(Assignment),
    flows: z.array(Flow),
    channels: z.array(ZoneChannels).optional().describe("With collection channels: per zone, the channels it may be offered, which were chosen and why"),
    centres: z.array(PlannedHub).optional().describe("Regional centres opened"),
    shipments: z.array(Shipment).optional().describe("Streams from city hubs to regional centres, by mode"),
    dropOffs: z
      .array(z.object({ id: z.string(), name: z.string().optional(), location: Location, tonnesPerYear: z.number(), capacityTPerYear: z.number(), fixedCostUsdPerYear: z.number() }))
      .optional()
      .describe("Drop-off points opened"),
  }),
  routing: z.object({
    date: z.string(),
    solver: z.string(),
    seconds: z.number(),
    routes: z.array(PlanRoute),
    unassigned: z.array(PlanUnassigned),
  }),
  kpis: Kpis,
  hubWork: z.array(HubStepWork).optional().describe("Per open hub and process step (last year): tonnes in-house by each co-located enterprise, bought outside, utilisation"),
  years: z
    .array(PlanYear)
    .optional()
    .describe("Multi-year plans (policy.horizonYears > 1): every year's hubs, assignments, flows and KPIs; siting and kpis show the last year"),
  massBalance: z.array(MassBalanceRow),
  factors: z.array(Factor),
  warnings: z.array(z.string()),
});
export type Plan = z.infer<typeof Plan>;
export type PlannedHub = z.infer<typeof PlannedHub>;
export type PlanRoute = z.infer<typeof PlanRoute>;
