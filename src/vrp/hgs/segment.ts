// Route segments for O(1) move evaluation (Vidal et al. 2013, "time-warp" concatenation; as
// PyVRP composes DistanceSegment, LoadSegment and DurationSegment): distance, load in every
// dimension, duration with waiting, time warp, earliest and latest start, customer count and
// the skill groups that may serve all of it. A route's cost and penalties come from its
// whole segment and its vehicle.
// Breaks and setup times (data.rich): a break has no location of its own; it is taken where
// the vehicle is, before driving on, so a segment keeps its leading breaks apart (the `l*`
// fields, a time-only block priced before the travel into the segment) from its core (first
// to last located visit). A job with a setup time pays it only when arriving from another
// location: the core keeps a second schedule (`s*` fields) for a first visit that pays it.
// Incompatible tags: the OR of the visits' tag bits.
// Unload trips (data.hasTrips): `load`/`more` hold the load since the segment's last unload;
// `head` the load before its first; `over` the capacity excess of the trips closed inside it
// (as PyVRP's load segments finalise a trip at a reload depot).
// Both together (richTripCat): an unload empties the vehicle, so incompatible tags and whole
// shipments hold per trip, as capacity does: the head part (before the first unload) keeps its
// own peak, tags and shipment keys, the last part (since the last unload) the usual fields, and
// the trips closed inside count their tag conflicts and split shipments. Break kinds are counted
// per route, not per trip (an unload does not give the driver's breaks back).
import type { HgsData } from "./hgs-data.js";

/** Stand-in for an open window bound (finite, so segment arithmetic never meets Infinity - Infinity). */
export const OPEN = 1e15;

/** A sequence of visits summarised; mutable scratch object. */
export class Segment {
  first = 0;
  last = 0;
  dist = 0;
  /** Load in dimension 0; dimensions 1.. in `more`. */
  load = 0;
  readonly more: Float64Array;
  /** Duration including service and waiting. */
  dur = 0;
  /** Time warp: how much the schedule must travel back in time to meet the windows. */
  tw = 0;
  /** Earliest and latest start of the segment that achieve `dur` and `tw`. */
  e = 0;
  l = 0;
  /** Customers in the segment. */
  count = 0;
  /** Skill groups able to serve every customer of the segment: groups 0..29 (bits), then 30 more per word of `moreMask`. */
  mask = -1;
  readonly moreMask: Int32Array;
  /** False for a segment of breaks only (no location yet). */
  core = true;
  /** Leading breaks (before the first located visit): duration, time warp, earliest and latest start. */
  ldur = 0;
  ltw = 0;
  le = -OPEN;
  ll = OPEN;
  /** Setup of the first located visit (0: none), and the core's schedule when it is paid. */
  su = 0;
  sdur = 0;
  stw = 0;
  se = 0;
  sl = 0;
  /** Incompatible-tag bits of the visits. */
  tags = 0;
  /** Shipments: highest load reached (from the segment's start, at least 0) in dimension 0, and in `morePeak`. */
  peak = 0;
  readonly morePeak: Float64Array;
  /** Shipments: XOR of the visits' shipment keys (0 when every shipment in it is whole). */
  sx1 = 0;
  sx2 = 0;
  /** Unload trips: unloads in the segment; load before the first (dimension 0, then `moreHead`). */
  trips = 0;
  head = 0;
  readonly moreHead: Float64Array;
  /** Unload trips: weighted capacity excess of the trips between the segment's unloads. */
  over = 0;
  /** Unload trips: the vehicle (group) whose capacity the trip ending at the first unload is held to. */
  uv = -1;
  /** Unload trips with tags or shipments: the head part's peak (dimension 0, then `moreHeadPeak`), tags and shipment keys. */
  headPeak = 0;
  readonly moreHeadPeak: Float64Array;
  htags = 0;
  hx1 = 0;
  hx2 = 0;
  /** Unload trips with tags or shipments: trips closed inside holding incompatible tags, or a shipment not whole. */
  xtags = 0;
  xship = 0;
  /** More than one load dimension or skill-mask word: the typed-array fields are in use (else empty, never copied). */
  readonly wide: boolean;

