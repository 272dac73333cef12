import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildAnchors,
  computeMatrixRows,
  computeTravel,
  loadNetwork,
  snapSites,
  type MatrixPool,
} from "../../src/network/index.js";
import { createMatrixPool } from "../../src/pipeline/index.js";
import { osmDir, tempDir } from "./fixtures.js";

const run = promisify(execFile);
const CLI = resolve(__dirname, "../../dist/src/cli/main.js");

/** Sites a few metres off random shape points of the network (seeded). */
async function sampleSites(file: string, n: number, seed: number): Promise<Array<{ id: string; location: { lat: number; lon: number } }>> {
  const net = await loadNetwork(file);
  const { lat, lon } = net.road.model.pieces;
  let s = seed;
  const rnd = (): number => (s = (s * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: n }, (_, i) => {
    const k = Math.floor(rnd() * lat.length);
    return { id: `p${i}`, location: { lat: lat[k] + (rnd() - 0.5) * 4e-4, lon: lon[k] + (rnd() - 0.5) * 4e-4 } };
  });
}

describe("matrix rows on the worker pool", () => {
  let pool: MatrixPool;
  beforeAll(() => {
    pool = createMatrixPool({ threads: 1, rowsPerTask: 37 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it("gives the same matrix as the in-process rows on Baltimore", async () => {
    const file = join(osmDir(), "baltimore.osm.pbf");
    const sites = await sampleSites(file, 150, 99);
    const net = await loadNetwork(file);
    const snaps = snapSites(net.road.segments, sites, 2000, net.label);
    const anchors = buildAnchors(net.road, snaps);
    const expected = computeMatrixRows(net.road.csr, anchors, 0, sites.length);
    const parts = await pool.runRows(net.road.csr, anchors);
    expect(parts.length).toBe(Math.ceil(150 / 37));
    const got = new Float64Array(150 * 150);
    for (const p of parts) got.set(p.durationS, p.rowStart * 150);
    expect(got).toEqual(expected.durationS);
    // and through computeTravel
    const travel = await computeTravel({
      sites,
      network: { file, circuityFactor: 1.2, roadSpeedKmh: 40, maxSnapDistanceM: 2000 },
      baseDir: ".",
      runRows: pool.runRows,
    });
    expect(travel.road.distanceKm).toEqual(expected.distanceKm);
  });
});

describe("urbanmine matrix", () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });

  it("prints the size and seconds, and the matrix as JSON with --json", async () => {
    const file = join(osmDir(), "west-oakland.osm.bz2");
    const points = join(dir, "points.csv");
    writeFileSync(points, "id,lat,lon\nA,37.8075,-122.3000\nB,37.8085,-122.3015\nC,37.8070,-122.2990\n");
    const plain = await run("node", [CLI, "matrix", file, "--points", points, "--threads", "1"]);
    expect(plain.stdout).toMatch(/^matrix 3 x 3 \(osm:west-oakland\.osm\.bz2\), \d+\.\d+ s, 0 unreachable/);
    expect(plain.stdout).toContain("road graph 27 nodes, 61 edges; dropped 14 nodes and 17 edges");
    const json = await run("node", [CLI, "matrix", file, "--points", points, "--json", "--threads", "1"]);
    const out = JSON.parse(json.stdout) as { ids: string[]; durationS: Array<Array<number | null>>; distanceKm: Array<Array<number | null>> };
    expect(out.ids).toEqual(["A", "B", "C"]);
    const travel = await computeTravel({
      sites: [
        { id: "A", location: { lat: 37.8075, lon: -122.3 } },
        { id: "B", location: { lat: 37.8085, lon: -122.3015 } },
        { id: "C", location: { lat: 37.807, lon: -122.299 } },
      ],
      network: { file, circuityFactor: 1.2, roadSpeedKmh: 40, maxSnapDistanceM: 2000 },
      baseDir: ".",
    });
    for (let i = 0; i < 3; i++) {
      expect(out.durationS[i][i]).toBe(0);
      for (let j = 0; j < 3; j++) {
        expect(out.durationS[i][j]).toBeCloseTo(travel.road.durationS[i * 3 + j], 1);
        expect(out.distanceKm[i][j]).toBeCloseTo(travel.road.distanceKm[i * 3 + j], 3);
      }
    }
    expect(json.stderr).toMatch(/matrix 3 x 3/);
  });

  it("exits 2 naming the bad line of a points file, and on usage errors", async () => {
    const file = join(osmDir(), "west-oakland.osm.bz2");
    const points = join(dir, "bad.csv");
    writeFileSync(points, "id,lat,lon\nA,37.8075,-122.3\nB,north,-122.3\n");
    const bad = await run("node", [CLI, "matrix", file, "--points", points]).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/INVALID_FILE[\s\S]*line 3: bad position lat 'north'/) });
    const usage = await run("node", [CLI, "matrix", file]).catch((e: { code: number; stderr: string }) => e);
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining("--points POINTS.csv is required") });
  });
});
