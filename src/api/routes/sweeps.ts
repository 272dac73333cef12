// Sweeps over HTTP: POST /v1/scenarios/{id}/sweeps starts one (202), GET /v1/sweeps/{id} polls
// it (the table when done, as JSON or CSV), DELETE stops it. Admin and planner keys only.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { SolveSettings, UrbanmineError } from "../../domain/index.js";
import { checkPath, type SweepRecord, SweepJobs, sweepCsv } from "../../pipeline/index.js";
import { requireRole } from "../auth.js";
import type { AppContext } from "../context.js";
import { ErrorBody, IdParams } from "../schemas.js";

const SweepBody = z.strictObject({
  ...SolveSettings.shape,
  set: z
    .array(z.object({ path: z.string().min(1).describe("Scenario field, e.g. policy.co2PriceUsdPerT or offtakers[*].accepts[gold].priceUsdPerT"), values: z.array(z.unknown()).min(1) }))
    .min(1)
    .describe("Every combination of the values is solved"),
});

const SweepView = z.object({
  id: z.string(),
  scenarioId: z.string(),
  state: z.enum(["running", "done", "failed", "cancelled"]),
  variants: z.number().int(),
  variantsDone: z.number().int(),
  timeLimitS: z.number(),
  seed: z.number().int(),
  routingIterations: z.number().int().nullable(),
  settings: z.array(z.object({ path: z.string(), values: z.array(z.unknown()) })),
  table: z
    .object({
      scenarioId: z.string(),
      paths: z.array(z.string()),
      seed: z.number(),
      rows: z.array(
        z.object({
          variant: z.number().int(),
          values: z.record(z.string(), z.unknown()),
          status: z.enum(["done", "failed"]),
          error: z.string().nullable(),
          sitingStatus: z.string().nullable(),
          objectiveUsd: z.number().nullable(),
          hubs: z.array(z.string()).describe("siteId:sizeId of each open hub"),
          kpis: z.record(z.string(), z.number()),
        }),
      ),
    })
    .nullable()
    .describe("Set when the sweep has finished"),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

const view = (r: SweepRecord): z.infer<typeof SweepView> => ({ ...r });

/** Sweep routes; the sweeps live in memory and are stopped when the app closes. */
export const sweepRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const auth = requireRole(ctx.keys, ["admin", "planner"]);
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
  const tags = ["sweeps"];
  const sweeps = new SweepJobs({ planner: ctx.planner, baseDir: ctx.baseDir });
  app.addHook("onClose", async () => sweeps.close());

  app.post("/v1/scenarios/:id/sweeps", {
    onRequest: auth,
    schema: { tags, summary: "Start a parameter sweep: every combination of the values solved on the pool; poll the sweep it returns", params: IdParams, body: SweepBody, response: { 202: SweepView, ...errors, 503: ErrorBody } },
  }, async (request, reply) => {
    const rec = await ctx.store.getScenario(request.params.id);
    if (!rec) throw new UrbanmineError("NOT_FOUND", `no scenario '${request.params.id}'`);
    const { set, timeLimitS, ...settings } = request.body;
    set.forEach((s, i) => {
      try {
        checkPath(s.path);
      } catch (err) {
        if (err instanceof UrbanmineError) throw new UrbanmineError(err.code, `set[${i}].path: ${err.message}`, [{ path: `body.set[${i}].path`, message: err.message }]);
        throw err;
      }
    });
    const limit = timeLimitS ?? ctx.runner.defaultTimeLimitS;
    if (limit > ctx.runner.maxSolveS)
      throw new UrbanmineError("INVALID_INPUT", `timeLimitS ${limit} exceeds the maximum solve time of ${ctx.runner.maxSolveS} s`, [{ path: "body.timeLimitS", message: `at most ${ctx.runner.maxSolveS}` }]);
    const started = sweeps.submit(rec.scenario, set, { ...settings, timeLimitS: limit });
    return reply.status(202).header("location", `/v1/sweeps/${started.id}`).send(view(started));
  });

  app.get("/v1/sweeps/:id", {
    onRequest: auth,
    schema: {
      tags,
      summary: "A sweep's state and, when finished, its table (JSON, or CSV with ?format=csv)",
      params: IdParams,
      querystring: z.object({ format: z.enum(["json", "csv"]).default("json") }),
      response: { 200: z.union([SweepView, z.string().describe("CSV")]), ...errors },
    },
  }, async (request, reply) => {
    const rec = sweeps.get(request.params.id);
    if (request.query.format === "csv") {
      if (!rec.table) throw new UrbanmineError("CONFLICT", `sweep '${rec.id}' is ${rec.state}; its table is ready when it has finished`);
      return reply.type("text/csv; charset=utf-8").send(sweepCsv(rec.table));
    }
    return view(rec);
  });

  app.delete("/v1/sweeps/:id", {
    onRequest: auth,
    schema: { tags, summary: "Stop a running sweep; its variants keep the best plans found so far", params: IdParams, response: { 202: SweepView, ...errors } },
  }, async (request, reply) => reply.status(202).send(view(sweeps.cancel(request.params.id))));
};