  constructor(nDims = 1, maskWords = 1) {
    this.wide = nDims > 1 || maskWords > 1;
    this.more = new Float64Array(Math.max(0, nDims - 1));
    this.moreMask = new Int32Array(Math.max(0, maskWords - 1)).fill(-1);
    this.moreHead = new Float64Array(Math.max(0, nDims - 1));
    this.morePeak = new Float64Array(Math.max(0, nDims - 1));
    this.moreHeadPeak = new Float64Array(Math.max(0, nDims - 1));
  }

  copyFrom(s: Segment): this {
    this.first = s.first;
    this.last = s.last;
    this.dist = s.dist;
    this.load = s.load;
    this.dur = s.dur;
    this.tw = s.tw;
    this.e = s.e;
    this.l = s.l;
    this.count = s.count;
    this.mask = s.mask;
    this.core = s.core;
    this.ldur = s.ldur;
    this.ltw = s.ltw;
    this.le = s.le;
    this.ll = s.ll;
    this.su = s.su;
    this.sdur = s.sdur;
    this.stw = s.stw;
    this.se = s.se;
    this.sl = s.sl;
    this.tags = s.tags;
    this.peak = s.peak;
    this.sx1 = s.sx1;
    this.sx2 = s.sx2;
    this.trips = s.trips;
    this.head = s.head;
    this.over = s.over;
    this.uv = s.uv;
    this.headPeak = s.headPeak;
    this.htags = s.htags;
    this.hx1 = s.hx1;
    this.hx2 = s.hx2;
    this.xtags = s.xtags;
    this.xship = s.xship;
    // typed-array copies are builtin calls: only when the arrays hold anything
    if (this.wide) {
      copyInto(this.more, s.more);
      copyInto(this.moreMask, s.moreMask);
      copyInto(this.morePeak, s.morePeak);
      copyInto(this.moreHead, s.moreHead);
      copyInto(this.moreHeadPeak, s.moreHeadPeak);
    }
    return this;
  }

  /** No unload in the segment: the load before the first is all of it. */
  noTrips(): this {
    this.trips = 0;
    this.head = this.load;
    if (this.wide) copyInto(this.moreHead, this.more);
    this.over = 0;
    this.uv = -1;
    this.xtags = this.xship = 0;
    return this;
  }

  /** No leading breaks, no setup, no tags: a plain located segment. */
  plain(): this {
    this.core = true;
    this.ldur = this.ltw = 0;
    this.le = -OPEN;
    this.ll = OPEN;
    this.su = 0;
    this.sdur = this.dur;
    this.stw = this.tw;
    this.se = this.e;
    this.sl = this.l;
    this.tags = 0;
    this.peak = this.load > 0 ? this.load : 0;
    for (let q = 0; q < this.more.length; q++) this.morePeak[q] = this.more[q] > 0 ? this.more[q] : 0;
    this.sx1 = this.sx2 = 0;
    return this;
  }
}

/** dst = src, element by element (a loop: TypedArray.set is a builtin call, dear on arrays of one or two). */
function copyInto(dst: Float64Array | Int32Array, src: Float64Array | Int32Array): void {
  for (let q = 0; q < dst.length; q++) dst[q] = src[q];
}

/** Time summary scratch: [dur, tw, e, l]. */
const T = new Float64Array(4);

/** T = (ad, at, ae, al) then t seconds of travel then (bd, bt, be, bl): Vidal's time-warp concatenation. */
function timeCat(ad: number, at: number, ae: number, al: number, t: number, bd: number, bt: number, be: number, bl: number): void {
  const delta = ad - at + t;
  const wait = Math.max(be - delta - al, 0);
  const warp = Math.max(ae + delta - bl, 0);
  T[0] = ad + bd + t + wait;
  T[1] = at + bt + warp;
  T[2] = Math.max(be - delta, ae) - wait;
  T[3] = Math.min(bl - delta, al) + warp;
}

