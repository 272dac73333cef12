// The model graph: a graphology DirectedGraph per mode, one edge per direction of each way
// piece between junctions, reduced to its largest strongly connected component. Piece
// geometry (every shape point) is kept in flat arrays beside the graph for snapping and drawing.
import { DirectedGraph } from "graphology";
import { UrbanmineError } from "../domain/index.js";
import { haversineM } from "./geo.js";
import type { RawNetwork } from "./raw-network.js";
import { stronglyConnectedComponents } from "./scc.js";
import { classifyWay, type WayRule, type WayRuleOptions } from "./way-rules.js";

/** Attributes of a model graph node (a junction or way end). */
export interface NodeAttrs {
  lat: number;
  lon: number;
}

/** Attributes of a model graph edge (one direction of a way piece). */
export interface EdgeAttrs {
  mode: "road" | "rail";
  roadClass: string;
  lengthM: number;
  durationS: number;
  /** Index of the piece whose geometry this edge follows. */
  piece: number;
  /** True when the edge runs in the order of the piece's points. */
  forward: boolean;
}

/** The model graph of one mode: junction nodes, one edge per allowed direction of a piece. */
export type ModelGraph = DirectedGraph<NodeAttrs, EdgeAttrs>;

/** Shape points of every way piece; piece p owns points [start[p], start[p+1]). */
export interface PieceGeometry {
  start: Int32Array;
  lon: Float64Array;
  lat: Float64Array;
  /** Metres from the piece's first point along it. */
  cumM: Float64Array;
}

/** Counts of one mode's graph, and of what the reduction to the largest SCC dropped. */
export interface ModeReport {
  ways: number;
  nodes: number;
  edges: number;
  components: number;
  droppedNodes: number;
  droppedEdges: number;
  /** Parallel 2-point pieces between the same junctions that could not be kept. */
  droppedDuplicates: number;
}

/** One mode of the network. */
export interface ModeModel {
  mode: "road" | "rail";
  graph: ModelGraph;
  pieces: PieceGeometry;
  report: ModeReport;
}

/** Options of model building. */
export interface ModelOptions extends WayRuleOptions {
  /** Keep only the largest strongly connected component (default true). */
  largestComponentOnly?: boolean;
}

interface Run {
  rule: WayRule;
  idx: number[];
}

/**
 * Builds the road model (and the rail model when the file has `railway=rail`).
 * @throws UrbanmineError INVALID_FILE when no drivable road is left after filtering.
 */
export function buildModels(raw: RawNetwork, opts: ModelOptions = {}): { road: ModeModel; rail?: ModeModel } {
  const runs: Record<"road" | "rail", Run[]> = { road: [], rail: [] };
  for (const way of raw.ways) {
    const rule = classifyWay(way.tags, opts);
    if (!rule) continue;
    let idx: number[] = [];
    for (const ref of way.refs) {
      const i = raw.nodeIndex.get(ref);
      if (i === undefined) {
        // the extract clipped the way: keep each run of nodes that is present
        if (idx.length >= 2) runs[rule.mode].push({ rule, idx });
        idx = [];
      } else if (idx.length === 0 || idx[idx.length - 1] !== i) idx.push(i);
    }
    if (idx.length >= 2) runs[rule.mode].push({ rule, idx });
  }
  const ids = new Float64Array(raw.lat.length);
  for (const [id, i] of raw.nodeIndex) ids[i] = id;
  const largestOnly = opts.largestComponentOnly ?? true;
  const road = buildMode("road", runs.road, raw, ids, largestOnly);
  if (road.graph.size === 0) {
    throw new UrbanmineError(
      "INVALID_FILE",
      `${raw.file}: no drivable road left after filtering (${raw.wayCount} ways read, ${raw.ways.length} tagged highway/railway, ${runs.road.length} drivable runs); expected highway=* ways vehicles may use`,
    );
  }
  const rail = runs.rail.length > 0 ? buildMode("rail", runs.rail, raw, ids, largestOnly) : undefined;
  return rail && rail.graph.size > 0 ? { road, rail } : { road };
}

