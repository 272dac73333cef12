// Solve jobs: poll a job's state, progress and best objective; cancel it keeping the best plan.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { UrbanmineError } from "../../domain/index.js";
import { requireRole } from "../auth.js";
import type { AppContext } from "../context.js";
import { ErrorBody, IdParams, JobView } from "../schemas.js";
import { jobView } from "../views.js";

/** Routes for jobs; admin and planner keys only. */
export const jobRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const auth = requireRole(ctx.keys, ["admin", "planner"]);
  const errors = { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
  const tags = ["jobs"];

  app.get("/v1/jobs/:id", {
    onRequest: auth,
    schema: { tags, summary: "State, progress and best objective of a job", params: IdParams, response: { 200: JobView, ...errors } },
  }, async (request) => {
    const job = await ctx.store.getJob(request.params.id);
    if (!job) throw new UrbanmineError("NOT_FOUND", `no job '${request.params.id}'`);
    return jobView(job);
  });

  app.delete("/v1/jobs/:id", {
    onRequest: auth,
    schema: {
      tags,
      summary: "Cancel a job; a running job stops and keeps the best plan found so far",
      description: "Answers 202 at once; poll the job until its state is cancelled (planId is set when a plan was found).",
      params: IdParams,
      response: { 202: JobView, ...errors },
    },
  }, async (request, reply) => {
    return reply.status(202).send(jobView(await ctx.runner.cancel(request.params.id)));
  });
};