/** concat for data with breaks, setup times or tags (see the file header). */
function concatRich(data: HgsData, a: Segment, b: Segment, out: Segment): Segment {
  if (data.hasTrips) richTripCat(data, a, b, out);
  else {
    if (data.hasShipments) {
      // peaks before the sums: out may alias a
      addPeaks(a, b, 0, out.more.length, true, out);
      out.sx1 = a.sx1 ^ b.sx1;
      out.sx2 = a.sx2 ^ b.sx2;
    }
    addLoads(a, b, 0, out.more.length, true, out);
    out.tags = a.tags | b.tags;
  }
  out.count = a.count + b.count;
  out.mask = a.mask & b.mask;
  for (let w = 0; w < out.moreMask.length; w++) out.moreMask[w] = a.moreMask[w] & b.moreMask[w];
  if (!a.core) {
    // a holds breaks only: they lead b
    timeCat(a.ldur, a.ltw, a.le, a.ll, 0, b.ldur, b.ltw, b.le, b.ll);
    out.first = b.first;
    out.last = b.last;
    out.dist = b.dist;
    out.dur = b.dur;
    out.tw = b.tw;
    out.e = b.e;
    out.l = b.l;
    out.su = b.su;
    out.sdur = b.sdur;
    out.stw = b.stw;
    out.se = b.se;
    out.sl = b.sl;
    out.core = b.core;
    out.ldur = T[0];
    out.ltw = T[1];
    out.le = T[2];
    out.ll = T[3];
    return out;
  }
  // a's core, then b's leading breaks where a ends, then the travel, then b's core
  timeCat(a.dur, a.tw, a.e, a.l, 0, b.ldur, b.ltw, b.le, b.ll);
  let d1 = T[0], t1 = T[1], e1 = T[2], l1 = T[3];
  timeCat(a.sdur, a.stw, a.se, a.sl, 0, b.ldur, b.ltw, b.le, b.ll);
  let d2 = T[0], t2 = T[1], e2 = T[2], l2 = T[3];
  let dist = a.dist;
  if (b.core) {
    const leg = a.last * data.nLoc + b.first;
    const t = data.time[leg];
    dist += data.dist[leg] + b.dist;
    const paid = b.su > 0 && a.last !== b.first;
    const bd = paid ? b.sdur : b.dur;
    const bt = paid ? b.stw : b.tw;
    const be = paid ? b.se : b.e;
    const bl = paid ? b.sl : b.l;
    timeCat(d1, t1, e1, l1, t, bd, bt, be, bl);
    d1 = T[0];
    t1 = T[1];
    e1 = T[2];
    l1 = T[3];
    timeCat(d2, t2, e2, l2, t, bd, bt, be, bl);
    d2 = T[0];
    t2 = T[1];
    e2 = T[2];
    l2 = T[3];
    out.last = b.last;
  } else out.last = a.last;
  out.first = a.first;
  out.dist = dist;
  out.dur = d1;
  out.tw = t1;
  out.e = e1;
  out.l = l1;
  out.su = a.su;
  out.sdur = d2;
  out.stw = t2;
  out.se = e2;
  out.sl = l2;
  out.core = true;
  out.ldur = a.ldur;
  out.ltw = a.ltw;
  out.le = a.le;
  out.ll = a.ll;
  return out;
}

/** out.morePeak[q0..q1) (and out.peak when `dim0`) of a then b, a's peak read before out is written; out may alias a. */
function addPeaks(a: Segment, b: Segment, q0: number, q1: number, dim0: boolean, out: Segment): void {
  for (let q = q0; q < q1; q++) {
    const p = a.more[q] + b.morePeak[q];
    out.morePeak[q] = a.morePeak[q] > p ? a.morePeak[q] : p;
  }
  if (!dim0) return;
  const p0 = a.load + b.peak;
  out.peak = a.peak > p0 ? a.peak : p0;
}

/** out.more[q0..q1) (and out.load when `dim0`) as a's plus b's; out may alias a. */
function addLoads(a: Segment, b: Segment, q0: number, q1: number, dim0: boolean, out: Segment): void {
  for (let q = q0; q < q1; q++) out.more[q] = a.more[q] + b.more[q];
  if (dim0) out.load = a.load + b.load;
}

/** Trip fields of `a` (its unloads, head part, trips closed inside) copied to `out`. */
function copyTrips(a: Segment, out: Segment): void {
  out.trips = a.trips;
  out.head = a.head;
  copyInto(out.moreHead, a.moreHead);
  out.over = a.over;
  out.uv = a.uv;
  out.headPeak = a.headPeak;
  copyInto(out.moreHeadPeak, a.moreHeadPeak);
  out.htags = a.htags;
  out.hx1 = a.hx1;
  out.hx2 = a.hx2;
  out.xtags = a.xtags;
  out.xship = a.xship;
}

