// Operations endpoints, open without a key and outside the rate limit: liveness, readiness, metrics.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Registry } from "prom-client";
import { z } from "zod";
import type { AppContext } from "../context.js";

/** /healthz, /readyz and /metrics. */
export const opsRoutes: FastifyPluginAsyncZod<AppContext & { registry: Registry; isClosing: () => boolean }> = async (app, ctx) => {
  const tags = ["operations"];
  const config = { rateLimit: false };

  app.get("/healthz", {
    config,
    schema: { tags, summary: "Liveness: the process answers", response: { 200: z.object({ status: z.literal("ok") }) } },
  }, async () => ({ status: "ok" as const }));

  app.get("/readyz", {
    config,
    schema: {
      tags,
      summary: "Readiness: the store answers and the service is not shutting down",
      response: { 200: z.object({ status: z.literal("ready"), runningJobs: z.number().int() }), 503: z.object({ status: z.literal("unavailable"), reason: z.string() }) },
    },
  }, async (_request, reply) => {
    if (ctx.isClosing()) return reply.status(503).send({ status: "unavailable" as const, reason: "shutting down" });
    const ok = await ctx.store.ping().catch(() => false);
    if (!ok) return reply.status(503).send({ status: "unavailable" as const, reason: "the store does not answer" });
    return { status: "ready" as const, runningJobs: ctx.runner.active };
  });

  app.get("/metrics", {
    config,
    schema: { tags, summary: "Prometheus metrics (text exposition format)", response: { 200: z.string() } },
  }, async (_request, reply) => {
    const text = await ctx.registry.metrics();
    return reply.type(ctx.registry.contentType).send(text);
  });
};
