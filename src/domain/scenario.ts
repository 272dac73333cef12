// The scenario: everything a planning run needs, validated once at the boundary.
import { z } from "zod";
import { Channels } from "./channels.js";
import { CalendarDate, Id, Mode, Source } from "./common.js";
import { Carrier, PickupRequest } from "./fleet.js";
import { Generation, Material, Stream } from "./materials.js";
import { Processing } from "./processing.js";
import { Enterprise, HubSite, Lane, Offtaker, Regional, Terminal, Zone } from "./sites.js";
import { Transfer } from "./transfers.js";

export const ModeFactors = z
  .object({
    costUsdPerTKm: z.number().nonnegative().describe("Line-haul cost per tonne-km, USD"),
    co2KgPerTKm: z.number().nonnegative().describe("kg CO2 per tonne-km"),
    speedKmh: z.number().positive().describe("Average speed, km/h (for transit times)"),
    source: Source.optional(),
  })
  .describe("Long-haul factors of one mode");

export const Transport = z
  .object({
    road: ModeFactors,
    rail: ModeFactors.optional(),
    sea: ModeFactors.optional(),
    collectionCostUsdPerTKm: z
      .number()
      .nonnegative()
      .optional()
      .describe("Flat cost per tonne-km of bringing zone supply to a hub in the siting model, instead of pricing collection by routes; omitted: priced by routes (see docs/siting-model.md)"),
    source: Source.optional().describe("Source of collectionCostUsdPerTKm"),
  })
  .describe("Transport factors per mode");

export const NetworkRef = z
  .object({
    file: z.string().min(1).optional().describe("OSM (.osm.pbf/.osm/.osm.bz2) or GeoJSON file, relative to the scenario file"),
    circuityFactor: z
      .number()
      .min(1)
      .max(3)
      .default(1.2)
      .describe("Road km = great-circle km × this, when no network file is given (default 1.2)"),
    railCircuityFactor: z
      .number()
      .min(1)
      .max(3)
      .optional()
      .describe("Without a network file: rail km between terminals (and rail-served sites) = great-circle km × this; omitted: rail only by explicit lanes"),
    roadSpeedKmh: z.number().positive().default(40).describe("Average road speed on the fallback, km/h"),
    maxRoadKm: z
      .number()
      .positive()
      .optional()
      .describe("Road (and rail) legs between two places longer than this, km, are unreachable: places across an ocean, reached only by explicit lanes; omitted: no limit"),
    maxSnapDistanceM: z.number().positive().default(2000).describe("A site farther than this from the network is an error"),
    roadSpeedsKmh: z
      .record(z.string(), z.number().positive())
      .optional()
      .describe("Speed per OSM highway class on a network file, km/h, e.g. {\"residential\": 20}; merged over the defaults"),
    railSpeedKmh: z
      .number()
      .positive()
      .optional()
      .describe("Speed on railway=rail without a maxspeed tag, km/h (default 50)"),
  })
  .describe("Road/rail network: a file, or great-circle × circuity");

export const Policy = z
  .object({
    horizonYears: z.number().int().min(1).max(30).default(1).describe("Planning years"),
    maxHubs: z.number().int().min(1).optional().describe("Most hubs open at once"),
    budgetUsdPerYear: z.number().nonnegative().optional().describe("Cap on the hubs' annualised fixed costs, USD per year"),
    coverageRadiusKm: z.number().positive().optional().describe("A zone may only be served by a hub within this road distance"),
    singleSourcing: z.boolean().default(true).describe("Each zone sends everything to one hub"),
    co2PriceUsdPerT: z.number().nonnegative().default(0).describe("Carbon price applied to all emissions, USD per tonne CO2"),
    co2CapTPerYear: z.number().positive().optional().describe("Cap on emissions, tonnes CO2 per year"),
    disposalCostUsdPerT: z.number().nonnegative().default(150).describe("Cost of disposing a tonne of unsold material, USD"),
    disposalLimitTPerYear: z.number().nonnegative().optional().describe("Most tonnes of unsold material disposed of per year, all hubs together; omitted: no limit"),
    allowExpansion: z
      .boolean()
      .default(false)
      .describe("A hub may move to a larger size level in a later year (never smaller); false: one size from opening on"),
    workingDaysPerYear: z.number().int().min(1).max(366).default(250).describe("Collection days per year"),
    serviceDate: CalendarDate.optional().describe("Day planned by the routing stage"),
    mipGap: z.number().min(0).max(1).default(1e-4).describe("Relative MIP gap at which siting stops"),
    maxSitesPerZone: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("Siting considers only this many nearest candidate hubs per zone; omitted: all within the coverage radius"),
    serviceAreaKm: z
      .number()
      .positive()
      .max(2000)
      .optional()
      .describe("A pickup farther than this (straight line) from every zone, hub site and depot is outside the service area and refused, km (default 50)"),
    source: Source.optional().describe("Source of the cost factors here (disposal cost, carbon price)"),
  })
  .describe("Coalition policy and planning settings");
export type Policy = z.infer<typeof Policy>;

export const Scenario = z
  .object({
    id: Id.describe("Scenario id"),
    name: z.string().min(1).describe("Display name"),
    description: z.string().optional().describe("Free text: what the scenario is for"),
    region: z
      .object({
        name: z.string().min(1).describe("Region name, e.g. Lebanon, TN and Wilson County"),
        country: z.string().default("US").describe("ISO 3166 country code"),
      })
      .describe("Region the scenario covers"),
    materials: z.array(Material).min(1),
    streams: z.array(Stream).min(1),
    generation: Generation.optional(),
    zones: z.array(Zone).min(1),
    hubSites: z.array(HubSite).min(1),
    regional: Regional.optional().describe("Regional centres and the steps they run; omitted: hubs sell to offtakers directly"),
    enterprises: z.array(Enterprise).default([]),
    offtakers: z.array(Offtaker).default([]),
    terminals: z.array(Terminal).default([]),
    lanes: z.array(Lane).default([]),
    carriers: z.array(Carrier).min(1),
    pickups: z
      .array(PickupRequest)
      .optional()
      .describe("The day's pickup requests; omitted: one consolidated pickup per zone with its daily supply"),
    transfers: z
      .array(Transfer)
      .optional()
      .describe("The day's transfers: loads picked up at a hub and delivered by the same vehicle to an offtaker, hub or centre"),
    incompatibleTags: z
      .array(z.tuple([z.string().min(1), z.string().min(1)]))
      .optional()
      .describe('Pairs of tags (streams[].tags, pickups[].tags, transfers[].tags) that never share a vehicle load on a day (per trip when the vehicle unloads mid-shift), e.g. [["lithium", "ferrous"]]'),
    transport: Transport,
    channels: Channels.optional(),
    processing: Processing.optional().describe("Process-step costs, emissions and co-location savings; omitted: none"),
    network: NetworkRef.default({ circuityFactor: 1.2, roadSpeedKmh: 40, maxSnapDistanceM: 2000 }),
    policy: Policy.default({
      horizonYears: 1,
      singleSourcing: true,
      co2PriceUsdPerT: 0,
      disposalCostUsdPerT: 150,
      workingDaysPerYear: 250,
      mipGap: 1e-4,
      allowExpansion: false,
    }),
  })
  .describe("An urbanmine planning scenario");

/** A scenario after parsing: defaults filled in. */
export type Scenario = z.infer<typeof Scenario>;
/** A scenario as written by users (defaults optional). */
export type ScenarioInput = z.input<typeof Scenario>;
export { Mode };