/**
 * Load, tag and shipment fields of a ⊕ b with unload trips and breaks, setup times, tags or
 * shipments (see the file header); out may alias a, not b.
 */
function richTripCat(data: HgsData, a: Segment, b: Segment, out: Segment): void {
  const nm = out.more.length;
  // dimensions 1..nJobDims-1 are emptied at an unload; break kinds (after them) count per route
  const nq = data.nJobDims - 1;
  const ship = data.hasShipments;
  if (ship) addPeaks(a, b, nq, nm, false, out);
  addLoads(a, b, nq, nm, false, out);
  if (b.trips === 0) {
    // b adds to a's last part
    if (ship) {
      addPeaks(a, b, 0, nq, true, out);
      out.sx1 = a.sx1 ^ b.sx1;
      out.sx2 = a.sx2 ^ b.sx2;
    }
    addLoads(a, b, 0, nq, true, out);
    out.tags = a.tags | b.tags;
    if (out !== a) copyTrips(a, out);
    return;
  }
  const cap = data.vCapacity;
  const w = data.loadWeight;
  if (a.trips === 0) {
    // a opens b's first trip
    if (ship) {
      for (let q = 0; q < nq; q++) {
        const p = a.more[q] + b.moreHeadPeak[q];
        out.moreHeadPeak[q] = a.morePeak[q] > p ? a.morePeak[q] : p;
      }
      const p0 = a.load + b.headPeak;
      out.headPeak = a.peak > p0 ? a.peak : p0;
    }
    for (let q = 0; q < nq; q++) out.moreHead[q] = a.more[q] + b.moreHead[q];
    out.head = a.load + b.head;
    out.htags = a.tags | b.htags;
    out.hx1 = a.sx1 ^ b.hx1;
    out.hx2 = a.sx2 ^ b.hx2;
    out.over = b.over;
    out.uv = b.uv;
    out.xtags = b.xtags;
    out.xship = b.xship;
  } else {
    // a's last part and b's head part are one trip, closed by b's first unload
    const base = b.uv * data.nDims;
    let x = 0;
    if (ship) {
      const p0 = a.load + b.headPeak;
      x = excessOver(a.peak > p0 ? a.peak : p0, cap[base]);
      for (let q = 0; q < nq; q++) {
        const p = a.more[q] + b.moreHeadPeak[q];
        x += excessOver(a.morePeak[q] > p ? a.morePeak[q] : p, cap[base + 1 + q]) * w[q + 1];
      }
    } else {
      x = excessOver(a.load + b.head, cap[base]);
      for (let q = 0; q < nq; q++) x += excessOver(a.more[q] + b.moreHead[q], cap[base + 1 + q]) * w[q + 1];
    }
    const tags = a.tags | b.htags;
    const clash = tags !== 0 && hasConflict(data.tagConflict, tags) ? 1 : 0;
    const split = (a.sx1 ^ b.hx1) !== 0 || (a.sx2 ^ b.hx2) !== 0 ? 1 : 0;
    const over = a.over + b.over + x;
    const xtags = a.xtags + b.xtags + clash;
    const xship = a.xship + b.xship + split;
    if (out !== a) copyTrips(a, out);
    out.over = over;
    out.xtags = xtags;
    out.xship = xship;
  }
  // the last part is b's
  for (let q = 0; q < nq; q++) out.more[q] = b.more[q];
  out.load = b.load;
  if (ship) {
    for (let q = 0; q < nq; q++) out.morePeak[q] = b.morePeak[q];
    out.peak = b.peak;
  }
  out.sx1 = b.sx1;
  out.sx2 = b.sx2;
  out.tags = b.tags;
  out.trips = a.trips + b.trips;
}

/** out = a ⊕ b (out may alias a, not b). */
export function concat(data: HgsData, a: Segment, b: Segment, out: Segment): Segment {
  if (data.rich || data.hasTrips || out.wide) return concatWide(data, a, b, out);
  // one load dimension, one skill-mask word, no unload trips (classic CVRP/VRPTW): the fields
  // the other cases add are never read here
  const leg = a.last * data.nLoc + b.first;
  if (data.hasTimeWindows) timeWindowsCat(a, data.time[leg], b, out);
  out.dist = a.dist + data.dist[leg] + b.dist;
  out.load = a.load + b.load;
  out.first = a.first;
  out.last = b.last;
  out.count = a.count + b.count;
  out.mask = a.mask & b.mask;
  return out;
}

