import { beforeAll, describe, expect, it } from "vitest";
import { haversineKm } from "../../src/network/great-circle.js";
import { computeTravel, inProcessRows, loadNetwork, modeMatrix, snapSites, type RowRunner } from "../../src/network/index.js";
import { M_PER_DEG, squareBlock, tempDir, writeLines } from "./fixtures.js";

const NET = { circuityFactor: 1.2, roadSpeedKmh: 40, maxSnapDistanceM: 200 };
const RESIDENTIAL_MS = 25 / 3.6;
const D = 0.001;

describe("computeTravel on a network file", () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });

  it("is asymmetric where a one-way street makes it so", async () => {
    const file = squareBlock(dir);
    // P a quarter and Q three quarters along the one-way A→B, 5 m south of it
    const off = -5 / M_PER_DEG;
    const sites = [
      { id: "P", location: { lat: off, lon: D / 4 } },
      { id: "Q", location: { lat: off, lon: (3 * D) / 4 } },
    ];
    const r = await computeTravel({ sites, network: { ...NET, file }, baseDir: dir });
    const side = D * M_PER_DEG;
    const pq = side / 2;
    const qp = side / 4 + 3 * side + side / 4; // on to B, round the block, back in at A
    expect(r.road.distanceKm[1] * 1000).toBeCloseTo(pq, 0);
    expect(r.road.distanceKm[2] * 1000).toBeCloseTo(qp, 0);
    expect(r.road.durationS[1]).toBeCloseTo(pq / RESIDENTIAL_MS, 1);
    expect(r.road.durationS[2]).toBeCloseTo(qp / RESIDENTIAL_MS, 1);
    expect(r.road.unreachable).toEqual([]);
    // the drawn Q→P leg goes round the block: its length is the road distance plus both snaps
    const leg = r.legGeometry("Q", "P");
    const legM = leg.slice(1).reduce((m, p, k) => m + haversineKm({ lon: leg[k][0], lat: leg[k][1] }, { lon: p[0], lat: p[1] }) * 1000, 0);
    expect(legM).toBeCloseTo(qp + 10, 0);
    expect(leg).toContainEqual([D, D]);
    expect(leg).toContainEqual([0, D]);
  });

  it("reports the snap distance of every site and names the ones too far", async () => {
    const file = squareBlock(dir);
    const sites = [
      { id: "near", location: { lat: 30 / M_PER_DEG, lon: D / 2 } }, // 30 m north of A–B, inside the block
      { id: "far-1", location: { lat: 0.02, lon: 0.02 } },
      { id: "far-2", location: { lat: -0.02, lon: 0.0005 } },
    ];
    await expect(computeTravel({ sites, network: { ...NET, file }, baseDir: dir })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringMatching(/far-1[\s\S]*far-2/),
    });
    const ok = await computeTravel({ sites: sites.slice(0, 1), network: { ...NET, file }, baseDir: dir });
    expect(ok.snaps?.[0].snapDistanceM).toBeCloseTo(30, 1);
    expect(ok.snaps?.[0].snapped.lat).toBeCloseTo(0, 9);
    expect(ok.road.snapDistanceM?.[0]).toBeCloseTo(30, 1);
  });

  it("reports unreachable pairs by name", async () => {
    const file = squareBlock(dir, true);
    const net = await loadNetwork(file, { largestComponentOnly: false });
    const sites = [
      { id: "block", location: { lat: 0, lon: D / 2 } },
      { id: "island", location: { lat: 0, lon: 0.05 + D / 2 } },
    ];
    const snaps = snapSites(net.road.segments, sites, 100, net.label);
    const m = await modeMatrix(net.road, snaps, "test", net.key);
    expect(m.durationS[1]).toBe(Infinity);
    expect(m.durationS[2]).toBe(Infinity);
    expect(m.unreachable).toEqual([
      { from: "block", to: "island" },
      { from: "island", to: "block" },
    ]);
    // reduced to its largest SCC, the island is dropped and reported, and its site is too far
    const reduced = await loadNetwork(file);
    expect(reduced.report.road).toMatchObject({ components: 2, droppedNodes: 2, droppedEdges: 2 });
    await expect(computeTravel({ sites, network: { ...NET, file }, baseDir: dir })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("'island'"),
    });
  });

  it("builds the rail matrix through terminals: road, transfer, rail, transfer, road", async () => {
    const file = writeLines(dir, "intermodal.geojson", [
      { coords: [[0, 0], [0.005, 0], [0.01, 0]], props: { highway: "primary" } },
      { coords: [[0, 0.001], [0.01, 0.001]], props: { railway: "rail" } },
    ]);
    const sites = [
      { id: "S1", location: { lat: 0, lon: 0.001 } },
      { id: "S2", location: { lat: 0, lon: 0.009 } },
    ];
    const terminals = [
      { id: "T1", location: { lat: 0.0005, lon: 0 }, transferTimeS: 600 },
      { id: "T2", location: { lat: 0.0005, lon: 0.01 }, transferTimeS: 600 },
    ];
    const transport = {
      road: { costUsdPerTKm: 0.2, co2KgPerTKm: 0.1, speedKmh: 50 },
      rail: { costUsdPerTKm: 0.05, co2KgPerTKm: 0.02, speedKmh: 50 },
    };
    const withCost = terminals.map((t, k) => ({ ...t, transferCostUsdPerT: 3 + k }));
    const r = await computeTravel({ sites, terminals: withCost, transport, network: { ...NET, file }, baseDir: dir });
    expect(r.road.ids).toEqual(["S1", "S2"]);
    expect(r.rail?.ids).toEqual(["S1", "S2"]);
    const access = 0.001 * M_PER_DEG; // S1 to T1's road snap, and T2's to S2
    const railM = 0.01 * M_PER_DEG;
    const expectS = (2 * access) / (55 / 3.6) + 600 + railM / (50 / 3.6) + 600;
    expect(r.rail?.durationS[1]).toBeCloseTo(expectS, 1);
    expect(r.rail?.distanceKm[1]).toBeCloseTo((2 * access + railM) / 1000, 4);
    expect(r.rail?.railDistanceKm?.[1]).toBeCloseTo(railM / 1000, 4);
    expect(r.rail?.unreachable).toEqual([]);
    expect(r.road.distanceKm[1]).toBeCloseTo((0.008 * M_PER_DEG) / 1000, 4);
    // cost and CO2 per tonne: road access at road factors, rail at rail factors, both transfers
    const roadKm = (2 * access) / 1000;
    expect(r.rail?.costUsdPerT?.[1]).toBeCloseTo(roadKm * 0.2 + (railM / 1000) * 0.05 + 3 + 4, 6);
    expect(r.rail?.co2KgPerT?.[1]).toBeCloseTo(roadKm * 0.1 + (railM / 1000) * 0.02, 6);
    expect(r.road.costUsdPerT?.[1]).toBeCloseTo(r.road.distanceKm[1] * 0.2, 9);
    // the rail leg is drawn along the road to T1, along the track, and by road from T2
    const leg = r.legGeometry("S1", "S2", "rail");
    expect(leg[0]).toEqual([0.001, 0]);
    expect(leg).toContainEqual([0, 0.0005]); // T1
    expect(leg).toContainEqual([0, 0.001]); // track start
    expect(leg).toContainEqual([0.01, 0.001]); // track end
    expect(leg[leg.length - 1]).toEqual([0.009, 0]);
    expect(() => r.legGeometry("S1", "nowhere")).toThrow(/nowhere/);
  });

  it("does not recompute a matrix for the same network and sites", async () => {
    const file = squareBlock(dir);
    const sites = [
      { id: "A", location: { lat: 0, lon: D / 3 } },
      { id: "B", location: { lat: D / 2, lon: D } },
    ];
    let calls = 0;
    const runRows: RowRunner = async (g, a) => {
      calls++;
      return inProcessRows(g, a);
    };
    const first = await computeTravel({ sites, network: { ...NET, file }, baseDir: dir, runRows });
    first.road.durationS[1] = -1; // a caller's change must not leak into the cache
    const second = await computeTravel({ sites, network: { ...NET, file }, baseDir: dir, runRows });
    expect(calls).toBe(1);
    expect(second.road.durationS[1]).toBeGreaterThan(0);
    await computeTravel({ sites: [...sites].reverse(), network: { ...NET, file }, baseDir: dir, runRows });
    expect(calls).toBe(2);
  });

  it("falls back to great-circle × circuity without a network file", async () => {
    const sites = [
      { id: "baltimore", location: { lat: 39.2904, lon: -76.6122 } },
      { id: "harrisburg", location: { lat: 40.2732, lon: -76.8867 } },
    ];
    const r = await computeTravel({ sites, network: { circuityFactor: 1.3, roadSpeedKmh: 50, maxSnapDistanceM: 100 }, baseDir: "." });
    // independent haversine on the 6371.0088 km sphere
    const rad = Math.PI / 180;
    const h =
      Math.sin(((40.2732 - 39.2904) * rad) / 2) ** 2 +
      Math.cos(39.2904 * rad) * Math.cos(40.2732 * rad) * Math.sin(((-76.8867 + 76.6122) * rad) / 2) ** 2;
    const km = 2 * 6371.0088 * Math.asin(Math.sqrt(h));
    expect(km).toBeGreaterThan(105);
    expect(km).toBeLessThan(115);
    expect(r.road.distanceKm[1]).toBeCloseTo(km * 1.3, 6);
    expect(r.road.distanceKm[2]).toBeCloseTo(km * 1.3, 6);
    expect(r.road.durationS[1]).toBeCloseTo(((km * 1.3) / 50) * 3600, 3);
    expect(r.road.method).toContain("great-circle");
    expect(r.legGeometry("baltimore", "harrisburg")).toEqual([
      [-76.6122, 39.2904],
      [-76.8867, 40.2732],
    ]);
  });
});
