import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario, UrbanmineError, zoneUnitsPerYear } from "../../src/domain/index.js";

const tiny = () => JSON.parse(readFileSync(new URL("../fixtures/tiny-scenario.json", import.meta.url), "utf8"));

function rejection(input: unknown): UrbanmineError {
  try {
    parseScenario(input);
  } catch (err) {
    if (err instanceof UrbanmineError) return err;
    throw err;
  }
  throw new Error("expected the scenario to be rejected");
}

describe("parseScenario", () => {
  it("accepts a valid scenario and fills defaults", () => {
    const s = parseScenario(tiny());
    expect(s.policy.singleSourcing).toBe(true);
    expect(s.policy.workingDaysPerYear).toBe(250);
    expect(s.network.circuityFactor).toBe(1.2);
    expect(s.carriers[0].vehicles[0].maxTrips).toBe(1);
    expect(s.zones[0].joinYear).toBe(1);
  });

  it("names the JSON path of a zone outside the world", () => {
    const input = tiny();
    input.zones[1].location.lat = 123;
    const err = rejection(input);
    expect(err.code).toBe("INVALID_INPUT");
    expect(err.issues.map((i) => i.path)).toContain("zones[1].location.lat");
    expect(err.message).toContain("zones[1].location.lat");
  });

  it("rejects a negative capacity with its path", () => {
    const input = tiny();
    input.hubSites[0].sizes[1].capacityTPerYear = -5;
    const err = rejection(input);
    expect(err.issues[0].path).toBe("hubSites[0].sizes[1].capacityTPerYear");
  });

  it("defaults the cost per stop and the minimum paid shift to 0, and rejects negative ones with their path", () => {
    expect(parseScenario(tiny()).carriers[0].vehicles[0]).toMatchObject({ costUsdPerStop: 0, minPaidHours: 0 });
    const input = tiny();
    input.carriers[0].vehicles[0].costUsdPerStop = -1;
    input.carriers[0].vehicles[0].minPaidHours = -2;
    const paths = rejection(input).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["carriers[0].vehicles[0].costUsdPerStop", "carriers[0].vehicles[0].minPaidHours"]));
  });

  it("rejects references to unknown ids, listing what is known", () => {
    const input = tiny();
    input.offtakers[0].accepts[0].material = "unobtainium";
    input.zones[0].unitsPerYear.phone = 10;
    const err = rejection(input);
    expect(err.code).toBe("UNKNOWN_REFERENCE");
    const paths = err.issues.map((i) => i.path);
    expect(paths).toContain("offtakers[0].accepts[0].material");
    expect(paths).toContain("zones[0].unitsPerYear.phone");
    expect(err.issues.find((i) => i.path.startsWith("offtakers"))!.message).toMatch(/known: copper/);
  });

  it("rejects duplicate ids, also across place lists", () => {
    const input = tiny();
    input.hubSites[1].id = "z1";
    const err = rejection(input);
    expect(err.issues.some((i) => i.path === "hubSites[1].id" && /already used/.test(i.message))).toBe(true);
  });

  it("rejects a shift that ends before it starts and a composition heavier than the device", () => {
    const input = tiny();
    input.carriers[0].vehicles[0].shift = { start: "17:00", end: "08:00" };
    input.streams[1].composition[0].kgPerUnit = 0.9;
    const err = rejection(input);
    const paths = err.issues.map((i) => i.path);
    expect(paths).toContain("carriers[0].vehicles[0].shift");
    expect(paths).toContain("streams[1].composition");
  });

  it("rejects a malformed clock time with the accepted form", () => {
    const input = tiny();
    input.carriers[0].vehicles[0].shift.start = "8am";
    const err = rejection(input);
    expect(err.issues[0].path).toBe("carriers[0].vehicles[0].shift.start");
    expect(err.issues[0].message).toMatch(/HH:MM/);
  });

  it("needs generation when a zone is given by population", () => {
    const input = tiny();
    delete input.zones[2].unitsPerYear;
    input.zones[2].population = 5000;
    const err = rejection(input);
    expect(err.issues[0].path).toBe("zones[2].population");
  });

  it("turns population into units with the generation rate and mass shares", () => {
    const input = tiny();
    delete input.zones[2].unitsPerYear;
    input.zones[2].population = 10000;
    input.generation = { kgPerCapitaYear: 20, collectionRate: 0.3 };
    input.streams[0].massShare = 0.08;
    input.streams[1].massShare = 0.02;
    const s = parseScenario(input);
    const units = zoneUnitsPerYear(s, s.zones[2]);
    // 10,000 people × 20 kg × 0.3 = 60,000 kg; 8% laptops at 1.6 kg, 2% batteries at 0.5 kg
    expect(units.laptop).toBeCloseTo(3000, 9);
    expect(units["li-battery"]).toBeCloseTo(2400, 9);
  });
});
