// Benchmark readers and conventions (CVRPLIB nint, Solomon truncation to 0.1), and the
// `vrp` command reproducing the optimum of A-n32-k5 within an iteration bound.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/commands/vrp.js";
import { UrbanmineError } from "../../src/domain/index.js";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { parseCvrplib, parseSolomon, readBenchmark, routesCost, toRoutingProblem } from "../../src/vrp/benchmarks/index.js";

const BENCH = new URL("../../../shared/benchmarks/", import.meta.url).pathname;

function solRoutes(path: string): number[][] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("Route"))
    .map((l) => l.split(":")[1].trim().split(/\s+/).map(Number));
}

describe("benchmark readers", () => {
  it("reads A-n32-k5 and prices its .sol at the optimum 784 (nint)", () => {
    const inst = readBenchmark(`${BENCH}cvrp/A/A-n32-k5.vrp`);
    expect(inst.x.length).toBe(32);
    expect(inst.capacity).toBe(100);
    expect(routesCost(inst, solRoutes(`${BENCH}cvrp/A/A-n32-k5.sol`))).toBe(784);
  });

  it("reads Solomon C101 and R201 and prices their .sol at the BKS (truncated to 0.1)", () => {
    for (const [name, bks] of [["C101", 827.3], ["R201", 1143.2]] as const) {
      const inst = readBenchmark(`${BENCH}vrptw/solomon/${name}.txt`);
      expect(inst.vehicles).toBe(25);
      expect(inst.x.length).toBe(101);
      expect(routesCost(inst, solRoutes(`${BENCH}vrptw/solomon/${name}.sol`))).toBe(bks);
    }
  });

  it("solves the routing model built from C101 with every customer served and checked", () => {
    const inst = readBenchmark(`${BENCH}vrptw/solomon/C101.txt`);
    const p = toRoutingProblem(inst);
    const s = solveRouting(p, { seed: 1, maxIterations: 5 });
    expect(checkRouting(p, s).errors).toEqual([]);
    expect(s.unassigned).toEqual([]);
  });

  it("rejects malformed files with the line and what was expected", () => {
    const bad = (fn: () => unknown): string => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(UrbanmineError);
        return (e as UrbanmineError).message;
      }
      throw new Error("no error");
    };
    expect(bad(() => parseCvrplib("NAME : x\nDIMENSION : 2\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 5\nNODE_COORD_SECTION\n1 0 zero\n", "x.vrp"))).toMatch(
      /x\.vrp:6: expected numbers/,
    );
    expect(bad(() => parseCvrplib("NAME : x\nDIMENSION : 2\nEDGE_WEIGHT_TYPE : GEO\nCAPACITY : 5\n", "x.vrp"))).toMatch(/expected EUC_2D/);
    expect(bad(() => parseSolomon("X\n\nVEHICLE\nNUMBER CAPACITY\n 2 10\n\nCUSTOMER\n0 0 0 0 0 100 0\n1 1 1 1 50 20 0\n", "x.txt"))).toMatch(
      /due date \(20\) before its ready time \(50\)/,
    );
    expect(bad(() => readBenchmark("/nonexistent/file.vrp"))).toMatch(/cannot read/);
    expect(bad(() => readBenchmark("instance.json"))).toMatch(/expected a CVRPLIB \.vrp or a Solomon \.txt/);
  });
});

describe("urbanmine vrp", () => {
  afterEach(() => vi.restoreAllMocks());

  it("reproduces the optimum 784 of A-n32-k5 with an iteration bound", async () => {
    let out = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    const code = await run([`${BENCH}cvrp/A/A-n32-k5.vrp`, "--iterations", "100", "--seed", "1", "--json"]);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    const res = JSON.parse(out) as { instance: string; cost: number; routes: number[][]; vehicles: number; seconds: number };
    expect(res.instance).toBe("A-n32-k5");
    expect(res.cost).toBe(784);
    expect(res.vehicles).toBe(res.routes.length);
    expect(res.routes.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    // recompute independently from the file
    const inst = parseCvrplib(readFileSync(`${BENCH}cvrp/A/A-n32-k5.vrp`, "utf8"), "A-n32-k5.vrp");
    expect(routesCost(inst, res.routes)).toBe(784);
    for (const r of res.routes) expect(r.reduce((a, c) => a + inst.demand[c], 0)).toBeLessThanOrEqual(100);
  });

  it("exits with 2 on bad usage", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await run([])).toBe(2);
    // unknown options are parse errors, which the CLI entry answers with exit 2
    await expect(run(["a.vrp", "--bogus"])).rejects.toMatchObject({ code: "ERR_PARSE_ARGS_UNKNOWN_OPTION" });
  });
});
