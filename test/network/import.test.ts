import { createReadStream, createWriteStream } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import unbzip2Stream from "unbzip2-stream";
import { beforeAll, describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/network/index.js";
import { osmDir, tempDir, writeLines } from "./fixtures.js";

describe("network import", () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });

  it("imports West Oakland (.osm.bz2) with stable counts, reduced to its largest SCC", async () => {
    const net = await loadNetwork(join(osmDir(), "west-oakland.osm.bz2"));
    expect(net.report.waysRead).toBe(66);
    expect(net.report.road).toEqual({
      ways: 22,
      nodes: 27,
      edges: 61,
      components: 13,
      droppedNodes: 14,
      droppedEdges: 17,
      droppedDuplicates: 0,
    });
    expect(net.rail).toBeUndefined();
    expect(net.road.csr.nodeCount).toBe(27);
    expect(net.road.csr.targets.length).toBe(61);
  });

  it("reads the same network from plain .osm XML", async () => {
    const osm = join(dir, "west-oakland.osm");
    await pipeline(createReadStream(join(osmDir(), "west-oakland.osm.bz2")), unbzip2Stream(), createWriteStream(osm));
    const net = await loadNetwork(osm);
    expect(net.report.road.nodes).toBe(27);
    expect(net.report.road.edges).toBe(61);
  });

  it("imports Baltimore (.osm.pbf) road and rail with stable counts", async () => {
    const net = await loadNetwork(join(osmDir(), "baltimore.osm.pbf"));
    expect(net.report.waysRead).toBe(7230);
    expect(net.report.road).toMatchObject({ nodes: 5325, edges: 13508, components: 170, droppedNodes: 225, droppedEdges: 286 });
    expect(net.report.rail).toMatchObject({ nodes: 706, edges: 1718, components: 4, droppedNodes: 253, droppedEdges: 594 });
    // every kept edge is in the CSR, with positive length and time
    const { csr } = net.road;
    expect(csr.offsets[csr.nodeCount]).toBe(13508);
    expect(Math.min(...csr.lengthM)).toBeGreaterThan(0);
    expect(Math.min(...csr.durationS)).toBeGreaterThan(0);
  });

  it("parses a file once per process", async () => {
    const file = join(osmDir(), "west-oakland.osm.bz2");
    const a = await loadNetwork(file);
    const b = await loadNetwork(file);
    expect(b).toBe(a);
  });

  it("imports GeoJSON LineStrings, joining lines at shared positions and applying speeds", async () => {
    const file = writeLines(dir, "t.geojson", [
      { coords: [[0, 0], [0.001, 0], [0.002, 0]], props: { highway: "primary" } },
      { coords: [[0.001, 0], [0.001, 0.001]], props: { highway: "residential", maxspeed: "20 mph" } },
      { coords: [[0.002, 0], [0.002, 0.001]], props: { highway: "footway" } },
    ]);
    const net = await loadNetwork(file, { roadSpeedsKmh: { primary: 36 } });
    // junction at (0.001, 0) splits the primary: 3 nodes, 3 two-way pieces
    expect(net.report.road).toMatchObject({ nodes: 4, edges: 6, components: 1 });
    const g = net.road.model.graph;
    const classes = new Map<string, number>();
    g.forEachEdge((_e, a) => classes.set(a.roadClass, a.lengthM / a.durationS));
    expect(classes.get("primary")).toBeCloseTo(10, 6); // 36 km/h = 10 m/s
    expect(classes.get("residential")).toBeCloseTo((20 * 1.609344) / 3.6, 6);
  });
});
