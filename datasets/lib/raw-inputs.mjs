// Reads and writes the raw inputs of a place: the census rows it uses and the ZIP centroids.
// Both live in datasets/<place>/raw/ so that a build needs no network and no outside file.
import { readFileSync } from "node:fs";

/** Header of raw/zip-centroids.tsv. */
export const CENTROID_HEADER = "zip\tcity\tstate\tlat\tlon";

/**
 * Parses a tab-separated file with a header row into objects keyed by the header's names.
 * @throws Error naming the file and line when a row has the wrong number of fields.
 */
export function readTsv(file) {
  const lines = readFileSync(file, "utf8").split("\n").filter((l) => l.length > 0);
  const header = lines[0].split("\t");
  return lines.slice(1).map((line, i) => {
    const cells = line.split("\t");
    if (cells.length !== header.length)
      throw new Error(`${file}:${i + 2}: expected ${header.length} tab-separated fields, found ${cells.length}`);
    return Object.fromEntries(header.map((h, j) => [h, cells[j]]));
  });
}

/**
 * Loads a place's raw rows: 2010 ZCTA population and ZIP centroids, keyed by ZIP.
 * @returns {{ population: Map<string, number>, centroids: Map<string, {city: string, state: string, lat: number, lon: number}> }}
 */
export function readRawInputs(rawDir) {
  const population = new Map();
  for (const row of readTsv(`${rawDir}/zcta-2010.tsv`))
    population.set(row.ZCTA5, Number(row["urban_rural-population-total_population"]));
  const centroids = new Map();
  for (const row of readTsv(`${rawDir}/zip-centroids.tsv`))
    centroids.set(row.zip, { city: row.city, state: row.state, lat: Number(row.lat), lon: Number(row.lon) });
  return { population, centroids };
}
