// What a finished solve publishes beside its plan: each carrier's routes of the plan's service day,
// which carriers then pull (GET /v1/carriers/{id}/routes).
import type { Scenario } from "../domain/index.js";
import type { PlanRecord, Store } from "../storage/index.js";

/**
 * Stores each carrier's routes of the plan's service day. A plan of a scenario without a service
 * date routes a "typical day": that stays in the plan, unpublished.
 */
export async function publishRoutes(store: Store, scenario: Scenario, record: PlanRecord): Promise<void> {
  const routing = record.plan.routing;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(routing.date)) return;
  const pickupCarrier = new Map((scenario.pickups ?? []).map((p) => [p.id, p.carrierId]));
  const single = scenario.carriers.length === 1;
  for (const carrier of scenario.carriers) {
    await store.putDayRoutes({
      scenarioId: record.scenarioId,
      carrierId: carrier.id,
      date: routing.date,
      planId: record.id,
      routing: {
        ...routing,
        routes: routing.routes.filter((r) => r.carrierId === carrier.id),
        unassigned: routing.unassigned.filter((u) => single || pickupCarrier.get(u.id) === carrier.id),
      },
      updatedAt: new Date().toISOString(),
    });
  }
}
