// Reads a GeoJSON FeatureCollection of LineStrings/MultiLineStrings into a RawNetwork.
// Lines meet where they share a position (to 1e-7 degrees). Feature properties carry OSM tags
// (highway, railway, oneway, maxspeed); a line with neither highway nor railway is a road of class "road".
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { UrbanmineError } from "../domain/index.js";
import { RawNetwork } from "./raw-network.js";

const Position = z.array(z.number()).min(2);
const Line = z.array(Position).min(2);
const Lines = z.array(Line);
const Geometry = z.object({ type: z.string(), coordinates: z.unknown().optional() });
const Feature = z.object({
  type: z.literal("Feature"),
  geometry: Geometry.nullable(),
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
});
const Collection = z.object({ type: z.literal("FeatureCollection"), features: z.array(Feature) });

/**
 * Reads road and rail lines of a GeoJSON file (RFC 7946, [lon, lat] positions).
 * @throws UrbanmineError INVALID_FILE when the file is not JSON, not a FeatureCollection,
 *   or holds no LineString.
 */
export async function readGeoJson(file: string, label: string = file): Promise<RawNetwork> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new UrbanmineError("INVALID_FILE", `${label}: not a readable JSON file (${why}); expected a GeoJSON FeatureCollection`);
  }
  const parsed = Collection.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first.path.map(String).join(".") || "(root)";
    throw new UrbanmineError(
      "INVALID_FILE",
      `${label}: not a GeoJSON FeatureCollection (${where}: ${first.message}); expected {"type":"FeatureCollection","features":[…]}`,
    );
  }
  const raw = new RawNetwork(label);
  const ids = new Map<string, number>();
  const idOf = (p: number[]): number => {
    const key = `${Math.round(p[0] * 1e7)},${Math.round(p[1] * 1e7)}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size + 1;
      ids.set(key, id);
      raw.addNode(id, p[1], p[0]);
    }
    return id;
  };
  let lines = 0;
  parsed.data.features.forEach((f, i) => {
    const g = f.geometry;
    if (!g || (g.type !== "LineString" && g.type !== "MultiLineString")) return;
    const coords = (g.type === "LineString" ? Line : Lines).safeParse(g.coordinates);
    if (!coords.success) {
      const first = coords.error.issues[0];
      const where = [`features[${i}].geometry.coordinates`, ...first.path.map((p) => `[${String(p)}]`)].join("");
      throw new UrbanmineError(
        "INVALID_FILE",
        `${label}: ${where}: ${first.message}; a ${g.type} needs lines of two or more [lon, lat] positions`,
      );
    }
    const tags = tagsOf(f.properties ?? {});
    const parts = g.type === "LineString" ? [coords.data as number[][]] : (coords.data as number[][][]);
    for (const part of parts) {
      lines++;
      raw.addWay(part.map(idOf), tags);
    }
  });
  if (lines === 0) {
    throw new UrbanmineError(
      "INVALID_FILE",
      `${label}: the GeoJSON has no LineString or MultiLineString feature; expected road or rail lines`,
    );
  }
  return raw;
}

function tagsOf(props: Record<string, unknown>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) {
    if (typeof v === "string") tags[k] = v;
    else if (typeof v === "number" || typeof v === "boolean") tags[k] = String(v);
  }
  if (tags.highway === undefined && tags.railway === undefined) {
    if (tags.mode === "rail") tags.railway = "rail";
    else tags.highway = "road";
  }
  return tags;
}
