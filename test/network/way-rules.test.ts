import { describe, expect, it } from "vitest";
import { classifyWay, parseMaxspeedKmh } from "../../src/network/index.js";

describe("way rules", () => {
  it("keeps drivable classes with their default speed and drops paths", () => {
    expect(classifyWay({ highway: "residential" })).toEqual({ mode: "road", roadClass: "residential", speedKmh: 25, forward: true, backward: true });
    expect(classifyWay({ highway: "footway" })).toBeNull();
    expect(classifyWay({ highway: "cycleway" })).toBeNull();
    expect(classifyWay({ building: "yes" })).toBeNull();
  });

  it("follows one-way rules", () => {
    expect(classifyWay({ highway: "primary", oneway: "yes" })).toMatchObject({ forward: true, backward: false });
    expect(classifyWay({ highway: "primary", oneway: "-1" })).toMatchObject({ forward: false, backward: true });
    expect(classifyWay({ highway: "tertiary", junction: "roundabout" })).toMatchObject({ forward: true, backward: false });
    expect(classifyWay({ highway: "motorway" })).toMatchObject({ forward: true, backward: false });
    expect(classifyWay({ highway: "motorway", oneway: "no" })).toMatchObject({ forward: true, backward: true });
    expect(classifyWay({ highway: "primary", oneway: "reversible" })).toBeNull();
  });

  it("honours access tags and maxspeed, and speeds from the scenario", () => {
    expect(classifyWay({ highway: "service", access: "private" })).toBeNull();
    expect(classifyWay({ highway: "service", access: "private", motor_vehicle: "yes" })).not.toBeNull();
    expect(classifyWay({ highway: "primary", motor_vehicle: "no" })).toBeNull();
    expect(classifyWay({ highway: "primary", maxspeed: "30 mph" })?.speedKmh).toBeCloseTo(48.28, 2);
    expect(classifyWay({ highway: "primary" }, { roadSpeedsKmh: { primary: 70 } })?.speedKmh).toBe(70);
    expect(classifyWay({ highway: "track" }, { roadSpeedsKmh: { track: 15 } })?.speedKmh).toBe(15);
    expect(classifyWay({ railway: "rail" }, { railSpeedKmh: 80 })).toMatchObject({ mode: "rail", speedKmh: 80 });
    expect(classifyWay({ railway: "abandoned" })).toBeNull();
  });

  it("parses maxspeed values", () => {
    expect(parseMaxspeedKmh("50")).toBe(50);
    expect(parseMaxspeedKmh("25 mph")).toBeCloseTo(40.2336, 4);
    expect(parseMaxspeedKmh("50;30")).toBe(30);
    expect(parseMaxspeedKmh("signals")).toBeUndefined();
    expect(parseMaxspeedKmh(undefined)).toBeUndefined();
  });
});
