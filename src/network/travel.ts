// Travel figures for a scenario's sites: one matrix per mode and the drawn path of any leg.
// Without a network file: great-circle × circuity, and legs drawn as straight lines.
import type { Location, Scenario, TravelMatrix } from "../domain/index.js";
import { greatCircleMatrix } from "./great-circle.js";

export interface TravelSite {
  id: string;
  location: Location;
}

export interface TravelRequest {
  sites: TravelSite[];
  network: Scenario["network"];
  /** Folder that relative network file paths are resolved against. */
  baseDir: string;
}

export interface TravelResult {
  road: TravelMatrix;
  rail?: TravelMatrix;
  /** The leg from one site to another as GeoJSON [lon, lat] positions. */
  legGeometry(fromId: string, toId: string): Array<[number, number]>;
}

/** Travel matrices between `req.sites` (ids in the given order). */
export async function computeTravel(req: TravelRequest): Promise<TravelResult> {
  const road = greatCircleMatrix(req.sites, req.network.circuityFactor, req.network.roadSpeedKmh);
  const byId = new Map(req.sites.map((s) => [s.id, s.location]));
  return {
    road,
    legGeometry(fromId, toId) {
      const a = byId.get(fromId);
      const b = byId.get(toId);
      if (!a || !b) throw new Error(`no site '${a ? toId : fromId}' in the travel request`);
      return [
        [a.lon, a.lat],
        [b.lon, b.lat],
      ];
    },
  };
}
