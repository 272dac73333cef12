// The one MapLibre map of the app, with a basemap shipped in the bundle (no tile server): US
// state and county outlines from us-atlas (US Census Bureau, public domain), and the overlay
// layers every view fills (zones, hubs, service areas, assignments, flows by mode, routes, stops).
// Clicking a feature shows its numbers. The map is exposed as window.urbanmine.map for the
// end-to-end tests, which assert on map.queryRenderedFeatures.
import { AttributionControl, type GeoJSONSource, type LngLatBoundsLike, Map as MapLibre, NavigationControl, Popup, ScaleControl, setWorkerUrl } from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import countiesUrl from "us-atlas/counties-10m.json?url";
import statesUrl from "us-atlas/states-10m.json?url";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { Feature, FeatureCollection } from "geojson";
import { h } from "./dom.js";

setWorkerUrl(workerUrl);

/** Overlay sources, each a GeoJSON FeatureCollection a view sets or clears. */
export const OVERLAYS = ["network", "areas", "assignments", "flows", "routes", "stops", "zones", "offtakers", "depots", "hubs", "pin"] as const;
export type Overlay = (typeof OVERLAYS)[number];
// Layers a click explains, top-most first.
const CLICKABLE = ["pin", "hubs", "offtakers", "depots", "stops", "zones", "routes", "flows-road", "flows-rail", "flows-sea", "assignments", "areas"];

const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] };
const CENSUS = "US outlines: US Census Bureau (us-atlas)";
const OSM = "© OpenStreetMap contributors";

export interface MapHandle {
  map: MapLibre;
  /** Sets one overlay's features (all others unchanged). */
  set(overlay: Overlay, data: FeatureCollection): void;
  /** Empties every overlay but `keep` (which the caller sets next) and closes the popup. */
  clear(keep?: Overlay[]): void;
  /** Frames the map on [west, south, east, north]. */
  fit(bbox: [number, number, number, number]): void;
  /** Says whether OSM-derived data are drawn (the credit shows only then). */
  creditOsm(on: boolean): void;
  /** Resolves at the next `idle` after the current changes (all tiles and data rendered). */
  idle(): Promise<void>;
}

declare global {
  interface Window {
    urbanmine?: { map: MapLibre; timings: Record<string, number>; view: string; state: string };
  }
}