/** Time fields of a ⊕ b, t seconds of travel between (Vidal's time-warp concatenation; out may alias a, not b). */
function timeWindowsCat(a: Segment, t: number, b: Segment, out: Segment): void {
  const delta = a.dur - a.tw + t;
  const wait = Math.max(b.e - delta - a.l, 0);
  const warp = Math.max(a.e + delta - b.l, 0);
  const dur = a.dur + b.dur + t + wait;
  const tw = a.tw + b.tw + warp;
  const e = Math.max(b.e - delta, a.e) - wait;
  const l = Math.min(b.l - delta, a.l) + warp;
  out.dur = dur;
  out.tw = tw;
  out.e = e;
  out.l = l;
}

/** concat with breaks, setup or tags, unload trips, several load dimensions or skill-mask words. */
function concatWide(data: HgsData, a: Segment, b: Segment, out: Segment): Segment {
  if (data.rich) return concatRich(data, a, b, out);
  const leg = a.last * data.nLoc + b.first;
  const t = data.time[leg];
  const dist = a.dist + data.dist[leg] + b.dist;
  const load = a.load + b.load;
  if (data.hasTimeWindows) timeWindowsCat(a, t, b, out);
  if (data.hasTrips) tripCat(data, a, b, out);
  else {
    const more = out.more;
    for (let q = 0; q < more.length; q++) more[q] = a.more[q] + b.more[q];
    out.load = load;
  }
  out.first = a.first;
  out.last = b.last;
  out.dist = dist;
  out.count = a.count + b.count;
  out.mask = a.mask & b.mask;
  for (let w = 0; w < out.moreMask.length; w++) out.moreMask[w] = a.moreMask[w] & b.moreMask[w];
  return out;
}

/** Load fields of a ⊕ b with unload trips (see the file header); out may alias a, not b. */
function tripCat(data: HgsData, a: Segment, b: Segment, out: Segment): void {
  const nq = out.more.length;
  if (b.trips === 0) {
    // b adds to a's last trip
    for (let q = 0; q < nq; q++) out.more[q] = a.more[q] + b.more[q];
    out.load = a.load + b.load;
    if (a.trips === 0) {
      out.head = out.load;
      copyInto(out.moreHead, out.more);
    } else {
      out.head = a.head;
      copyInto(out.moreHead, a.moreHead);
    }
    out.over = a.over;
    out.trips = a.trips;
    out.uv = a.uv;
    return;
  }
  if (a.trips === 0) {
    // a's load opens b's first trip
    for (let q = 0; q < nq; q++) out.moreHead[q] = a.more[q] + b.moreHead[q];
    out.head = a.load + b.head;
    out.over = b.over;
    out.uv = b.uv;
  } else {
    // a's last trip and b's first are one trip, ended by b's first unload
    const base = b.uv * data.nDims;
    let x = excessOver(a.load + b.head, data.vCapacity[base]);
    for (let q = 0; q < nq; q++) x += excessOver(a.more[q] + b.moreHead[q], data.vCapacity[base + 1 + q]) * data.loadWeight[q + 1];
    out.head = a.head;
    copyInto(out.moreHead, a.moreHead);
    out.over = a.over + b.over + x;
    out.uv = a.uv;
  }
  copyInto(out.more, b.more);
  out.load = b.load;
  out.trips = a.trips + b.trips;
}

function excessOver(load: number, capacity: number): number {
  return load > capacity ? load - capacity : 0;
}

/** Sets `out` to the single visit of customer c. */
export function visitCustomer(data: HgsData, c: number, out: Segment): Segment {
  out.first = out.last = data.loc[c];
  out.load = data.demand[c];
  out.dur = data.serviceS[c];
  out.e = data.readyS[c];
  out.l = data.dueS[c];
  out.dist = 0;
  out.tw = 0;
  out.count = 1;
  if (out.wide) {
    const more = out.more;
    const base = c * data.nDims + 1;
    for (let q = 0; q < more.length; q++) more[q] = data.amounts[base + q];
    const words = out.moreMask.length + 1;
    out.mask = data.jobMask[c * words];
    for (let w = 1; w < words; w++) out.moreMask[w - 1] = data.jobMask[c * words + w];
  } else out.mask = data.jobMask[c];
  if (data.hasTrips || data.rich) visitFeatures(data, c, out);
  return out;
}

