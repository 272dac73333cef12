import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { computeTravel, loadNetwork, modeMatrix, snapSites } from "../../src/network/index.js";
import { osmDir } from "./fixtures.js";

describe("rail on Baltimore", () => {
  it("chains road, transfer, rail, transfer, road through the fastest terminal pair", async () => {
    const file = join(osmDir(), "baltimore.osm.pbf");
    const net = await loadNetwork(file);
    const rail = net.rail;
    expect(rail).toBeDefined();
    if (!rail) return;
    // three terminals on rail junctions spread over the graph; they are also sites (as the pipeline passes them)
    const nodes = rail.model.graph.nodes();
    const at = (k: number) => rail.model.graph.getNodeAttributes(nodes[k]);
    const terminals = [0, Math.floor(nodes.length / 2), nodes.length - 1].map((k, t) => ({
      id: `T${t}`,
      location: { lat: at(k).lat, lon: at(k).lon },
      transferTimeS: 900 + 100 * t,
    }));
    const roadNodes = net.road.model.graph.nodes();
    const road = (k: number) => net.road.model.graph.getNodeAttributes(roadNodes[k]);
    const sites = [
      ...[10, 2000, 4000].map((k, i) => ({ id: `S${i}`, location: { lat: road(k).lat, lon: road(k).lon } })),
      ...terminals.map(({ id, location }) => ({ id, location })),
    ];
    const network = { file, circuityFactor: 1.2, roadSpeedKmh: 40, maxSnapDistanceM: 2000 };
    const r = await computeTravel({ sites, terminals, network, baseDir: "." });
    expect(r.rail).toBeDefined();
    const m = r.rail;
    if (!m) return;
    expect(m.ids).toEqual(sites.map((s) => s.id));
    // independent recomposition from the road matrix and a terminal-to-terminal rail matrix
    const n = sites.length;
    const railSnaps = snapSites(rail.segments, terminals, 2000, net.label);
    const rt = await modeMatrix(rail, railSnaps, "check", net.key);
    const ti = terminals.map((t) => sites.findIndex((s) => s.id === t.id));
    let finite = 0;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        let best = Infinity;
        for (let x = 0; x < 3; x++) {
          for (let y = 0; y < 3; y++) {
            if (x === y) continue;
            const s =
              r.road.durationS[a * n + ti[x]] +
              terminals[x].transferTimeS +
              rt.durationS[x * 3 + y] +
              terminals[y].transferTimeS +
              r.road.durationS[ti[y] * n + b];
            best = Math.min(best, s);
          }
        }
        if (best === Infinity) expect(m.unreachable).toContainEqual({ from: sites[a].id, to: sites[b].id });
        else {
          finite++;
          expect(m.durationS[a * n + b]).toBeCloseTo(best, 6);
          expect(m.railDistanceKm?.[a * n + b]).toBeGreaterThan(0);
        }
      }
    }
    expect(finite).toBeGreaterThan(0);
  });
});
