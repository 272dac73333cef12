// Places in the network: collection zones, candidate hubs, enterprises, offtakers, terminals, lanes.
import { z } from "zod";
import { ChannelKind } from "./channels.js";
import { Id, Location, Mode, ProcessStep, Source } from "./common.js";

export const Zone = z
  .object({
    id: Id,
    name: z.string().optional().describe("Display name, e.g. the ZIP code and town"),
    location: Location.describe("Collection point or centroid of the zone"),
    population: z.number().int().nonnegative().optional().describe("Residents; turned into units by `generation`"),
    unitsPerYear: z
      .record(z.string(), z.number().nonnegative())
      .optional()
      .describe("Devices collected per year by stream id; overrides population"),
    joinYear: z.number().int().min(1).default(1).describe("First planning year (1-based) in which the zone is served"),
    supplyFactorByYear: z
      .array(z.number().nonnegative())
      .min(1)
      .optional()
      .describe("Multiplier on the zone's yearly supply in years 1, 2, … (growth, decline, a campaign year); years past the list keep its last value; omitted: 1"),
    channels: z.array(ChannelKind).optional().describe("Channels that may be offered here (with the scenario's `channels`); omitted: every channel the scenario defines"),
    captureRates: z
      .partialRecord(ChannelKind, z.number().min(0).max(1))
      .optional()
      .describe("This zone's own capture rate per channel, overriding the channel's (0..1)"),
    minCaptureRate: z.number().min(0).max(1).optional().describe("Least share of this zone's available devices its channels must capture (0..1)"),
    setupS: z.number().nonnegative().optional().describe("Setup before service at a pickup in this zone when the vehicle arrives from another place, seconds (its consolidated day stops, and pickups without their own setupS); omitted: 0"),
    source: Source.optional().describe("Source of the population (or units) and of the location"),
  })
  .describe("A collection zone: households and businesses that hand in devices");
export type Zone = z.infer<typeof Zone>;

export const HubSize = z
  .object({
    id: Id.describe("Size level id, e.g. small, large"),
    capacityTPerYear: z.number().positive().describe("Throughput capacity, tonnes per year"),
    fixedCostUsdPerYear: z.number().nonnegative().describe("Annualised fixed cost (lease, equipment, staff), USD per year"),
    floorSpaceM2: z.number().nonnegative().default(0).describe("Floor space available to enterprises, m²"),
    jobs: z.number().nonnegative().default(0).describe("Jobs of the hub operator itself at this size"),
    source: Source.optional(),
  })
  .describe("One size option of a hub");
export type HubSize = z.infer<typeof HubSize>;

export const HubSite = z
  .object({
    id: Id,
    name: z.string().optional().describe("Display name"),
    location: Location,
    sizes: z.array(HubSize).min(1).describe("Size levels; at most one is chosen"),
    processSteps: z.array(ProcessStep).min(1).describe("Process steps this site can host"),
    variableCostUsdPerT: z.number().nonnegative().default(0).describe("Handling cost per tonne received, USD"),
    status: z
      .enum(["candidate", "forced-open", "forced-closed", "existing"])
      .default("candidate")
      .describe("candidate: the model decides; existing: open from year 1 at no fixed cost of opening"),
    source: Source.optional(),
  })
  .describe("A candidate site for a sorting/processing hub");
export type HubSite = z.infer<typeof HubSite>;

export const RegionalCentre = HubSite.extend({
  modes: z.array(Mode).min(1).default(["road"]).describe("Modes it can receive hubs' loads by (rail: through the scenario's terminals, or a lane)"),
}).describe("A candidate site for a regional processing centre: receives pre-processed streams from city hubs, runs the heavier steps, sells to offtakers");
export type RegionalCentre = z.infer<typeof RegionalCentre>;

export const Regional = z
  .object({
    centres: z.array(RegionalCentre).min(1),
    steps: z
      .array(ProcessStep)
      .min(1)
      .describe("Process steps run at regional centres: a stream whose steps include any of these runs its other steps at its city hub, then goes to a centre for these"),
    source: Source.optional(),
  })
  .describe("A second echelon: regional centres between the city hubs and the offtakers");
export type Regional = z.infer<typeof Regional>;

export const Enterprise = z
  .object({
    id: Id,
    name: z.string().min(1).describe("Display name"),
    processStep: ProcessStep.describe("The process step it runs"),
    throughputTPerYear: z.number().positive().describe("Tonnes per year it can process"),
    floorSpaceM2: z.number().nonnegative().describe("Floor space it needs, m²"),
    jobs: z.number().nonnegative().describe("People it employs at full throughput"),
    illustrative: z.boolean().default(false).describe("True when the enterprise is an illustrative placeholder"),
    source: Source.optional(),
  })
  .describe("A small local enterprise (MSME) that can co-locate at a hub");
export type Enterprise = z.infer<typeof Enterprise>;

export const Offer = z
  .object({
    material: Id.describe("Material id"),
    priceUsdPerT: z.number().describe("Price paid per tonne delivered, USD (negative: a gate fee we pay)"),
    priceUsdPerTByYear: z
      .array(z.number())
      .min(1)
      .optional()
      .describe("Price in years 1, 2, …, USD per tonne; years past the list keep its last value; omitted: priceUsdPerT every year"),
    minTPerYear: z.number().nonnegative().default(0).describe("Take-or-pay minimum, tonnes per year"),
    maxTPerYear: z.number().positive().optional().describe("Maximum accepted, tonnes per year"),
    source: Source.optional(),
  })
  .describe("What an offtaker buys of one material");
export type Offer = z.infer<typeof Offer>;

export const Offtaker = z
  .object({
    id: Id,
    name: z.string().min(1).describe("Company and site name"),
    location: Location,
    accepts: z.array(Offer).min(1).describe("Materials bought, with prices and limits"),
    modes: z.array(Mode).min(1).default(["road"]).describe("Modes it can receive"),
    source: Source.optional(),
  })
  .describe("A recycler, smelter or manufacturer that buys recovered material");
export type Offtaker = z.infer<typeof Offtaker>;

export const Terminal = z
  .object({
    id: Id,
    name: z.string().optional().describe("Display name"),
    location: Location,
    modes: z.array(Mode).min(2).describe("Modes it connects, e.g. road and rail"),
    transferTimeS: z.number().nonnegative().default(0).describe("Time to transfer a load between modes, seconds"),
    transferCostUsdPerT: z.number().nonnegative().default(0).describe("Cost to transfer a tonne between modes, USD"),
    source: Source.optional(),
  })
  .describe("An intermodal terminal (road-rail, port)");
export type Terminal = z.infer<typeof Terminal>;

export const Lane = z
  .object({
    id: Id,
    mode: Mode,
    from: Id.describe("Id of a hub site, terminal or offtaker"),
    to: Id.describe("Id of a hub site, terminal or offtaker"),
    distanceKm: z.number().nonnegative().describe("Length of the lane, km"),
    costUsdPerT: z.number().nonnegative().describe("All-in cost per tonne on this lane, USD"),
    co2KgPerTKm: z.number().nonnegative().describe("Emission factor, kg CO2 per tonne-km"),
    transitDays: z.number().nonnegative().default(0).describe("Days in transit"),
    source: Source.optional(),
  })
  .describe("An explicit long-haul lane where the network does not reach (e.g. sea from a port)");
export type Lane = z.infer<typeof Lane>;
