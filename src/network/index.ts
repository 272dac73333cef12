// Public face of the network layer: import, travel matrices between sites, and leg geometry.
export { greatCircleMatrix, haversineKm } from "./great-circle.js";
export {
  computeTravel,
  type TravelRequest,
  type TravelResult,
  type TravelSite,
  type TravelTerminal,
} from "./travel.js";
export { loadNetwork, clearNetworkCache, NETWORK_EXTENSIONS, type LoadedNetwork, type LoadedMode, type NetworkReport } from "./load-network.js";
export { modeMatrix, clearMatrixCache, inProcessRows, type RowRunner } from "./road-matrix.js";
export { computeMatrixRows, type MatrixRows, type MatrixRowsTask } from "./matrix-rows.js";
export { buildAnchors, type SnapAnchors } from "./anchors.js";
export { snapSites, SegmentIndex, type SiteSnap } from "./snap.js";
export { ShortestPathTree } from "./dijkstra.js";
export type { CsrGraph, ModeNetwork } from "./csr.js";
export type { ModeModel, ModelGraph, ModeReport, NodeAttrs, EdgeAttrs } from "./model-graph.js";
export { classifyWay, parseMaxspeedKmh, DEFAULT_ROAD_SPEEDS_KMH, DEFAULT_RAIL_SPEED_KMH } from "./way-rules.js";
export { readPointsCsv } from "./points-csv.js";
