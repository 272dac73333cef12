// VROOM-compatible routing: POST a VROOM problem, get VROOM's solution format back, solved in a
// worker thread (never on this event loop). Synchronous only: up to MAX_JOBS jobs and MAX_VEHICLES
// vehicles, within MAX_TIME_LIMIT_S; larger problems answer 413 naming the limit (routing problems
// have no stored job type yet). At most MAX_CONCURRENT solves at once; more answer 503 BUSY.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { UrbanmineError } from "../../domain/index.js";
import { solveMultiStart } from "../../pipeline/index.js";
import { fromVroom, toVroomSolution, VroomProblem, VroomSolution } from "../../vrp/vroom/index.js";
import { requireRole } from "../auth.js";
import type { AppContext } from "../context.js";
import { ErrorBody } from "../schemas.js";

/** Largest problem solved synchronously. */
export const MAX_JOBS = 200;
export const MAX_VEHICLES = 50;
/** Solve time, seconds: default and cap. */
export const DEFAULT_TIME_LIMIT_S = 5;
export const MAX_TIME_LIMIT_S = 10;
const MAX_CONCURRENT = 2;

const SolveQuery = z.object({
  timeLimitS: z.coerce.number().gt(0).max(MAX_TIME_LIMIT_S).optional().describe(`Solve time, seconds (default ${DEFAULT_TIME_LIMIT_S}, at most ${MAX_TIME_LIMIT_S})`),
  seed: z.coerce.number().int().nonnegative().default(1).describe("Seed of the search: the same seed and iteration bound give the same routes"),
  iterations: z.coerce.number().int().min(1).optional().describe("Bound on search iterations (reproducible answers); the time limit still applies"),
});

/** The 413 of a problem beyond the synchronous size; the error handler answers PAYLOAD_TOO_LARGE. */
function tooLarge(what: string): Error {
  return Object.assign(new Error(`${what}; POST /v1/routing/solve solves up to ${MAX_JOBS} jobs and ${MAX_VEHICLES} vehicles synchronously (larger problems: split them, or run \`urbanmine vrp PROBLEM.json\`)`), { statusCode: 413 });
}

/** POST /v1/routing/solve for admin, planner and carrier keys. */
export const routingRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const auth = requireRole(ctx.keys, ["admin", "planner", "carrier"]);
  let active = 0;

  app.post("/v1/routing/solve", {
    onRequest: auth,
    schema: {
      tags: ["routing"],
      summary: "Solve a routing problem in VROOM's format; the answer is in VROOM's solution format",
      description:
        `VROOM's problem JSON (jobs, vehicles, matrices; times in seconds, distances in metres, integer amounts and costs). ` +
        `Solved at once, up to ${MAX_JOBS} jobs and ${MAX_VEHICLES} vehicles (413 beyond). Features the engine does not model yet ` +
        "(shipments, breaks, setup times, …) answer 400 naming the JSON path. Costs in the answer follow VROOM's convention.",
      querystring: SolveQuery,
      body: VroomProblem,
      response: { 200: VroomSolution, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody, 503: ErrorBody },
    },
  }, async (request) => {
    const body = request.body;
    const jobs = (body.jobs ?? []).length;
    if (jobs > MAX_JOBS) throw tooLarge(`the problem has ${jobs} jobs`);
    if (body.vehicles.length > MAX_VEHICLES) throw tooLarge(`the problem has ${body.vehicles.length} vehicles`);
    const t0 = performance.now();
    const { problem, context } = fromVroom(body);
    if (active >= MAX_CONCURRENT) {
      throw Object.assign(new UrbanmineError("BUSY", `${MAX_CONCURRENT} routing problems are being solved already; retry in ${MAX_TIME_LIMIT_S} s`), { retryAfterS: MAX_TIME_LIMIT_S });
    }
    active++;
    const controller = new AbortController();
    // a client that hangs up stops the solve (the worker returns its best so far, unsent)
    const onClose = (): void => controller.abort();
    request.raw.socket?.once("close", onClose);
    try {
      const t1 = performance.now();
      const { seed, iterations } = request.query;
      const timeLimitS = request.query.timeLimitS ?? (iterations !== undefined ? MAX_TIME_LIMIT_S : DEFAULT_TIME_LIMIT_S);
      const sol = await solveMultiStart(problem, { starts: 1, threads: 1, seed, timeLimitS, maxIterations: iterations, signal: controller.signal });
      return toVroomSolution(context, sol, { loadingMs: t1 - t0, solvingMs: performance.now() - t1 });
    } finally {
      active--;
      request.raw.socket?.off("close", onClose);
    }
  });
};
