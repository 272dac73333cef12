// Reads OpenStreetMap XML (.osm, or bzip2-compressed .osm.bz2) into a RawNetwork,
// streaming through the saxes XML parser (and unbzip2-stream for .bz2).
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { pipeline } from "node:stream/promises";
import { Writable, type Readable } from "node:stream";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import unbzip2Stream from "unbzip2-stream";
import { UrbanmineError } from "../domain/index.js";
import { KEPT_TAGS, RawNetwork } from "./raw-network.js";

const KEPT = new Set(KEPT_TAGS);

/**
 * Reads nodes and road/rail ways of an OSM XML file, bzip2-compressed when `bzip2` is true.
 * @throws UrbanmineError INVALID_FILE when the file is missing, truncated or not OSM XML.
 */
export async function readOsmXml(file: string, bzip2: boolean, label: string = file): Promise<RawNetwork> {
  const raw = new RawNetwork(label);
  const sax = new SaxesParser();
  let refs: number[] | null = null;
  let tags: Record<string, string> = {};
  let sawOsm = false;
  sax.on("opentag", (tag: SaxesTagPlain) => {
    const a = tag.attributes;
    switch (tag.name) {
      case "osm":
        sawOsm = true;
        break;
      case "node":
        raw.addNode(Number(a.id), Number(a.lat), Number(a.lon));
        break;
      case "way":
        refs = [];
        tags = {};
        break;
      case "nd":
        if (refs) refs.push(Number(a.ref));
        break;
      case "tag":
        if (refs && KEPT.has(a.k)) tags[a.k] = a.v;
        break;
    }
  });
  sax.on("closetag", (tag) => {
    if (tag.name === "way" && refs) {
      raw.addWay(refs, tags);
      refs = null;
    }
  });
  const decoder = new StringDecoder("utf8");
  const sink = new Writable({
    write(chunk: Buffer, _enc, next) {
      try {
        sax.write(decoder.write(chunk));
        next();
      } catch (err) {
        next(err as Error);
      }
    },
    final(done) {
      try {
        sax.write(decoder.end());
        sax.close();
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
  try {
    const source: Readable = createReadStream(file);
    if (bzip2) await pipeline(source, unbzip2Stream(), sink);
    else await pipeline(source, sink);
  } catch (err) {
    if (err instanceof UrbanmineError) throw err;
    const why = err instanceof Error ? err.message.split("\n")[0] : String(err);
    const kind = bzip2 ? "bzip2-compressed OSM XML (.osm.bz2)" : "OSM XML (.osm)";
    throw new UrbanmineError("INVALID_FILE", `${label}: not a readable ${kind} file (${why}); expected a complete ${kind} file`);
  }
  if (!sawOsm) {
    throw new UrbanmineError("INVALID_FILE", `${label}: no <osm> root element; expected an OpenStreetMap XML file`);
  }
  return raw;
}
