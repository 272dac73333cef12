// Travel figures for a scenario's sites: one matrix per mode and the drawn path of any leg.
// With a network file: snapped sites, Dijkstra on the CSR graph, legs along the streets, and
// rail through the scenario's terminals. Without one: great-circle × circuity, straight legs.
import { resolve } from "node:path";
import type { Location, Scenario, TravelMatrix } from "../domain/index.js";
import { UrbanmineError } from "../domain/index.js";
import { greatCircleMatrix } from "./great-circle.js";
import { intermodalMatrix, type TerminalLink } from "./intermodal.js";
import { legDrawer, type LegDrawer } from "./leg-drawer.js";
import { loadNetwork, type LoadedNetwork, type NetworkReport } from "./load-network.js";
import { addRailCosts, addRoadCosts } from "./matrix-costs.js";
import { modeMatrix, type RowRunner } from "./road-matrix.js";
import { snapSites, type SiteSnap } from "./snap.js";

/** A place to travel between: any scenario site (zone, hub, depot, terminal, offtaker, pickup). */
export interface TravelSite {
  id: string;
  location: Location;
}

/** An intermodal terminal: where loads move between road and rail. */
export interface TravelTerminal extends TravelSite {
  /** Time to move a load between modes, seconds (charged at both ends of a rail leg). */
  transferTimeS: number;
  /** Cost to move a tonne between modes, USD (default 0). */
  transferCostUsdPerT?: number;
}

/** What computeTravel needs: the sites in matrix order and the scenario's network settings. */
export interface TravelRequest {
  sites: TravelSite[];
  network: Scenario["network"];
  /** Folder that relative network file paths are resolved against. */
  baseDir: string;
  /** Road–rail terminals; with a network file that has rail they give the rail matrix. */
  terminals?: TravelTerminal[];
  /** Per-mode factors; when given, matrices carry cost and CO2 per tonne. */
  transport?: Scenario["transport"];
  /** Runs matrix rows (e.g. on a worker pool); default: in this thread. */
  runRows?: RowRunner;
}

/** Matrices in the order of `TravelRequest.sites`, and leg drawing. */
export interface TravelResult {
  road: TravelMatrix;
  rail?: TravelMatrix;
  /**
   * The leg from one site to another as GeoJSON [lon, lat] positions, by road (default) or by
   * rail (road to the loading terminal, rail, road from the unloading terminal).
   * @throws UrbanmineError UNKNOWN_REFERENCE for an unknown id, UNREACHABLE when there is no path.
   */
  legGeometry(fromId: string, toId: string, mode?: "road" | "rail"): Array<[number, number]>;
  /** Where each site met the road network (network file only). */
  snaps?: SiteSnap[];
  /** What the import kept and dropped (network file only). */
  report?: NetworkReport;
}

/**
 * Travel matrices between `req.sites` (ids in the given order).
 * @throws UrbanmineError INVALID_FILE for a missing, corrupt or empty network file;
 *   INVALID_INPUT naming each site beyond `network.maxSnapDistanceM`.
 */
export async function computeTravel(req: TravelRequest): Promise<TravelResult> {
  if (!req.network.file) return greatCircleTravel(req);
  const net = await loadNetwork(resolve(req.baseDir, req.network.file), {
    ...(req.network.roadSpeedsKmh ? { roadSpeedsKmh: req.network.roadSpeedsKmh } : {}),
    ...(req.network.railSpeedKmh ? { railSpeedKmh: req.network.railSpeedKmh } : {}),
  });
  const maxM = req.network.maxSnapDistanceM;
  const extra = (req.terminals ?? []).filter((t) => !req.sites.some((s) => s.id === t.id));
  const snaps = snapSites(net.road.segments, [...req.sites, ...extra], maxM, net.label);
  const roadAll = await modeMatrix(net.road, snaps, `osm:${net.label}`, net.key, req.runRows);
  const road = extra.length > 0 ? subMatrix(roadAll, req.sites.length) : roadAll;
  if (req.transport) addRoadCosts(road, req.transport.road);
  const roadLegs = legDrawer(net.road, snaps);
  const rail = await railTravel(net, roadAll, req, maxM);
  return {
    road,
    ...(rail ? { rail: rail.matrix } : {}),
    legGeometry(fromId, toId, mode = "road") {
      if (mode === "road" || fromId === toId) return roadLegs.draw(fromId, toId);
      if (!rail) throw new UrbanmineError("UNREACHABLE", `no rail network or terminals for a rail leg from '${fromId}' to '${toId}'`);
      return rail.draw(fromId, toId, roadLegs);
    },
    snaps: snaps.slice(0, req.sites.length),
    report: net.report,
  };
}

