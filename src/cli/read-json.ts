// Reading a JSON file given on the command line, with errors that name the file.
import { readFile } from "node:fs/promises";
import { UrbanmineError } from "../domain/index.js";

/** Parsed JSON of `path`. @throws UrbanmineError INVALID_FILE naming the file and the problem. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new UrbanmineError("INVALID_FILE", `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UrbanmineError("INVALID_FILE", `${path} is not valid JSON: ${(err as Error).message}`);
  }
}
