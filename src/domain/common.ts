// Shared building blocks of every schema: ids, locations, sources, clock times.
// Units live in field names (massKg, durationS, costUsd); nothing here does I/O.
import { z } from "zod";

/** A stable identifier chosen by the user: letters, digits and `._:-`, 1..64 characters. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, "ids use letters, digits and . _ : - only")
  .describe("Identifier, unique within its list: letters, digits and . _ : - (1..64 characters)");

/** WGS 84 position with named fields (never an unnamed pair outside GeoJSON). */
export const Location = z
  .object({
    lat: z.number().min(-90).max(90).describe("Latitude in degrees, WGS 84, -90..90"),
    lon: z.number().min(-180).max(180).describe("Longitude in degrees, WGS 84, -180..180"),
  })
  .describe("A point on Earth (WGS 84)");
export type Location = z.infer<typeof Location>;

/** Where a factor comes from: a citation, or "assumption: …" when it is one. */
export const Source = z
  .string()
  .min(1)
  .describe('Where this factor comes from: a citation, or "assumption: <reasoning>"');

export const Mode = z.enum(["road", "rail", "sea"]).describe("Transport mode");
export type Mode = z.infer<typeof Mode>;

/** Process steps a hub can host and an enterprise can run, in processing order. */
export const PROCESS_STEPS = [
  "sorting",
  "diagnostics",
  "refurbishment",
  "dismantling",
  "battery-discharge",
  "shredding",
] as const;
export const ProcessStep = z.enum(PROCESS_STEPS).describe("A processing step, in the order devices go through them");
export type ProcessStep = z.infer<typeof ProcessStep>;

/** Clock time "HH:MM" (24 h) converted to seconds after midnight. */
export const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a clock time "HH:MM" (00:00..24:00)')
  .describe('Clock time "HH:MM", 24-hour');

/** Seconds after midnight of a "HH:MM" string already validated by ClockTime. */
export function clockToSeconds(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 3600 + m * 60;
}

/** "HH:MM" of a number of seconds after midnight (rounded down to the minute). */
export function secondsToClock(s: number): string {
  const total = Math.floor(s / 60);
  const h = Math.floor(total / 60);
  const m = total % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** First and last service days accepted anywhere (scenarios, pickups, queries). */
export const FIRST_DATE = "2000-01-01";
export const LAST_DATE = "2099-12-31";

/** Whether "YYYY-MM-DD" names a day that exists (no 30 February, no month 13). */
function isRealDay(s: string): boolean {
  const [y, m, d] = s.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A calendar day "YYYY-MM-DD" that exists, from FIRST_DATE to LAST_DATE (ISO strings of this form sort as days). */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD")
  .refine(isRealDay, "no such day in the calendar")
  .refine((s) => s >= FIRST_DATE && s <= LAST_DATE, `expected a day from ${FIRST_DATE} to ${LAST_DATE}`)
  .describe(`A calendar day, YYYY-MM-DD, from ${FIRST_DATE} to ${LAST_DATE}`);

export const TimeWindow = z
  .object({ start: ClockTime, end: ClockTime })
  .describe("A time window [start, end] during which service may start");
export type TimeWindow = z.infer<typeof TimeWindow>;
