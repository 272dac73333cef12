import { bidirectional } from "graphology-shortest-path/dijkstra.js";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildAnchors, computeTravel, loadNetwork, snapSites } from "../../src/network/index.js";
import { osmDir } from "./fixtures.js";

const R = 6371008.8;
const rad = Math.PI / 180;
function lengthM(path: Array<[number, number]>): number {
  let m = 0;
  for (let k = 1; k < path.length; k++) {
    const [x1, y1] = path[k - 1];
    const [x2, y2] = path[k];
    const h = Math.sin(((y2 - y1) * rad) / 2) ** 2 + Math.cos(y1 * rad) * Math.cos(y2 * rad) * Math.sin(((x2 - x1) * rad) / 2) ** 2;
    m += 2 * R * Math.asin(Math.sqrt(h));
  }
  return m;
}

describe("Baltimore matrix, checked independently", () => {
  it("matches graphology paths between each site's entry and exit nodes, and the drawn legs match the distances", async () => {
    const file = join(osmDir(), "baltimore.osm.pbf");
    const net = await loadNetwork(file);
    const { lat, lon } = net.road.model.pieces;
    let s = 4242;
    const rnd = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
    const sites = Array.from({ length: 12 }, (_, i) => {
      const k = Math.floor(rnd() * lat.length);
      return { id: `s${i}`, location: { lat: lat[k] + (rnd() - 0.5) * 4e-4, lon: lon[k] + (rnd() - 0.5) * 4e-4 } };
    });
    const travel = await computeTravel({
      sites,
      network: { file, circuityFactor: 1.2, roadSpeedKmh: 40, maxSnapDistanceM: 2000 },
      baseDir: ".",
    });
    const m = travel.road;
    const n = sites.length;
    const snaps = snapSites(net.road.segments, sites, 2000, net.label);
    const a = buildAnchors(net.road, snaps);
    const { graph } = net.road.model;
    const keys = net.road.nodeKeys;
    const pathS = (u: number, v: number): number => {
      if (u === v) return 0;
      const p = bidirectional(graph, keys[u], keys[v], "durationS");
      let t = 0;
      for (let k = 1; k < p.length; k++) t += graph.getDirectedEdgeAttributes(p[k - 1], p[k]).durationS;
      return t;
    };
    for (let q = 0; q < 8; q++) {
      const i = q;
      const j = (q * 5 + 3) % n;
      if (i === j) continue;
      let expected = Infinity;
      for (const d of [2 * i, 2 * i + 1]) {
        for (const r of [2 * j, 2 * j + 1]) {
          if (a.depNode[d] < 0 || a.arrNode[r] < 0) continue;
          expected = Math.min(expected, a.depS[d] + pathS(a.depNode[d], a.arrNode[r]) + a.arrS[r]);
        }
      }
      // a leg on one piece may also go directly
      if (a.piece[i] === a.piece[j]) {
        const d = a.offsetM[j] - a.offsetM[i];
        const len = a.pieceLengthM[i];
        if (d >= 0 && !Number.isNaN(a.forwardS[i])) expected = Math.min(expected, (d / len) * a.forwardS[i]);
        if (d <= 0 && !Number.isNaN(a.backwardS[i])) expected = Math.min(expected, (-d / len) * a.backwardS[i]);
      }
      expect(m.durationS[i * n + j]).toBeCloseTo(expected, 6);
      const leg = travel.legGeometry(sites[i].id, sites[j].id);
      const snapM = (travel.snaps?.[i].snapDistanceM ?? 0) + (travel.snaps?.[j].snapDistanceM ?? 0);
      expect(lengthM(leg)).toBeCloseTo(m.distanceKm[i * n + j] * 1000 + snapM, -1); // within 5 m
    }
  });
});
