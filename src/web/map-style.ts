// The map's layers: the outlines, the scenario's network, and the overlays every view fills
// (service areas, assignments, flows by mode, routes, stops, zones, drop-off points, offtakers,
// depots, regional centres, hubs, the intake pin), styled so that the whole map needs one WebGL
// program per layer type.
import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from "maplibre-gl";

/** Overlay sources, each a GeoJSON FeatureCollection a view sets or clears. */
export const OVERLAYS = ["network", "areas", "assignments", "flows", "routes", "stops", "zones", "dropoffs", "offtakers", "depots", "centres", "hubs", "pin"] as const;
export type Overlay = (typeof OVERLAYS)[number];

const MODE_COLOURS = { road: "#7c3aed", rail: "#0f766e", sea: "#1d4ed8" } as const;

/** A layer's filter: the features of one overlay (and those matching `extra`). */
function only(overlay: Overlay, extra?: ExpressionSpecification): FilterSpecification {
  const mine: ExpressionSpecification = ["==", ["get", "overlay"], overlay];
  return extra ? ["all", mine, extra] : mine;
}

/**
 * A paint value given per feature even when it is the same for all ("_" is no feature's
 * property). MapLibre compiles one WebGL program per layer type and per set of paint properties
 * given per feature; with every circle, line and fill layer giving the same set, the map needs
 * one program per layer type, not one per layer. On a software renderer (SwiftShader) each
 * program costs a compilation on first draw, which dominated the plan view's first frame.
 */
function each(value: number | string | ExpressionSpecification): ExpressionSpecification {
  return ["coalesce", ["get", "_"], value] as ExpressionSpecification;
}

const circle = (radius: number | ExpressionSpecification, colour: string | ExpressionSpecification, opacity: number | ExpressionSpecification, stroke: string | ExpressionSpecification, strokeWidth: number) => ({
  "circle-radius": each(radius), "circle-color": each(colour), "circle-opacity": each(opacity), "circle-stroke-color": each(stroke), "circle-stroke-width": each(strokeWidth),
});
const line = (colour: string | ExpressionSpecification, width: number | ExpressionSpecification, opacity = 1) => ({
  "line-color": each(colour), "line-width": each(width), "line-opacity": each(opacity),
});
const fill = (colour: string | ExpressionSpecification, opacity: number, outline: string | ExpressionSpecification) => ({
  "fill-color": each(colour), "fill-opacity": each(opacity), "fill-outline-color": each(outline),
});

/** The basemap's layers, then the overlays', bottom to top. */
export const LAYERS: LayerSpecification[] = [
  { id: "background", type: "background", paint: { "background-color": "#eef1f4" } },
  // The state lines draw the borders: no anti-aliased outline pass for the fill.
  { id: "states-fill", type: "fill", source: "outlines", filter: ["==", ["get", "level"], "state"], paint: { ...fill("#fbfbf8", 1, "#fbfbf8"), "fill-antialias": false } },
  { id: "counties-line", type: "line", source: "outlines", minzoom: 5, filter: ["==", ["get", "level"], "county"], paint: line("#c9ccd1", 0.6) },
  { id: "states-line", type: "line", source: "outlines", filter: ["==", ["get", "level"], "state"], paint: line("#9aa1ab", 1.1) },
  ...overlayLayers(),
];

function overlayLayers(): LayerSpecification[] {
  const reassigned: ExpressionSpecification = ["==", ["get", "reassigned"], true];
  const layers: LayerSpecification[] = [
    // The scenario's own street network, when it has one: the basemap's streets.
    {
      id: "network-road", type: "line", source: "network", filter: ["==", ["get", "mode"], "road"],
      layout: { "line-join": "round", "line-cap": "round" },
      paint: { "line-color": "#cfd5dd", "line-width": ["interpolate", ["linear"], ["zoom"], 10, 0.5, 14, 1.5, 17, 4] },
    },
    {
      id: "network-rail", type: "line", source: "network", filter: ["==", ["get", "mode"], "rail"],
      paint: { ...line("#8b95a3", 1.2), "line-dasharray": [4, 2] },
    },
    { id: "areas", type: "fill", source: "overlays", filter: only("areas"), paint: fill(["get", "colour"], 0.1, ["get", "colour"]) },
    {
      id: "assignments", type: "line", source: "overlays", filter: only("assignments"),
      paint: line(["case", reassigned, "#dc2626", "#64748b"], ["case", reassigned, 2.5, 1.2], 0.75),
    },
  ];
  for (const [mode, colour] of Object.entries(MODE_COLOURS)) {
    layers.push({
      id: `flows-${mode}`, type: "line", source: "overlays", filter: only("flows", ["==", ["get", "mode"], mode]),
      layout: { "line-cap": "round" },
      paint: { ...line(colour, ["get", "width"], 0.8), ...(mode === "road" ? {} : { "line-dasharray": mode === "rail" ? [3, 1.5] : [1, 1.5] }) },
    });
  }
  layers.push(
    { id: "routes", type: "line", source: "overlays", filter: only("routes"), layout: { "line-join": "round", "line-cap": "round" }, paint: line(["get", "colour"], 3, 0.9) },
    { id: "stops", type: "circle", source: "overlays", filter: only("stops"), paint: circle(3.5, "#ffffff", 1, ["get", "colour"], 2) },
    {
      id: "zones", type: "circle", source: "overlays", filter: only("zones"),
      paint: circle(["get", "radius"], ["case", reassigned, "#fca5a5", "#93c5fd"], 0.55, ["case", reassigned, "#b91c1c", "#1d4ed8"], 1),
    },
    { id: "dropoffs", type: "circle", source: "overlays", filter: only("dropoffs"), paint: circle(4.5, "#0d9488", 1, "#fff", 1.5) },
    { id: "offtakers", type: "circle", source: "overlays", filter: only("offtakers"), paint: circle(6, "#111827", 1, "#fff", 1.5) },
    { id: "depots", type: "circle", source: "overlays", filter: only("depots"), paint: circle(5, "#f59e0b", 1, "#78350f", 1.5) },
    { id: "centres", type: "circle", source: "overlays", filter: only("centres"), paint: circle(["get", "radius"], "#6d28d9", 0.9, "#1f2937", 2) },
    {
      id: "hubs", type: "circle", source: "overlays", filter: only("hubs"),
      paint: circle(
        ["get", "radius"],
        ["match", ["get", "change"], "opened", "#16a34a", "closed", "#dc2626",
          ["interpolate", ["linear"], ["get", "utilisation"], 0, "#fde68a", 0.6, "#f59e0b", 0.9, "#ea580c", 1, "#b91c1c"]],
        ["match", ["get", "change"], "closed", 0.55, 0.95],
        "#1f2937", 2),
    },
    { id: "pin", type: "circle", source: "overlays", filter: only("pin"), paint: circle(8, "#dc2626", 1, "#fff", 3) },
  );
  return layers;
}
