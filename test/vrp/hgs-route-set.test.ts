// The search data's and the route set's distance matrices: the problem's distances, in single
// precision only when that loses nothing (CVRPLIB's rounded distances), and the per-node leg to
// the successor that SWAP*'s insertion costs read.
import { describe, expect, it } from "vitest";
import { benchmarkProblem, readBenchmark } from "../../src/vrp/benchmarks/index.js";
import { buildProblemData } from "../../src/vrp/data.js";
import { type HgsData, toHgsData } from "../../src/vrp/hgs/hgs-data.js";
import { RouteSet } from "../../src/vrp/hgs/route-set.js";

const BENCH = new URL("../../../shared/benchmarks/", import.meta.url).pathname;

function classic(path: string): HgsData {
  const problem = buildProblemData(benchmarkProblem(readBenchmark(`${BENCH}${path}`)));
  const d = toHgsData(problem);
  if (!d?.giantTour) throw new Error(`expected a classic problem: ${path}`);
  // the search's distances are the problem's, value for value
  expect(Array.from(d.dist)).toEqual(Array.from(problem.distanceKm));
  return d;
}

/** Every node pair's distance read from the data by location. */
function expectSameDistances(rs: RouteSet, d: HgsData): void {
  let mismatches = 0;
  for (let x = 0; x < rs.nodes; x++) {
    for (let y = 0; y < rs.nodes; y++) if (rs.d(x, y) !== d.dist[rs.locOf(x) * d.nLoc + rs.locOf(y)]) mismatches++;
  }
  expect(mismatches).toBe(0);
}

describe("route set distances", () => {
  it("keeps integer distances (A-n32-k5) in single precision, every value exact", () => {
    const d = classic("cvrp/A/A-n32-k5.vrp");
    const rs = new RouteSet(d, 8);
    expect(d.dist).toBeInstanceOf(Float32Array);
    expect(rs.nd).toBeInstanceOf(Float32Array);
    expectSameDistances(rs, d);
  });

  it("keeps distances a float32 cannot hold (Solomon C101, tenths) in double precision", () => {
    const d = classic("vrptw/solomon/C101.txt");
    const rs = new RouteSet(d, 25);
    expect(d.dist).toBeInstanceOf(Float64Array);
    expect(rs.nd).toBeInstanceOf(Float64Array);
    expectSameDistances(rs, d);
  });

  it("stores each routed node's leg to its successor", () => {
    const d = classic("cvrp/A/A-n32-k5.vrp");
    const rs = new RouteSet(d, 8);
    const customers = Array.from({ length: d.n }, (_, i) => i);
    rs.load([customers.slice(0, 10), customers.slice(10, 25), [], customers.slice(25)]);
    let checked = 0;
    for (let r = 0; r < rs.nRoutes; r++) {
      for (let x = rs.startOf(r); x !== rs.endOf(r); x = rs.next[x]) {
        expect(rs.nextDist[x]).toBe(rs.d(x, rs.next[x]));
        checked++;
      }
    }
    // every customer, plus each route's start depot
    expect(checked).toBe(d.n + rs.nRoutes);
  });
});
