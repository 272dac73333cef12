// HiGHS (npm `highs`, WebAssembly) behind the MilpSolver contract. The package's own type
// declarations do not resolve under NodeNext, so the few entry points used here are typed
// locally and the CommonJS build is loaded through createRequire.
import { createRequire } from "node:module";
import { UrbanmineError } from "../../domain/index.js";
import type { MilpModel } from "./model.js";
import type { MilpResult, MilpSolveOptions, MilpSolver, MilpStatus } from "./solver.js";

interface HighsModelData {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  offset: number;
  matrix: { format: "csr"; numRows: number; numCols: number; starts: Int32Array; indices: Int32Array; values: Float64Array };
  integrality: Int32Array;
}
interface HighsInterruptEvent {
  interrupt(): void;
}
interface HighsModel {
  options: { set(values: Record<string, number | string | boolean>): unknown };
  info: { get(name: string): number | bigint };
  setSolution(s: { colValue: Float64Array }): unknown;
  run(callbacks?: Record<number, (e: HighsInterruptEvent) => undefined>): { modelStatus: number };
  getSolution(): { colValue: Float64Array };
  getObjectiveValue(): number;
  dispose(): void;
}
interface HighsRuntime {
  memoryBytes: number;
  createModel(data: HighsModelData): HighsModel;
}
type HighsLoader = () => Promise<HighsRuntime>;

const MIP_INTERRUPT = 6;
const STATUS = { optimal: 7, infeasible: 8, unboundedOrInfeasible: 9, unbounded: 10, timeLimit: 13, interrupted: 17 };
/** The Wasm heap never shrinks; past this size the runtime is replaced before the next solve. */
const HEAP_LIMIT_BYTES = 1.5 * 2 ** 30;

let runtime: Promise<HighsRuntime> | null = null;

async function loadRuntime(): Promise<HighsRuntime> {
  if (runtime) {
    const r = await runtime;
    if (r.memoryBytes < HEAP_LIMIT_BYTES) return r;
  }
  const require = createRequire(import.meta.url);
  const loader = require("highs") as HighsLoader;
  runtime = loader();
  return runtime;
}

function toHighs(model: MilpModel): HighsModelData {
  return {
    numCols: model.numCols,
    numRows: model.numRows,
    colCost: model.colCost,
    colLower: model.colLower,
    colUpper: model.colUpper,
    rowLower: model.rowLower,
    rowUpper: model.rowUpper,
    offset: model.offset,
    matrix: {
      format: "csr",
      numRows: model.numRows,
      numCols: model.numCols,
      starts: model.rowStart,
      indices: model.colIndex,
      values: model.value,
    },
    integrality: Int32Array.from(model.integer),
  };
}

/** HiGHS as a MilpSolver: honours the time limit, the gap, `shouldStop` and a MIP start. */
export class HighsSolver implements MilpSolver {
  readonly name = "highs";

  async solve(model: MilpModel, options: MilpSolveOptions): Promise<MilpResult> {
    const t0 = performance.now();
    const highs = await loadRuntime();
    let m: HighsModel | null = null;
    try {
      m = highs.createModel(toHighs(model));
      m.options.set({
        output_flag: false,
        time_limit: Math.max(0.01, options.timeLimitS),
        mip_rel_gap: options.mipGap,
        mip_abs_gap: 1e-6,
      });
      if (options.start) m.setSolution({ colValue: options.start });
      const stop = options.shouldStop;
      const callbacks = stop
        ? {
            [MIP_INTERRUPT]: (e: HighsInterruptEvent): undefined => {
              if (stop()) e.interrupt();
              return undefined;
            },
          }
        : undefined;
      const { modelStatus } = m.run(callbacks);
      const hasSolution = Number(m.info.get("primal_solution_status")) === 2;
      const isMip = model.integer.some((v) => v === 1);
      const status = mapStatus(modelStatus, hasSolution);
      const x = hasSolution ? Float64Array.from(m.getSolution().colValue) : null;
      const objective = x ? m.getObjectiveValue() : Infinity;
      let bound = -Infinity;
      if (status === "optimal") bound = isMip ? Number(m.info.get("mip_dual_bound")) : objective;
      else if (isMip) bound = Number(m.info.get("mip_dual_bound"));
      if (status === "infeasible") bound = Infinity;
      if (!Number.isFinite(bound) && status !== "infeasible") bound = -Infinity;
      return { solver: this.name, status, x, objective, bound, seconds: (performance.now() - t0) / 1000 };
    } catch (err) {
      runtime = null; // a trapped Wasm instance is not reused
      const nonzeros = model.value.length;
      throw new UrbanmineError(
        "SOLVER_FAILED",
        `HiGHS failed on a model of ${model.numCols} columns, ${model.numRows} rows and ${nonzeros} nonzeros: ${err instanceof Error ? err.message : String(err)}` +
          (err instanceof Error && err.name === "RuntimeError" ? " (its WebAssembly heap is capped at 2 GiB; prune arcs with policy.maxSitesPerZone)" : ""),
      );
    } finally {
      try {
        m?.dispose();
      } catch {
        runtime = null;
      }
    }
  }
}

function mapStatus(code: number, hasSolution: boolean): MilpStatus {
  if (code === STATUS.optimal) return "optimal";
  if (code === STATUS.infeasible) return "infeasible";
  if (code === STATUS.unbounded || code === STATUS.unboundedOrInfeasible) return hasSolution ? "unbounded" : "infeasible";
  if (code === STATUS.interrupted) return hasSolution ? "interrupted" : "no-solution";
  if (code === STATUS.timeLimit) return hasSolution ? "time-limit" : "no-solution";
  return hasSolution ? "time-limit" : "no-solution";
}
