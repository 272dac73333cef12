// From a scenario, its open hubs and the day's requests to the VRP engine's integer-indexed problem.
// Vehicles start and end at their depot (or the nearest open hub) and unload at open hubs; the
// day's transfers become shipments (a pickup job at a hub, its delivery job elsewhere).
import {
  clockToSeconds,
  HUB_UNLOAD_S,
  type LockedRoute,
  type RoutingJob,
  type RoutingProblem,
  type RoutingVehicle,
  type RoutingShipment,
  type Scenario,
  type Transfer,
  transferJobIds,
  type TravelMatrix,
  UrbanmineError,
} from "../domain/index.js";
import type { DayRequest } from "./day-pickups.js";
import { subMatrix } from "./sub-matrix.js";

/** Seconds a vehicle needs to unload at a hub. */
export const UNLOAD_S = HUB_UNLOAD_S;

export interface RoutingInput {
  scenario: Scenario;
  /** Matrix over every place id that appears below (hubs, depots, request ids). */
  road: TravelMatrix;
  openHubIds: string[];
  requests: DayRequest[];
  locked?: LockedRoute[];
  /** The day's transfers (pickup at a hub, delivery elsewhere, one vehicle), with their index in `scenario.transfers`. */
  transfers?: Array<{ transfer: Transfer; index: number }>;
  /** Regional centres open in the plan (transfer ends); omitted: not checked. */
  openCentreIds?: string[];
  /** Vehicles on the road: start place id (in `road`), clock and load on board. */
  vehicleStates?: Array<{ vehicleId: string; placeId: string; clock: string; loadKg: number; loadM3: number }>;
}

/**
 * Builds the routing problem: one location per request, hub and depot.
 * @throws UrbanmineError INFEASIBLE when no hub is open, UNKNOWN_REFERENCE for a bad locked stop,
 *   INVALID_INPUT (path `transfers[i].from`/`.to`) for a transfer to or from a hub or centre the plan does not open.
 */
export function buildRoutingProblem(input: RoutingInput): RoutingProblem {
  const { scenario, road, openHubIds, requests } = input;
  if (openHubIds.length === 0) throw new UrbanmineError("INFEASIBLE", "no hub is open: vehicles have nowhere to unload");
  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  const add = (id: string): number => {
    let i = indexOf.get(id);
    if (i === undefined) {
      i = ids.length;
      ids.push(id);
      indexOf.set(id, i);
    }
    return i;
  };
  const hubIdx = openHubIds.map(add);
  const nearestHub = (loc: number | undefined, src: string): number => {
    // Nearest open hub by road time from `src` (a depot id), or the first hub.
    if (loc === undefined) return hubIdx[0];
    let best = hubIdx[0];
    let bestS = Infinity;
    for (const h of openHubIds) {
      const s = at(road, src, h);
      if (s < bestS) {
        bestS = s;
        best = indexOf.get(h)!;
      }
    }
    return best;
  };

  const vehicles: RoutingVehicle[] = [];
  for (const carrier of scenario.carriers) {
    const depot0 = carrier.depots[0]?.id;
    for (const vt of carrier.vehicles) {
      const startId = vt.startDepot ?? depot0;
      const start = startId !== undefined ? add(startId) : undefined;
      const startHub = nearestHub(start, startId ?? "");
      const end = vt.endDepot !== undefined ? add(vt.endDepot) : startHub;
      const skills = [...vt.skills, ...(vt.hazardousCertified ? ["hazardous"] : [])];
      for (let k = 1; k <= vt.count; k++) {
        vehicles.push({
          id: vt.count > 1 ? `${vt.id}-${k}` : vt.id,
          carrierId: carrier.id,
          start: start ?? startHub,
          end,
          capacity: [vt.capacityKg, vt.capacityM3],
          skills,
          shift: [clockToSeconds(vt.shift.start), clockToSeconds(vt.shift.end)],
          fixedCostUsd: vt.fixedCostUsdPerDay,
          costUsdPerKm: vt.costUsdPerKm,
          costUsdPerHour: vt.costUsdPerHour,
          costUsdPerStop: vt.costUsdPerStop,
          minPaidS: vt.minPaidHours * 3600,
          speedFactor: vt.speedFactor,
          co2KgPerKm: vt.co2KgPerKm,
          maxDurationS: vt.maxDurationS,
          maxDistanceKm: vt.maxDistanceKm,
          unloadLocations: vt.maxTrips > 1 ? hubIdx : [],
          unloadS: UNLOAD_S,
          maxTrips: vt.maxTrips,
          ...(vt.breaks && vt.breaks.length > 0 ? { breaks: vt.breaks.map((b) => ({ id: b.id, timeWindows: b.window ? [[clockToSeconds(b.window.start), clockToSeconds(b.window.end)] as [number, number]] : [], serviceS: b.durationS })) } : {}),
        });
      }
    }
  }

  const jobs: RoutingJob[] = requests.map(({ request, load, hazardous, tags, setupS }) => ({
    id: request.id,
    location: add(request.id),
    serviceS: request.serviceS,
    amounts: [load[0], load[1]],
    timeWindows: request.timeWindows.map((w): [number, number] => [clockToSeconds(w.start), clockToSeconds(w.end)]),
    skills: hazardous ? ["hazardous"] : [],
    priority: request.priority,
    carrierId: request.carrierId,
    ...(setupS > 0 ? { setupS } : {}),
    ...(tags.length > 0 ? { tags } : {}),
  }));

  const shipments = transferJobs(input, add, jobs);

  for (const st of input.vehicleStates ?? []) {
    const v = vehicles.find((x) => x.id === st.vehicleId);
    if (!v) throw new UrbanmineError("UNKNOWN_REFERENCE", `vehicle state names vehicle '${st.vehicleId}', which no carrier has`);
    // a day in progress: the route starts where the vehicle stands, when it is free, with its load
    v.start = add(st.placeId);
    v.shift = [Math.max(v.shift[0], clockToSeconds(st.clock)), v.shift[1]];
    v.initialLoad = [st.loadKg, st.loadM3];
  }
  const locked = lockedRoutes(input, new Set(jobs.map((j) => j.id)), new Set(vehicles.map((v) => v.id)));
  const { durationS, distanceKm } = subMatrix(road, ids);
  const incompatibleTags = scenario.incompatibleTags?.map(([a, b]): [string, string] => [a, b]);
  return { locationIds: ids, durationS, distanceKm, jobs, vehicles, locked, dimensions: ["kg", "m3"], ...(incompatibleTags?.length ? { incompatibleTags } : {}), ...(shipments.length ? { shipments } : {}) };
}

