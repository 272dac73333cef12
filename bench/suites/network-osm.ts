// Road-network fixtures for the network suite: the Baltimore extract imported once per process,
// and seeded sites inside its extent snapped to it.
import { type LoadedNetwork, type SnapAnchors, buildAnchors, loadNetwork, snapSites } from "../../src/network/index.js";
import { makeRng, randomIn } from "../harness/rng.js";
import type { BenchContext } from "../harness/types.js";
import { sharedFile } from "./shared-data.js";

let baltimore: Promise<LoadedNetwork> | undefined;

/** The Baltimore road network (imported on first use, then shared by the cases). */
export function loadBaltimore(ctx: BenchContext): Promise<LoadedNetwork> {
  const file = sharedFile(ctx, "data/osm/baltimore.osm.pbf");
  baltimore ??= loadNetwork(file);
  return baltimore;
}

/** `count` seeded sites inside the road network's extent, snapped, as matrix anchors. */
export function baltimoreAnchors(net: LoadedNetwork, count: number, seed: number): SnapAnchors {
  const { lat, lon } = net.road.model.pieces;
  let [south, north, west, east] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < lat.length; i++) {
    south = Math.min(south, lat[i]);
    north = Math.max(north, lat[i]);
    west = Math.min(west, lon[i]);
    east = Math.max(east, lon[i]);
  }
  const rng = makeRng(seed);
  const sites = Array.from({ length: count }, (_, i) => ({
    id: `s${i}`,
    location: { lat: randomIn(rng, south, north), lon: randomIn(rng, west, east) },
  }));
  return buildAnchors(net.road, snapSites(net.road.segments, sites, 5000, net.label));
}
