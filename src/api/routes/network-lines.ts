// A scenario's own street (and rail) network as GeoJSON lines, for the web app's basemap: no tile
// server is reachable, so the network the plan was routed on is drawn instead. Imported with the
// same options as the pipeline (so the import is shared through loadNetwork's cache) and cached
// per file as rendered, gzip-compressed JSON. Scenarios without a network file answer an empty
// collection. OSM-derived lines carry their credit in `attribution`.
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { UrbanmineError, type Scenario } from "../../domain/index.js";
import { loadNetwork, type LoadedMode } from "../../network/index.js";
import { requireRole } from "../auth.js";
import type { AppContext } from "../context.js";
import { ErrorBody, IdParams } from "../schemas.js";

const CACHE_ENTRIES = 4;
const OSM_FILE = /\.(osm|osm\.pbf|pbf|osm\.bz2|bz2|xml)$/i;

/** One LineString per network piece, coordinates rounded to 1e-5 degrees (about a metre). */
function modeLines(mode: "road" | "rail", net: LoadedMode): string[] {
  const { start, lon, lat } = net.model.pieces;
  const out: string[] = [];
  const r = (v: number) => Math.round(v * 1e5) / 1e5;
  for (let p = 0; p + 1 < start.length; p++) {
    const coords: string[] = [];
    for (let i = start[p]; i < start[p + 1]; i++) coords.push(`[${r(lon[i])},${r(lat[i])}]`);
    if (coords.length >= 2) out.push(`{"type":"Feature","properties":{"mode":"${mode}"},"geometry":{"type":"LineString","coordinates":[${coords.join(",")}]}}`);
  }
  return out;
}

async function renderLines(scenario: Scenario, baseDir: string): Promise<string> {
  const file = scenario.network.file;
  if (!file) return JSON.stringify({ type: "FeatureCollection", attribution: null, features: [] });
  const net = await loadNetwork(resolve(baseDir, file), {
    ...(scenario.network.roadSpeedsKmh ? { roadSpeedsKmh: scenario.network.roadSpeedsKmh } : {}),
    ...(scenario.network.railSpeedKmh ? { railSpeedKmh: scenario.network.railSpeedKmh } : {}),
  });
  const features = [...modeLines("road", net.road), ...(net.rail ? modeLines("rail", net.rail) : [])];
  const attribution = OSM_FILE.test(file) ? "© OpenStreetMap contributors" : null;
  return `{"type":"FeatureCollection","attribution":${JSON.stringify(attribution)},"features":[${features.join(",")}]}`;
}

/** GET /v1/scenarios/{id}/network. */
export const networkLineRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const auth = requireRole(ctx.keys, ["admin", "planner", "carrier", "intake"]);
  const cache = new Map<string, { plain: Buffer; gzip: Buffer }>();

  app.get("/v1/scenarios/:id/network", {
    onRequest: auth,
    schema: {
      tags: ["scenarios"],
      summary: "The scenario's network file as GeoJSON lines (mode: road or rail), for drawing",
      description: "Empty when the scenario has no network file. `attribution` names the data's licence credit. A carrier key sees only scenarios that name its carrier.",
      params: IdParams,
      response: { 200: z.union([z.string(), z.custom<Buffer>((v) => Buffer.isBuffer(v))]).describe("GeoJSON FeatureCollection of LineStrings"), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
  }, async (request, reply) => {
    const rec = await ctx.store.getScenario(request.params.id);
    const key = request.apiKey;
    if (!rec || (key?.role === "carrier" && !rec.scenario.carriers.some((c) => c.id === key.carrierId))) {
      throw new UrbanmineError("NOT_FOUND", `no scenario '${request.params.id}'`);
    }
    const s = rec.scenario;
    const cacheKey = JSON.stringify([s.network.file ? resolve(ctx.baseDir, s.network.file) : null, s.network.roadSpeedsKmh, s.network.railSpeedKmh]);
    let hit = cache.get(cacheKey);
    if (!hit) {
      const plain = Buffer.from(await renderLines(s, ctx.baseDir));
      hit = { plain, gzip: gzipSync(plain, { level: 6 }) };
      if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
      cache.set(cacheKey, hit);
    }
    void reply.type("application/geo+json").header("vary", "accept-encoding").header("cache-control", "private, max-age=300");
    if (/\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) return reply.header("content-encoding", "gzip").send(hit.gzip);
    return reply.send(hit.plain);
  });
};
