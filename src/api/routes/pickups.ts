// Pickup requests: households and small businesses (through an intake desk) register a pickup,
// which is validated against its scenario and assigned to a carrier and a service day.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { UrbanmineError } from "../../domain/index.js";
import type { PickupRecord } from "../../storage/index.js";
import { requireRole } from "../auth.js";
import type { AppContext } from "../context.js";
import { registerPickup } from "../pickup-assign.js";
import { cancelRegisteredPickup } from "../../pipeline/index.js";
import { ErrorBody, IdParams, PickupListQuery, PickupRegistration, PickupView } from "../schemas.js";

function view(p: PickupRecord): z.infer<typeof PickupView> {
  const r = p.request;
  return {
    id: p.id,
    scenarioId: p.scenarioId,
    carrierId: p.carrierId,
    date: p.date,
    zoneId: r.zoneId,
    massKg: p.massKg,
    volumeM3: p.volumeM3,
    contactRef: p.contactRef,
    createdAt: p.createdAt,
    request: { location: r.location, units: r.units, timeWindows: r.timeWindows, serviceS: r.serviceS, priority: r.priority },
  };
}

/** Routes for pickups: intake registers and reads back; planners also list. */
export const pickupRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { store } = ctx;
  const intake = requireRole(ctx.keys, ["admin", "planner", "intake"]);
  const planners = requireRole(ctx.keys, ["admin", "planner"]);
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
  const tags = ["pickups"];

  app.post("/v1/pickups", {
    onRequest: intake,
    schema: {
      tags,
      summary: "Register a pickup; it is assigned to a carrier and a service day",
      body: PickupRegistration,
      response: { 201: PickupView, ...errors },
    },
  }, async (request, reply) => {
    const rec = await registerPickup(store, request.body, new Date().toISOString().slice(0, 10));
    return reply.status(201).header("location", `/v1/pickups/${rec.id}`).send(view(rec));
  });

  app.get("/v1/pickups/:id", {
    onRequest: intake,
    schema: { tags, summary: "Read a registered pickup", params: IdParams, response: { 200: PickupView, ...errors } },
  }, async (request) => {
    const rec = await store.getPickup(request.params.id);
    if (!rec) throw new UrbanmineError("NOT_FOUND", `no pickup '${request.params.id}'`);
    return view(rec);
  });

  app.delete("/v1/pickups/:id", {
    onRequest: intake,
    schema: { tags, summary: "Cancel a registered pickup; its stop leaves the carrier's day", params: IdParams, response: { 200: PickupView, ...errors } },
  }, async (request) => {
    const rec = await cancelRegisteredPickup(store, request.params.id);
    if (!rec) throw new UrbanmineError("NOT_FOUND", `no pickup '${request.params.id}'`);
    return view(rec);
  });

  app.get("/v1/pickups", {
    onRequest: planners,
    schema: { tags, summary: "List registered pickups", querystring: PickupListQuery, response: { 200: z.object({ items: z.array(PickupView) }), ...errors } },
  }, async (request) => {
    return { items: (await store.listPickups(request.query)).map(view) };
  });
};
