// The basemap's US state and county outlines (us-atlas TopoJSON, US Census Bureau, public
// domain), converted to GeoJSON and cut to the area around the map's view.
import { feature } from "topojson-client";
import type { Feature, FeatureCollection } from "geojson";
import { fetchOutlineFiles } from "./outline-files.js";

/** [west, south, east, north], degrees. */
export type Box = [number, number, number, number];

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
export const contains = (outer: Box, inner: Box) => outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];

export interface Outlines {
  /** The state outlines, and the county outlines, overlapping `box` widened by a quarter on each side. */
  near(box: Box | null): { features: FeatureCollection; covers: Box; counties: boolean };
}

// Counties are drawn from zoom 5 (the counties layer's minzoom): about 15 degrees across the map.
const COUNTIES_BELOW_DEG = 15;
export const countiesIn = (view: Box) => Math.max(view[2] - view[0], view[3] - view[1]) < COUNTIES_BELOW_DEG;
const WORLD: Box = [-180, -90, 180, 90];

/**
 * State and county outlines (FIPS: county id = state id + 3 digits), cut to the area around the
 * map's view: the tile worker then indexes a few states rather than the whole country, and the
 * counties are converted from TopoJSON only for the states in sight.
 */
export async function loadOutlines(): Promise<Outlines> {
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
