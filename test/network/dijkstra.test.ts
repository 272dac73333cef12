import { bidirectional } from "graphology-shortest-path/dijkstra.js";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadNetwork, ShortestPathTree } from "../../src/network/index.js";
import { stronglyConnectedComponents } from "../../src/network/scc.js";
import { osmDir } from "./fixtures.js";

describe("Dijkstra on the CSR graph", () => {
  it("agrees with graphology-shortest-path on sampled pairs of Baltimore", async () => {
    const net = await loadNetwork(join(osmDir(), "baltimore.osm.pbf"));
    const { graph } = net.road.model;
    const keys = net.road.nodeKeys;
    const tree = new ShortestPathTree(net.road.csr);
    let seed = 12345;
    const next = (): number => (seed = (seed * 48271) % 2147483647) % keys.length;
    for (let k = 0; k < 40; k++) {
      const s = next();
      const t = next();
      tree.run([s], [0], [0], [t]);
      const path = bidirectional(graph, keys[s], keys[t], "durationS");
      expect(path).not.toBeNull();
      let expectS = 0;
      for (let i = 1; i < path.length; i++) expectS += graph.getDirectedEdgeAttributes(path[i - 1], path[i]).durationS;
      expect(tree.timeTo(t)).toBeCloseTo(expectS, 6);
    }
  });

  it("reaches every node of the reduced graph from any node (one SCC)", async () => {
    const net = await loadNetwork(join(osmDir(), "baltimore.osm.pbf"));
    const { offsets, targets, nodeCount } = net.road.csr;
    expect(stronglyConnectedComponents(offsets, targets).count).toBe(1);
    const tree = new ShortestPathTree(net.road.csr);
    tree.run([0], [0], [0], []);
    let reached = 0;
    for (let v = 0; v < nodeCount; v++) if (tree.reached(v)) reached++;
    expect(reached).toBe(nodeCount);
  });

  it("labels strongly connected components (Tarjan) on a small graph", () => {
    // 0⇄1→2⇄3, 4 alone
    const offsets = Int32Array.from([0, 1, 3, 4, 5, 5]);
    const targets = Int32Array.from([1, 0, 2, 3, 2]);
    const { label, count } = stronglyConnectedComponents(offsets, targets);
    expect(count).toBe(3);
    expect(label[0]).toBe(label[1]);
    expect(label[2]).toBe(label[3]);
    expect(new Set(label).size).toBe(3);
  });
});
