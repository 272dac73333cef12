// Search data for unload trips: a vehicle with maxTrips > 1 and unload locations empties its
// load at a hub mid-shift. Each unload is a customer after the jobs: at one unload location,
// taking the vehicle's unloadS, bound to its skill group (vehicles of a group share their
// unload locations, time, capacity and trips), amounts 0. Its segment ends a trip (segment.ts:
// the load after it starts again from 0, the trip before it is checked against the capacity).
// Unloads are optional and worth nothing in themselves: the local search adds one where it
// lowers the penalised cost and takes out one that does not pay; at most maxTrips - 1 a route.
import type { ProblemData } from "../data.js";
import type { HgsData } from "./hgs-data.js";
import { GROUP_BITS, OPEN } from "./segment.js";

/** The part of a vehicle's skill-group key that unload trips add ("" without trips). */
export function tripsKey(d: ProblemData, v: number): string {
  if (!hasTrips(d, v)) return "";
  const locs = Array.from(d.vUnloadLoc.subarray(d.vUnloadOffset[v], d.vUnloadOffset[v + 1]));
  const cap = Array.from(d.vCapacity.subarray(v * d.nDims, (v + 1) * d.nDims));
  return `|trips ${d.vMaxTrips[v]} ${d.vUnloadS[v]} ${locs.join(",")} ${cap.join(",")}`;
}

/** Vehicle v may unload mid-shift. */
export function hasTrips(d: ProblemData, v: number): boolean {
  return d.vMaxTrips[v] > 1 && d.vUnloadOffset[v + 1] > d.vUnloadOffset[v];
}

/** `h` (plain search data of `d`) with an unload customer per vehicle, trip and unload location. */
export function withUnloadTrips(d: ProblemData, h: HgsData): HgsData {
  const nV = h.nVehicles;
  const unloadVehicle: number[] = [];
  const unloadLoc: number[] = [];
  for (let v = 0; v < nV; v++) {
    if (!hasTrips(d, v)) continue;
    for (let k = 1; k < d.vMaxTrips[v]; k++)
      for (let o = d.vUnloadOffset[v]; o < d.vUnloadOffset[v + 1]; o++) {
        unloadVehicle.push(v);
        unloadLoc.push(d.vUnloadLoc[o]);
      }
  }
  const n0 = h.n;
  const n = n0 + unloadVehicle.length;
  const grow = <T extends Int32Array | Float64Array | Uint8Array>(arr: T, width: number, fill: number): T => {
    const out = new (arr.constructor as new (k: number) => T)(n * width);
    out.fill(fill);
    out.set(arr.subarray(0, n0 * width));
    return out;
  };
  const words = h.maskWords;
  const jobMask = grow(h.jobMask, words, 0);
  const loc = grow(h.loc, 1, 0);
  const serviceS = grow(h.serviceS, 1, 0);
  unloadVehicle.forEach((v, k) => {
    const c = n0 + k;
    const g = h.vGroup[v];
    const w = (g / GROUP_BITS) | 0;
    jobMask[c * words + w] = 1 << (g - w * GROUP_BITS);
    loc[c] = unloadLoc[k];
    serviceS[c] = d.vUnloadS[v];
  });
  return {
    ...h,
    n,
    hasTrips: true,
    isUnload: new Uint8Array(n).fill(1, n0),
    unloadVehicle: Int32Array.from({ length: n }, (_, c) => (c < n0 ? -1 : unloadVehicle[c - n0])),
    vMaxUnloads: Int32Array.from({ length: nV }, (_, v) => (hasTrips(d, v) ? d.vMaxTrips[v] - 1 : 0)),
    jobOf: grow(h.jobOf, 1, -1),
    loc,
    amounts: grow(h.amounts, h.nDims, 0),
    demand: grow(h.demand, 1, 0),
    serviceS,
    readyS: grow(h.readyS, 1, -OPEN),
    dueS: grow(h.dueS, 1, OPEN),
    jobMask,
    priority: grow(h.priority, 1, 0),
    prize: grow(h.prize, 1, 0),
    nextCopy: Int32Array.from({ length: n }, (_, c) => (c < n0 ? h.nextCopy[c] : c)),
    isBreak: grow(h.isBreak, 1, 0),
    setupS: grow(h.setupS, 1, 0),
    tags: grow(h.tags, 1, 0),
    breakOf: grow(h.breakOf, 1, -1),
    partner: grow(h.partner, 1, -1),
    delivers: grow(h.delivers, 1, 0),
    shipKey: grow(h.shipKey, 2, 0),
  };
}
