// Every place of a scenario as one id-addressed list, so one travel matrix serves all stages.
import type { Location, PickupRequest, Scenario } from "../domain/index.js";

export interface Place {
  id: string;
  /** `position`: where a vehicle on the road stands (re-optimising a day in progress). */
  kind: "zone" | "hub" | "offtaker" | "terminal" | "depot" | "pickup" | "drop-off" | "centre" | "position";
  location: Location;
}

/** Zones, hub sites, regional centres, offtakers, terminals, carriers' depots, drop-off points and the given pickups, in that order. */
export function listPlaces(scenario: Scenario, pickups: PickupRequest[] = []): Place[] {
  const places: Place[] = [];
  for (const z of scenario.zones) places.push({ id: z.id, kind: "zone", location: z.location });
  for (const h of scenario.hubSites) places.push({ id: h.id, kind: "hub", location: h.location });
  for (const c of scenario.regional?.centres ?? []) places.push({ id: c.id, kind: "centre", location: c.location });
  for (const o of scenario.offtakers) places.push({ id: o.id, kind: "offtaker", location: o.location });
  for (const t of scenario.terminals) places.push({ id: t.id, kind: "terminal", location: t.location });
  for (const c of scenario.carriers)
    for (const d of c.depots) places.push({ id: d.id, kind: "depot", location: d.location });
  for (const d of scenario.channels?.dropOff?.sites ?? []) places.push({ id: d.id, kind: "drop-off", location: d.location });
  for (const p of pickups) places.push({ id: p.id, kind: "pickup", location: p.location });
  return places;
}
