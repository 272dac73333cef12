import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { computeTravel, loadNetwork } from "../../src/network/index.js";
import { osmDir, tempDir, writeLines } from "./fixtures.js";

describe("bad network input", () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });

  const invalid = (file: string, pattern: RegExp) =>
    expect(loadNetwork(file)).rejects.toMatchObject({ code: "INVALID_FILE", message: expect.stringMatching(pattern) });

  it("rejects a truncated .osm.pbf, naming the file", async () => {
    const file = join(dir, "cut.osm.pbf");
    writeFileSync(file, readFileSync(join(osmDir(), "baltimore.osm.pbf")).subarray(0, 300_000));
    await invalid(file, /cut\.osm\.pbf: not a readable OSM PBF/);
  });

  it("rejects a file that is not PBF at all", async () => {
    const file = join(dir, "text.osm.pbf");
    writeFileSync(file, "hello, not protobuf\n".repeat(20));
    await invalid(file, /text\.osm\.pbf/);
  });

  it("rejects a truncated .osm.bz2", async () => {
    const file = join(dir, "cut.osm.bz2");
    const bytes = readFileSync(join(osmDir(), "west-oakland.osm.bz2"));
    writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
    await invalid(file, /cut\.osm\.bz2: not a readable bzip2-compressed OSM XML/);
  });

  it("rejects truncated and non-OSM XML", async () => {
    const cut = join(dir, "cut.osm");
    writeFileSync(cut, '<?xml version="1.0"?><osm version="0.6"><node id="1" lat="0" lon="0"/><way id="2"><nd ref="1"/>');
    await invalid(cut, /cut\.osm: not a readable OSM XML/);
    const other = join(dir, "other.osm");
    writeFileSync(other, '<?xml version="1.0"?><html><body/></html>');
    await invalid(other, /other\.osm: no <osm> root element/);
  });

  it("rejects GeoJSON without LineStrings, and non-GeoJSON JSON", async () => {
    const points = join(dir, "points.geojson");
    writeFileSync(
      points,
      JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [0, 0] } }] }),
    );
    await invalid(points, /points\.geojson: the GeoJSON has no LineString/);
    const short = join(dir, "short.geojson");
    writeFileSync(
      short,
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          { type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: [[0, 0], [0.001, 0]] } },
          { type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: [[0, 0]] } },
        ],
      }),
    );
    await invalid(short, /short\.geojson: features\[1\]\.geometry\.coordinates: .*two or more \[lon, lat\] positions/);
    const notFc = join(dir, "object.json");
    writeFileSync(notFc, JSON.stringify({ type: "Feature" }));
    await invalid(notFc, /object\.json: not a GeoJSON FeatureCollection/);
    const broken = join(dir, "broken.geojson");
    writeFileSync(broken, '{"type": "FeatureCol');
    await invalid(broken, /broken\.geojson: not a readable JSON file/);
  });

  it("rejects a network with no drivable road after filtering", async () => {
    const file = writeLines(dir, "paths.geojson", [{ coords: [[0, 0], [0.001, 0]], props: { highway: "footway" } }]);
    await invalid(file, /paths\.geojson: no drivable road left after filtering/);
  });

  it("rejects an empty file", async () => {
    const file = join(dir, "empty.osm.pbf");
    writeFileSync(file, "");
    await invalid(file, /network file empty\.osm\.pbf is empty/);
  });

  it("rejects missing files and unknown endings", async () => {
    await invalid(join(dir, "nope.osm.pbf"), /nope\.osm\.pbf was not found/);
    const shp = join(dir, "roads.shp");
    writeFileSync(shp, "x");
    await invalid(shp, /roads\.shp has an unknown ending; expected one of \.osm\.pbf/);
  });

  it("names the points outside the network's extent", async () => {
    const sites = [
      { id: "in-oakland", location: { lat: 37.8075, lon: -122.3 } },
      { id: "in-baltimore", location: { lat: 39.29, lon: -76.61 } },
    ];
    await expect(
      computeTravel({
        sites,
        network: { file: join(osmDir(), "west-oakland.osm.bz2"), circuityFactor: 1.2, roadSpeedKmh: 40, maxSnapDistanceM: 500 },
        baseDir: dir,
      }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringMatching(/1 site\(s\) lie outside the network west-oakland\.osm\.bz2[\s\S]*'in-baltimore'/),
      issues: [{ path: "sites[1]", message: expect.stringContaining("in-baltimore") }],
    });
  });
});
