// From a scenario, its open hubs and the day's requests to the VRP engine's integer-indexed problem.
// Vehicles start and end at their depot (or the nearest open hub) and unload at open hubs.
import {
  clockToSeconds,
  HUB_UNLOAD_S,
  type LockedRoute,
  type RoutingJob,
  type RoutingProblem,
  type RoutingVehicle,
  type Scenario,
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
  /** Vehicles on the road: start place id (in `road`), clock and load on board. */
  vehicleStates?: Array<{ vehicleId: string; placeId: string; clock: string; loadKg: number; loadM3: number }>;
}

/**
 * Builds the routing problem: one location per request, hub and depot.
 * @throws UrbanmineError INFEASIBLE when no hub is open, UNKNOWN_REFERENCE for a bad locked stop.
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
  return { locationIds: ids, durationS, distanceKm, jobs, vehicles, locked, dimensions: ["kg", "m3"], ...(incompatibleTags?.length ? { incompatibleTags } : {}) };
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
