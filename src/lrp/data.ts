// The location-routing problem as the search sees it: node 0..m-1 are candidate depots,
// m..m+n-1 customers; one flat cost matrix; validated once here, trusted afterwards.
import { type InputIssue, UrbanmineError } from "../domain/index.js";

/** A candidate depot: where it is (when no matrix is given), what it holds, what opening it costs. */
export interface LrpDepot {
  x?: number;
  y?: number;
  /** Most demand the depot may serve (same unit as demands). */
  capacity: number;
  openingCost: number;
}

/** A customer to visit exactly once. */
export interface LrpCustomer {
  x?: number;
  y?: number;
  demand: number;
}

/** A capacitated location-routing instance as plain data. */
export interface LrpInput {
  name?: string;
  depots: LrpDepot[];
  customers: LrpCustomer[];
  vehicleCapacity: number;
  /** Fixed cost of each route (one vehicle). */
  routeCost: number;
  /**
   * Optional cost matrix over depots then customers, row-major, (m+n)²; when absent the edge
   * cost is trunc(100 × Euclidean distance) of the coordinates (the Prodhon integer convention).
   */
  matrix?: ArrayLike<number>;
}

/** Internal, validated form. */
export interface LrpData {
  name: string;
  /** Depots. */
  m: number;
  /** Customers. */
  n: number;
  /** Nodes: m + n. */
  size: number;
  /** Demand by node (0 for depots). */
  demand: Float64Array;
  vehicleCapacity: number;
  routeCost: number;
  depotCapacity: Float64Array;
  openingCost: Float64Array;
  /** cost[a * size + b]. */
  cost: Float64Array;
  /** Nearest customers of each customer node, by cost both ways (granular neighbourhood). */
  neighbours: Int32Array[];
  totalDemand: number;
}

/** Edge cost of the Prodhon integer convention: Euclidean distance × 100, truncated. */
export function prodhonEdge(ax: number, ay: number, bx: number, by: number): number {
  return Math.trunc(100 * Math.hypot(ax - bx, ay - by));
}

/**
 * Checks and converts an instance.
 * @throws UrbanmineError INVALID_INPUT listing each bad field by path;
 *   INFEASIBLE when the depots together cannot hold the demand or a customer outweighs a vehicle.
 */
export function buildLrpData(input: LrpInput, neighbourCount = 30): LrpData {
  const issues: InputIssue[] = [];
  const bad = (path: string, message: string): void => void issues.push({ path, message });
  const nonNeg = (v: unknown): boolean => typeof v === "number" && Number.isFinite(v) && v >= 0;
  const m = Array.isArray(input.depots) ? input.depots.length : 0;
  const n = Array.isArray(input.customers) ? input.customers.length : 0;
  if (m === 0) bad("depots", "at least one depot is needed");
  if (n === 0) bad("customers", "at least one customer is needed");
  if (!(typeof input.vehicleCapacity === "number" && input.vehicleCapacity > 0 && Number.isFinite(input.vehicleCapacity)))
    bad("vehicleCapacity", "a positive number");
  if (!nonNeg(input.routeCost)) bad("routeCost", "a number >= 0");
  const size = m + n;
  const hasMatrix = input.matrix !== undefined;
  if (hasMatrix && input.matrix!.length !== size * size) bad("matrix", `${size * size} entries ((depots + customers)²), got ${input.matrix!.length}`);
  const coordOk = (o: { x?: number; y?: number }, path: string): void => {
    if (!hasMatrix && !(Number.isFinite(o.x) && Number.isFinite(o.y))) bad(path, "x and y numbers (or give a matrix)");
  };
  for (let d = 0; d < m; d++) {
    const dep = input.depots[d];
    if (!nonNeg(dep?.capacity)) bad(`depots[${d}].capacity`, "a number >= 0");
    if (!nonNeg(dep?.openingCost)) bad(`depots[${d}].openingCost`, "a number >= 0");
    coordOk(dep ?? {}, `depots[${d}]`);
  }
  for (let c = 0; c < n; c++) {
    const cu = input.customers[c];
    if (!(nonNeg(cu?.demand) && cu.demand > 0)) bad(`customers[${c}].demand`, "a number > 0");
    coordOk(cu ?? {}, `customers[${c}]`);
  }
  if (hasMatrix && issues.length === 0)
    for (let i = 0; i < size * size; i++)
      if (!nonNeg(input.matrix![i])) {
        bad(`matrix[${i}]`, "a number >= 0");
        break;
      }
  if (issues.length > 0)
    throw new UrbanmineError("INVALID_INPUT", `invalid location-routing instance: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);

  const name = input.name ?? "lrp";
  const demand = new Float64Array(size);
  let totalDemand = 0;
  for (let c = 0; c < n; c++) {
    demand[m + c] = input.customers[c].demand;
    totalDemand += demand[m + c];
  }
  const depotCapacity = Float64Array.from(input.depots, (d) => d.capacity);
  const openingCost = Float64Array.from(input.depots, (d) => d.openingCost);
  explainInfeasibility(name, input, totalDemand, depotCapacity);

  const cost = new Float64Array(size * size);
  if (hasMatrix) cost.set(Array.from(input.matrix!));
  else {
    const pts = [...input.depots, ...input.customers] as Array<{ x: number; y: number }>;
    for (let a = 0; a < size; a++)
      for (let b = 0; b < size; b++) cost[a * size + b] = prodhonEdge(pts[a].x, pts[a].y, pts[b].x, pts[b].y);
  }
  const neighbours = buildNeighbours(m, n, cost, Math.min(neighbourCount, n - 1));
  return { name, m, n, size, demand, vehicleCapacity: input.vehicleCapacity, routeCost: input.routeCost, depotCapacity, openingCost, cost, neighbours, totalDemand };
}

function explainInfeasibility(name: string, input: LrpInput, totalDemand: number, depotCapacity: Float64Array): void {
  const heavy = input.customers.findIndex((c) => c.demand > input.vehicleCapacity);
  if (heavy >= 0)
    throw new UrbanmineError(
      "INFEASIBLE",
      `${name} has no feasible solution: customer ${heavy + 1} needs ${input.customers[heavy].demand} but a vehicle holds only ${input.vehicleCapacity}, and a customer is visited once`,
    );
  const totalCap = depotCapacity.reduce((a, c) => a + c, 0);
  if (totalCap < totalDemand)
    throw new UrbanmineError(
      "INFEASIBLE",
      `${name} has no feasible solution: the depots together hold ${totalCap} but the customers need ${totalDemand}`,
    );
  const biggestDepot = Math.max(...depotCapacity);
  const tooBig = input.customers.findIndex((c) => c.demand > biggestDepot);
  if (tooBig >= 0)
    throw new UrbanmineError(
      "INFEASIBLE",
      `${name} has no feasible solution: customer ${tooBig + 1} needs ${input.customers[tooBig].demand} but no depot holds more than ${biggestDepot}`,
    );
}

function buildNeighbours(m: number, n: number, cost: Float64Array, k: number): Int32Array[] {
  const size = m + n;
  const out: Int32Array[] = new Array(size);
  const others = Array.from({ length: n }, (_, c) => m + c);
  for (let d = 0; d < m; d++) out[d] = new Int32Array(0);
  for (let u = m; u < size; u++) {
    const near = others.filter((v) => v !== u).sort((a, b) => cost[u * size + a] + cost[a * size + u] - cost[u * size + b] - cost[b * size + u]);
    out[u] = Int32Array.from(near.slice(0, k));
  }
  return out;
}
