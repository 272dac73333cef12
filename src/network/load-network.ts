// Loading a network file once per process: pick the reader by extension, build the model
// graphs and the hot-path CSR graphs, and keep the result keyed by path, size, mtime and options.
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { UrbanmineError } from "../domain/index.js";
import { buildModeNetwork, type ModeNetwork } from "./csr.js";
import { buildModels, type ModelOptions, type ModeReport } from "./model-graph.js";
import type { RawNetwork } from "./raw-network.js";
import { readGeoJson } from "./read-geojson.js";
import { readOsmPbf } from "./read-osm-pbf.js";
import { readOsmXml } from "./read-osm-xml.js";
import { SegmentIndex } from "./snap.js";

/** One mode ready for snapping and shortest paths. */
export interface LoadedMode extends ModeNetwork {
  segments: SegmentIndex;
}

/** What an import kept and dropped. */
export interface NetworkReport {
  file: string;
  waysRead: number;
  road: ModeReport;
  rail?: ModeReport;
  importSeconds: number;
}

/** A network file, imported. */
export interface LoadedNetwork {
  /** File name used in messages and `TravelMatrix.method`. */
  label: string;
  /** Cache key: path, size and modification time of the file, and the options. */
  key: string;
  road: LoadedMode;
  rail?: LoadedMode;
  report: NetworkReport;
}

/** File endings the importer accepts. */
export const NETWORK_EXTENSIONS = [".osm.pbf", ".pbf", ".osm", ".xml", ".osm.bz2", ".bz2", ".geojson", ".json"];

const cache = new Map<string, Promise<LoadedNetwork>>();
/** Networks kept in memory at once (a city network takes tens of MB). */
const CACHE_LIMIT = 4;

/**
 * Imports a network file (OSM PBF, OSM XML, bzip2 OSM XML, GeoJSON), once per process for the
 * same file contents and options (the last 4 networks are kept).
 * @throws UrbanmineError INVALID_FILE when the file is missing, has an unknown ending, is
 *   corrupt or truncated, or holds no drivable road.
 */
export async function loadNetwork(file: string, opts: ModelOptions = {}): Promise<LoadedNetwork> {
  const label = basename(file);
  const reader = readerFor(file, label);
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new UrbanmineError("INVALID_FILE", `network file ${file} was not found or cannot be read`);
  }
  if (!info.isFile()) throw new UrbanmineError("INVALID_FILE", `network file ${file} is not a file`);
  if (info.size === 0) throw new UrbanmineError("INVALID_FILE", `network file ${label} is empty`);
  const key = JSON.stringify([file, info.size, info.mtimeMs, opts]);
  let hit = cache.get(key);
  if (!hit) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    hit = importNetwork(reader, label, key, opts);
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  } else {
    // most recently used last, so the oldest is evicted first
    cache.delete(key);
    cache.set(key, hit);
  }
  return hit;
}

/** Forgets every imported network (tests and long-running servers that reload files). */
export function clearNetworkCache(): void {
  cache.clear();
}

function readerFor(file: string, label: string): () => Promise<RawNetwork> {
  const f = file.toLowerCase();
  if (f.endsWith(".pbf")) return () => readOsmPbf(file, label);
  if (f.endsWith(".bz2")) return () => readOsmXml(file, true, label);
  if (f.endsWith(".osm") || f.endsWith(".xml")) return () => readOsmXml(file, false, label);
  if (f.endsWith(".geojson") || f.endsWith(".json")) return () => readGeoJson(file, label);
  throw new UrbanmineError(
    "INVALID_FILE",
    `network file ${label} has an unknown ending; expected one of ${NETWORK_EXTENSIONS.join(", ")}`,
  );
}

async function importNetwork(
  read: () => Promise<RawNetwork>,
  label: string,
  key: string,
  opts: ModelOptions,
): Promise<LoadedNetwork> {
  const t0 = performance.now();
  const raw = await read();
  const models = buildModels(raw, opts);
  const toMode = (m: ModeNetwork): LoadedMode => ({ ...m, segments: new SegmentIndex(m) });
  const road = toMode(buildModeNetwork(models.road));
  const rail = models.rail ? toMode(buildModeNetwork(models.rail)) : undefined;
  const report: NetworkReport = {
    file: label,
    waysRead: raw.wayCount,
    road: models.road.report,
    ...(models.rail ? { rail: models.rail.report } : {}),
    importSeconds: (performance.now() - t0) / 1000,
  };
  return { label, key, road, ...(rail ? { rail } : {}), report };
}
