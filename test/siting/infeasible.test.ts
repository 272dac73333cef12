// Infeasible scenarios are explained by their binding cause, never by a bare solver status.
import { describe, expect, it } from "vitest";
import { UrbanmineError } from "../../src/domain/index.js";
import { solveSiting } from "../../src/siting/index.js";
import { lineScenario, twoSites } from "./fixtures.js";

async function failure(p: Promise<unknown>): Promise<UrbanmineError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UrbanmineError) return e;
    throw e;
  }
  throw new Error("expected the solve to fail");
}

const opts = { timeLimitS: 20, mipGap: 1e-9 };

describe("infeasibility diagnosis", () => {
  it("names a zone outside the coverage radius with its nearest hub", async () => {
    const { scenario, road } = lineScenario({
      zones: [
        { id: "Z1", x: 0, tonnes: 10 },
        { id: "37087-3", x: 22.4, tonnes: 10 },
      ],
      sites: [{ id: "A", x: 0, sizes: [{ id: "s", cap: 100, fixed: 1 }] }],
      policy: { coverageRadiusKm: 15 },
    });
    const e = await failure(solveSiting(scenario, { road }, opts));
    expect(e.code).toBe("INFEASIBLE");
    expect(e.message).toContain("zone 37087-3 has no candidate hub within the 15.0 km coverage radius (nearest: 22.4 km)");
  });

  it("compares total capacity with total supply", async () => {
    const { scenario, road } = lineScenario({
      zones: [{ id: "Z1", x: 0, tonnes: 4100 }],
      sites: [
        { id: "A", x: 0, sizes: [{ id: "s", cap: 1200, fixed: 1 }, { id: "l", cap: 2000, fixed: 2 }] },
        { id: "B", x: 1, sizes: [{ id: "s", cap: 1200, fixed: 1 }] },
      ],
      policy: { singleSourcing: false },
    });
    const e = await failure(solveSiting(scenario, { road }, opts));
    expect(e.code).toBe("INFEASIBLE");
    expect(e.message).toContain("total capacity of all candidate hubs is 3,200.0 t/yr but zones supply 4,100.0 t/yr");
  });

  it("says when offtaker minimums exceed what zones can supply", async () => {
    const { scenario, road } = lineScenario({
      zones: [{ id: "Z1", x: 0, tonnes: 10 }],
      sites: [{ id: "A", x: 0, sizes: [{ id: "s", cap: 100, fixed: 1 }] }],
      offtakers: [{ id: "smelter", x: 5, price: 100, min: 4 }],
    });
    const e = await failure(solveSiting(scenario, { road }, opts));
    expect(e.message).toContain("offtaker minimums for Copper (smelter 4.0 t) exceed what the zones can supply: 2.5 t/yr");
  });

  it("finds a budget that is too low by relaxing constraint groups", async () => {
    const { scenario, road } = twoSites({ budgetUsdPerYear: 1200 });
    const e = await failure(solveSiting(scenario, { road }, opts));
    expect(e.code).toBe("INFEASIBLE");
    expect(e.message).toContain("budget on fixed costs is too low");
  });

  it("finds single sourcing against small hubs as a capacity problem", async () => {
    const { scenario, road } = lineScenario({
      zones: [{ id: "Z1", x: 0, tonnes: 150 }],
      sites: [
        { id: "A", x: 0, sizes: [{ id: "small", cap: 100, fixed: 1000 }] },
        { id: "B", x: 10, sizes: [{ id: "small", cap: 100, fixed: 1000 }] },
      ],
    });
    const e = await failure(solveSiting(scenario, { road }, opts));
    expect(e.code).toBe("INFEASIBLE");
    expect(e.message).toContain("hub capacities cannot take all the zones' supply");
  });
});
