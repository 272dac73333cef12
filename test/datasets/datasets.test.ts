// Every city scenario under datasets/ validates, carries a source on every factor, matches its
// raw ZIP rows, and regenerates byte for byte from datasets/build.mjs.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROCESS_STEPS, parseScenario, type Scenario } from "../../src/domain/index.js";

const ROOT = join(import.meta.dirname, "..", "..");
const DATASETS = join(ROOT, "datasets");
const CENSUS = join(ROOT, "..", "shared", "data", "census", "zcta-2010-population-rural-urban.txt");
const PLACES = readdirSync(DATASETS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(DATASETS, d.name, "place.json")))
  .map((d) => d.name)
  .sort();
const tmp = mkdtempSync(join(tmpdir(), "urbanmine-datasets-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function readTsv(file: string): Array<Record<string, string>> {
  const [head, ...rows] = readFileSync(file, "utf8").split("\n").filter((l) => l.length > 0);
  const keys = head.split("\t");
  return rows.map((r) => Object.fromEntries(r.split("\t").map((v, i) => [keys[i], v])));
}

/** Paths of every factor that lacks a non-empty source. */
function missingSources(s: Scenario): string[] {
  const out: string[] = [];
  const need = (src: string | undefined, path: string) => {
    if (!src || src.trim().length === 0) out.push(path);
  };
  need(s.generation?.source, "generation");
  s.streams.forEach((st, i) => {
    need(st.source, `streams[${i}]`);
    st.composition.forEach((c, j) => need(c.source, `streams[${i}].composition[${j}]`));
  });
  s.zones.forEach((z, i) => need(z.source, `zones[${i}]`));
  s.hubSites.forEach((h, i) => {
    need(h.source, `hubSites[${i}]`);
    h.sizes.forEach((z, j) => need(z.source, `hubSites[${i}].sizes[${j}]`));
  });
  s.enterprises.forEach((e, i) => need(e.source, `enterprises[${i}]`));
  s.offtakers.forEach((o, i) => {
    need(o.source, `offtakers[${i}]`);
    o.accepts.forEach((a, j) => need(a.source, `offtakers[${i}].accepts[${j}]`));
  });
  s.terminals.forEach((t, i) => need(t.source, `terminals[${i}]`));
  s.lanes.forEach((l, i) => need(l.source, `lanes[${i}]`));
  s.carriers.forEach((c, i) => c.vehicles.forEach((v, j) => need(v.source, `carriers[${i}].vehicles[${j}]`)));
  need(s.transport.road.source, "transport.road");
  need(s.transport.rail?.source ?? (s.transport.rail ? undefined : "-"), "transport.rail");
  need(s.transport.sea?.source ?? (s.transport.sea ? undefined : "-"), "transport.sea");
  need(s.transport.source, "transport");
  need(s.policy.source, "policy");
  return out;
}

describe("city datasets", () => {
  it("lists the coalition's places", () => {
    expect(PLACES).toContain("lebanon-tn");
  });

  describe.each(PLACES)("%s", (place) => {
    const dir = join(DATASETS, place);
    const text = readFileSync(join(dir, "scenario.json"), "utf8");
    const scenario = parseScenario(JSON.parse(text));

    it("validates with parseScenario and keeps the demo small", () => {
      expect(scenario.id).toBe(place);
      expect(scenario.zones.length).toBeGreaterThanOrEqual(5);
      expect(scenario.zones.length).toBeLessThanOrEqual(60);
      expect(scenario.hubSites.length).toBeGreaterThanOrEqual(3);
      for (const h of scenario.hubSites) expect(h.sizes.length).toBe(2);
      expect(scenario.carriers.length).toBeGreaterThanOrEqual(2);
    });

    it("gives every factor a source, and marks enterprises illustrative", () => {
      expect(missingSources(scenario)).toEqual([]);
      for (const e of scenario.enterprises) expect(e.illustrative).toBe(true);
      for (const o of scenario.offtakers) for (const a of o.accepts) expect(a.source).toMatch(/assumption/);
    });

    it("has a hazardous stream and a carrier certified to carry it", () => {
      expect(scenario.streams.some((s) => s.hazardous)).toBe(true);
      const certified = scenario.carriers.flatMap((c) => c.vehicles).filter((v) => v.hazardousCertified);
      expect(certified.length).toBeGreaterThan(0);
    });

    it("takes zone populations and places from its raw ZIP rows", () => {
      const pop = new Map(readTsv(join(dir, "raw", "zcta-2010.tsv")).map((r) => [r.ZCTA5, Number(r["urban_rural-population-total_population"])]));
      const total = [...pop.values()].reduce((a, b) => a + b, 0);
      expect(scenario.zones.reduce((a, z) => a + (z.population ?? 0), 0)).toBe(total);
      const centroids = readTsv(join(dir, "raw", "zip-centroids.tsv"));
      expect(centroids.map((c) => c.zip).sort()).toEqual([...pop.keys()].sort());
    });

    it("copies its ZIP centroids from the zipcodes package", () => {
      const zipcodes = createRequire(import.meta.url)("zipcodes") as { lookup(zip: string): { latitude: number; longitude: number; city: string } | undefined };
      for (const row of readTsv(join(dir, "raw", "zip-centroids.tsv"))) {
        const c = zipcodes.lookup(row.zip);
        expect(c, row.zip).toBeDefined();
        expect([Number(row.lat), Number(row.lon), row.city]).toEqual([c?.latitude, c?.longitude, c?.city]);
      }
    });

    it.runIf(existsSync(CENSUS))("copies its census rows verbatim from the 2010 ZCTA file", () => {
      const census = new Set(readFileSync(CENSUS, "utf8").split("\n"));
      const rows = readFileSync(join(dir, "raw", "zcta-2010.tsv"), "utf8").split("\n").filter((l) => l.length > 0);
      for (const row of rows) expect(census.has(row), row).toBe(true);
    });

    it("regenerates byte for byte from datasets/build.mjs", () => {
      execFileSync(process.execPath, [join(DATASETS, "build.mjs"), place, "--out", tmp], { stdio: "pipe" });
      expect(readFileSync(join(tmp, place, "scenario.json"), "utf8") === text).toBe(true);
    });

    it("has a README that names its sources and leaves the plan to real output", () => {
      const readme = readFileSync(join(dir, "README.md"), "utf8");
      expect(readme).toMatch(/## What the plan says/);
      expect(readme).toMatch(/Global E-waste Monitor 2024/);
      expect(readme).toMatch(/zcta-2010/);
      for (const h of scenario.hubSites) expect(readme, h.id).toContain(h.id);
      for (const z of scenario.zones) expect(readme, z.id).toContain(z.id);
    });
  });
});

// Stream process steps and per-step costs, checked on the file as written (order, sources,
// in-house no dearer than bought outside).
describe("processing factors in the city datasets", () => {
  it.each(PLACES)("%s: steps are known, in processing order, and every step factor has a source", (place) => {
    const raw = JSON.parse(readFileSync(join(DATASETS, place, "scenario.json"), "utf8")) as {
      streams: Array<{ id: string; processSteps?: string[] }>;
      processing?: { steps: Record<string, { inHouseCostUsdPerT: number; outsourceCostUsdPerT: number; co2KgPerT: number; source?: string }>; source?: string };
    };
    for (const st of raw.streams) {
      const idx = (st.processSteps ?? []).map((p) => PROCESS_STEPS.indexOf(p as (typeof PROCESS_STEPS)[number]));
      expect(idx.every((i) => i >= 0), st.id).toBe(true);
      expect([...idx].sort((a, b) => a - b)).toEqual(idx);
      expect(st.processSteps?.[0]).toBe("sorting");
    }
    expect(raw.processing?.source).toBeTruthy();
    for (const [step, f] of Object.entries(raw.processing?.steps ?? {})) {
      expect(PROCESS_STEPS as readonly string[]).toContain(step);
      expect(f.source, step).toMatch(/assumption|EPA/);
      expect(f.inHouseCostUsdPerT).toBeLessThanOrEqual(f.outsourceCostUsdPerT);
      expect(f.co2KgPerT).toBeGreaterThanOrEqual(0);
    }
  });
});
