// Who the caller is, for the web app: the key's role and carrier, and the scenarios it works on
// (an intake desk needs their ids, area and streams to register pickups; a carrier needs the days
// it has pickups or published routes on). Every role may ask; each sees only what it may use.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Scenario } from "../../domain/index.js";
import { requireRole } from "../auth.js";
import type { AppContext } from "../context.js";
import { ErrorBody, SessionView } from "../schemas.js";

type ScenarioBrief = z.infer<typeof SessionView>["scenarios"][number];

/** [west, south, east, north] over the scenario's zones, hub sites and depots, degrees. */
function scenarioBbox(s: Scenario): [number, number, number, number] {
  const points = [
    ...s.zones.map((z) => z.location),
    ...s.hubSites.map((h) => h.location),
    ...s.carriers.flatMap((c) => c.depots.map((d) => d.location)),
  ];
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/** GET /v1/me. */
export const sessionRoutes: FastifyPluginAsyncZod<AppContext> = async (app, ctx) => {
  const { store } = ctx;
  const auth = requireRole(ctx.keys, ["admin", "planner", "carrier", "intake"]);

  app.get("/v1/me", {
    onRequest: auth,
    schema: {
      tags: ["session"],
      summary: "The calling key's role, carrier, and the scenarios it works on",
      description: "Planners and admins see every scenario; an intake desk every scenario with its streams; a carrier only the scenarios it serves, with its days.",
      response: { 200: SessionView, 401: ErrorBody },
    },
  }, async (request) => {
    const key = request.apiKey!;
    const { items } = await store.listScenarios({ limit: 500, offset: 0 });
    const scenarios: ScenarioBrief[] = [];
    for (const rec of items) {
      const s = rec.scenario;
      if (key.role === "carrier" && !s.carriers.some((c) => c.id === key.carrierId)) continue;
      const brief: ScenarioBrief = {
        id: rec.id,
        name: rec.name,
        bbox: scenarioBbox(s),
        streams: s.streams.map((st) => ({ id: st.id, name: st.name })),
        serviceDate: s.policy.serviceDate ?? null,
        days: [],
      };
      if (key.role === "carrier" && key.carrierId) {
        const dates = new Set((await store.listPickups({ scenarioId: rec.id, carrierId: key.carrierId })).map((p) => p.date));
        for (const p of s.pickups ?? []) if (p.date && (!p.carrierId || p.carrierId === key.carrierId)) dates.add(p.date);
        if (s.policy.serviceDate) dates.add(s.policy.serviceDate);
        brief.days = [...dates].sort();
      }
      scenarios.push(brief);
    }
    return { role: key.role, carrierId: key.carrierId, label: key.label, scenarios };
  });
};
