// Prometheus metrics of one app instance (its own registry, so several apps can live in a test):
// request counts and latencies by route, jobs by state, and the process defaults of prom-client.
import type { FastifyInstance } from "fastify";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { JOB_STATES, type Store } from "../storage/index.js";

/** Registers metrics hooks on `app` and returns the registry that /metrics renders. */
export function installMetrics(app: FastifyInstance, store: Store, queueDepth: () => number): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: "urbanmine_http_requests_total",
    help: "HTTP requests by method, route and status code",
    labelNames: ["method", "route", "status"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "urbanmine_http_request_duration_seconds",
    help: "HTTP request latency, seconds",
    labelNames: ["method", "route"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: "urbanmine_jobs",
    help: "Solve jobs in the store by state",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      for (const state of JOB_STATES) this.set({ state }, await store.countJobs([state]));
    },
  });
  new Gauge({
    name: "urbanmine_queue_pending",
    help: "Jobs waiting for a solve slot in this process",
    registers: [registry],
    collect() {
      this.set(queueDepth());
    },
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  return registry;
}
