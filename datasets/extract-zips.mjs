#!/usr/bin/env node
// Copies the census rows and ZIP centroids a place uses into datasets/<place>/raw/, from the
// 2010 ZCTA population file and the npm package zipcodes. Run once per change of a place's ZIPs.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { listPlaces } from "./build.mjs";
import { CENTROID_HEADER } from "./lib/raw-inputs.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const DEFAULT_CENSUS = join(HERE, "..", "..", "shared", "data", "census", "zcta-2010-population-rural-urban.txt");

function zipsOf(place) {
  const json = JSON.parse(readFileSync(join(HERE, place, "place.json"), "utf8"));
  return [...new Set(json.zones.flatMap((z) => z.zips ?? [z.zip]))].sort();
}

/** Writes raw/zcta-2010.tsv (census rows verbatim, in file order) and raw/zip-centroids.tsv. */
function extract(place, censusLines, zipcodes) {
  const zips = zipsOf(place);
  const wanted = new Set(zips);
  const rows = censusLines.slice(1).filter((l) => wanted.has(l.split("\t")[0]));
  const found = new Set(rows.map((l) => l.split("\t")[0]));
  const missing = zips.filter((z) => !found.has(z));
  if (missing.length > 0) throw new Error(`${place}: ZIPs without a 2010 ZCTA row: ${missing.join(", ")}`);
  const centroids = zips.map((zip) => {
    const c = zipcodes.lookup(zip);
    if (!c) throw new Error(`${place}: ZIP ${zip} is not in the zipcodes package`);
    return [zip, c.city, c.state, c.latitude, c.longitude].join("\t");
  });
  const raw = join(HERE, place, "raw");
  mkdirSync(raw, { recursive: true });
  writeFileSync(join(raw, "zcta-2010.tsv"), `${[censusLines[0], ...rows].join("\n")}\n`);
  writeFileSync(join(raw, "zip-centroids.tsv"), `${[CENTROID_HEADER, ...centroids].join("\n")}\n`);
  console.log(`${place}: ${zips.length} ZIPs -> ${raw}`);
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { census: { type: "string" } } });
if (positionals.length === 0) {
  console.log("usage: node datasets/extract-zips.mjs <place...|all> [--census FILE]");
  process.exit(2);
}
const censusLines = readFileSync(resolve(values.census ?? DEFAULT_CENSUS), "utf8").split("\n").filter((l) => l.length > 0);
const zipcodes = createRequire(import.meta.url)("zipcodes");
for (const place of positionals.includes("all") ? listPlaces() : positionals) extract(place, censusLines, zipcodes);
