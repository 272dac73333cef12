// The US state and county outlines shipped with the app (us-atlas TopoJSON, US Census Bureau,
// public domain), fetched once per page: boot.ts asks for them before the map's code has loaded.
import countiesUrl from "us-atlas/counties-10m.json?url";
import statesUrl from "us-atlas/states-10m.json?url";
import type { GeometryCollection, Topology } from "topojson-specification";

export type StatesTopology = Topology<{ states: GeometryCollection }>;
export type CountiesTopology = Topology<{ counties: GeometryCollection }>;

let files: Promise<[StatesTopology, CountiesTopology]> | null = null;

/** The two outline files, parsed (fetched on the first call). */
export function fetchOutlineFiles(): Promise<[StatesTopology, CountiesTopology]> {
  files ??= Promise.all([
    fetch(statesUrl).then((r) => r.json() as Promise<StatesTopology>),
    fetch(countiesUrl).then((r) => r.json() as Promise<CountiesTopology>),
  ]);
  return files;
}
