// Scenario CRUD under /v1/scenarios, plus a scenario's jobs and plans, and the solve endpoint.
// Bodies are checked by the Scenario schema (once, by the route), then by the bounds and cross-reference checks.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { checkParsedScenario, Scenario, UrbanmineError, unknownFields } from "../../domain/index.js";
import type { ScenarioRecord } from "../../storage/index.js";
import { requireRole } from "../auth.js";
import type { AppContext } from "../context.js";
import { ErrorBody, IdParams, JobView, PageQuery, ScenarioSummary, SolveBody } from "../schemas.js";
import { jobView } from "../views.js";

const PLANNERS = ["admin", "planner"] as const;


function summary(r: ScenarioRecord): z.infer<typeof ScenarioSummary> {
  return { id: r.id, name: r.name, createdAt: r.createdAt, updatedAt: r.updatedAt };
}

/** Routes for scenarios; admin and planner keys only. */
export const scenarioRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { store, runner } = ctx;
  const auth = requireRole(ctx.keys, PLANNERS);
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
  const tags = ["scenarios"];

  // The body as sent, before the schema drops unknown fields, to warn about them.
  const sent = new WeakMap<object, unknown>();
  const keepSent = async (request: { body: unknown; raw: object }): Promise<void> => {
    sent.set(request.raw, request.body);
  };
  const warnings = (request: { raw: object }, parsed: unknown): { warnings?: string[] } => {
    const paths = unknownFields(sent.get(request.raw), parsed);
    return paths.length ? { warnings: paths.map((p) => `unknown field ${p} is ignored`) } : {};
  };

  app.post("/v1/scenarios", {
    onRequest: auth,
    preValidation: keepSent,
    schema: { tags, summary: "Create a scenario", body: Scenario, response: { 201: ScenarioSummary, ...errors } },
  }, async (request, reply) => {
    const rec = await store.createScenario(checkParsedScenario(request.body));
    return reply.status(201).header("location", `/v1/scenarios/${rec.id}`).send({ ...summary(rec), ...warnings(request, request.body) });
  });

  app.get("/v1/scenarios", {
    onRequest: auth,
    schema: { tags, summary: "List scenarios", querystring: PageQuery, response: { 200: z.object({ items: z.array(ScenarioSummary), total: z.number().int() }), ...errors } },
  }, async (request) => {
    const { items, total } = await store.listScenarios(request.query);
    return { items: items.map(summary), total };
  });

  app.get("/v1/scenarios/:id", {
    onRequest: auth,
    schema: { tags, summary: "Read a scenario", params: IdParams, response: { 200: Scenario, ...errors } },
  }, async (request) => {
    const rec = await store.getScenario(request.params.id);
    if (!rec) throw new UrbanmineError("NOT_FOUND", `no scenario '${request.params.id}'`);
    return rec.scenario;
  });

  app.put("/v1/scenarios/:id", {
    onRequest: auth,
    preValidation: keepSent,
    schema: { tags, summary: "Replace a scenario", params: IdParams, body: Scenario, response: { 200: ScenarioSummary, ...errors } },
  }, async (request) => {
    const { id } = request.params;
    if (request.body.id !== id) {
      throw new UrbanmineError("INVALID_INPUT", `the body's id '${request.body.id}' differs from the path's '${id}'`, [
        { path: "id", message: `expected '${id}'` },
      ]);
    }
    return { ...summary(await store.replaceScenario(id, checkParsedScenario(request.body))), ...warnings(request, request.body) };
  });

  app.delete("/v1/scenarios/:id", {
    onRequest: auth,
    schema: { tags, summary: "Delete a scenario with its jobs, plans, pickups and routes", params: IdParams, response: { 204: z.null(), ...errors } },
  }, async (request, reply) => {
    const { id } = request.params;
    const busy = await store.listJobs({ scenarioId: id, states: ["queued", "running"] });
    if (busy.length > 0) {
      throw new UrbanmineError("CONFLICT", `scenario '${id}' has ${busy.length} queued or running job(s) (${busy[0].id}); cancel them first`);
    }
    if (!(await store.deleteScenario(id))) throw new UrbanmineError("NOT_FOUND", `no scenario '${id}'`);
    return reply.status(204).send(null);
  });

  app.post("/v1/scenarios/:id/solve", {
    onRequest: auth,
    schema: {
      tags: ["jobs"],
      summary: "Start solving a scenario; poll the job it returns",
      params: IdParams,
      body: SolveBody.nullish(),
      response: { 202: JobView, ...errors, 503: ErrorBody },
    },
  }, async (request, reply) => {
    try {
      const job = await runner.submit(request.params.id, request.body ?? {});
      return reply.status(202).header("location", `/v1/jobs/${job.id}`).send(jobView(job));
    } catch (err) {
      if (err instanceof UrbanmineError && err.code === "BUSY") void reply.header("retry-after", String(runner.retryAfterS()));
      throw err;
    }
  });

  app.get("/v1/scenarios/:id/jobs", {
    onRequest: auth,
    schema: { tags: ["jobs"], summary: "A scenario's jobs, oldest first", params: IdParams, response: { 200: z.object({ items: z.array(JobView) }), ...errors } },
  }, async (request) => {
    if (!(await store.getScenario(request.params.id))) throw new UrbanmineError("NOT_FOUND", `no scenario '${request.params.id}'`);
    return { items: (await store.listJobs({ scenarioId: request.params.id })).map(jobView) };
  });
};
