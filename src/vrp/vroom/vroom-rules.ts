// The parts of a VROOM problem urbanmine refuses by name: features the engine does not model
// yet, and matrices that are missing or not square. Each refusal names the JSON path.
import type { InputIssue } from "../../domain/index.js";
import type { VroomProblem } from "./schema.js";

/** The matrices of one profile: durations (s) always; distances (m) and costs when given. */
export interface VroomMatrixSet {
  durations: number[][];
  distances?: number[][];
  costs?: number[][];
}

/** Adds an issue for every VROOM feature the engine does not model yet. */
export function refuseUnsupported(input: VroomProblem, issues: InputIssue[]): void {
  (input.jobs ?? []).forEach((j, i) => {
    const p = `jobs[${i}]`;
    if (j.setup_per_type && Object.keys(j.setup_per_type).length > 0) issues.push({ path: `${p}.setup_per_type`, message: "setup times per vehicle type are not supported yet" });
    if (j.service_per_type && Object.keys(j.service_per_type).length > 0) issues.push({ path: `${p}.service_per_type`, message: "service times per vehicle type are not supported yet" });
  });
  input.vehicles.forEach((v, i) => {
    const p = `vehicles[${i}]`;
    (v.breaks ?? []).forEach((b, k) => {
      if ((b.time_windows ?? []).length > 1) issues.push({ path: `${p}.breaks[${k}].time_windows`, message: "several windows per break are not supported yet; give one" });
      if (b.max_load !== undefined) issues.push({ path: `${p}.breaks[${k}].max_load`, message: "a maximum load to take a break is not supported yet" });
    });
    if ((v.steps ?? []).length > 0) issues.push({ path: `${p}.steps`, message: "custom or seeded routes (vehicle steps) are not supported yet" });
    if (v.max_travel_time !== undefined)
      issues.push({ path: `${p}.max_travel_time`, message: "a limit on travel time alone is not supported yet (the engine limits the whole route duration instead)" });
    if (v.costs?.per_task_hour) issues.push({ path: `${p}.costs.per_task_hour`, message: "a cost per hour of task time is not supported yet" });
  });
}

/** The profile's matrices, checked square and of one size; null (with an issue) when unusable. */
export function checkMatrices(input: VroomProblem, profile: string, issues: InputIssue[]): VroomMatrixSet | null {
  const fromMatrices = input.matrices?.[profile];
  const base = fromMatrices ? `matrices.${profile}` : "matrix";
  const set = fromMatrices ?? (input.matrix && profile === "car" ? { durations: input.matrix } : undefined);
  if (!set?.durations) {
    issues.push({
      path: fromMatrices ? `${base}.durations` : `matrices.${profile}`,
      message: `required: urbanmine has no routing server to ask, so give custom matrices (durations in seconds, and distances in metres) for profile '${profile}'`,
    });
    return null;
  }
  const n = set.durations.length;
  if (n === 0) {
    issues.push({ path: `${base}.durations`, message: "is empty" });
    return null;
  }
  let ok = true;
  for (const key of ["durations", "distances", "costs"] as const) {
    const m = set[key];
    if (!m) continue;
    if (m.length !== n) {
      issues.push({ path: `${base}.${key}`, message: `has ${m.length} rows; durations has ${n}` });
      ok = false;
      continue;
    }
    const bad = m.findIndex((row) => row.length !== n);
    if (bad >= 0) {
      issues.push({ path: `${base}.${key}[${bad}]`, message: `has ${m[bad].length} entries; a ${n}×${n} matrix needs ${n}` });
      ok = false;
    }
  }
  return ok ? { durations: set.durations, distances: set.distances, costs: set.costs } : null;
}
