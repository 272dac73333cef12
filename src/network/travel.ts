// Travel figures for a scenario's sites: one matrix per mode and the drawn path of any leg.
// With a network file: snapped sites, Dijkstra on the CSR graph, legs along the streets.
// Without one: great-circle × circuity, and legs drawn as straight lines.
import { resolve } from "node:path";
import type { Location, Scenario, TravelMatrix } from "../domain/index.js";
import { UrbanmineError } from "../domain/index.js";
import { buildAnchors } from "./anchors.js";
import { ShortestPathTree } from "./dijkstra.js";
import { greatCircleMatrix } from "./great-circle.js";
import { intermodalMatrix, type TerminalLink } from "./intermodal.js";
import { legGeometryOf } from "./leg-geometry.js";
import { loadNetwork, type LoadedNetwork, type NetworkReport } from "./load-network.js";
import { modeMatrix, type RowRunner } from "./road-matrix.js";
import { snapSites, type SiteSnap } from "./snap.js";

export interface TravelSite {
  id: string;
  location: Location;
}

/** An intermodal terminal: where loads move between road and rail. */
export interface TravelTerminal extends TravelSite {
  /** Time to move a load between modes, seconds (charged at both ends of a rail leg). */
  transferTimeS: number;
}

export interface TravelRequest {
  sites: TravelSite[];
  network: Scenario["network"];
  /** Folder that relative network file paths are resolved against. */
  baseDir: string;
  /** Road–rail terminals; with a network file that has rail they give the rail matrix. */
  terminals?: TravelTerminal[];
  /** Runs matrix rows (e.g. on a worker pool); default: in this thread. */
  runRows?: RowRunner;
}

export interface TravelResult {
  road: TravelMatrix;
  rail?: TravelMatrix;
  /** The leg from one site to another as GeoJSON [lon, lat] positions. */
  legGeometry(fromId: string, toId: string): Array<[number, number]>;
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
  const terminals = (req.terminals ?? []).filter((t) => !req.sites.some((s) => s.id === t.id));
  const all = [...req.sites, ...terminals];
  const snaps = snapSites(net.road.segments, all, maxM, net.label);
  const method = `osm:${net.label}`;
  const roadAll = await modeMatrix(net.road, snaps, method, net.key, req.runRows);
  const road = terminals.length > 0 ? subMatrix(roadAll, req.sites.length) : roadAll;
  const rail = await railTravel(net, roadAll, req, maxM);
  return {
    road,
    ...(rail ? { rail } : {}),
    legGeometry: roadLegs(net, snaps),
    snaps: snaps.slice(0, req.sites.length),
    report: net.report,
  };
}

function greatCircleTravel(req: TravelRequest): TravelResult {
  const road = greatCircleMatrix(req.sites, req.network.circuityFactor, req.network.roadSpeedKmh);
  const byId = new Map(req.sites.map((s) => [s.id, s.location]));
  return {
    road,
    legGeometry(fromId, toId) {
      const a = byId.get(fromId);
      const b = byId.get(toId);
      if (!a || !b) throw unknownSite(a ? toId : fromId);
      return [
        [a.lon, a.lat],
        [b.lon, b.lat],
      ];
    },
  };
}

function roadLegs(net: LoadedNetwork, snaps: SiteSnap[]): TravelResult["legGeometry"] {
  const index = new Map(snaps.map((s, i) => [s.id, i]));
  let tree: ShortestPathTree | undefined;
  let anchors: ReturnType<typeof buildAnchors> | undefined;
  return (fromId, toId) => {
    const i = index.get(fromId);
    const j = index.get(toId);
    if (i === undefined || j === undefined) throw unknownSite(i === undefined ? fromId : toId);
    tree ??= new ShortestPathTree(net.road.csr);
    anchors ??= buildAnchors(net.road, snaps);
    const path = legGeometryOf(net.road, tree, anchors, snaps, i, j);
    if (!path) {
      throw new UrbanmineError("UNREACHABLE", `no road path from '${fromId}' to '${toId}' on ${net.label}`);
    }
    return path;
  };
}

async function railTravel(
  net: LoadedNetwork,
  roadAll: TravelMatrix,
  req: TravelRequest,
  maxM: number,
): Promise<TravelMatrix | undefined> {
  if (!net.rail || !req.terminals || req.terminals.length < 2) return undefined;
  const onRail: TravelTerminal[] = [];
  for (const t of req.terminals) {
    const hit = net.rail.segments.nearest(t.location);
    if (hit && hit.snapDistanceM <= maxM) onRail.push(t);
  }
  if (onRail.length < 2) return undefined;
  const railSnaps = snapSites(net.rail.segments, onRail, maxM, net.label);
  const rail = await modeMatrix(net.rail, railSnaps, `osm:${net.label} rail`, net.key, req.runRows);
  const roadIndex = new Map(roadAll.ids.map((id, i) => [id, i]));
  const links: TerminalLink[] = onRail.map((t, k) => ({
    id: t.id,
    road: roadIndex.get(t.id) as number,
    rail: k,
    transferTimeS: t.transferTimeS,
  }));
  return intermodalMatrix(roadAll, rail, links, req.sites.length, `osm:${net.label} road-rail via terminals`);
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

function unknownSite(id: string): UrbanmineError {
  return new UrbanmineError("UNKNOWN_REFERENCE", `no site '${id}' in the travel request`);
}
