// Pool worker for travel-matrix rows: takes a CSR graph on shared memory and the sites'
// anchors, runs the rows with the network layer and moves the result buffer back (no copy).
import { move } from "piscina";
import { computeMatrixRows, type MatrixRowsTask } from "../src/network/matrix-rows.js";

/** Rows [rowStart, rowEnd): durations then distances (km), packed in one transferred buffer. */
export function matrixRows(task: MatrixRowsTask): ReturnType<typeof move> {
  const rows = computeMatrixRows(task.graph, task.anchors, task.rowStart, task.rowEnd);
  const packed = new Float64Array(rows.durationS.length * 2);
  packed.set(rows.durationS, 0);
  packed.set(rows.distanceKm, rows.durationS.length);
  return move(packed);
}
