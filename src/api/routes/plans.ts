// Plans: read one as JSON, GeoJSON or CSV; list a scenario's plans; compare two plans (KPIs and changes).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { UrbanmineError } from "../../domain/index.js";
import type { PlanRecord, Store } from "../../storage/index.js";
import { requireRole } from "../auth.js";
import type { AppContext } from "../context.js";
import { diffPlans, planCsv, planGeoJson } from "../../pipeline/index.js";
import { CompareQuery, ErrorBody, IdParams, KpiComparison, PlanEnvelope, PlanFormatQuery, PlanSummary } from "../schemas.js";
import { planSummary } from "../views.js";

async function loadPlan(store: Store, id: string): Promise<PlanRecord> {
  const rec = await store.getPlan(id);
  if (!rec) throw new UrbanmineError("NOT_FOUND", `no plan '${id}'`);
  return rec;
}

/** Routes for plans; admin and planner keys only. */
export const planRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { store } = ctx;
  const auth = requireRole(ctx.keys, ["admin", "planner"]);
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
  const tags = ["plans"];

  app.get("/v1/plans/compare", {
    onRequest: auth,
    schema: { tags, summary: "Two plans compared: KPIs side by side (b - a and b / a), hubs opened/closed/resized, zones reassigned, flows re-routed, differing inputs", querystring: CompareQuery, response: { 200: KpiComparison, ...errors } },
  }, async (request) => {
    const a = await loadPlan(store, request.query.a);
    const b = await loadPlan(store, request.query.b);
    // The store keeps each scenario's current version only: scenario documents are compared when
    // the plans belong to different scenarios; plans of one scenario are compared by their factors.
    const scenarios = a.scenarioId === b.scenarioId
      ? undefined
      : { a: (await store.getScenario(a.scenarioId))?.scenario, b: (await store.getScenario(b.scenarioId))?.scenario };
    const d = diffPlans(a.plan, b.plan, scenarios);
    return {
      a: planSummary(a),
      b: planSummary(b),
      rows: d.kpis,
      changes: { hubs: d.hubs, zonesReassigned: d.zonesReassigned, flowsRerouted: d.flowsRerouted },
      scenarioDifferences: d.scenarioDifferences,
      warnings: d.warnings,
    };
  });

  app.get("/v1/plans/:id", {
    onRequest: auth,
    schema: {
      tags,
      summary: "A plan as JSON, GeoJSON (hubs, zones, assignments, flows, routes) or CSV (one table)",
      params: IdParams,
      querystring: PlanFormatQuery,
      response: { 200: z.union([PlanEnvelope, z.string().describe("GeoJSON FeatureCollection or CSV text")]), ...errors },
    },
  }, async (request, reply) => {
    const rec = await loadPlan(store, request.params.id);
    const { format, table } = request.query;
    if (format === "csv") {
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${rec.id}-${table}.csv"`)
        .send(planCsv(rec.plan, table));
    }
    if (format === "geojson") {
      const scenario = (await store.getScenario(rec.scenarioId))?.scenario;
      return reply.type("application/geo+json").send(JSON.stringify(planGeoJson(rec.plan, scenario)));
    }
    return { id: rec.id, scenarioId: rec.scenarioId, jobId: rec.jobId, createdAt: rec.createdAt, plan: rec.plan };
  });

  app.get("/v1/scenarios/:id/plans", {
    onRequest: auth,
    schema: { tags, summary: "A scenario's plans, oldest first", params: IdParams, response: { 200: z.object({ items: z.array(PlanSummary) }), ...errors } },
  }, async (request) => {
    if (!(await store.getScenario(request.params.id))) throw new UrbanmineError("NOT_FOUND", `no scenario '${request.params.id}'`);
    return { items: (await store.listPlans(request.params.id)).map(planSummary) };
  });
};
