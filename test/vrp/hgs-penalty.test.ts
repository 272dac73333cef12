// The genetic search's penalties: updated from the feasible share of the registered solutions
// (raised below the target, lowered above it, left alone within the band, kept within bounds),
// and a tight-window Solomon day (R101) made feasible by the genetic search itself at 20
// iterations, without handing it to the other search.
import { describe, expect, it } from "vitest";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { readBenchmark, toRoutingProblem } from "../../src/vrp/benchmarks/index.js";
import { PenaltyManager, type PenaltyParams } from "../../src/vrp/hgs/penalty-manager.js";

const P: PenaltyParams = { every: 4, target: 0.5, tolerance: 0.05, increase: 2, decrease: 0.5, min: 0.5, max: 10, booster: 10 };

describe("penalty manager", () => {
  it("raises a penalty when too few solutions were feasible in that respect, lowers it when too many, per respect", () => {
    const pm = new PenaltyManager(1, 1, P);
    // three registrations: no update yet
    for (let k = 0; k < 3; k++) expect(pm.register(true, false)).toBe(false);
    expect(pm.register(true, false)).toBe(true);
    expect(pm.cap).toBe(0.5); // all load-feasible: lowered
    expect(pm.tw).toBe(2); // none time-feasible: raised
    expect(pm.boostedTw()).toBe(20);
    // half feasible: within the band, unchanged
    for (const ok of [true, false, true]) pm.register(ok, ok);
    expect(pm.register(false, false)).toBe(false);
    expect([pm.cap, pm.tw]).toEqual([0.5, 2]);
  });

  it("keeps each penalty within its bounds", () => {
    const pm = new PenaltyManager(1, 8, P);
    for (let k = 0; k < 40; k++) pm.register(true, false);
    expect(pm.cap).toBe(P.min);
    expect(pm.tw).toBe(P.max);
  });

  it("updates only when told to, from every registration since the last update (the classic schedule)", () => {
    const pm = new PenaltyManager(1, 1, { ...P, every: Infinity });
    for (let k = 0; k < 9; k++) expect(pm.register(false, true)).toBe(false);
    expect([pm.cap, pm.tw]).toEqual([1, 1]);
    pm.update();
    expect([pm.cap, pm.tw]).toEqual([2, 0.5]);
    // nothing registered since: unchanged
    pm.update();
    expect([pm.cap, pm.tw]).toEqual([2, 0.5]);
  });
});

describe("tight windows at a small budget", () => {
  it("R101 at 20 iterations is solved by the genetic search, every customer served and checked", () => {
    const BENCH = new URL("../../../shared/benchmarks/", import.meta.url).pathname;
    const p = toRoutingProblem(readBenchmark(`${BENCH}vrptw/solomon/R101.txt`));
    const s = solveRouting(p, { seed: 1, maxIterations: 20 });
    expect(s.unassigned).toEqual([]);
    expect(checkRouting(p, s).errors).toEqual([]);
  });
});
