// `urbanmine matrix NETWORK --points POINTS.csv [--json]`: the road travel matrix between
// points on an OSM or GeoJSON network, computed on the worker pool. With --json, stdout holds
// only {"ids","durationS","distanceKm"} (null where unreachable) and the summary goes to stderr.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { NetworkRef } from "../../domain/index.js";
import { computeTravel, readPointsCsv } from "../../network/index.js";
import { createMatrixPool } from "../../pipeline/index.js";
import { numberOption } from "../args.js";

const USAGE = `usage: urbanmine matrix NETWORK --points POINTS.csv [--json] [--threads N] [--max-snap-m M]

  NETWORK        .osm.pbf, .osm, .osm.bz2 or .geojson file
  --points       CSV with a header id,lat,lon
  --json         print {"ids":[…],"durationS":[[…]],"distanceKm":[[…]]} (null where unreachable)
  --threads      worker threads (default: cores - 1)
  --max-snap-m   farthest a point may be from the network, metres (default 2000)
`;

/** Runs the command; returns the exit code (0 ok, 2 usage). Input errors throw UrbanmineError. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      points: { type: "string" },
      json: { type: "boolean", default: false },
      threads: { type: "string" },
      "max-snap-m": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const threads = numberOption("threads", values.threads, { min: 1, integer: true });
  const maxSnap = numberOption("max-snap-m", values["max-snap-m"], { above: 0 });
  const bad = positionals.length !== 1 ? "expected exactly one NETWORK file" : !values.points ? "--points POINTS.csv is required" : null;
  if (bad) {
    process.stderr.write(`urbanmine matrix: ${bad}\n\n${USAGE}`);
    return 2;
  }
  const sites = await readPointsCsv(resolve(values.points as string));
  const network = NetworkRef.parse({ file: resolve(positionals[0]), ...(maxSnap ? { maxSnapDistanceM: maxSnap } : {}) });
  const pool = createMatrixPool(threads ? { threads } : {});
  try {
    const t0 = performance.now();
    const travel = await computeTravel({ sites, network, baseDir: process.cwd(), runRows: pool.runRows });
    const seconds = (performance.now() - t0) / 1000;
    const m = travel.road;
    const n = m.ids.length;
    const road = travel.report?.road;
    const graph = road
      ? `road graph ${road.nodes} nodes, ${road.edges} edges; dropped ${road.droppedNodes} nodes and ${road.droppedEdges} edges outside the largest strongly connected component\n`
      : "";
    const summary = `matrix ${n} x ${n} (${m.method}), ${seconds.toFixed(3)} s, ${m.unreachable.length} unreachable pair(s)\n${graph}`;
    if (!values.json) {
      process.stdout.write(summary);
      return 0;
    }
    process.stderr.write(summary);
    const rows = (a: Float64Array, digits: number): Array<Array<number | null>> =>
      Array.from({ length: n }, (_, i) =>
        Array.from(a.subarray(i * n, i * n + n), (v) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null)),
      );
    process.stdout.write(JSON.stringify({ ids: m.ids, durationS: rows(m.durationS, 1), distanceKm: rows(m.distanceKm, 3) }) + "\n");
    return 0;
  } finally {
    await pool.close();
  }
}
