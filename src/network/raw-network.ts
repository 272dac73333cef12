// The neutral form every reader produces: node coordinates by id and the ways that
// vehicles or trains may use, with their tags. The model graph is built from this.
import { UrbanmineError } from "../domain/index.js";

/** One way of the source file, as the ids of its nodes in order, and its tags. */
export interface RawWay {
  refs: number[];
  tags: Record<string, string>;
}

/** Nodes and candidate ways read from one network file. */
export class RawNetwork {
  /** Node id -> index into `lat`/`lon`. */
  readonly nodeIndex = new Map<number, number>();
  readonly lat: number[] = [];
  readonly lon: number[] = [];
  readonly ways: RawWay[] = [];
  /** Ways read in total, kept or not. */
  wayCount = 0;

  constructor(readonly file: string) {}

  /** Records a node; a repeated id keeps its first position. */
  addNode(id: number, lat: number, lon: number): void {
    if (this.nodeIndex.has(id)) return;
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      throw new UrbanmineError(
        "INVALID_FILE",
        `${this.file}: node ${id} has an invalid position (lat ${lat}, lon ${lon}); expected WGS 84 degrees`,
      );
    }
    this.nodeIndex.set(id, this.lat.length);
    this.lat.push(lat);
    this.lon.push(lon);
  }

  /** Records a way if it is tagged as a road or a railway; other ways are only counted. */
  addWay(refs: number[], tags: Record<string, string>): void {
    this.wayCount++;
    if (refs.length < 2 || (tags.highway === undefined && tags.railway === undefined)) return;
    this.ways.push({ refs, tags });
  }
}

/** Only the tags the network reads are kept, to save memory on large files. */
export const KEPT_TAGS = [
  "highway",
  "railway",
  "oneway",
  "oneway:motor_vehicle",
  "junction",
  "maxspeed",
  "access",
  "vehicle",
  "motor_vehicle",
  "motorcar",
  "area",
  "name",
];
