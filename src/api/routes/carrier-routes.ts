// A carrier's daily routes: pull them as JSON, GeoJSON or CSV, and re-optimise a day.
// Carrier keys reach only their own carrier id; any other id answers 404 (docs/api.md).
// Rendered bodies (plain and gzip) are cached per (carrier, day, scenario, format) until the day's
// routes change (checked against the store at most every VERSION_CHECK_MS, at once after a
// re-optimisation here); an ETag lets polling carriers get 304 when nothing changed.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { DayRoutesRecord } from "../../storage/index.js";
import { assertCarrierScope, requireRole } from "../auth.js";
import type { AppContext } from "../context.js";
import { dayRoutesCsv, dayRoutesGeoJson, reoptimiseCarrierDay, usesNetworkFile } from "../../pipeline/index.js";
import { UrbanmineError } from "../../domain/index.js";
import { CarrierParams, DayRoutesView, ErrorBody, ReoptimiseBody, RoutesQuery } from "../schemas.js";

const CONTENT_TYPE = { json: "application/json; charset=utf-8", geojson: "application/geo+json", csv: "text/csv; charset=utf-8" } as const;
const CACHE_ENTRIES = 512;
/** A day changed by a solve shows up within this long, ms. */
const VERSION_CHECK_MS = 250;

interface Rendered {
  version: string;
  checkedAt: number;
  etag: string;
  plain: Buffer;
  gzip: Buffer;
}

function wantsGzip(acceptEncoding: string | undefined): boolean {
  return acceptEncoding !== undefined && /\bgzip\b/.test(acceptEncoding) && !/\bgzip\s*;\s*q=0(\.0*)?\b/.test(acceptEncoding);
}

function render(carrierId: string, date: string, days: DayRoutesRecord[], format: keyof typeof CONTENT_TYPE, osm: boolean): string {
  if (format === "csv") return dayRoutesCsv(days);
  if (format === "geojson") return JSON.stringify(dayRoutesGeoJson(days, osm));
  const body: z.infer<typeof DayRoutesView> = {
    carrierId,
    date,
    days: days.map((d) => ({ scenarioId: d.scenarioId, planId: d.planId, updatedAt: d.updatedAt, routing: d.routing })),
  };
  return JSON.stringify(body);
}

/** Routes for carriers' days: admin, planner, and the carrier's own key. */
export const carrierRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { store } = ctx;
  const auth = requireRole(ctx.keys, ["admin", "planner", "carrier"]);
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
  const tags = ["routes"];
  const cache = new Map<string, Rendered>();
  /** Whether any of the days was routed on a network file (its plan says so): then the GeoJSON credits OpenStreetMap. */
  const routedOnNetworkFile = async (days: DayRoutesRecord[]): Promise<boolean> => {
    for (const d of days) {
      const plan = await store.getPlan(d.planId);
      if (plan && usesNetworkFile(plan.plan.network)) return true;
    }
    return false;
  };

  app.get("/v1/carriers/:carrierId/routes", {
    onRequest: auth,
    schema: {
      tags,
      summary: "A carrier's routes of one day (JSON, GeoJSON or CSV)",
      description: "Across every scenario the carrier serves, unless scenarioId is given. A day with no routes answers an empty list.",
      params: CarrierParams,
      querystring: RoutesQuery,
      response: { 200: z.union([DayRoutesView, z.string(), z.custom<Buffer>((v) => Buffer.isBuffer(v))]).describe("JSON (DayRoutesView), GeoJSON FeatureCollection or CSV text"), 304: z.null().describe("Not modified (If-None-Match)"), ...errors },
    },
  }, async (request, reply) => {
    const { carrierId } = request.params;
    assertCarrierScope(request, carrierId);
    const { date, format, scenarioId } = request.query;
    const key = `${carrierId}|${date}|${scenarioId ?? ""}|${format}`;
    let hit = cache.get(key);
    const t = Date.now();
    if (!hit || t - hit.checkedAt >= VERSION_CHECK_MS) {
      const version = (await store.dayRoutesVersion(carrierId, date)) ?? "none";
      if (hit && hit.version === version) hit.checkedAt = t;
      else {
        const days = version === "none" ? [] : await store.getDayRoutes(carrierId, date, scenarioId);
        const osm = format === "geojson" && (await routedOnNetworkFile(days));
        const plain = Buffer.from(render(carrierId, date, days, format, osm));
        const etag = `"${createHash("sha1").update(plain).digest("base64url")}"`;
        hit = { version, checkedAt: t, etag, plain, gzip: gzipSync(plain, { level: 6 }) };
        if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
        cache.set(key, hit);
      }
    }
    void reply.header("etag", hit.etag).header("vary", "accept-encoding").header("cache-control", "private, no-cache");
    if (request.headers["if-none-match"] === hit.etag) return reply.status(304).send(null);
    if (wantsGzip(request.headers["accept-encoding"])) {
      return reply.type(CONTENT_TYPE[format]).header("content-encoding", "gzip").send(hit.gzip);
    }
    return reply.type(CONTENT_TYPE[format]).send(hit.plain);
  });

  app.post("/v1/carriers/:carrierId/routes/reoptimise", {
    onRequest: auth,
    schema: {
      tags,
      summary: "Route a carrier's day again with the pickups registered so far; locked stops stay",
      params: CarrierParams,
      body: ReoptimiseBody,
      response: { 200: DayRoutesView, ...errors },
    },
  }, async (request) => {
    const { carrierId } = request.params;
    assertCarrierScope(request, carrierId);
    const { scenarioId, ...req } = request.body;
    const rec = await store.getScenario(scenarioId);
    if (!rec) throw new UrbanmineError("NOT_FOUND", `no scenario '${scenarioId}'`);
    const day = await reoptimiseCarrierDay(ctx, rec, carrierId, req);
    for (const k of cache.keys()) if (k.startsWith(`${carrierId}|${day.date}|`)) cache.delete(k);
    return {
      carrierId,
      date: day.date,
      days: [{ scenarioId: day.scenarioId, planId: day.planId, updatedAt: day.updatedAt, routing: day.routing }],
    };
  });
};
