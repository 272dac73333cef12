// Speed of the network layer: a Dijkstra row and a matrix on the compact (CSR) graph of the
// Baltimore extract, graphology-shortest-path on the same row as the anchor, and the
// great-circle matrix used when a scenario has no network file.
import { singleSource } from "graphology-shortest-path/dijkstra.js";
import { type CsrGraph, type LoadedNetwork, type SnapAnchors, ShortestPathTree, computeMatrixRows, greatCircleMatrix } from "../../src/network/index.js";
import { makeRng, randomIn } from "../harness/rng.js";
import { type BenchSuite, speedCase } from "../harness/types.js";
import { baltimoreAnchors, loadBaltimore } from "./network-osm.js";

/** Source node of the graphology anchor row: a fixed CSR index (the graph is built deterministically). */
const ROW_SOURCE = 17;
/** Sources of the timed Dijkstra rows: several, so that one call lasts a few milliseconds and
 * the figure does not hang on one source's neighbourhood. */
const ROW_SOURCES = [17, 401, 1203, 2111, 2999, 3517, 4243, 5003];
const MATRIX_SITES = 50;

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
    speedCase<{ tree: ShortestPathTree; sources: number[] }>({
      name: "dijkstra-rows-baltimore",
      description: `ShortestPathTree.run: ${ROW_SOURCES.length} full Dijkstra rows (all nodes) on the Baltimore road CSR graph`,
      async setup(ctx) {
        const net = await loadBaltimore(ctx);
        const sources = ROW_SOURCES.filter((v) => v < net.road.csr.nodeCount);
        return { tree: new ShortestPathTree(net.road.csr), sources };
      },
      run: ({ tree, sources }) => {
        for (const s of sources) tree.run([s], [0], [0], []);
        return tree.timeTo(sources[0]);
      },
    }),
    speedCase<{ csr: CsrGraph; anchors: SnapAnchors }>({
      name: "matrix-rows-baltimore-50",
      description: `computeMatrixRows: ${MATRIX_SITES} x ${MATRIX_SITES} time and distance matrix between seeded snapped sites on Baltimore (one thread)`,
      timing: { minIterations: 3 },
      async setup(ctx) {
        const net = await loadBaltimore(ctx);
        return { csr: net.road.csr, anchors: baltimoreAnchors(net, MATRIX_SITES, 5) };
      },
      run: ({ csr, anchors }) => computeMatrixRows(csr, anchors, 0, anchors.count).durationS[7],
    }),
    speedCase<{ net: LoadedNetwork; source: string }>({
      name: "graphology-dijkstra-row-baltimore",
      description: "anchor: graphology-shortest-path singleSource from one node of the same graph (compare with dijkstra-rows-baltimore / 8 rows)",
      fullOnly: true,
      timing: { minIterations: 2, rounds: 5 },
      async setup(ctx) {
        const net = await loadBaltimore(ctx);
        return { net, source: net.road.nodeKeys[ROW_SOURCE] };
      },
      run: ({ net, source }) => Object.keys(singleSource(net.road.model.graph, source, "durationS")).length,
    }),
    speedCase<Sites>({
      name: "great-circle-matrix-1000",
      description: "greatCircleMatrix of 1,000 sites (1,000 x 1,000 km and seconds, circuity 1.2)",
      setup: () => makeSites(3, 1000),
      run: (sites) => greatCircleMatrix(sites, 1.2, 40).distanceKm[12345],
    }),
  ],
};