/** visitCustomer's fields for unload trips, breaks, setup, tags and shipments (apart: keeps the plain visit small). */
function visitFeatures(data: HgsData, c: number, out: Segment): void {
  if (data.hasTrips) {
    out.noTrips();
    if (data.isUnload[c]) {
      // an unload is no stop: it ends a trip
      out.count = 0;
      out.trips = 1;
      out.uv = data.unloadVehicle[c];
      out.headPeak = out.htags = out.hx1 = out.hx2 = 0;
      out.moreHeadPeak.fill(0);
    }
  }
  if (data.rich) {
    out.plain();
    out.tags = data.tags[c];
    out.sx1 = data.shipKey[2 * c];
    out.sx2 = data.shipKey[2 * c + 1];
    const u = data.setupS[c];
    if (u > 0) {
      out.su = u;
      out.sdur += u;
    }
    if (data.isBreak[c]) {
      // no location: a leading block of its own
      out.count = 0;
      out.core = false;
      out.first = out.last = -1;
      out.ldur = out.dur;
      out.le = out.e;
      out.ll = out.l;
      out.dur = out.sdur = 0;
      out.e = out.se = -OPEN;
      out.l = out.sl = OPEN;
    }
  }
}

/**
 * Sets `out` to the end depot visit of vehicle v (`end`), or to its start segment: the start
 * depot with the load on board, then its locked prefix if it has one.
 */
export function visitDepot(data: HgsData, v: number, end: boolean, out: Segment): Segment {
  const more = out.more;
  if (end) {
    out.first = out.last = data.vEnd[v];
    out.load = 0;
    for (let q = 0; q < more.length; q++) more[q] = 0;
    out.dur = out.dist = out.tw = out.count = 0;
    out.e = data.vReadyS[v];
    out.l = data.vDueS[v];
    out.mask = -1;
    if (out.wide) out.moreMask.fill(-1);
    if (data.rich) out.plain();
    if (data.hasTrips) out.noTrips();
    return out;
  }
  const base = v * data.nDims;
  out.first = data.vStart[v];
  out.last = data.startLoc[v];
  out.load = data.startLoad[base];
  for (let q = 0; q < more.length; q++) more[q] = data.startLoad[base + 1 + q];
  out.dur = data.startDur[v];
  out.e = data.startE[v];
  out.l = data.startL[v];
  out.dist = data.startDist[v];
  out.tw = data.startTw[v];
  out.count = data.startCount[v];
  const words = out.moreMask.length + 1;
  out.mask = data.startMask[v * words];
  for (let w = 1; w < words; w++) out.moreMask[w - 1] = data.startMask[v * words + w];
  if (data.rich) {
    out.plain();
    out.tags = data.startTags[v];
  }
  if (data.hasTrips) out.noTrips();
  return out;
}

/** Cost (in the data's cost unit) of vehicle v driving the whole route segment `s`, without penalties. */
export function routeObjective(data: HgsData, s: Segment, v: number): number {
  if (data.giantTour) return s.dist;
  if (s.count === 0) return 0;
  const paid = s.dur > data.vMinPaidS[v] ? s.dur : data.vMinPaidS[v];
  return data.vFixed[v] + data.vPerKm[v] * s.dist + data.vPerS[v] * paid + data.vPerStop[v] * s.count;
}

/** Penalty for an incompatible customer on a route (skills are never traded against cost). */
const INCOMPATIBLE = 1e9;

/** Load-type excess of vehicle v on `s`: capacity (weighted dimensions), tasks beyond the limit, skills. */
export function loadExcess(data: HgsData, s: Segment, v: number): number {
  let x = capacityExcess(data, s, v);
  if (data.hasShipments && splitsShipment(s)) x += INCOMPATIBLE;
  if (data.giantTour) return x;
  const cap0 = data.vCapacity[v * data.nDims];
  if (s.count > data.vMaxTasks[v]) x += (s.count - data.vMaxTasks[v]) * cap0;
  if (s.trips > 0 && s.trips > data.vMaxUnloads[v]) x += (s.trips - data.vMaxUnloads[v]) * cap0;
  if (s.count > 0 && !serves(s, data.vGroup[v])) x += INCOMPATIBLE;
  if (data.rich && mixesTags(data, s)) x += INCOMPATIBLE;
  return x;
}

