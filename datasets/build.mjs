#!/usr/bin/env node
// Rebuilds datasets/<place>/scenario.json from datasets/common/factors.json, the place's
// place.json and its raw ZIP rows. Deterministic, no network: `node datasets/build.mjs all`.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { buildScenario } from "./lib/build-scenario.mjs";
import { readRawInputs } from "./lib/raw-inputs.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));

/** Places are the folders of datasets/ that hold a place.json. */
export function listPlaces() {
  return readdirSync(HERE, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(HERE, d.name, "place.json")))
    .map((d) => d.name)
    .sort();
}

/** The scenario file's exact text for one place (2-space JSON and a final newline). */
export function renderPlace(place) {
  const factors = JSON.parse(readFileSync(join(HERE, "common", "factors.json"), "utf8"));
  const placeJson = JSON.parse(readFileSync(join(HERE, place, "place.json"), "utf8"));
  const raw = readRawInputs(join(HERE, place, "raw"));
  return `${JSON.stringify(buildScenario(factors, placeJson, raw), null, 2)}\n`;
}

async function loadValidator() {
  const compiled = join(HERE, "..", "dist", "src", "domain", "validate.js");
  if (!existsSync(compiled)) return undefined;
  return (await import(pathToFileURL(compiled).href)).parseScenario;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help || positionals.length === 0) {
    console.log("usage: node datasets/build.mjs <place...|all> [--out DIR]\n  writes DIR/<place>/scenario.json (default DIR: datasets/)");
    console.log(`places: ${listPlaces().join(", ")}`);
    return values.help ? 0 : 2;
  }
  const places = positionals.includes("all") ? listPlaces() : positionals;
  const outDir = values.out ? resolve(values.out) : HERE;
  const parseScenario = await loadValidator();
  for (const place of places) {
    if (!existsSync(join(HERE, place, "place.json"))) {
      console.error(`no datasets/${place}/place.json (places: ${listPlaces().join(", ")})`);
      return 2;
    }
    const text = renderPlace(place);
    if (parseScenario) parseScenario(JSON.parse(text));
    const file = join(outDir, place, "scenario.json");
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`${file}${parseScenario ? " (valid)" : " (not validated: run `npx tsc -p .` first)"}`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err.message ?? err);
      process.exit(1);
    },
  );
}
