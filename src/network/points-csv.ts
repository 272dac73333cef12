// Reads a points file `id,lat,lon` (header row, any column order, extra columns ignored)
// with csv-parse, validating every row at the boundary.
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { Id, Location, UrbanmineError } from "../domain/index.js";
import type { TravelSite } from "./travel.js";

/**
 * Points of a CSV file as travel sites, in file order.
 * @throws UrbanmineError INVALID_FILE when the file is missing or not CSV, lacks a column,
 *   or a row has a bad id, a bad coordinate or a repeated id (each named by its line).
 */
export async function readPointsCsv(file: string): Promise<TravelSite[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UrbanmineError("INVALID_FILE", `points file ${file} was not found or cannot be read`);
  }
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new UrbanmineError("INVALID_FILE", `points file ${file}: not valid CSV (${why}); expected a header id,lat,lon`);
  }
  const first = rows[0];
  if (!first || !("id" in first) || !("lat" in first) || !("lon" in first)) {
    throw new UrbanmineError("INVALID_FILE", `points file ${file}: expected a header with columns id,lat,lon and at least one row`);
  }
  const issues: Array<{ path: string; message: string }> = [];
  const seen = new Set<string>();
  const sites: TravelSite[] = [];
  rows.forEach((row, k) => {
    const line = k + 2;
    const id = Id.safeParse(row.id);
    const loc = Location.safeParse({ lat: Number(row.lat), lon: Number(row.lon) });
    if (!id.success) issues.push({ path: `line ${line}`, message: `bad id '${row.id}': ${id.error.issues[0].message}` });
    else if (seen.has(id.data)) issues.push({ path: `line ${line}`, message: `id '${id.data}' repeats an earlier row` });
    if (!loc.success || row.lat === "" || row.lon === "") {
      issues.push({ path: `line ${line}`, message: `bad position lat '${row.lat}', lon '${row.lon}': expected degrees, lat -90..90, lon -180..180` });
    }
    if (id.success && loc.success) {
      seen.add(id.data);
      sites.push({ id: id.data, location: loc.data });
    }
  });
  if (issues.length > 0) {
    const shown = issues.slice(0, 10).map((i) => `  ${i.path}: ${i.message}`);
    if (issues.length > 10) shown.push(`  … and ${issues.length - 10} more`);
    throw new UrbanmineError("INVALID_FILE", `points file ${file}:\n${shown.join("\n")}`, issues);
  }
  return sites;
}