/** Some trip of `s` holds two tags that may not share a vehicle (without unloads: the whole of `s`). */
export function mixesTags(data: HgsData, s: Segment): boolean {
  if (s.tags !== 0 && hasConflict(data.tagConflict, s.tags)) return true;
  return s.trips > 0 && (s.xtags > 0 || (s.htags !== 0 && hasConflict(data.tagConflict, s.htags)));
}

/** Some trip of `s` holds one end of a shipment only (a shipment's pickup and delivery share a trip). */
export function splitsShipment(s: Segment): boolean {
  if (s.sx1 !== 0 || s.sx2 !== 0) return true;
  return s.trips > 0 && (s.xship > 0 || s.hx1 !== 0 || s.hx2 !== 0);
}

/** Weighted load beyond vehicle v's capacity on `s`: its highest point with shipments, every trip's with unloads. */
export function capacityExcess(data: HgsData, s: Segment, v: number): number {
  const nDims = data.nDims;
  const base = v * nDims;
  const cap = data.vCapacity;
  // with shipments the load rises and falls: its highest point counts, not its sum
  const ship = data.hasShipments;
  let x = excessOver(ship ? s.peak : s.load, cap[base]);
  for (let q = 1; q < nDims; q++) x += excessOver(ship ? s.morePeak[q - 1] : s.more[q - 1], cap[base + q]) * data.loadWeight[q];
  if (s.trips === 0) return x;
  // unloads: the first trip (before the first unload) and the trips closed inside (break kinds count per route)
  x += s.over + excessOver(ship ? s.headPeak : s.head, cap[base]);
  for (let q = 1; q < data.nJobDims; q++) x += excessOver(ship ? s.moreHeadPeak[q - 1] : s.moreHead[q - 1], cap[base + q]) * data.loadWeight[q];
  return x;
}

/** Skill groups per mask word (bits of an int32 kept clear of the sign). */
export const GROUP_BITS = 30;

/** True when skill group g may serve every customer of `s`. */
export function serves(s: Segment, g: number): boolean {
  if (g < GROUP_BITS) return ((s.mask >> g) & 1) === 1;
  const w = (g / GROUP_BITS) | 0;
  return ((s.moreMask[w - 1] >> (g - w * GROUP_BITS)) & 1) === 1;
}

/** A scratch segment sized for `data` (its dimensions and skill-group words). */
export function newSegment(data: HgsData): Segment {
  return new Segment(data.nDims, data.maskWords);
}

/** True when two of the tags in `tags` may not share a vehicle. */
export function hasConflict(conflict: Int32Array, tags: number): boolean {
  for (let t = 0, bits = tags; bits !== 0; t++, bits >>>= 1) if ((bits & 1) !== 0 && (conflict[t] & tags) !== 0) return true;
  return false;
}

/** Time-type excess of vehicle v on `s`: time warp, duration beyond the limit, km beyond the limit (100 s per km). */
export function timeExcess(data: HgsData, s: Segment, v: number): number {
  if (data.giantTour) return s.tw;
  let x = s.tw;
  if (s.dur > data.vMaxDurationS[v]) x += s.dur - data.vMaxDurationS[v];
  if (s.dist > data.vMaxDistanceKm[v]) x += 100 * (s.dist - data.vMaxDistanceKm[v]);
  return x;
}

/** Penalised cost of vehicle v driving the whole route segment `s` (depot to depot). */
export function penalisedCost(data: HgsData, s: Segment, v: number, capPenalty: number, twPenalty: number): number {
  if (data.giantTour) {
    const excess = s.load - data.capacity;
    return s.dist + (excess > 0 ? capPenalty * excess : 0) + twPenalty * s.tw;
  }
  // an unused vehicle holds its breaks (it takes none): only surplus breaks are penalised
  if (s.count === 0) return data.rich ? capPenalty * loadExcess(data, s, v) : 0;
  return routeObjective(data, s, v) + capPenalty * loadExcess(data, s, v) + twPenalty * timeExcess(data, s, v);
}
