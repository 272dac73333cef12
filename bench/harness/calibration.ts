// The fixed calibration workload every speed case is divided by. Pure JS, CPU-bound and
// deterministic: Dijkstra rows with a binary heap on a seeded random CSR graph, then a sort of
// a seeded array — the same kinds of work as the hot paths. NEVER change it without bumping
// CALIBRATION_VERSION: ratios measured against different workloads are not comparable.
import { makeRng, randomInt } from "./rng.js";

/** Bumped whenever the workload changes; the checker refuses to compare across versions. */
export const CALIBRATION_VERSION = 1;

const NODES = 4000;
const EXTRA_EDGES_PER_NODE = 3;
const SOURCES = [0, 1234, 2718];
const SORT_LENGTH = 20_000;

/** The prepared inputs of the workload (built once; only `runCalibration` is timed). */
export interface CalibrationFixture {
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  toSort: Float64Array;
  /** Scratch buffers reused across calls so that the timed part allocates little. */
  dist: Float64Array;
  heapNodes: Int32Array;
  heapKeys: Float64Array;
  sortBuffer: Float64Array;
}

/** Builds the seeded graph (a ring plus random chords, all strongly connected) and the array to sort. */
export function makeCalibrationFixture(seed = 20261123): CalibrationFixture {
  const rng = makeRng(seed);
  const degree = EXTRA_EDGES_PER_NODE + 1;
  const offsets = new Int32Array(NODES + 1);
  const targets = new Int32Array(NODES * degree);
  const weights = new Float64Array(NODES * degree);
  let e = 0;
  for (let u = 0; u < NODES; u++) {
    offsets[u] = e;
    targets[e] = (u + 1) % NODES;
    weights[e++] = 1 + rng() * 9;
    for (let k = 0; k < EXTRA_EDGES_PER_NODE; k++) {
      targets[e] = randomInt(rng, 0, NODES - 1);
      weights[e++] = 1 + rng() * 99;
    }
  }
  offsets[NODES] = e;
  const toSort = new Float64Array(SORT_LENGTH);
  for (let i = 0; i < SORT_LENGTH; i++) toSort[i] = rng();
  const heapSize = NODES * degree + 1;
  return {
    offsets,
    targets,
    weights,
    toSort,
    dist: new Float64Array(NODES),
    heapNodes: new Int32Array(heapSize),
    heapKeys: new Float64Array(heapSize),
    sortBuffer: new Float64Array(SORT_LENGTH),
  };
}

/** One Dijkstra row with a lazy-deletion binary heap; returns the sum of finite distances. */
function dijkstraRow(f: CalibrationFixture, source: number): number {
  const { offsets, targets, weights, dist, heapNodes, heapKeys } = f;
  dist.fill(Infinity);
  dist[source] = 0;
  let size = 0;
  const push = (node: number, key: number): void => {
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapKeys[parent] <= key) break;
      heapKeys[i] = heapKeys[parent];
      heapNodes[i] = heapNodes[parent];
      i = parent;
    }
    heapKeys[i] = key;
    heapNodes[i] = node;
  };
  push(source, 0);
  while (size > 0) {
    const u = heapNodes[0];
    const du = heapKeys[0];
    size--;
    const lastKey = heapKeys[size];
    const lastNode = heapNodes[size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && heapKeys[child + 1] < heapKeys[child]) child++;
      if (heapKeys[child] >= lastKey) break;
      heapKeys[i] = heapKeys[child];
      heapNodes[i] = heapNodes[child];
      i = child;
    }
    heapKeys[i] = lastKey;
    heapNodes[i] = lastNode;
    if (du > dist[u]) continue;
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const v = targets[e];
      const dv = du + weights[e];
      if (dv < dist[v]) {
        dist[v] = dv;
        push(v, dv);
      }
    }
  }
  let sum = 0;
  for (let v = 0; v < dist.length; v++) if (dist[v] < Infinity) sum += dist[v];
  return sum;
}

/** The timed workload (a few milliseconds): three Dijkstra rows and one numeric sort. Returns a checksum. */
export function runCalibration(f: CalibrationFixture): number {
  let checksum = 0;
  for (const s of SOURCES) checksum += dijkstraRow(f, s);
  f.sortBuffer.set(f.toSort);
  f.sortBuffer.sort();
  checksum += f.sortBuffer[SORT_LENGTH >> 1];
  return checksum;
}
