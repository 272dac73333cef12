// The one MapLibre map of the app, with a basemap shipped in the bundle (no tile server): US
// state and county outlines from us-atlas (US Census Bureau, public domain), and the overlay
// layers every view fills (zones, hubs, service areas, assignments, flows by mode, routes, stops).
// Clicking a feature shows its numbers. The map is exposed as window.urbanmine.map for the
// end-to-end tests, which assert on map.queryRenderedFeatures.
import { AttributionControl, type ExpressionSpecification, type FilterSpecification, type GeoJSONSource, type LayerSpecification, type LngLatBoundsLike, Map as MapLibre, Marker, NavigationControl, Popup, prewarm, ScaleControl, setWorkerUrl } from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { feature } from "topojson-client";
import type { Feature, FeatureCollection } from "geojson";
import { h } from "./dom.js";
import { fetchOutlineFiles } from "./outline-files.js";

setWorkerUrl(workerUrl);

/** Overlay sources, each a GeoJSON FeatureCollection a view sets or clears. */
export const OVERLAYS = ["network", "areas", "assignments", "flows", "routes", "stops", "zones", "offtakers", "depots", "hubs", "pin"] as const;
export type Overlay = (typeof OVERLAYS)[number];
// Layers a click explains, top-most first.
const CLICKABLE = ["pin", "hubs", "offtakers", "depots", "stops", "zones", "routes", "flows-road", "flows-rail", "flows-sea", "assignments", "areas"];

// Every overlay but the street network shares one source; each layer filters on `overlay`.
const SHARED = OVERLAYS.filter((o) => o !== "network");

const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] };
const CENSUS = "US outlines: US Census Bureau (us-atlas)";
const OSM = "© OpenStreetMap contributors";

export interface MapHandle {
  /** The MapLibre map (created on first use). */
  readonly map: MapLibre;
  /** Sets one overlay's features (all others unchanged). */
  set(overlay: Overlay, data: FeatureCollection): void;
  /** Empties every overlay but `keep` (which the caller sets next) and closes the popup. */
  clear(keep?: Overlay[]): void;
  /** Frames the map on [west, south, east, north]. */
  fit(bbox: [number, number, number, number]): void;
  /** Shows these place names on the map (replacing those shown); `clear()` removes them. */
  setLabels(labels: PlaceLabel[]): void;
  /** Says whether OSM-derived data are drawn (the credit shows only then). */
  creditOsm(on: boolean): void;
  /** Resolves at the next `idle` after the current changes (all tiles and data rendered). */
  idle(): Promise<void>;
}

/** A place's name at a point (degrees). */
export interface PlaceLabel {
  text: string;
  lon: number;
  lat: number;
}

declare global {
  interface Window {
    urbanmine?: { map: MapLibre; timings: Record<string, number>; view: string; state: string; frames: number };
  }
}

/**
 * The map in `container`, created on first use. What a view sets in one task (its overlays, the
 * framing) reaches the map together at the end of that task, and every overlay but the street
 * network lives in one GeoJSON source. On a software WebGL renderer each frame costs 0.1-0.3
 * CPU-s and blocks the page while it is read back, so the map is built only when a view has its
 * data, already framed, with all its sources in the style: a link to a plan draws no frame of
 * the whole country and no frame per overlay on the way to the plan.
 */
