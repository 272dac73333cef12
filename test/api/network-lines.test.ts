// GET /v1/scenarios/{id}/network: the scenario's street network as GeoJSON lines for the web
// app's basemap. Checked against the scenario itself: every zone lies within the snapping
// distance of a drawn street (the pipeline refuses a site farther than that), the lines credit
// OpenStreetMap, and a scenario without a network file answers no lines and no credit.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth, makeApp, type TestApp, tinyScenarioInput } from "./helpers.js";

const file = fileURLToPath(new URL("../fixtures/baltimore-scenario.json", import.meta.url));
const baltimore = JSON.parse(readFileSync(file, "utf8")) as { id: string; zones: { id: string; location: { lat: number; lon: number } }[]; network: { maxSnapDistanceM: number } };

interface Lines {
  type: string;
  attribution: string | null;
  features: { properties: { mode: string }; geometry: { type: string; coordinates: [number, number][] } }[];
}

/** Metres from a point to a segment, on a local equirectangular plane (fine at city scale). */
function toSegmentM(p: { lat: number; lon: number }, a: [number, number], b: [number, number]): number {
  const k = Math.cos((p.lat * Math.PI) / 180) * 111_320;
  const ax = (a[0] - p.lon) * k, ay = (a[1] - p.lat) * 110_540;
  const bx = (b[0] - p.lon) * k, by = (b[1] - p.lat) * 110_540;
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

let t: TestApp;
beforeAll(async () => {
  t = await makeApp({ baseDir: dirname(file) });
  for (const body of [baltimore, tinyScenarioInput()]) {
    expect((await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: body })).statusCode).toBe(201);
  }
});
afterAll(async () => {
  await t.app.close();
});

describe("GET /v1/scenarios/{id}/network", () => {
  it("draws the scenario's OSM streets, each zone within snapping distance of one, credited to OpenStreetMap", async () => {
    const res = await t.app.inject({ url: `/v1/scenarios/${baltimore.id}/network`, headers: auth(t.keys.planner) });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/geo\+json/);
    const body = res.json() as Lines;
    expect(body.attribution).toBe("© OpenStreetMap contributors");
    expect(body.features.length).toBeGreaterThan(1000);
    for (const f of body.features) {
      expect(f.geometry.type).toBe("LineString");
      expect(f.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
      expect(["road", "rail"]).toContain(f.properties.mode);
    }
    for (const z of baltimore.zones) {
      let best = Infinity;
      for (const f of body.features) {
        const c = f.geometry.coordinates;
        for (let i = 1; i < c.length; i++) best = Math.min(best, toSegmentM(z.location, c[i - 1], c[i]));
      }
      expect(best, z.id).toBeLessThanOrEqual(baltimore.network.maxSnapDistanceM);
    }
    const zipped = await t.app.inject({ url: `/v1/scenarios/${baltimore.id}/network`, headers: { ...auth(t.keys.planner), "accept-encoding": "gzip" } });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString("utf8"))).toEqual(body);
  });

  it("answers no lines and no credit for a scenario without a network file", async () => {
    const body = (await t.app.inject({ url: "/v1/scenarios/tiny-town/network", headers: auth(t.keys.intake) })).json() as Lines;
    expect(body).toEqual({ type: "FeatureCollection", attribution: null, features: [] });
  });

  it("hides scenarios a carrier does not serve, and unknown ones, behind 404", async () => {
    expect((await t.app.inject({ url: "/v1/scenarios/tiny-town/network", headers: auth(t.keys.carrier) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: "/v1/scenarios/tiny-town/network", headers: auth(t.keys.otherCarrier) })).json().code).toBe("NOT_FOUND");
    expect((await t.app.inject({ url: "/v1/scenarios/nowhere/network", headers: auth(t.keys.planner) })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/v1/scenarios/tiny-town/network" })).statusCode).toBe(401);
  });
});
