// Reader of CVRPLIB/TSPLIB `.vrp` files (EUC_2D, one depot): header, NODE_COORD_SECTION,
// DEMAND_SECTION, DEPOT_SECTION. Node ids 1..DIMENSION become indices 0..DIMENSION-1.
import { UrbanmineError } from "../../domain/index.js";
import type { BenchmarkInstance } from "./instance.js";

/**
 * Parses the text of a `.vrp` file.
 * @param file used in error messages
 * @throws UrbanmineError INVALID_FILE naming the line and what was expected
 */
export function parseCvrplib(text: string, file: string): BenchmarkInstance {
  const lines = text.split(/\r?\n/);
  const header = new Map<string, string>();
  let section = "";
  let n = -1;
  let x = new Float64Array(0);
  let y = new Float64Array(0);
  let demand = new Float64Array(0);
  const seen = { coords: 0, demands: 0 };
  const depots: number[] = [];
  const bad = (k: number, msg: string): never => {
    throw new UrbanmineError("INVALID_FILE", `${file}:${k + 1}: ${msg}`, [{ path: `${file}:${k + 1}`, message: msg }]);
  };
  lines.forEach((raw, k) => {
    const line = raw.trim();
    if (line === "" || line === "EOF") return;
    if (/^[A-Z_]+_SECTION$/.test(line)) {
      section = line;
      if (n < 0) bad(k, "DIMENSION must come before the sections");
      return;
    }
    const kv = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (kv && section === "") {
      header.set(kv[1], kv[2].trim());
      if (kv[1] === "DIMENSION") {
        n = Number(kv[2]);
        if (!Number.isInteger(n) || n < 2) bad(k, `DIMENSION '${kv[2]}' must be an integer >= 2`);
        x = new Float64Array(n);
        y = new Float64Array(n);
        demand = new Float64Array(n);
      }
      return;
    }
    const nums = line.split(/\s+/).map(Number);
    if (nums.some((v) => !Number.isFinite(v))) bad(k, `expected numbers in ${section || "the header"}, found '${line}'`);
    if (section === "NODE_COORD_SECTION") {
      const i = nums[0] - 1;
      if (nums.length < 3 || !(i >= 0 && i < n)) bad(k, `expected 'id x y' with id in 1..${n}`);
      x[i] = nums[1];
      y[i] = nums[2];
      seen.coords++;
    } else if (section === "DEMAND_SECTION") {
      const i = nums[0] - 1;
      if (nums.length < 2 || !(i >= 0 && i < n) || nums[1] < 0) bad(k, `expected 'id demand' with id in 1..${n} and demand >= 0`);
      demand[i] = nums[1];
      seen.demands++;
    } else if (section === "DEPOT_SECTION") {
      if (nums[0] !== -1) depots.push(nums[0]);
    } else bad(k, `unexpected line '${line}' (section ${section || "none"})`);
  });
  const name = header.get("NAME") ?? file;
  const where = (msg: string): never => {
    throw new UrbanmineError("INVALID_FILE", `${file}: ${msg}`, [{ path: file, message: msg }]);
  };
  if (n < 0) where("no DIMENSION line");
  const type = header.get("EDGE_WEIGHT_TYPE");
  if (type !== "EUC_2D") where(`EDGE_WEIGHT_TYPE '${type ?? "missing"}' is not supported; expected EUC_2D`);
  const capacity = Number(header.get("CAPACITY"));
  if (!(capacity > 0)) where(`CAPACITY '${header.get("CAPACITY") ?? "missing"}' must be a positive number`);
  if (seen.coords !== n) where(`NODE_COORD_SECTION has ${seen.coords} nodes; DIMENSION says ${n}`);
  if (seen.demands !== n) where(`DEMAND_SECTION has ${seen.demands} entries; DIMENSION says ${n}`);
  if (depots.length > 1 || (depots.length === 1 && depots[0] !== 1)) where(`only one depot, node 1, is supported; found ${depots.join(", ")}`);
  return { name, kind: "cvrp", x, y, demand, capacity, rounding: "nint" };
}
