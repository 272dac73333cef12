// Carriers, their depots and vehicles, and the daily pickup requests they serve.
import { z } from "zod";
import { CalendarDate, ClockTime, Id, Location, Source, TimeWindow } from "./common.js";

export const Depot = z
  .object({ id: Id, name: z.string().optional().describe("Display name"), location: Location }).describe("A carrier's depot");
export type Depot = z.infer<typeof Depot>;

export const DriverBreak = z
  .object({
    id: Id.describe("Break id, unique on the vehicle type"),
    window: TimeWindow.optional().describe("When the break may start; omitted: any time in the shift"),
    durationS: z.number().nonnegative().describe("Length of the break, seconds"),
  })
  .describe("A driver break (VROOM's model): every used vehicle of the type takes it once, where it stands between two stops, starting within its window");
export type DriverBreak = z.infer<typeof DriverBreak>;

export const VehicleType = z
  .object({
    id: Id.describe("Vehicle (type) id; with count > 1 the vehicles are named <id>-1, <id>-2, …"),
    count: z.number().int().min(1).default(1).describe("Identical vehicles of this type"),
    startDepot: Id.optional().describe("Depot or hub id where the shift starts; omitted: the nearest open hub"),
    endDepot: Id.optional().describe("Depot or hub id where the shift ends; omitted: the nearest open hub"),
    capacityKg: z.number().positive().describe("Payload, kg"),
    capacityM3: z.number().positive().describe("Load volume, m³"),
    costUsdPerKm: z.number().nonnegative().describe("Running cost per km, USD"),
    costUsdPerHour: z.number().nonnegative().describe("Driver and time cost per hour on shift, USD"),
    fixedCostUsdPerDay: z.number().nonnegative().describe("Cost of using the vehicle on a day, USD"),
    costUsdPerStop: z.number().nonnegative().default(0).describe("Cost per pickup served (paid per collection stop), USD; unload stops do not count"),
    minPaidHours: z.number().nonnegative().default(0).describe("Minimum paid shift of a used vehicle's driver, hours: time is paid for at least this long"),
    shift: z.object({ start: ClockTime, end: ClockTime }).describe("Working window: leave no earlier, be back no later"),
    speedKmh: z.number().positive().default(40).describe("Average speed on the great-circle fallback, km/h"),
    speedFactor: z.number().positive().default(1).describe("Multiplies network speeds (slower trucks < 1)"),
    hazardousCertified: z.boolean().default(false).describe("May carry hazardous streams (lithium batteries)"),
    skills: z.array(z.string()).default([]).describe("Further skills; hazardous certification adds 'hazardous'"),
    co2KgPerKm: z.number().nonnegative().describe("Tailpipe CO2 per km, kg"),
    maxDurationS: z.number().positive().optional().describe("Longest route duration, seconds"),
    maxDistanceKm: z.number().positive().optional().describe("Longest route distance, km"),
    maxTrips: z.number().int().min(1).default(1).describe("Trips per shift: > 1 allows unloading at a hub mid-shift"),
    breaks: z.array(DriverBreak).optional().describe("Driver breaks each used vehicle takes, placed by the router (within a trip or between two)"),
    source: Source.optional(),
  })
  .describe("A vehicle type of a carrier's fleet");
export type VehicleType = z.infer<typeof VehicleType>;

export const Carrier = z
  .object({
    id: Id,
    name: z.string().min(1).describe("Company name"),
    depots: z.array(Depot).default([]).describe("Where its vehicles are based"),
    vehicles: z.array(VehicleType).min(1).describe("Its fleet, by vehicle type"),
  })
  .describe("A logistics partner with its own fleet");
export type Carrier = z.infer<typeof Carrier>;

export const PickupRequest = z
  .object({
    id: Id,
    location: Location,
    zoneId: Id.optional().describe("Zone it belongs to; omitted: the nearest zone"),
    units: z.record(z.string(), z.number().int().nonnegative()).describe("Devices to collect by stream id"),
    date: CalendarDate.optional().describe("Service day"),
    timeWindows: z.array(TimeWindow).default([]).describe("When service may start; empty: any time in the shift"),
    serviceS: z.number().nonnegative().default(300).describe("Time on site, seconds"),
    setupS: z.number().nonnegative().optional().describe("Setup before service when the vehicle arrives from another place (parking, finding the door), seconds; omitted: the zone's setupS, else 0"),
    tags: z.array(z.string().min(1)).optional().describe("Labels for `incompatibleTags`, added to those of the streams it hands in"),
    priority: z.number().int().min(0).max(100).default(0).describe("Higher is served first when not all fit (0..100)"),
    carrierId: Id.optional().describe("Only this carrier may serve it"),
    locked: z
      .object({
        vehicleId: z.string().describe("Vehicle id as in the plan (type id, or <type>-<n> when count > 1)"),
        position: z.number().int().nonnegative().describe("0-based position among the vehicle's stops"),
      })
      .optional()
      .describe("Keep on this vehicle at this position (re-optimisation)"),
  })
  .describe("A household or business asking for a pickup");
export type PickupRequest = z.infer<typeof PickupRequest>;