/** Builds the map in `container` and starts loading the outlines. */
export function createMap(container: HTMLElement): MapHandle {
  const map = new MapLibre({
    container,
    style: {
      version: 8,
      sources: {},
      layers: [{ id: "background", type: "background", paint: { "background-color": "#eef1f4" } }],
    },
    center: [-96, 38],
    zoom: 3.3,
    attributionControl: false,
  });
  const attribution = new AttributionControl({ compact: false, customAttribution: CENSUS });
  map.addControl(attribution, "bottom-right");
  map.addControl(new NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new ScaleControl({ unit: "metric" }), "bottom-left");
  // What each overlay shows, so that emptying an empty one costs nothing.
  const current = new Map<Overlay, FeatureCollection>(OVERLAYS.map((o) => [o, EMPTY]));
  let loaded = false;

  map.on("load", () => {
    map.addSource("states", { type: "geojson", data: EMPTY });
    map.addSource("counties", { type: "geojson", data: EMPTY });
    map.addLayer({ id: "states-fill", type: "fill", source: "states", paint: { "fill-color": "#fbfbf8" } });
    map.addLayer({ id: "counties-line", type: "line", source: "counties", minzoom: 5, paint: { "line-color": "#c9ccd1", "line-width": 0.6 } });
    map.addLayer({ id: "states-line", type: "line", source: "states", paint: { "line-color": "#9aa1ab", "line-width": 1.1 } });
    for (const o of OVERLAYS) map.addSource(o, { type: "geojson", data: current.get(o) ?? EMPTY });
    addOverlayLayers(map);
    loaded = true;
    void outlines.then((o) => (map.getSource("states") as GeoJSONSource).setData(o.states));
    showCounties();
  });

  // One click handler over every explained layer: the top-most feature under the pointer wins.
  const popup = new Popup({ closeButton: true, maxWidth: "320px" });
  map.on("click", (e) => {
    const layers = CLICKABLE.filter((l) => map.getLayer(l));
    const hit = map.queryRenderedFeatures(e.point, { layers }).find((f) => f.properties?.title);
    if (hit) popup.setLngLat(e.lngLat).setDOMContent(describe(hit.properties)).addTo(map);
  });
  map.on("mousemove", (e) => {
    const layers = CLICKABLE.filter((l) => map.getLayer(l));
    const over = loaded && map.queryRenderedFeatures(e.point, { layers }).some((f) => f.properties?.title);
    map.getCanvas().style.cursor = over ? "pointer" : "";
  });

  // County outlines of the states near the framed area only, converted on demand: the whole
  // country's 3,000 counties would cost the first frame of every view far more than those in sight.
  const outlines = loadOutlines();
  let framed: [number, number, number, number] | null = null;
  const showCounties = () => {
    if (!framed || !loaded) return;
    const box = framed;
    void outlines.then((o) => {
      if (framed === box) (map.getSource("counties") as GeoJSONSource).setData(o.countiesNear(box));
    });
  };
  void outlines.then((o) => {
    if (loaded) (map.getSource("states") as GeoJSONSource).setData(o.states);
  });

  let osm = false;
  const handle: MapHandle = {
    map,
    set(overlay, data) {
      if (current.get(overlay) === data) return;
      current.set(overlay, data);
      // Before the style loads, the source is created with `current` on load.
      if (loaded) (map.getSource(overlay) as GeoJSONSource).setData(data);
    },
    clear(keep = []) {
      popup.remove();
      for (const o of OVERLAYS) if (!keep.includes(o)) handle.set(o, EMPTY);
    },
    fit(bbox) {
      const [w, s, e, n] = bbox;
      framed = bbox;
      showCounties();
      const pad = Math.max(0.02, (e - w) * 0.08, (n - s) * 0.08);
      const bounds: LngLatBoundsLike = [[w - pad, s - pad], [e + pad, n + pad]];
      map.fitBounds(bounds, { padding: 30, animate: false, maxZoom: 13 });
    },
    creditOsm(on) {
      if (on === osm) return;
      osm = on;
      map.removeControl(attribution);
      attribution.options.customAttribution = on ? [OSM, CENSUS] : CENSUS;
      map.addControl(attribution, "bottom-right");
    },
    idle() {
      return new Promise((resolve) => {
        if (loaded && map.loaded() && !map.isMoving()) {
          // Changes just made are drawn on the next frame; wait for it to settle.
          map.once("idle", () => resolve());
          map.triggerRepaint();
        } else map.once("idle", () => resolve());
      });
    },
  };
  return handle;
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

/** State outlines, and the county outlines of the states overlapping a box (FIPS: county id = state id + 3 digits). */
async function loadOutlines(): Promise<{ states: FeatureCollection; countiesNear(box: Box): FeatureCollection }> {
  const [st, co] = await Promise.all([
    fetch(statesUrl).then((r) => r.json() as Promise<Topology<{ states: GeometryCollection }>>),
    fetch(countiesUrl).then((r) => r.json() as Promise<Topology<{ counties: GeometryCollection }>>),
  ]);
  const states = feature(st, st.objects.states) as FeatureCollection;
  const stateBoxes = states.features.map((f) => ({ id: String(f.id), box: boxOf(f.geometry) }));
  const byState = new Map<string, Feature[]>();
  const boxes = new Map<Feature, Box>();
  const remember = (f: Feature): Box => {
    const b = boxOf(f.geometry);
    boxes.set(f, b);
    return b;
  };
  return {
    states,
    countiesNear(box) {
      const m = Math.max(0.3, (box[2] - box[0]) * 0.25, (box[3] - box[1]) * 0.25);
      const wide: Box = [box[0] - m, box[1] - m, box[2] + m, box[3] + m];
      const features: Feature[] = [];
      for (const s of stateBoxes) {
        if (!overlaps(s.box, wide)) continue;
        let list = byState.get(s.id);
        if (!list) {
          const geometries = co.objects.counties.geometries.filter((g) => String(g.id).slice(0, 2) === s.id);
          list = (feature(co, { type: "GeometryCollection", geometries }) as FeatureCollection).features;
          byState.set(s.id, list);
        }
        for (const f of list) if (overlaps(boxes.get(f) ?? remember(f), wide)) features.push(f);
      }
      return { type: "FeatureCollection", features };
    },
  };
}

const MODE_COLOURS = { road: "#7c3aed", rail: "#0f766e", sea: "#1d4ed8" } as const;

function addOverlayLayers(map: MapLibre): void {
  // The scenario's own street network, when it has one: the basemap's streets.
  map.addLayer({
    id: "network-road", type: "line", source: "network", filter: ["==", ["get", "mode"], "road"],
    layout: { "line-join": "round", "line-cap": "round" },
    paint: { "line-color": "#cfd5dd", "line-width": ["interpolate", ["linear"], ["zoom"], 10, 0.5, 14, 1.5, 17, 4] },
  });
  map.addLayer({
    id: "network-rail", type: "line", source: "network", filter: ["==", ["get", "mode"], "rail"],
    paint: { "line-color": "#8b95a3", "line-width": 1.2, "line-dasharray": [4, 2] },
  });
  map.addLayer({ id: "areas", type: "fill", source: "areas", paint: { "fill-color": ["get", "colour"], "fill-opacity": 0.1, "fill-outline-color": ["get", "colour"] } });
  map.addLayer({
    id: "assignments", type: "line", source: "assignments",
    paint: { "line-color": ["case", ["==", ["get", "reassigned"], true], "#dc2626", "#64748b"], "line-width": ["case", ["==", ["get", "reassigned"], true], 2.5, 1.2], "line-opacity": 0.75 },
  });
  for (const [mode, colour] of Object.entries(MODE_COLOURS)) {
    map.addLayer({
      id: `flows-${mode}`, type: "line", source: "flows", filter: ["==", ["get", "mode"], mode],
      layout: { "line-cap": "round" },
      paint: { "line-color": colour, "line-width": ["get", "width"], "line-opacity": 0.8, ...(mode === "road" ? {} : { "line-dasharray": mode === "rail" ? [3, 1.5] : [1, 1.5] }) },
    });
  }
  map.addLayer({ id: "routes", type: "line", source: "routes", layout: { "line-join": "round", "line-cap": "round" }, paint: { "line-color": ["get", "colour"], "line-width": 3, "line-opacity": 0.9 } });
  map.addLayer({ id: "stops", type: "circle", source: "stops", paint: { "circle-radius": 3.5, "circle-color": "#ffffff", "circle-stroke-color": ["get", "colour"], "circle-stroke-width": 2 } });
  map.addLayer({
    id: "zones", type: "circle", source: "zones",
    paint: {
      "circle-radius": ["get", "radius"],
      "circle-color": ["case", ["==", ["get", "reassigned"], true], "#fca5a5", "#93c5fd"],
      "circle-opacity": 0.55,
      "circle-stroke-color": ["case", ["==", ["get", "reassigned"], true], "#b91c1c", "#1d4ed8"],
      "circle-stroke-width": 1,
    },
  });
  map.addLayer({ id: "offtakers", type: "circle", source: "offtakers", paint: { "circle-radius": 6, "circle-color": "#111827", "circle-stroke-color": "#fff", "circle-stroke-width": 1.5 } });
  map.addLayer({ id: "depots", type: "circle", source: "depots", paint: { "circle-radius": 5, "circle-color": "#f59e0b", "circle-stroke-color": "#78350f", "circle-stroke-width": 1.5 } });
  map.addLayer({
    id: "hubs", type: "circle", source: "hubs",
    paint: {
      "circle-radius": ["get", "radius"],
      "circle-color": [
        "match", ["get", "change"],
        "opened", "#16a34a",
        "closed", "#dc2626",
        ["interpolate", ["linear"], ["get", "utilisation"], 0, "#fde68a", 0.6, "#f59e0b", 0.9, "#ea580c", 1, "#b91c1c"],
      ],
      "circle-stroke-color": "#1f2937",
      "circle-stroke-width": 2,
      "circle-opacity": ["match", ["get", "change"], "closed", 0.55, 0.95],
    },
  });
  map.addLayer({ id: "pin", type: "circle", source: "pin", paint: { "circle-radius": 8, "circle-color": "#dc2626", "circle-stroke-color": "#fff", "circle-stroke-width": 3 } });
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