/** Appends each transfer's pickup and delivery jobs to `jobs`; returns the shipments pairing them. */
function transferJobs(input: RoutingInput, add: (id: string) => number, jobs: RoutingJob[]): RoutingShipment[] {
  const hubSites = new Set(input.scenario.hubSites.map((h) => h.id));
  const centres = new Set((input.scenario.regional?.centres ?? []).map((c) => c.id));
  const open = new Set([...input.openHubIds, ...(input.openCentreIds ?? centres)]);
  return (input.transfers ?? []).map(({ transfer: t, index }) => {
    for (const end of ["from", "to"] as const)
      if ((hubSites.has(t[end]) || centres.has(t[end])) && !open.has(t[end]))
        throw new UrbanmineError("INVALID_INPUT", `transfer '${t.id}' ${end === "from" ? "starts" : "ends"} at ${hubSites.has(t[end]) ? "hub" : "regional centre"} '${t[end]}', which the plan does not open`, [
          { path: `transfers[${index}].${end}`, message: `'${t[end]}' is not open (open: ${[...open].join(", ")})` },
        ]);
    const ids = transferJobIds(t.id);
    const job = (id: string, place: string, end: Transfer["pickup"]): RoutingJob => ({
      id,
      location: add(place),
      serviceS: end.serviceS,
      amounts: [t.kg, t.m3],
      timeWindows: end.timeWindows.map((w): [number, number] => [clockToSeconds(w.start), clockToSeconds(w.end)]),
      skills: t.hazardous ? ["hazardous"] : [],
      priority: t.priority,
      carrierId: t.carrierId,
      ...(t.tags?.length ? { tags: [...t.tags].sort() } : {}),
    });
    jobs.push(job(ids.pickup, t.from, t.pickup), job(ids.delivery, t.to, t.delivery));
    return { id: t.id, pickupJobId: ids.pickup, deliveryJobId: ids.delivery };
  });
}

function at(m: TravelMatrix, from: string, to: string): number {
  const n = m.ids.length;
  return m.durationS[m.ids.indexOf(from) * n + m.ids.indexOf(to)];
}

/** Locked prefixes from the input and from requests' own `locked` fields, checked against ids. */
function lockedRoutes(input: RoutingInput, jobIds: Set<string>, vehicleIds: Set<string>): LockedRoute[] {
  const byVehicle = new Map<string, Array<[number, string]>>();
  for (const { request } of input.requests) {
    if (!request.locked) continue;
    const list = byVehicle.get(request.locked.vehicleId) ?? [];
    list.push([request.locked.position, request.id]);
    byVehicle.set(request.locked.vehicleId, list);
  }
  const out: LockedRoute[] = [...(input.locked ?? [])];
  for (const [vehicleId, list] of byVehicle) {
    list.sort((a, b) => a[0] - b[0]);
    out.push({ vehicleId, jobIds: list.map((x) => x[1]) });
  }
  for (const l of out) {
    if (!vehicleIds.has(l.vehicleId))
      throw new UrbanmineError("UNKNOWN_REFERENCE", `locked stops name vehicle '${l.vehicleId}', which no carrier has`);
    for (const j of l.jobIds)
      if (!jobIds.has(j))
        throw new UrbanmineError("UNKNOWN_REFERENCE", `locked stop '${j}' on vehicle '${l.vehicleId}' is not among the day's requests`);
  }
  return out;
}
