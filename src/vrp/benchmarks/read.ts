// Reads a benchmark file, choosing the format by extension (.vrp CVRPLIB, .txt Solomon).
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { UrbanmineError } from "../../domain/index.js";
import { parseCvrplib } from "./cvrplib.js";
import type { BenchmarkInstance } from "./instance.js";
import { parseSolomon } from "./solomon.js";

/**
 * Reads a CVRPLIB `.vrp` or Solomon `.txt` file.
 * @throws UrbanmineError INVALID_FILE when it cannot be read or parsed, or has another extension
 */
export function readBenchmark(path: string): BenchmarkInstance {
  const ext = extname(path).toLowerCase();
  if (ext !== ".vrp" && ext !== ".txt")
    throw new UrbanmineError("INVALID_FILE", `${path}: unknown instance format '${ext}'; expected a CVRPLIB .vrp or a Solomon .txt file`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UrbanmineError("INVALID_FILE", `${path}: cannot read the file (${e instanceof Error ? e.message : String(e)})`);
  }
  const file = basename(path);
  return ext === ".vrp" ? parseCvrplib(text, file) : parseSolomon(text, file);
}
