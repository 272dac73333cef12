// Reader of Prodhon-format location-routing files (.dat): one number (or a coordinate pair) per
// line, blocks in a fixed order (see ../shared/benchmarks/lrp/prodhon/format.txt).
import { UrbanmineError } from "../domain/index.js";
import type { LrpInput } from "./data.js";

/**
 * Parses a Prodhon `.dat` text.
 * @throws UrbanmineError INVALID_FILE naming the file, the line and the field that is wrong
 */
export function parseProdhon(text: string, name: string): LrpInput {
  const lines: Array<{ no: number; nums: number[]; raw: string }> = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = raw.trim();
    if (t === "") return;
    const nums = t.split(/\s+/).map(Number);
    lines.push({ no: i + 1, nums, raw: t });
  });
  let at = 0;
  const fail = (what: string, line?: { no: number; raw: string }): never => {
    const where = line ? `line ${line.no} ('${line.raw.slice(0, 40)}')` : "end of file";
    throw new UrbanmineError("INVALID_FILE", `${name}: ${where}: expected ${what}`, [{ path: `${name}:${line?.no ?? "eof"}`, message: what }]);
  };
  const take = (what: string, count: 1 | 2, check: (v: number) => boolean): number[] => {
    const line = lines[at];
    if (!line) return fail(what);
    if (line.nums.length !== count || !line.nums.every((v) => Number.isFinite(v) && check(v))) return fail(what, line);
    at++;
    return line.nums;
  };
  const whole = (v: number): boolean => Number.isInteger(v) && v > 0;
  const nonNeg = (v: number): boolean => v >= 0;
  const any = (): boolean => true;
  const n = take("the number of customers (a whole number > 0)", 1, whole)[0];
  const m = take("the number of depots (a whole number > 0)", 1, whole)[0];
  const depotXY = Array.from({ length: m }, (_, d) => take(`the coordinates 'x y' of depot ${d + 1}`, 2, any));
  const custXY = Array.from({ length: n }, (_, c) => take(`the coordinates 'x y' of customer ${c + 1}`, 2, any));
  const vehicleCapacity = take("the vehicle capacity (a number > 0)", 1, (v) => v > 0)[0];
  const caps = Array.from({ length: m }, (_, d) => take(`the capacity of depot ${d + 1} (a number >= 0)`, 1, nonNeg)[0]);
  const demands = Array.from({ length: n }, (_, c) => take(`the demand of customer ${c + 1} (a number > 0)`, 1, (v) => v > 0)[0]);
  const opening = Array.from({ length: m }, (_, d) => take(`the opening cost of depot ${d + 1} (a number >= 0)`, 1, nonNeg)[0]);
  const routeCost = take("the cost of a route (a number >= 0)", 1, nonNeg)[0];
  const kind = take("the cost type (0: integer costs, 1: real costs)", 1, (v) => v === 0 || v === 1)[0];
  if (kind !== 0) fail("cost type 0 (integer costs; real costs are not supported)", lines[at - 1]);
  if (at < lines.length) fail("the end of the file (extra data after the cost type)", lines[at]);
  return {
    name,
    depots: depotXY.map(([x, y], d) => ({ x, y, capacity: caps[d], openingCost: opening[d] })),
    customers: custXY.map(([x, y], c) => ({ x, y, demand: demands[c] })),
    vehicleCapacity,
    routeCost,
  };
}