export function createMap(container: HTMLElement, onFrame: () => void = () => {}): MapHandle {
  // The tile worker starts loading now, beside the view's first requests.
  prewarm();
  // What each overlay shows, so that emptying an empty one costs nothing.
  const current = new Map<Overlay, FeatureCollection>(OVERLAYS.map((o) => [o, EMPTY]));
  // `outlines`: the area the drawn outlines cover (null: none drawn yet), `counties`: whether with counties.
  const shown = { overlays: null as FeatureCollection | null, network: EMPTY, outlines: null as Box | null, counties: false };
  let framed: Box | null = null;
  let outlines: Outlines | null = null;
  let instance: MapLibre | null = null;
  let attribution: AttributionControl | null = null;
  let osm = false;
  let dirty = false;
  let styled = false;
  // Place names are HTML elements the map positions (maplibre Marker), not a symbol layer: no
  // glyph server is reachable from where the app runs, shipping glyph ranges would add
  // megabytes, and text in WebGL needs a symbol program and collision placement that a software
  // renderer pays for on every frame; a few dozen names are cheap in the page's own text.
  let labels: PlaceLabel[] = [];
  let markers: Marker[] = [];
  const placeLabels = (map: MapLibre) => {
    for (const m of markers) m.remove();
    markers = labels.map((l) => new Marker({ element: h("div", { class: "place-label" }, l.text), anchor: "left", offset: [7, 0] }).setLngLat([l.lon, l.lat]).addTo(map));
  };
  const popup = new Popup({ closeButton: true, maxWidth: "320px" });
  let requested = false;
  const loading = loadOutlines().then((o) => {
    outlines = o;
    if (requested) flush();
  });

  const overlayData = (): FeatureCollection => {
    const features: Feature[] = [];
    for (const o of SHARED) for (const f of current.get(o)!.features) features.push({ ...f, properties: { ...f.properties, overlay: o } });
    return { type: "FeatureCollection", features };
  };
  // The outlines around `view` (the framed area until the map exists, then what it shows).
  const outlineData = (view: Box | null): FeatureCollection => {
    if (!outlines) return EMPTY;
    const cut = outlines.near(view);
    shown.outlines = cut.covers;
    shown.counties = cut.counties;
    return cut.features;
  };
  const viewOf = (map: MapLibre): Box => map.getBounds().toArray().flat() as Box;

  const create = (): MapLibre => {
    performance.mark("map-created");
    shown.overlays = overlayData();
    shown.network = current.get("network")!;
    const geojson = (data: FeatureCollection) => ({ type: "geojson" as const, data });
    const map = new MapLibre({
      container,
      ...(framed ? { bounds: boundsOf(framed), fitBoundsOptions: FIT } : { center: [-96, 38] as [number, number], zoom: 3.3 }),
      attributionControl: false,
    });
    // The style comes once the map knows what it shows (the outlines are cut to it); it loads on the next frame.
    map.setStyle({
      version: 8,
      sources: { outlines: { ...geojson(outlineData(framed ? viewOf(map) : null)), maxzoom: OUTLINES_MAXZOOM }, network: geojson(shown.network), overlays: geojson(shown.overlays) },
      layers: LAYERS,
    });
    attribution = new AttributionControl({ compact: false, customAttribution: osm ? [OSM, CENSUS] : CENSUS });
    map.addControl(attribution, "bottom-right");
    map.addControl(new NavigationControl({ showCompass: false }), "top-right");
    map.addControl(new ScaleControl({ unit: "metric" }), "bottom-left");
    map.on("render", onFrame);
    placeLabels(map);
    map.on("moveend", () => schedule());
    map.once("load", () => {
      styled = true;
      flush();
    });
    // One click handler over every explained layer: the top-most feature under the pointer wins.
    map.on("click", (e) => {
      const hit = map.queryRenderedFeatures(e.point, { layers: CLICKABLE }).find((f) => f.properties?.title);
      if (hit) popup.setLngLat(e.lngLat).setDOMContent(describe(hit.properties)).addTo(map);
    });
    map.on("mousemove", (e) => {
      const over = map.isStyleLoaded() && map.queryRenderedFeatures(e.point, { layers: CLICKABLE }).some((f) => f.properties?.title);
      map.getCanvas().style.cursor = over ? "pointer" : "";
    });
    return map;
  };

  // Brings the map's sources up to date (once its style has loaded: they exist from then on).
  // The map is built once the outlines are in too (they belong to its first full frame), unless
  // someone needs it now.
  const flush = (now = false) => {
    dirty = false;
    if (!instance) {
      if (outlines || now) instance = create();
      return;
    }
    if (!styled) return;
    const source = (id: string) => instance!.getSource(id) as GeoJSONSource;
    if (shown.overlays === null) {
      shown.overlays = overlayData();
      source("overlays").setData(shown.overlays);
    }
    const network = current.get("network")!;
    if (shown.network !== network) source("network").setData((shown.network = network));
    // Cut again when the view has left the area the outlines cover (a new framing, or the user panned or zoomed out).
    const view = viewOf(instance);
    const covered = shown.outlines !== null && contains(shown.outlines, view) && (shown.counties || !countiesIn(view));
    if (outlines && !covered) source("outlines").setData(outlineData(view));
  };
  // Changes made in one task are sent to the map together, once the task ends.
  const schedule = () => {
    requested = true;
    if (dirty) return;
    dirty = true;
    queueMicrotask(flush);
  };
  const ensure = (): MapLibre => {
    if (!instance) flush(true);
    return instance!;
  };

  const handle: MapHandle = {
    get map() {
      return ensure();
    },
    set(overlay, data) {
      if (current.get(overlay) === data) return;
      current.set(overlay, data);
      if (overlay !== "network") shown.overlays = null;
      schedule();
    },
    setLabels(list) {
      labels = list;
      if (instance) placeLabels(instance);
    },
    clear(keep = []) {
      popup.remove();
      if (labels.length > 0) handle.setLabels([]);
      for (const o of OVERLAYS) if (!keep.includes(o)) handle.set(o, EMPTY);
      schedule();
    },
    fit(bbox) {
      framed = bbox;
      instance?.fitBounds(boundsOf(bbox), { ...FIT, animate: false });
      schedule();
    },
    creditOsm(on) {
      if (on === osm) return;
      osm = on;
      if (!instance || !attribution) return;
      instance.removeControl(attribution);
      attribution.options.customAttribution = on ? [OSM, CENSUS] : CENSUS;
      instance.addControl(attribution, "bottom-right");
    },
    async idle() {
      // The outlines belong to the view's first full frame.
      await loading;
      const map = ensure();
      flush();
      await new Promise<void>((resolve) => {
        if (map.loaded() && !map.isMoving()) {
          // Changes just made are drawn on the next frame; wait for it to settle.
          map.once("idle", () => resolve());
          map.triggerRepaint();
        } else map.once("idle", () => resolve());
      });
    },
  };
  return handle;
}

