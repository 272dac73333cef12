// Snapping sites to the network: a Flatbush index over every segment of the kept pieces,
// the exact nearest segment by point-segment distance, and the snap reported in metres.
import Flatbush from "flatbush";
import type { Location } from "../domain/index.js";
import { UrbanmineError } from "../domain/index.js";
import type { ModeNetwork } from "./csr.js";
import { haversineM, projector } from "./geo.js";

/** Where one site meets the network. */
export interface SiteSnap {
  id: string;
  location: Location;
  /** Closest point on the network. */
  snapped: Location;
  /** Great-circle distance from the site to `snapped`, metres. */
  snapDistanceM: number;
  /** Piece the site snapped to, and metres from the piece's first point. */
  piece: number;
  offsetM: number;
}

/** Nearest-segment index of one mode. */
export class SegmentIndex {
  private readonly index: Flatbush;
  /** Global point index of each segment's first point (the segment runs to the next point). */
  private readonly segPoint: Int32Array;
  private readonly segPiece: Int32Array;
  private readonly proj: ReturnType<typeof projector>;

  /** @throws Error when the mode has no edge (callers check before). */
  constructor(private readonly net: ModeNetwork) {
    const { start, lon, lat } = net.model.pieces;
    const pieces = start.length - 1;
    let count = 0;
    let latSum = 0;
    let kept = 0;
    for (let p = 0; p < pieces; p++) {
      if (net.pieceForwardEdge[p] < 0 && net.pieceBackwardEdge[p] < 0) continue;
      count += start[p + 1] - start[p] - 1;
      latSum += lat[start[p]];
      kept++;
    }
    this.proj = projector(latSum / Math.max(1, kept));
    this.segPoint = new Int32Array(count);
    this.segPiece = new Int32Array(count);
    this.index = new Flatbush(Math.max(1, count));
    const { x, y } = this.proj;
    let s = 0;
    for (let p = 0; p < pieces; p++) {
      if (net.pieceForwardEdge[p] < 0 && net.pieceBackwardEdge[p] < 0) continue;
      for (let k = start[p]; k < start[p + 1] - 1; k++) {
        const x0 = x(lon[k]);
        const x1 = x(lon[k + 1]);
        const y0 = y(lat[k]);
        const y1 = y(lat[k + 1]);
        this.index.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
        this.segPoint[s] = k;
        this.segPiece[s++] = p;
      }
    }
    if (count === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
  }

  /** The closest point of the network to `loc`, or null when the mode has no segment. */
  nearest(loc: Location): Omit<SiteSnap, "id" | "location"> | null {
    if (this.segPoint.length === 0) return null;
    const qx = this.proj.x(loc.lon);
    const qy = this.proj.y(loc.lat);
    let best = { d2: Infinity, seg: -1, t: 0 };
    const consider = (seg: number): void => {
      const r = this.project(seg, qx, qy);
      if (r.d2 < best.d2) best = { d2: r.d2, seg, t: r.t };
    };
    for (const seg of this.index.neighbors(qx, qy, 8)) consider(seg);
    // boxes nearer than the best exact distance may hide a nearer segment: check them all
    for (const seg of this.index.neighbors(qx, qy, Infinity, Math.sqrt(best.d2))) consider(seg);
    const { lon, lat, cumM } = this.net.model.pieces;
    const k = this.segPoint[best.seg];
    const snapped = {
      lat: lat[k] + best.t * (lat[k + 1] - lat[k]),
      lon: lon[k] + best.t * (lon[k + 1] - lon[k]),
    };
    return {
      snapped,
      snapDistanceM: haversineM(loc.lat, loc.lon, snapped.lat, snapped.lon),
      piece: this.segPiece[best.seg],
      offsetM: cumM[k] + best.t * (cumM[k + 1] - cumM[k]),
    };
  }

  private project(seg: number, qx: number, qy: number): { d2: number; t: number } {
    const { lon, lat } = this.net.model.pieces;
    const k = this.segPoint[seg];
    const ax = this.proj.x(lon[k]);
    const ay = this.proj.y(lat[k]);
    const dx = this.proj.x(lon[k + 1]) - ax;
    const dy = this.proj.y(lat[k + 1]) - ay;
    const l2 = dx * dx + dy * dy;
    let t = l2 > 0 ? ((qx - ax) * dx + (qy - ay) * dy) / l2 : 0;
    t = Math.max(0, Math.min(1, t));
    const ex = ax + t * dx - qx;
    const ey = ay + t * dy - qy;
    return { d2: ex * ex + ey * ey, t };
  }
}

/**
 * Snaps every site to the nearest edge of the mode.
 * @throws UrbanmineError INVALID_INPUT naming every site farther than `maxSnapDistanceM`
 *   from the network (with its distance), e.g. points outside the network's extent.
 */
export function snapSites(
  index: SegmentIndex,
  sites: ReadonlyArray<{ id: string; location: Location }>,
  maxSnapDistanceM: number,
  networkLabel: string,
): SiteSnap[] {
  const snaps: SiteSnap[] = [];
  const far: Array<{ path: string; message: string }> = [];
  sites.forEach((site, i) => {
    const hit = index.nearest(site.location);
    if (!hit || hit.snapDistanceM > maxSnapDistanceM) {
      const how = hit ? `${Math.round(hit.snapDistanceM)} m` : "no network";
      far.push({
        path: `sites[${i}]`,
        message: `site '${site.id}' (lat ${site.location.lat}, lon ${site.location.lon}) is ${how} from the nearest road, beyond maxSnapDistanceM ${maxSnapDistanceM}`,
      });
      return;
    }
    snaps.push({ id: site.id, location: site.location, ...hit });
  });
  if (far.length > 0) {
    const names = far.slice(0, 10).map((f) => f.message);
    if (far.length > 10) names.push(`… and ${far.length - 10} more`);
    throw new UrbanmineError(
      "INVALID_INPUT",
      `${far.length} site(s) lie outside the network ${networkLabel}:\n  ${names.join("\n  ")}\nmove them onto the network's extent or raise network.maxSnapDistanceM`,
      far,
    );
  }
  return snaps;
}
