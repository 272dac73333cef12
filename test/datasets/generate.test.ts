// The synthetic scenario generator: valid for any size, the same bytes for the same seed, and
// always with enough hub capacity for the supply it creates.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario, unitsLoad, zoneUnitsPerYear } from "../../src/domain/index.js";

const SCRIPT = join(import.meta.dirname, "..", "..", "datasets", "generate.mjs");

function generate(args: string[]): string {
  return execFileSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

describe("datasets/generate.mjs", () => {
  it.each([
    [1, 1, 0, 0, 1],
    [12, 4, 3, 25, 2],
    [400, 40, 20, 300, 3],
  ])("makes a valid scenario with %i zones, %i sites, %i enterprises, %i requests (seed %i)", (zones, sites, ents, reqs, seed) => {
    const text = generate(["--zones", `${zones}`, "--sites", `${sites}`, "--enterprises", `${ents}`, "--requests", `${reqs}`, "--seed", `${seed}`]);
    const s = parseScenario(JSON.parse(text));
    expect(s.zones).toHaveLength(zones);
    expect(s.hubSites).toHaveLength(sites);
    expect(s.enterprises).toHaveLength(ents);
    expect(s.pickups?.length ?? 0).toBe(reqs);
    for (const p of s.pickups ?? []) {
      expect(Object.keys(p.units).length).toBeGreaterThan(0);
      expect(s.zones.some((z) => z.id === p.zoneId)).toBe(true);
    }
    // Recompute the supply from the zones and check all sites at their largest size hold it twice.
    let supplyT = 0;
    for (const z of s.zones) supplyT += unitsLoad(s, zoneUnitsPerYear(s, z))[0] / 1000;
    const capacityT = s.hubSites.reduce((a, h) => a + Math.max(...h.sizes.map((x) => x.capacityTPerYear)), 0);
    expect(supplyT).toBeGreaterThan(0);
    expect(capacityT).toBeGreaterThanOrEqual(2 * supplyT * 0.999);
    const certified = s.carriers.flatMap((c) => c.vehicles).filter((v) => v.hazardousCertified);
    expect(certified.length).toBeGreaterThan(0);
  });

  it("gives the same bytes for the same seed and different places for another seed", () => {
    const args = ["--zones", "30", "--sites", "6", "--enterprises", "5", "--requests", "50"];
    const a = generate([...args, "--seed", "11"]);
    expect(generate([...args, "--seed", "11"]) === a).toBe(true);
    const b = JSON.parse(generate([...args, "--seed", "12"]));
    expect(b.zones[0].location).not.toEqual(JSON.parse(a).zones[0].location);
  });

  it("refuses a count that is not a non-negative integer, naming the option", () => {
    expect(() => execFileSync(process.execPath, [SCRIPT, "--zones", "2.5"], { stdio: "pipe" })).toThrow(/--zones must be a non-negative integer/);
    expect(() => execFileSync(process.execPath, [SCRIPT, "--zones", "0"], { stdio: "pipe" })).toThrow(/--zones >= 1/);
  });
});