const FIT = { padding: 30, maxZoom: 13 };
// The outlines are 1:10,000,000 data (about 1 km): tiles beyond zoom 5 would add nothing but
// tiles to draw (a zoom-5 tile is ~1,250 km across, 150 m per tile unit), so they are overzoomed.
const OUTLINES_MAXZOOM = 5;

/** A box widened by 8% (at least 0.02 degrees) on each side, as map bounds. */
function boundsOf([w, s, e, n]: Box): LngLatBoundsLike {
  const pad = Math.max(0.02, (e - w) * 0.08, (n - s) * 0.08);
  return [[w - pad, s - pad], [e + pad, n + pad]];
}

type Box = [number, number, number, number];

/** [west, south, east, north] of a geometry's coordinates, degrees. */
function boxOf(geometry: unknown): Box {
  const box: Box = [180, 90, -180, -90];
  const walk = (c: unknown): void => {
    if (typeof (c as number[])[0] === "number") {
      const [x, y] = c as number[];
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    } else for (const k of c as unknown[]) walk(k);
  };
  walk((geometry as { coordinates?: unknown })?.coordinates ?? []);
  return box;
}

const overlaps = (a: Box, b: Box) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
const contains = (outer: Box, inner: Box) => outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];

interface Outlines {
  /** The state outlines, and the county outlines, overlapping `box` widened by a quarter on each side. */
  near(box: Box | null): { features: FeatureCollection; covers: Box; counties: boolean };
}

// Counties are drawn from zoom 5 (the counties layer's minzoom): about 15 degrees across the map.
const COUNTIES_BELOW_DEG = 15;
const countiesIn = (view: Box) => Math.max(view[2] - view[0], view[3] - view[1]) < COUNTIES_BELOW_DEG;
const WORLD: Box = [-180, -90, 180, 90];

/**
 * State and county outlines (FIPS: county id = state id + 3 digits), cut to the area around the
 * map's view: the tile worker then indexes a few states rather than the whole country, and the
 * counties are converted from TopoJSON only for the states in sight.
 */
async function loadOutlines(): Promise<Outlines> {
  const [st, co] = await fetchOutlineFiles();
  const states = (feature(st, st.objects.states) as FeatureCollection).features.map((f) => ({ ...f, properties: { level: "state" } }));
  const stateBoxes = states.map((f) => ({ id: String(f.id), feature: f, box: boxOf(f.geometry) }));
  const byState = new Map<string, { feature: Feature; box: Box }[]>();
  const countiesOf = (id: string) => {
    let list = byState.get(id);
    if (!list) {
      const geometries = co.objects.counties.geometries.filter((g) => String(g.id).slice(0, 2) === id);
      list = (feature(co, { type: "GeometryCollection", geometries }) as FeatureCollection).features.map((f) => ({ feature: { ...f, properties: { level: "county" } }, box: boxOf(f.geometry) }));
      byState.set(id, list);
    }
    return list;
  };
  return {
    near(box) {
      if (!box) return { features: { type: "FeatureCollection", features: states }, covers: WORLD, counties: false };
      const m = Math.max(0.3, (box[2] - box[0]) * 0.25, (box[3] - box[1]) * 0.25);
      const wide: Box = [box[0] - m, box[1] - m, box[2] + m, box[3] + m];
      const counties = countiesIn(box);
      const features: Feature[] = [];
      for (const s of stateBoxes) {
        if (!overlaps(s.box, wide)) continue;
        features.push(s.feature);
        if (counties) for (const c of countiesOf(s.id)) if (overlaps(c.box, wide)) features.push(c.feature);
      }
      return { features: { type: "FeatureCollection", features }, covers: wide, counties };
    },
  };
}

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
const LAYERS: LayerSpecification[] = [
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
    { id: "offtakers", type: "circle", source: "overlays", filter: only("offtakers"), paint: circle(6, "#111827", 1, "#fff", 1.5) },
    { id: "depots", type: "circle", source: "overlays", filter: only("depots"), paint: circle(5, "#f59e0b", 1, "#78350f", 1.5) },
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

/** A feature's popup: its title and the rows a view stored as JSON in `rows`. */
function describe(props: Record<string, unknown> | null): HTMLElement {
  const title = String(props?.title ?? "");
  let rows: [string, string][] = [];
  try {
    rows = JSON.parse(String(props?.rows ?? "[]")) as [string, string][];
  } catch {
    rows = [];
  }
  return h("div", { class: "popup" }, h("strong", {}, title), h("table", { class: "kv" }, h("tbody", {}, rows.map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {}, v))))));
}
