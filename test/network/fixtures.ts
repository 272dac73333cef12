// Test fixtures of the network layer: where the shared OSM extracts are, and small synthetic
// GeoJSON networks whose distances can be worked out by hand (positions near the equator).
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder of shared OSM extracts: walks up from this file until `shared/data/osm` exists. */
export function osmDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "shared", "data", "osm");
    if (existsSync(candidate)) return candidate;
    const up = resolve(dir, "..");
    if (up === dir) throw new Error("no shared/data/osm folder above the repository");
    dir = up;
  }
}

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "urbanmine-net-"));
}

type Line = { coords: Array<[number, number]>; props: Record<string, string> };

/** Writes a GeoJSON FeatureCollection of lines and returns its path. */
export function writeLines(dir: string, name: string, lines: Line[]): string {
  const fc = {
    type: "FeatureCollection",
    features: lines.map((l) => ({
      type: "Feature",
      properties: l.props,
      geometry: { type: "LineString", coordinates: l.coords },
    })),
  };
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(fc));
  return file;
}

/** Metres per degree on the mean sphere (equals haversine metres per degree at the equator). */
export const M_PER_DEG = (6371008.8 * Math.PI) / 180;

const D = 0.001; // ~111 m

/**
 * A square block A(0,0) B(D,0) C(D,D) E(0,D), residential, where A→B is one-way; plus,
 * when `island` is set, a separate two-way street far to the east.
 */
export function squareBlock(dir: string, island = false): string {
  const res = { highway: "residential" };
  const lines: Line[] = [
    { coords: [[0, 0], [D, 0]], props: { ...res, oneway: "yes" } },
    { coords: [[D, 0], [D, D]], props: res },
    { coords: [[D, D], [0, D]], props: res },
    { coords: [[0, D], [0, 0]], props: res },
  ];
  if (island) lines.push({ coords: [[0.05, 0], [0.05 + D, 0]], props: res });
  return writeLines(dir, island ? "block-island.geojson" : "block.geojson", lines);
}
