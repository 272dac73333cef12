// Speed of the network layer: the great-circle matrix (the fallback with no network file).
// Road-graph cases (Dijkstra row, OSM matrix) are added here once the importer is on main.
import { greatCircleMatrix } from "../../src/network/index.js";
import { makeRng, randomIn } from "../harness/rng.js";
import { type BenchSuite, speedCase } from "../harness/types.js";

type Sites = Array<{ id: string; location: { lat: number; lon: number } }>;

function makeSites(seed: number, n: number): Sites {
  const rng = makeRng(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    location: { lat: 39.29 + randomIn(rng, -0.1, 0.1), lon: -76.61 + randomIn(rng, -0.1, 0.1) },
  }));
}

export const networkSuite: BenchSuite = {
  name: "network",
  cases: [
    speedCase<Sites>({
      name: "great-circle-matrix-1000",
      description: "greatCircleMatrix of 1,000 sites (1,000 x 1,000 km and seconds, circuity 1.2)",
      setup: () => makeSites(3, 1000),
      run: (sites) => greatCircleMatrix(sites, 1.2, 40).distanceKm[12345],
    }),
  ],
};
