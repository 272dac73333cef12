// Reads an OpenStreetMap .osm.pbf file with the osm-pbf-parser-node package into a RawNetwork.
// Only way tags are decoded; relations are skipped (turn restrictions are not modelled).
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { Writable } from "node:stream";
import { OSMTransform } from "osm-pbf-parser-node";
import { UrbanmineError } from "../domain/index.js";
import { KEPT_TAGS, RawNetwork } from "./raw-network.js";

interface PbfNode {
  type: "node";
  id: number;
  lat: number;
  lon: number;
}
interface PbfWay {
  type: "way";
  id: number;
  refs: number[];
  tags?: Record<string, string>;
}

function isNode(item: object): item is PbfNode {
  return (item as { type?: unknown }).type === "node";
}
function isWay(item: object): item is PbfWay {
  return (item as { type?: unknown }).type === "way";
}

/**
 * Reads nodes and road/rail ways of an .osm.pbf file.
 * @throws UrbanmineError INVALID_FILE when the file is missing, truncated or not OSM PBF.
 */
export async function readOsmPbf(file: string, label: string = file): Promise<RawNetwork> {
  const raw = new RawNetwork(label);
  const sink = new Writable({
    objectMode: true,
    write(items: object[], _enc, next) {
      try {
        for (const item of items) {
          if (isNode(item)) raw.addNode(item.id, item.lat, item.lon);
          else if (isWay(item)) raw.addWay(item.refs, item.tags ?? {});
        }
        next();
      } catch (err) {
        next(err as Error);
      }
    },
  });
  const parser = new OSMTransform({ withTags: { node: false, way: KEPT_TAGS, relation: false }, withInfo: false });
  try {
    await pipeline(createReadStream(file), parser, sink);
  } catch (err) {
    if (err instanceof UrbanmineError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new UrbanmineError(
      "INVALID_FILE",
      `${label}: not a readable OSM PBF file (${why}); expected a complete .osm.pbf extract`,
    );
  }
  return raw;
}