function buildMode(
  mode: "road" | "rail",
  runs: Run[],
  raw: RawNetwork,
  ids: Float64Array,
  largestOnly: boolean,
): ModeModel {
  const seen = new Uint16Array(raw.lat.length);
  const junction = new Uint8Array(raw.lat.length);
  for (const { idx } of runs) {
    junction[idx[0]] = junction[idx[idx.length - 1]] = 1;
    for (const i of idx) if (++seen[i] >= 2) junction[i] = 1;
  }
  const graph: ModelGraph = new DirectedGraph<NodeAttrs, EdgeAttrs>();
  const start: number[] = [0];
  const lon: number[] = [];
  const lat: number[] = [];
  const cumM: number[] = [];
  const pairs = new Set<string>();
  let duplicates = 0;

  const emit = (pts: number[], rule: WayRule): void => {
    const u = pts[0];
    const v = pts[pts.length - 1];
    const key = u < v ? `${u},${v}` : `${v},${u}`;
    if (u === v || pairs.has(key)) {
      // a loop or a second piece between the same junctions: split it at a shape point so
      // that the simple directed graph keeps both
      if (pts.length >= 3) {
        const mid = pts.length >> 1;
        emit(pts.slice(0, mid + 1), rule);
        emit(pts.slice(mid), rule);
      } else duplicates++;
      return;
    }
    pairs.add(key);
    const piece = start.length - 1;
    let m = 0;
    for (let k = 0; k < pts.length; k++) {
      const i = pts[k];
      if (k > 0) m += haversineM(raw.lat[pts[k - 1]], raw.lon[pts[k - 1]], raw.lat[i], raw.lon[i]);
      lon.push(raw.lon[i]);
      lat.push(raw.lat[i]);
      cumM.push(m);
    }
    start.push(lon.length);
    const a = String(ids[u]);
    const b = String(ids[v]);
    graph.mergeNode(a, { lat: raw.lat[u], lon: raw.lon[u] });
    graph.mergeNode(b, { lat: raw.lat[v], lon: raw.lon[v] });
    const durationS = m / (rule.speedKmh / 3.6);
    const base = { mode, roadClass: rule.roadClass, lengthM: m, durationS, piece };
    if (rule.forward) graph.addDirectedEdgeWithKey(`${piece}>`, a, b, { ...base, forward: true });
    if (rule.backward) graph.addDirectedEdgeWithKey(`${piece}<`, b, a, { ...base, forward: false });
  };

  for (const { rule, idx } of runs) {
    let from = 0;
    for (let k = 1; k < idx.length; k++) {
      if (junction[idx[k]] || k === idx.length - 1) {
        emit(idx.slice(from, k + 1), rule);
        from = k;
      }
    }
  }
  const before = { nodes: graph.order, edges: graph.size };
  const components = largestOnly ? keepLargestComponent(graph) : countComponents(graph);
  return {
    mode,
    graph,
    pieces: {
      start: Int32Array.from(start),
      lon: Float64Array.from(lon),
      lat: Float64Array.from(lat),
      cumM: Float64Array.from(cumM),
    },
    report: {
      ways: runs.length,
      nodes: graph.order,
      edges: graph.size,
      components,
      droppedNodes: before.nodes - graph.order,
      droppedEdges: before.edges - graph.size,
      droppedDuplicates: duplicates,
    },
  };
}

function componentsOf(graph: ModelGraph): { keys: string[]; label: Int32Array; count: number } {
  const keys = graph.nodes();
  const pos = new Map<string, number>();
  keys.forEach((k, i) => pos.set(k, i));
  const offsets = new Int32Array(keys.length + 1);
  const targets = new Int32Array(graph.size);
  let e = 0;
  keys.forEach((k, i) => {
    graph.forEachOutNeighbor(k, (nb) => {
      targets[e++] = pos.get(nb) as number;
    });
    offsets[i + 1] = e;
  });
  return { keys, ...stronglyConnectedComponents(offsets, targets) };
}

function countComponents(graph: ModelGraph): number {
  return componentsOf(graph).count;
}

/** Drops every node outside the largest SCC; returns how many components there were. */
function keepLargestComponent(graph: ModelGraph): number {
  const { keys, label, count } = componentsOf(graph);
  const sizes = new Int32Array(count);
  for (let i = 0; i < label.length; i++) sizes[label[i]]++;
  let best = 0;
  for (let c = 1; c < count; c++) if (sizes[c] > sizes[best]) best = c;
  for (let i = 0; i < keys.length; i++) if (label[i] !== best) graph.dropNode(keys[i]);
  return count;
}