function greatCircleTravel(req: TravelRequest): TravelResult {
  const road = greatCircleMatrix(req.sites, req.network.circuityFactor, req.network.roadSpeedKmh);
  if (req.transport) addRoadCosts(road, req.transport.road);
  const byId = new Map(req.sites.map((s) => [s.id, s.location]));
  return {
    road,
    legGeometry(fromId, toId) {
      const a = byId.get(fromId);
      const b = byId.get(toId);
      if (!a || !b) throw new UrbanmineError("UNKNOWN_REFERENCE", `no site '${a ? toId : fromId}' in the travel request`);
      return [
        [a.lon, a.lat],
        [b.lon, b.lat],
      ];
    },
  };
}

interface RailTravel {
  matrix: TravelMatrix;
  draw(fromId: string, toId: string, roadLegs: LegDrawer): Array<[number, number]>;
}

async function railTravel(
  net: LoadedNetwork,
  roadAll: TravelMatrix,
  req: TravelRequest,
  maxM: number,
): Promise<RailTravel | undefined> {
  if (!net.rail || !req.terminals || req.terminals.length < 2) return undefined;
  const railSegments = net.rail.segments;
  const onRail = req.terminals.filter((t) => (railSegments.nearest(t.location)?.snapDistanceM ?? Infinity) <= maxM);
  if (onRail.length < 2) return undefined;
  const railSnaps = snapSites(railSegments, onRail, maxM, net.label);
  const railOnly = await modeMatrix(net.rail, railSnaps, `osm:${net.label} rail`, net.key, req.runRows);
  const roadIndex = new Map(roadAll.ids.map((id, i) => [id, i]));
  const links: TerminalLink[] = onRail.map((t, k) => ({
    id: t.id,
    road: roadIndex.get(t.id) as number,
    rail: k,
    transferTimeS: t.transferTimeS,
    transferCostUsdPerT: t.transferCostUsdPerT ?? 0,
  }));
  const n = req.sites.length;
  const { matrix, via } = intermodalMatrix(roadAll, railOnly, links, n, `osm:${net.label} road-rail via terminals`);
  if (req.transport?.rail) addRailCosts(matrix, req.transport.road, req.transport.rail, links, via);
  const railLegs = legDrawer(net.rail, railSnaps);
  const index = new Map(matrix.ids.map((id, i) => [id, i]));
  return {
    matrix,
    draw(fromId, toId, roadLegs) {
      const a = index.get(fromId);
      const b = index.get(toId);
      if (a === undefined || b === undefined) {
        throw new UrbanmineError("UNKNOWN_REFERENCE", `no site '${a === undefined ? fromId : toId}' in the travel request`);
      }
      const x = via[2 * (a * n + b)];
      const y = via[2 * (a * n + b) + 1];
      if (x < 0) throw new UrbanmineError("UNREACHABLE", `no rail chain from '${fromId}' to '${toId}' through the terminals`);
      const t1 = links[x].id;
      const t2 = links[y].id;
      const path = [...roadLegs.draw(fromId, t1), ...railLegs.draw(t1, t2), ...roadLegs.draw(t2, toId)];
      return path.filter((p, k) => k === 0 || p[0] !== path[k - 1][0] || p[1] !== path[k - 1][1]);
    },
  };
}

function subMatrix(m: TravelMatrix, n: number): TravelMatrix {
  const full = m.ids.length;
  const durationS = new Float64Array(n * n);
  const distanceKm = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    durationS.set(m.durationS.subarray(i * full, i * full + n), i * n);
    distanceKm.set(m.distanceKm.subarray(i * full, i * full + n), i * n);
  }
  const ids = m.ids.slice(0, n);
  const keep = new Set(ids);
  return {
    ...m,
    ids,
    durationS,
    distanceKm,
    unreachable: m.unreachable.filter((u) => keep.has(u.from) && keep.has(u.to)),
    ...(m.snapDistanceM ? { snapDistanceM: m.snapDistanceM.slice(0, n) } : {}),
  };
}
