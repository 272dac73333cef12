// Matrix rows spread over a Piscina pool: the CSR graph is copied once into shared memory
// per graph, each worker gets blocks of rows, and results come back as transferred buffers.
// The pool is created by its owner (pipeline, CLI) and passed to computeTravel as a RowRunner.
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { CsrGraph, MatrixRows, MatrixRowsTask, RowRunner } from "../network/index.js";
import { workerPath } from "./worker-path.js";

/** A worker pool computing matrix rows. */
export interface MatrixPool {
  runRows: RowRunner;
  /** Stops the workers. */
  close(): Promise<void>;
}

/** Options of the pool. */
export interface MatrixPoolOptions {
  /** Worker threads (default: cores − 1, at least 1). */
  threads?: number;
  /** Rows per task (default: enough for 4 tasks per thread). */
  rowsPerTask?: number;
}

/**
 * Starts a pool on the compiled worker `dist/workers/matrix-rows.js`.
 * @throws Error when the worker file has not been built (`npm run build`).
 */
export function createMatrixPool(opts: MatrixPoolOptions = {}): MatrixPool {
  const threads = Math.max(1, opts.threads ?? availableParallelism() - 1);
  const filename = workerPath("matrix-rows");
  const pool = new Piscina({ filename, name: "matrixRows", minThreads: threads, maxThreads: threads });
  const shared = new WeakMap<CsrGraph, CsrGraph>();
  const runRows: RowRunner = async (g, a) => {
    let graph = shared.get(g);
    if (!graph) {
      graph = shareGraph(g);
      shared.set(g, graph);
    }
    const n = a.count;
    const block = Math.max(1, opts.rowsPerTask ?? Math.ceil(n / (threads * 4)));
    const tasks: Array<Promise<MatrixRows>> = [];
    for (let rowStart = 0; rowStart < n; rowStart += block) {
      const rowEnd = Math.min(n, rowStart + block);
      const task: MatrixRowsTask = { graph, anchors: a, rowStart, rowEnd };
      tasks.push(
        (pool.run(task) as Promise<Float64Array>).then((packed) => {
          const half = packed.length / 2;
          return { rowStart, rowEnd, durationS: packed.subarray(0, half), distanceKm: packed.subarray(half) };
        }),
      );
    }
    return Promise.all(tasks);
  };
  return { runRows, close: () => pool.destroy() };
}

function shareGraph(g: CsrGraph): CsrGraph {
  return {
    nodeCount: g.nodeCount,
    offsets: toShared(g.offsets, Int32Array),
    targets: toShared(g.targets, Int32Array),
    durationS: toShared(g.durationS, Float64Array),
    lengthM: toShared(g.lengthM, Float64Array),
  };
}

function toShared<T extends Int32Array | Float64Array>(
  src: T,
  Ctor: { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
): T {
  const out = new Ctor(new SharedArrayBuffer(src.length * Ctor.BYTES_PER_ELEMENT));
  out.set(src);
  return out;
}
