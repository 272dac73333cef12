#!/usr/bin/env node
// Prints a place's zones, hub sites and offtaker offers as Markdown tables, for its README.
// Usage: node datasets/tools/tables.mjs <place>
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { grouped } from "../lib/numbers.mjs";

const place = process.argv[2];
const s = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", place, "scenario.json"), "utf8"));
const g = s.generation;
const share = s.streams.reduce((a, x) => a + x.massShare, 0);
const tonnes = (pop) => (pop * g.kgPerCapitaYear * g.collectionRate * share) / 1000;
const pop = s.zones.reduce((a, z) => a + z.population, 0);
console.log(`${s.zones.length} zones, ${grouped(pop)} residents (2010), about ${tonnes(pop).toFixed(0)} t/year of the modelled streams collected at ${g.collectionRate * 100}%\n`);
console.log("| zone | name | lat | lon | population 2010 | t/year collected |\n| --- | --- | --- | --- | --- | --- |");
for (const z of s.zones)
  console.log(`| ${z.id} | ${z.name} | ${z.location.lat} | ${z.location.lon} | ${grouped(z.population)} | ${tonnes(z.population).toFixed(1)} |`);
console.log("\n| site | name | lat | lon | small: t/year, $/year | large: t/year, $/year |\n| --- | --- | --- | --- | --- | --- |");
for (const h of s.hubSites)
  console.log(`| ${h.id} | ${h.name} | ${h.location.lat} | ${h.location.lon} | ${h.sizes.map((x) => `${grouped(x.capacityTPerYear)} t, $${grouped(x.fixedCostUsdPerYear)}`).join(" | ")} |`);
console.log("\n| offtaker | lat | lon | modes | buys (assumed $ per tonne contained) |\n| --- | --- | --- | --- | --- |");
for (const o of s.offtakers)
  console.log(`| ${o.name} | ${o.location.lat} | ${o.location.lon} | ${o.modes.join(", ")} | ${o.accepts.map((a) => `${a.material} ${grouped(a.priceUsdPerT)}`).join("; ")} |`);
for (const l of s.lanes) console.log(`lane ${l.id}: ${l.mode} ${l.from} -> ${l.to}, ${l.distanceKm} km, $${l.costUsdPerT}/t, ${l.transitDays} d`);
