// The HTTP app as a factory: store and planner are injected, so tests run it with app.inject()
// and a small planner, and `urbanmine serve` runs it with the worker-pool planner. onClose stops
// the jobs (re-queuing any running one), then closes the planner's pool and the store.
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { Redis } from "ioredis";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { JobRunner, type JobRunnerOptions } from "../pipeline/jobs.js";
import type { Planner } from "../pipeline/types.js";
import type { Store } from "../storage/index.js";
import { KeyResolver, rateLimitKey } from "./auth.js";
import type { AppContext } from "./context.js";
import { installErrorHandlers } from "./error-handler.js";
import { installMetrics } from "./metrics.js";
import { carrierRoutes } from "./routes/carrier-routes.js";
import { jobRoutes } from "./routes/jobs.js";
import { opsRoutes } from "./routes/ops.js";
import { pickupRoutes } from "./routes/pickups.js";
import { planRoutes } from "./routes/plans.js";
import { routingRoutes } from "./routes/routing.js";
import { scenarioRoutes } from "./routes/scenarios.js";
import { sweepRoutes } from "./routes/sweeps.js";
import { networkLineRoutes } from "./routes/network-lines.js";
import { sessionRoutes } from "./routes/session.js";
import { defaultWebRoot, installWebApp } from "./web-static.js";

export interface AppOptions {
  store: Store;
  planner: Planner;
  /** Queue cap, solve-time bounds and concurrency of the job runner. */
  jobs?: Omit<JobRunnerOptions, "store" | "planner" | "baseDir">;
  /** Folder that relative paths in scenarios are resolved against (default: the working directory). */
  baseDir?: string;
  /** Largest request body, bytes (default 10 MiB: a city scenario with its pickups). */
  bodyLimitBytes?: number;
  /**
   * Requests per key (or per IP without a key) per window; false turns the limit off. Default 1000
   * per minute. With `redisUrl` the counts live in Redis, shared by every API process.
   */
  rateLimit?: { max: number; timeWindowMs: number; redisUrl?: string } | false;
  /** Fastify logger options; default off. Authorization headers are always redacted. */
  logger?: FastifyServerOptions["logger"];
  /** How long a resolved API key is remembered, ms (default 2000; 0: ask the store every time). */
  keyCacheMs?: number;
  /** Start the job runner (and re-queue interrupted jobs) when the app is ready (default true). */
  startJobs?: boolean;
  /** Folder of the built web app served at `/` (default dist/web; false: no web app). */
  webRoot?: string | false;
}

/**
 * Builds the urbanmine HTTP app. The caller owns `listen`; `close()` releases the runner,
 * the planner and the store.
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const logger = opts.logger === undefined || opts.logger === false
    ? false
    : { ...(typeof opts.logger === "object" ? opts.logger : {}), redact: ["req.headers.authorization", 'req.headers["x-api-key"]'] };
  const app = Fastify({ logger, bodyLimit: opts.bodyLimitBytes ?? 10 * 1024 * 1024 });
  // An empty JSON body counts as no body (e.g. `curl -X POST -H 'content-type: application/json'`):
  // routes whose body is optional accept it, the others answer the usual 400 with its path.
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") done(null, undefined);
    else parseJson(request, text, done);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app);

  const baseDir = opts.baseDir ?? process.cwd();
  const runner = new JobRunner({ ...opts.jobs, store: opts.store, planner: opts.planner, baseDir });
  const keys = new KeyResolver(opts.store, opts.keyCacheMs ?? 2000);
  const ctx: AppContext = { store: opts.store, planner: opts.planner, runner, keys, baseDir };
  let closing = false;
  const registry = installMetrics(app, opts.store, () => runner.active);

  await app.register(swagger, {
    openapi: {
      info: { title: "urbanmine", version: "0.1.0", description: "Hub siting and daily collection routes for urban mining (e-waste)." },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "API key: Authorization: Bearer <key>" },
          apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  if (opts.rateLimit !== false) {
    const limit = opts.rateLimit ?? { max: 1000, timeWindowMs: 60_000 };
    const redis = limit.redisUrl ? new Redis(limit.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
    if (redis) {
      redis.on("error", () => undefined); // the limiter lets requests through while Redis is away (skipOnError)
      app.addHook("onClose", async () => void redis.disconnect());
    }
    await app.register(rateLimit, {
      ...(redis ? { redis, nameSpace: "urbanmine-rate:", skipOnError: true } : {}),
      max: limit.max,
      timeWindow: limit.timeWindowMs,
      keyGenerator: (request) => rateLimitKey(keys, request),
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        code: "RATE_LIMITED",
        message: `rate limit of ${context.max} requests per ${context.after} reached for this key; retry after ${context.after}`,
      }),
    });
  }

  await app.register(opsRoutes, { ...ctx, registry, isClosing: () => closing });
  await app.register(scenarioRoutes, ctx);
  await app.register(jobRoutes, ctx);
  await app.register(planRoutes, ctx);
  await app.register(pickupRoutes, ctx);
  await app.register(carrierRoutes, ctx);
  await app.register(routingRoutes, ctx);
  await app.register(sweepRoutes, ctx);
  await app.register(sessionRoutes, ctx);
  await app.register(networkLineRoutes, ctx);
  if (opts.webRoot !== false) await installWebApp(app, opts.webRoot ?? defaultWebRoot());

  if (opts.startJobs !== false) {
    app.addHook("onReady", async () => {
      const requeued = await runner.start();
      if (requeued > 0) app.log.info({ requeued }, "re-queued jobs interrupted by the last shutdown");
    });
  }
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onClose", async () => {
    await runner.close();
    await opts.planner.close();
    await opts.store.close();
  });
  return app;
}
