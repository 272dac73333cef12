// The one MapLibre map of the app, with a basemap shipped in the bundle (no tile server): US
// state and county outlines from us-atlas (US Census Bureau, public domain), and the overlay
// layers every view fills (zones, hubs, service areas, assignments, flows by mode, routes, stops).
// Clicking a feature shows its numbers. The map is exposed as window.urbanmine.map for the
// end-to-end tests, which assert on map.queryRenderedFeatures.
import { AttributionControl, type GeoJSONSource, type LngLatBoundsLike, Map as MapLibre, Marker, NavigationControl, Popup, prewarm, ScaleControl, setWorkerUrl } from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import type { Feature, FeatureCollection } from "geojson";
import { h } from "./dom.js";
import { LAYERS, OVERLAYS, type Overlay } from "./map-style.js";
import { type Box, contains, countiesIn, loadOutlines, type Outlines } from "./outlines.js";

setWorkerUrl(workerUrl);

export { OVERLAYS, type Overlay };
// Layers a click explains, top-most first.
const CLICKABLE = ["pin", "hubs", "centres", "dropoffs", "offtakers", "depots", "stops", "zones", "routes", "flows-road", "flows-rail", "flows-sea", "assignments", "areas"];

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
