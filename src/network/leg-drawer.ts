// Draws legs between snapped sites of one mode on demand, reusing one shortest-path tree.
import { UrbanmineError } from "../domain/index.js";
import { buildAnchors, type SnapAnchors } from "./anchors.js";
import { ShortestPathTree } from "./dijkstra.js";
import { legGeometryOf } from "./leg-geometry.js";
import type { LoadedMode } from "./load-network.js";
import type { SiteSnap } from "./snap.js";

/** Leg geometry by site ids on one mode. */
export interface LegDrawer {
  /**
   * GeoJSON [lon, lat] positions of the fastest leg.
   * @throws UrbanmineError UNKNOWN_REFERENCE for an id not snapped, UNREACHABLE when no path exists.
   */
  draw(fromId: string, toId: string): Array<[number, number]>;
}

/** A drawer over these snapped sites; the tree and anchors are built at the first call. */
export function legDrawer(mode: LoadedMode, snaps: SiteSnap[]): LegDrawer {
  const index = new Map(snaps.map((s, i) => [s.id, i]));
  let tree: ShortestPathTree | undefined;
  let anchors: SnapAnchors | undefined;
  return {
    draw(fromId, toId) {
      const i = index.get(fromId);
      const j = index.get(toId);
      if (i === undefined || j === undefined) {
        throw new UrbanmineError("UNKNOWN_REFERENCE", `no site '${i === undefined ? fromId : toId}' on the ${mode.model.mode} network`);
      }
      tree ??= new ShortestPathTree(mode.csr);
      anchors ??= buildAnchors(mode, snaps);
      const path = legGeometryOf(mode, tree, anchors, snaps, i, j);
      if (!path) throw new UrbanmineError("UNREACHABLE", `no ${mode.model.mode} path from '${fromId}' to '${toId}'`);
      return path;
    },
  };
}
