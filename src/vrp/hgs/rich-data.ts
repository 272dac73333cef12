// Search data for breaks, setup times and incompatible tags (see segment.ts for how segments
// price them). Breaks become customers after the jobs: a break has no location, a window and a
// duration, and counts 1 in a capacity dimension of its kind (same window and duration); each
// vehicle holds as many units of a kind as it has such breaks. Every break customer is routed,
// so a solution without excess gives each vehicle exactly its breaks; an unused vehicle keeps
// its own, and takes none.
import type { ProblemData } from "../data.js";
import type { HgsData } from "./hgs-data.js";
import { OPEN } from "./segment.js";

/** `h` (plain search data of `d`) with break customers and kinds, setup times and tags switched on. */
export function withRichFeatures(d: ProblemData, h: HgsData): HgsData {
  const nV = h.nVehicles;
  const kindOf = new Map<string, number>();
  const breakKind: number[] = [];
  for (let b = 0; b < d.breakServiceS.length; b++) {
    const key = `${d.breakStartS[b]}|${d.breakEndS[b]}|${d.breakServiceS[b]}`;
    let k = kindOf.get(key);
    if (k === undefined) {
      k = kindOf.size;
      kindOf.set(key, k);
    }
    breakKind.push(k);
  }
  const nB = breakKind.length;
  const d0 = h.nDims;
  const nDims = d0 + kindOf.size;
  const n0 = h.n;
  const n = n0 + nB;
  const grow = <T extends Int32Array | Float64Array | Uint8Array>(arr: T, fill: number): T => {
    const out = new (arr.constructor as new (k: number) => T)(n);
    out.set(arr);
    out.fill(fill, n0);
    return out;
  };
  const amounts = new Float64Array(n * nDims);
  for (let c = 0; c < n0; c++) for (let q = 0; q < d0; q++) amounts[c * nDims + q] = h.amounts[c * d0 + q];
  const serviceS = grow(h.serviceS, 0);
  const readyS = grow(h.readyS, 0);
  const dueS = grow(h.dueS, 0);
  const breakOf = grow(h.breakOf, -1);
  for (let b = 0; b < nB; b++) {
    const c = n0 + b;
    amounts[c * nDims + d0 + breakKind[b]] = 1;
    serviceS[c] = d.breakServiceS[b];
    readyS[c] = Math.max(-OPEN, d.breakStartS[b]);
    dueS[c] = Math.min(OPEN, d.breakEndS[b]);
    breakOf[c] = b;
  }
  const widen = (arr: Float64Array): Float64Array => {
    const out = new Float64Array(nV * nDims);
    for (let v = 0; v < nV; v++) for (let q = 0; q < d0; q++) out[v * nDims + q] = arr[v * d0 + q];
    return out;
  };
  const vCapacity = widen(h.vCapacity);
  for (let v = 0; v < nV; v++)
    for (let b = d.vBreakOffset[v]; b < d.vBreakOffset[v + 1]; b++) vCapacity[v * nDims + d0 + breakKind[b]]++;
  const loadWeight = new Float64Array(nDims);
  loadWeight.set(h.loadWeight);
  let cap0 = 0;
  for (let v = 0; v < nV; v++) cap0 = Math.max(cap0, h.vCapacity[v * d0]);
  // a break missing on one vehicle (and so too many on another) weighs like a full load of excess
  loadWeight.fill(Math.min(1e6, Math.max(1, cap0)), d0);
  const isBreak = new Uint8Array(n).fill(1, n0);
  const ship = shipments(d, h, n, amounts, nDims);
  return {
    ...h,
    ...ship,
    n,
    nDims,
    rich: true,
    isBreak,
    nJobCustomers: n0,
    nJobDims: d0,
    jobOf: grow(h.jobOf, -1),
    breakOf,
    // a break has no location: the start depot of the first vehicle stands in where a node needs one
    loc: grow(h.loc, h.vStart[0]),
    amounts,
    demand: Float64Array.from({ length: n }, (_, c) => amounts[c * nDims]),
    serviceS,
    readyS,
    dueS,
    jobMask: growMask(h.jobMask, h.maskWords, n),
    // breaks are never left out (see HgsData.prize), and have no other copy
    priority: grow(h.priority, 0),
    prize: grow(h.prize, Infinity),
    nextCopy: Int32Array.from({ length: n }, (_, c) => (c < n0 ? h.nextCopy[c] : c)),
    setupS: grow(h.setupS, 0),
    tags: grow(h.tags, 0),
    vCapacity,
    vInitialLoad: widen(h.vInitialLoad),
    startLoad: widen(h.startLoad),
    loadWeight,
  };
}

/**
 * Shipment pairs between customers; a delivery's amounts turn negative (in `amounts`, in place).
 * Keys come from a fixed-seed generator: the same problem always gets the same keys.
 */
function shipments(d: ProblemData, h: HgsData, n: number, amounts: Float64Array, nDims: number): Pick<HgsData, "hasShipments" | "partner" | "delivers" | "shipKey"> {
  const partner = new Int32Array(n).fill(-1);
  const delivers = new Uint8Array(n);
  const shipKey = new Int32Array(2 * n);
  const custOf = new Map<number, number>();
  for (let c = 0; c < h.n; c++) custOf.set(h.jobOf[c], c);
  let state = 0x9e3779b9;
  const next = (): number => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state | 0;
  };
  let any = false;
  for (let c = 0; c < h.n; c++) {
    const other = d.jobPartner[h.jobOf[c]];
    if (other < 0) continue;
    const pc = custOf.get(other);
    if (pc === undefined) continue;
    any = true;
    partner[c] = pc;
    if (d.jobDelivers[h.jobOf[c]]) {
      delivers[c] = 1;
      for (let q = 0; q < nDims; q++) amounts[c * nDims + q] = -amounts[c * nDims + q];
    } else {
      shipKey[2 * c] = shipKey[2 * pc] = next() | 1;
      shipKey[2 * c + 1] = shipKey[2 * pc + 1] = next();
    }
  }
  return { hasShipments: any, partner, delivers, shipKey };
}

/** Skill-group masks of `h`'s customers, then -1 (every group) for the break customers up to n. */
function growMask(mask: Int32Array, words: number, n: number): Int32Array {
  const out = new Int32Array(n * words).fill(-1);
  out.set(mask);
  return out;
}
