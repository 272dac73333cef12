// A locked prefix is driven as given: one its vehicle cannot drive (a leg that cannot be driven,
// a job the vehicle may not serve, a limit its start segment breaks, or breaks that no longer fit
// after it) is refused up front, with the lock's JSON path, before any search.
import { UrbanmineError } from "../../domain/index.js";
import type { ProblemData } from "../data.js";
import { type HgsData, viewFor } from "./hgs-data.js";
import { limitBroken } from "./reasons.js";
import { concat, newSegment, type Segment, visitCustomer, visitDepot } from "./segment.js";

const WHY: Record<string, string> = {
  unreachable: "a leg of it cannot be driven",
  skills: "the vehicle may not serve one of its jobs (skills, carrier or incompatible tags)",
  capacity: "its load exceeds the vehicle's capacity or maximum number of stops",
  "time-window": "it misses a job's time window",
  shift: "the vehicle cannot drive it and return within its shift",
  "max-duration": "it exceeds the vehicle's maximum duration",
  "max-distance": "it exceeds the vehicle's maximum distance",
  break: "the vehicle's breaks no longer fit after it",
};

/**
 * Checks every locked prefix of `d` as the search data `h` price it.
 * @throws UrbanmineError INFEASIBLE naming the vehicle, the lock (`locked[i]`) and the limit broken
 */
export function checkLocks(d: ProblemData, h: HgsData): void {
  const s = newSegment(h);
  const one = newSegment(h);
  for (let v = 0; v < d.nVehicles; v++) {
    const prefix = d.lockedPrefix[v];
    if (prefix.length === 0) continue;
    const why = lockBroken(d, viewFor(h, v), v, s, one);
    if (why === null) continue;
    const what = WHY[why] ?? why;
    const id = d.problem.vehicles[v].id;
    const i = (d.problem.locked ?? []).findIndex((l) => l.vehicleId === id);
    throw new UrbanmineError(
      "INFEASIBLE",
      `the locked route of vehicle '${id}' cannot be kept as given: ${what}; unlock some of its jobs or relax the vehicle's limits`,
      [{ path: `locked[${i}]`, message: `infeasible locked route (${why})` }],
    );
  }
}

/** The constraint vehicle v's locked prefix breaks (its start segment in `h`, then its breaks, then its end), or null. */
function lockBroken(d: ProblemData, h: HgsData, v: number, s: Segment, one: Segment): string | null {
  const prefix = d.lockedPrefix[v];
  const m = d.nLocations;
  let at = d.vStart[v];
  for (const j of [...prefix, -1]) {
    const to = j < 0 ? d.vEnd[v] : d.jobLoc[j];
    if (at >= 0 && to >= 0 && !(Number.isFinite(d.durationS[at * m + to]) && Number.isFinite(d.distanceKm[at * m + to]))) return "unreachable";
    if (j >= 0 && !d.compatible[v * d.nJobs + j]) return "skills";
    if (to >= 0) at = to;
  }
  visitDepot(h, v, false, s);
  const prefixWarp = s.tw;
  // the vehicle's breaks come after its locked jobs, earliest window first
  const breaks: number[] = [];
  for (let c = h.nJobCustomers; c < h.n; c++) {
    const b = h.breakOf[c];
    if (b >= d.vBreakOffset[v] && b < d.vBreakOffset[v + 1]) breaks.push(c);
  }
  breaks.sort((x, y) => h.readyS[x] - h.readyS[y]);
  for (const c of breaks) concat(h, s, visitCustomer(h, c, one), s);
  const warpBeforeEnd = s.tw;
  concat(h, s, visitDepot(h, v, true, one), s);
  const why = limitBroken(h, s, v, warpBeforeEnd);
  if (why === "not-profitable") return null;
  return why === "time-window" && prefixWarp <= 1e-9 ? "break" : why;
}
