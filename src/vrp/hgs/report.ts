// Schedules of the genetic search's routes, reported for every problem it solves: each vehicle
// leaves at the earliest start of its route's minimum-duration schedule (from the whole-route segment), then every step is walked: a job's
// setup is paid when arriving from another location, a break is taken where the vehicle is,
// an unload empties the vehicle at its hub.
import type { RouteStep, RoutingRoute } from "../../domain/index.js";
import type { ProblemData } from "../data.js";
import { routeCostUsd } from "../route-cost.js";
import { type HgsData, viewFor } from "./hgs-data.js";
import { concat, newSegment, visitCustomer, visitDepot } from "./segment.js";

/**
 * The reported route of vehicle v for the search's customer list `route` (jobs and breaks),
 * after the vehicle's locked prefix; null when the vehicle serves no job.
 */
export function reportRoute(data: ProblemData, hgs: HgsData, v: number, route: readonly number[]): RoutingRoute | null {
  const locked = data.lockedPrefix[v];
  if (locked.length === 0 && !route.some((c) => hgs.jobOf[c] >= 0)) return null;
  const seg = visitDepot(hgs, v, false, newSegment(hgs));
  const one = newSegment(hgs);
  const on = viewFor(hgs, v);
  for (const c of route) concat(on, seg, visitCustomer(hgs, c, one), seg);
  concat(on, seg, visitDepot(hgs, v, true, one), seg);
  const p = data.problem;
  const veh = p.vehicles[v];
  const m = data.nLocations;
  const nDims = data.nDims;
  const load = Float64Array.from({ length: nDims }, (_, q) => data.vInitialLoad[v * nDims + q]);
  const steps: RouteStep[] = [];
  let t = Math.max(data.vShiftStartS[v], seg.e);
  // -1: an open start, 0 km and 0 s from the first stop
  let here = data.vStart[v];
  let km = 0;
  const push = (s: Omit<RouteStep, "load" | "distanceKm">): void => {
    steps.push({ ...s, load: Array.from(load), distanceKm: km });
    t = s.departureS;
  };
  if (here >= 0) push({ type: "start", location: here, arrivalS: t, waitingS: 0, serviceS: 0, departureS: t });
  const drive = (to: number): number => {
    if (here < 0) {
      here = to;
      return t;
    }
    km += data.distanceKm[here * m + to];
    const arrival = t + data.durationS[here * m + to] / data.vSpeedFactor[v];
    here = to;
    return arrival;
  };
  const usedBreaks = new Set<number>();
  /** Job j served in the window opening at `readyS` (a job with several windows: its customer's). */
  const visitJob = (j: number, readyS: number): void => {
    const setupS = data.jobLoc[j] !== here ? data.jobSetupS[j] : 0;
    const arrivalS = drive(data.jobLoc[j]);
    const begin = Math.max(arrivalS, readyS);
    // a shipment's delivery unloads what its pickup loaded
    const sign = data.jobDelivers[j] ? -1 : 1;
    for (let q = 0; q < nDims; q++) load[q] += sign * data.jobAmount[j * nDims + q];
    const step: Omit<RouteStep, "load" | "distanceKm"> = { type: "job", jobId: p.jobs[j].id, location: here, arrivalS, waitingS: begin - arrivalS, serviceS: data.jobServiceS[j], departureS: begin + setupS + data.jobServiceS[j] };
    if (setupS > 0) step.setupS = setupS;
    push(step);
  };
  // a locked job in the window its start segment was folded with
  for (const j of locked) visitJob(j, data.twStartS[hgs.lockWindow[j]]);
  for (const c of route) {
    if (hgs.isUnload[c]) {
      // the load leaves the vehicle at the hub: the next trip starts empty
      const arrivalS = drive(hgs.loc[c]);
      load.fill(0);
      push({ type: "unload", location: here, arrivalS, waitingS: 0, serviceS: data.vUnloadS[v], departureS: arrivalS + data.vUnloadS[v] });
      continue;
    }
    if (!hgs.isBreak[c]) {
      visitJob(hgs.jobOf[c], hgs.readyS[c]);
      continue;
    }
    // breaks of one kind are interchangeable: report the vehicle's first unused one of that kind
    const kind = hgs.breakOf[c];
    let b = data.vBreakOffset[v];
    for (; b < data.vBreakOffset[v + 1]; b++) {
      const same = data.breakStartS[b] === data.breakStartS[kind] && data.breakEndS[b] === data.breakEndS[kind] && data.breakServiceS[b] === data.breakServiceS[kind];
      if (same && !usedBreaks.has(b)) break;
    }
    usedBreaks.add(b);
    const k = b - data.vBreakOffset[v];
    const begin = Math.max(t, data.breakStartS[b]);
    push({ type: "break", breakId: veh.breaks?.[k]?.id ?? `break-${k}`, location: here, arrivalS: t, waitingS: begin - t, serviceS: data.breakServiceS[b], departureS: begin + data.breakServiceS[b] });
  }
  if (data.vEnd[v] >= 0) {
    const endS = drive(data.vEnd[v]);
    push({ type: "end", location: here, arrivalS: endS, waitingS: 0, serviceS: 0, departureS: endS });
  }
  const durationS = steps[steps.length - 1].departureS - steps[0].arrivalS;
  const jobs = steps.filter((s) => s.type === "job").length;
  const costUsd = routeCostUsd(data, v, jobs, km, durationS);
  return { vehicleId: veh.id, carrierId: veh.carrierId, steps, distanceKm: km, durationS, costUsd, co2Kg: km * veh.co2KgPerKm };
}
