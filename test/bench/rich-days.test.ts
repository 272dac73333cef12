import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type DayProblemJson, dayCost } from "../../bench/vrp/day-cost.js";
import { findSharedDir } from "../../bench/harness/paths.js";
import { dayProblem, problemJson } from "../../bench/vrp/make-day.js";

const DAYS = `${findSharedDir() ?? "../shared"}/benchmarks/rich-days`;
const read = (f: string): Record<string, unknown> => JSON.parse(readFileSync(`${DAYS}/${f}`, "utf8")) as Record<string, unknown>;

describe("rich-days bench inputs", () => {
  it("make-day rebuilds day200-problem.json from day200-scenario.json exactly", () => {
    const rebuilt = JSON.parse(problemJson(dayProblem(read("day200-scenario.json")), "great-circle x 1.2 at 40 km/h")) as Record<string, unknown>;
    expect(rebuilt).toEqual(read("day200-problem.json"));
  });

  it("the day cost function refuses unserved stops, overloads, missed windows and missing skills", () => {
    const p = read("day200-problem.json") as unknown as DayProblemJson;
    const ids = p.jobs.map((j) => j.id);
    const plain = p.jobs.filter((j) => j.skills.length === 0).map((j) => j.id);
    const hazardous = p.jobs.filter((j) => j.skills.length > 0).map((j) => j.id);
    // every stop on one van: too heavy, windows missed, hazardous goods on an uncertified van
    const errors = dayCost(p, [{ vehicleId: "van-1", jobIds: ids }]).errors.join("\n");
    expect(errors).toMatch(/over capacity/);
    expect(errors).toMatch(/lacks skills hazardous/);
    expect(errors).toMatch(/after its windows|after the shift/);
    expect(dayCost(p, [{ vehicleId: "truck-1", jobIds: hazardous.slice(0, 3) }]).errors.join("\n")).toMatch(new RegExp(`job ${plain[0]} not served`));
  });

  it("prices one route by hand: fixed + $/km x km + $/h x hours, leaving late enough not to wait", () => {
    const p = read("day200-problem.json") as unknown as DayProblemJson;
    const job = p.jobs.find((j) => j.timeWindows.length === 1 && j.timeWindows[0][0] === 43200 && j.skills.length === 0)!;
    const v = p.vehicles.find((x) => x.id === "van-1")!;
    const n = p.locationIds.length;
    const km = (p.distanceKm[v.start! * n + job.location] as number) + (p.distanceKm[job.location * n + v.end!] as number);
    const hours = ((p.durationS[v.start! * n + job.location] as number) + job.serviceS + (p.durationS[job.location * n + v.end!] as number)) / 3600;
    const c = dayCost({ ...p, jobs: [job] }, [{ vehicleId: "van-1", jobIds: [job.id] }]);
    expect(c.errors).toEqual([]);
    expect(c.cost).toBeCloseTo(55 + 0.33 * km + 38 * hours, 9);
  });
});
