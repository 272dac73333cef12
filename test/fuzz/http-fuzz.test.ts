// Seeded fuzz over HTTP: hundreds of one-change mutations of a dataset scenario and of a pickup
// registration, POSTed to the in-process app. No answer may be a 5xx, and every 4xx names a JSON path.
// A failure prints the seed and the mutation, so it replays exactly.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth, makeApp, type TestApp } from "../api/helpers.js";
import { mutate, rng } from "./mutate.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SEED = Number(process.env.URBANMINE_FUZZ_SEED ?? 20261207);
const SCENARIO_CASES = 300;
const PICKUP_CASES = 300;

const lebanon = JSON.parse(readFileSync(join(ROOT, "datasets/lebanon-tn/scenario.json"), "utf8"));
const pickup = {
  scenarioId: "lebanon-tn",
  id: "fz-base",
  location: { lat: 36.2081, lon: -86.2911 },
  units: { laptop: 2, phone: 3 },
  preferredDates: ["2026-12-01", "2026-12-02"],
  timeWindows: [{ start: "09:00", end: "12:00" }],
  serviceS: 300,
  priority: 10,
  contactRef: "crm:10442",
};

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
  expect((await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: lebanon })).statusCode).toBe(201);
});
afterAll(async () => {
  await t.app.close();
});

/** Problems with one answer: a 5xx, or a 4xx without a JSON path. */
function judge(status: number, body: string): string | undefined {
  if (status >= 500) return `${status}: ${body.slice(0, 300)}`;
  if (status >= 400) {
    const json = JSON.parse(body) as { issues?: Array<{ path?: string }> };
    if (!json.issues?.length || !json.issues.every((i) => typeof i.path === "string" && i.path.length > 0)) return `${status} without a JSON path: ${body.slice(0, 300)}`;
  }
  return undefined;
}

describe(`HTTP fuzz (seed ${SEED})`, () => {
  it(`${SCENARIO_CASES} scenario mutations: no 5xx, every 4xx names a path`, async () => {
    const next = rng(SEED);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < SCENARIO_CASES; i++) {
      const doc = structuredClone(lebanon);
      doc.id = `fz-${i}`;
      const what = mutate(doc, next);
      const res = await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: doc });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const bad = judge(res.statusCode, res.body);
      if (bad) failures.push(`case ${i} (${what}): ${bad}`);
      if (res.statusCode === 201) await t.app.inject({ method: "DELETE", url: `/v1/scenarios/${encodeURIComponent(String(doc.id))}`, headers: auth(t.keys.planner) });
    }
    expect(failures).toEqual([]);
    // The mutations reach both outcomes: refused inputs and accepted ones.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(SCENARIO_CASES / 4);
    expect(statuses.get(201) ?? 0).toBeGreaterThan(10);
  });

  it(`${PICKUP_CASES} pickup mutations: no 5xx, every 4xx names a path`, async () => {
    const next = rng(SEED + 1);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < PICKUP_CASES; i++) {
      const doc = structuredClone(pickup) as Record<string, unknown>;
      doc.id = `fz-${i}`;
      const what = mutate(doc as never, next);
      const res = await t.app.inject({ method: "POST", url: "/v1/pickups", headers: auth(t.keys.intake), payload: doc });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const bad = judge(res.statusCode, res.body);
      if (bad) failures.push(`case ${i} (${what}): ${bad}`);
    }
    expect(failures).toEqual([]);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(PICKUP_CASES / 4);
    expect(statuses.get(201) ?? 0).toBeGreaterThan(10);
  });
});
