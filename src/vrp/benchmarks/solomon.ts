// Reader of Solomon / Gehring-Homberger VRPTW text files: name, VEHICLE (number, capacity),
// CUSTOMER table (no, x, y, demand, ready, due, service); row 0 is the depot.
import { UrbanmineError } from "../../domain/index.js";
import type { BenchmarkInstance } from "./instance.js";

/**
 * Parses the text of a Solomon `.txt` file.
 * @throws UrbanmineError INVALID_FILE naming the line and what was expected
 */
export function parseSolomon(text: string, file: string): BenchmarkInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const fail = (msg: string): never => {
    throw new UrbanmineError("INVALID_FILE", `${file}: ${msg}`, [{ path: file, message: msg }]);
  };
  const name = lines.find((l) => l !== "") ?? fail("the file is empty");
  const vIdx = lines.findIndex((l) => l.toUpperCase() === "VEHICLE");
  if (vIdx < 0) fail("no VEHICLE section");
  const fleetLine = lines.slice(vIdx + 1).find((l) => /^\d/.test(l)) ?? fail("no 'NUMBER CAPACITY' values after VEHICLE");
  const [vehicles, capacity] = fleetLine.split(/\s+/).map(Number);
  if (!(Number.isInteger(vehicles) && vehicles > 0 && capacity > 0)) fail(`fleet line '${fleetLine}' must hold a vehicle count and a capacity`);
  const cIdx = lines.findIndex((l) => l.toUpperCase() === "CUSTOMER");
  if (cIdx < 0) fail("no CUSTOMER section");
  const rows: number[][] = [];
  for (let k = cIdx + 1; k < lines.length; k++) {
    const l = lines[k];
    if (l === "" || /^[A-Z]/i.test(l)) continue;
    const nums = l.split(/\s+/).map(Number);
    if (nums.length !== 7 || nums.some((v) => !Number.isFinite(v)))
      fail(`line ${k + 1}: expected 7 numbers (no, x, y, demand, ready, due, service), found '${l}'`);
    if (nums[0] !== rows.length) fail(`line ${k + 1}: customer number ${nums[0]}, expected ${rows.length}`);
    if (nums[5] < nums[4]) fail(`line ${k + 1}: customer ${nums[0]} has a due date (${nums[5]}) before its ready time (${nums[4]})`);
    rows.push(nums);
  }
  if (rows.length < 2) fail("the CUSTOMER table needs the depot and at least one customer");
  const col = (c: number): Float64Array => Float64Array.from(rows, (r) => r[c]);
  return {
    name, kind: "vrptw", x: col(1), y: col(2), demand: col(3), capacity, vehicles,
    readyS: col(4), dueS: col(5), serviceS: col(6), rounding: "trunc1",
  };
}
