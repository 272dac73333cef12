// Independent checker of a VROOM-shaped solution against the VROOM problem JSON it answers:
// re-derives every arrival, waiting time, cumulative travel time and distance, load, time
// window, capacity, skill, task count and cost (VROOM's convention) from the raw JSON alone,
// without any code of the converter or the engine. Breaks: each used vehicle takes each of its
// breaks once, within its window, where the vehicle is (no travel). Setup: paid at a job reached
// from another location.

interface Job {
  id: number;
  location_index: number;
  service?: number;
  setup?: number;
  delivery?: number[];
  pickup?: number[];
  skills?: number[];
  priority?: number;
  time_windows?: Array<[number, number]>;
}
interface Vehicle {
  id: number;
  start_index?: number;
  end_index?: number;
  capacity?: number[];
  skills?: number[];
  time_window?: [number, number];
  costs?: { fixed?: number; per_hour?: number; per_km?: number };
  speed_factor?: number;
  max_tasks?: number;
  max_distance?: number;
  breaks?: Array<{ id: number; time_windows?: Array<[number, number]>; service?: number }>;
}
interface ShipmentEnd {
  id: number;
  location_index: number;
  service?: number;
  setup?: number;
  time_windows?: Array<[number, number]>;
}
interface Shipment {
  pickup: ShipmentEnd;
  delivery: ShipmentEnd;
  amount?: number[];
  skills?: number[];
  priority?: number;
}
interface Problem {
  jobs: Job[];
  shipments?: Shipment[];
  vehicles: Vehicle[];
  matrices: Record<string, { durations: number[][]; distances?: number[][]; costs?: number[][] }>;
}
interface Step {
  type: string;
  id?: number;
  location_index?: number;
  arrival: number;
  duration: number;
  setup: number;
  service: number;
  waiting_time: number;
  load?: number[];
  distance?: number;
}
interface Route {
  vehicle: number;
  cost: number;
  setup: number;
  service: number;
  duration: number;
  waiting_time: number;
  priority: number;
  delivery?: number[];
  pickup?: number[];
  distance?: number;
  steps: Step[];
}
interface Solution {
  code: number;
  summary: { cost: number; routes: number; unassigned: number; setup: number; service: number; duration: number; waiting_time: number; priority: number; distance?: number };
  routes: Route[];
  unassigned: Array<{ id: number; type: string; location_index?: number }>;
}

/** Result: every violation found, and the cost recomputed in VROOM's convention. */
export interface VroomCheck {
  ok: boolean;
  errors: string[];
  cost: number;
  served: number;
}

/** Checks `solution` (VROOM's output JSON) against `problem` (VROOM's input JSON). Never throws. */
export function checkVroomSolution(problemJson: unknown, solutionJson: unknown): VroomCheck {
  const p = problemJson as Problem;
  const s = solutionJson as Solution;
  const errors: string[] = [];
  if (s.code !== 0) return { ok: false, errors: [`code ${s.code}`], cost: NaN, served: 0 };
  const m = p.matrices.car;
  // every task by "type:id": jobs, and each shipment's pickup and delivery as jobs carrying the
  // shipment's amount (picked up, then delivered), skills and priority
  const jobs = new Map<string, Job>(p.jobs.map((j) => [`job:${j.id}`, j]));
  const partnerOf = new Map<string, string>();
  for (const sh of p.shipments ?? []) {
    const common = { skills: sh.skills, priority: sh.priority };
    jobs.set(`pickup:${sh.pickup.id}`, { ...sh.pickup, ...common, pickup: sh.amount });
    jobs.set(`delivery:${sh.delivery.id}`, { ...sh.delivery, ...common, delivery: sh.amount });
    partnerOf.set(`delivery:${sh.delivery.id}`, `pickup:${sh.pickup.id}`);
  }
  const isTask = (type: string): boolean => type === "job" || type === "pickup" || type === "delivery";
  const vehicles = new Map(p.vehicles.map((v) => [v.id, v]));
  const nDims = p.vehicles[0].capacity?.length ?? 0;
  // VROOM's convention depends on whether any time window is given: then travel time is counted
  // in whole seconds between reported times and costs are rounded; else both are truncated from
  // hundredths of a second
  const timed = p.vehicles.some((v) => v.time_window !== undefined || (v.breaks ?? []).length > 0) || p.jobs.some((j) => (j.time_windows ?? []).length > 0);
  const seen = new Set<string>();
  const mark = (key: string, where: string): void => {
    if (!jobs.has(key)) errors.push(`${where}: unknown task ${key}`);
    else if (seen.has(key)) errors.push(`${where}: task ${key} appears twice`);
    seen.add(key);
  };
  const servedOn = new Map<string, [number, number]>();
  let cost = 0;
  const totals = { setup: 0, service: 0, duration: 0, waiting: 0, priority: 0, distance: 0 };
  const used = new Set<number>();
  s.routes.forEach((r, ri) => {
    const where = `routes[${ri}]`;
    const v = vehicles.get(r.vehicle);
    if (!v) return void errors.push(`${where}: unknown vehicle ${r.vehicle}`);
    if (used.has(v.id)) errors.push(`${where}: vehicle ${v.id} used twice`);
    used.add(v.id);
    const sf = v.speed_factor ?? 1;
    // VROOM times in hundredths of a second: a leg takes d × round(100 / sf) hundredths
    const factor = Math.round(100 / sf);
    const tol = factor === 100 ? 0 : 1;
    const steps = r.steps;
    const err = (k: number, msg: string): void => void errors.push(`${where}.steps[${k}]: ${msg}`);
    if (steps[0]?.type !== "start" || steps[steps.length - 1]?.type !== "end") errors.push(`${where}: must run from a start step to an end step`);
    const routeJobs = steps.filter((x) => isTask(x.type)).map((x) => jobs.get(`${x.type}:${x.id}`)).filter((j): j is Job => j !== undefined);
    if (routeJobs.length === 0) errors.push(`${where}: no jobs`);
    // jobs' deliveries are on board from the start; a shipment's only once picked up
    const jobDeliveries = steps.filter((x) => x.type === "job").map((x) => jobs.get(`job:${x.id}`)).filter((j): j is Job => j !== undefined);
    const load = Array.from({ length: nDims }, (_, d) => jobDeliveries.reduce((a, j) => a + (j.delivery?.[d] ?? 0), 0));
    const cap = Array.from({ length: nDims }, (_, d) => v.capacity?.[d] ?? 0);
    let prevLoc: number | undefined;
    let departure = 0;
    let travel100 = 0;
    let userTravel = 0;
    let prevEnd: number | undefined;
    let matrixS = 0;
    let metres = 0;
    let tasks = 0;
    const before = { ...totals };
    const vSkills = new Set(v.skills ?? []);
    const breaksTaken = new Set<number>();
    steps.forEach((st, k) => {
      const job = isTask(st.type) ? jobs.get(`${st.type}:${st.id}`) : undefined;
      const brk = st.type === "break" ? (v.breaks ?? []).find((b) => b.id === st.id) : undefined;
      if (isTask(st.type)) {
        mark(`${st.type}:${st.id}`, where);
        servedOn.set(`${st.type}:${st.id}`, [ri, k]);
        tasks++;
      } else if (st.type === "break") {
        if (!brk) err(k, `break ${st.id} is not a break of vehicle ${v.id}`);
        else if (breaksTaken.has(brk.id)) err(k, `break ${brk.id} taken twice`);
        else breaksTaken.add(brk.id);
        if (k === 0 || k === steps.length - 1) err(k, "a break between the start and the end");
      } else if (st.type !== "start" && st.type !== "end") err(k, `unexpected step type ${st.type}`);
      const loc = st.type === "start" ? (v.start_index ?? routeJobs[0]?.location_index) : st.type === "end" ? (v.end_index ?? routeJobs[routeJobs.length - 1]?.location_index) : job?.location_index;
      if (st.location_index !== loc) err(k, `location_index ${st.location_index}, expected ${loc}`);
      // an open start or end adds no leg
      const leg = k > 0 && loc !== undefined && prevLoc !== undefined && !(st.type === "end" && v.end_index === undefined) && !(k === 1 && v.start_index === undefined);
      if (leg) {
        travel100 += m.durations[prevLoc as number][loc as number] * factor;
        matrixS += m.durations[prevLoc as number][loc as number];
        metres += m.distances?.[prevLoc as number][loc as number] ?? 0;
      }
      if (k === 0) {
        if (v.time_window && st.arrival < v.time_window[0]) err(k, `starts at ${st.arrival}, before the shift ${v.time_window[0]}`);
      } else if (Math.abs(st.arrival - (departure + (leg ? (m.durations[prevLoc as number][loc as number] * factor) / 100 : 0))) > tol + 1e-9)
        err(k, `arrival ${st.arrival}, recomputed ${departure} + travel`);
      if (prevEnd !== undefined) userTravel += st.arrival - prevEnd;
      const cumulative = timed ? userTravel : Math.floor(travel100 / 100);
      if (st.duration !== cumulative) err(k, `cumulative travel ${st.duration}, recomputed ${cumulative}`);
      if (m.distances && st.distance !== metres) err(k, `cumulative distance ${st.distance}, recomputed ${metres}`);
      if (st.waiting_time < 0) err(k, `negative waiting ${st.waiting_time}`);
      const begin = st.arrival + st.waiting_time;
      // setup is paid when the job is reached from another place (or first after an open start)
      const wantSetup = job && (prevLoc === undefined || prevLoc !== job.location_index || (k === 1 && v.start_index === undefined)) ? (job.setup ?? 0) : 0;
      if (st.setup !== wantSetup) err(k, `setup ${st.setup}, expected ${wantSetup}`);
      if (brk) {
        if (st.service !== (brk.service ?? 0)) err(k, `break lasts ${st.service}, expected ${brk.service ?? 0}`);
        const tws = brk.time_windows ?? [];
        if (tws.length > 0 && !tws.some(([a, b]) => begin >= a && begin <= b)) err(k, `break starts at ${begin}, outside ${JSON.stringify(tws)}`);
        if (st.waiting_time > 0 && !tws.some(([a]) => a === begin)) err(k, `waits ${st.waiting_time} s for a break without a window opening at ${begin}`);
      } else if (job) {
        if (st.service !== (job.service ?? 0)) err(k, `service ${st.service}, job needs ${job.service ?? 0}`);
        const tws = job.time_windows ?? [];
        if (tws.length > 0 && !tws.some(([a, b]) => begin >= a && begin <= b)) err(k, `service starts at ${begin}, outside ${JSON.stringify(tws)}`);
        if (st.waiting_time > 0 && !tws.some(([a]) => a === begin)) err(k, `waits ${st.waiting_time} s without a window opening at ${begin}`);
        const missing = (job.skills ?? []).filter((x) => !vSkills.has(x));
        if (missing.length > 0) err(k, `job ${job.id} needs skills ${missing.join(",")}`);
        for (let d = 0; d < nDims; d++) load[d] += (job.pickup?.[d] ?? 0) - (job.delivery?.[d] ?? 0);
        totals.priority += job.priority ?? 0;
      } else if (st.service !== 0 || st.waiting_time !== 0 || st.setup !== 0) err(k, `${st.type} step with setup, service or waiting`);
      if (nDims > 0 && JSON.stringify(st.load) !== JSON.stringify(load)) err(k, `load ${JSON.stringify(st.load)}, recomputed ${JSON.stringify(load)}`);
      load.forEach((x, d) => {
        if (x > cap[d]) err(k, `load ${x} exceeds capacity ${cap[d]} in dimension ${d}`);
      });
      departure = begin + st.setup + st.service;
      prevEnd = departure;
      totals.setup += st.setup;
      totals.service += st.service;
      totals.waiting += st.waiting_time;
      if (loc !== undefined) prevLoc = loc;
    });
    for (const b of v.breaks ?? []) if (!breaksTaken.has(b.id)) errors.push(`${where}: vehicle ${v.id} does not take break ${b.id}`);
    const end = steps[steps.length - 1];
    if (v.time_window && end && end.arrival > v.time_window[1]) errors.push(`${where}: ends at ${end.arrival}, after the shift ${v.time_window[1]}`);
    if (tasks > (v.max_tasks ?? Infinity)) errors.push(`${where}: ${tasks} tasks, max_tasks ${v.max_tasks}`);
    if (metres > (v.max_distance ?? Infinity)) errors.push(`${where}: ${metres} m, max_distance ${v.max_distance}`);
    const dur = timed ? userTravel : Math.floor(travel100 / 100);
    let legCost: number;
    if (m.costs) {
      legCost = 0;
      const located = steps.filter((x) => x.type !== "break");
      for (let k = 1; k < located.length; k++) {
        const a = located[k - 1].location_index as number;
        const b = located[k].location_index as number;
        const open = (k === 1 && v.start_index === undefined) || (k === located.length - 1 && v.end_index === undefined);
        if (!open) legCost += m.costs[a][b];
      }
    } else if (timed) legCost = Math.round((dur * (v.costs?.per_hour ?? 3600)) / 3600 + (metres * (v.costs?.per_km ?? 0)) / 1000);
    else legCost = Math.floor((Math.round((100 * (v.costs?.per_hour ?? 3600)) / sf) * matrixS + 360 * (v.costs?.per_km ?? 0) * metres) / 360000);
    const rc = (v.costs?.fixed ?? 0) + legCost;
    if (r.cost !== rc) errors.push(`${where}: cost ${r.cost}, recomputed ${rc}`);
    if (r.setup !== totals.setup - before.setup) errors.push(`${where}: setup ${r.setup}, steps add up to ${totals.setup - before.setup}`);
    if (r.service !== totals.service - before.service) errors.push(`${where}: service ${r.service}, steps add up to ${totals.service - before.service}`);
    if (r.waiting_time !== totals.waiting - before.waiting) errors.push(`${where}: waiting_time ${r.waiting_time}, steps add up to ${totals.waiting - before.waiting}`);
    if (r.priority !== totals.priority - before.priority) errors.push(`${where}: priority ${r.priority}, jobs add up to ${totals.priority - before.priority}`);
    for (let d = 0; d < nDims; d++) {
      const del = routeJobs.reduce((a, j) => a + (j.delivery?.[d] ?? 0), 0);
      const pick = routeJobs.reduce((a, j) => a + (j.pickup?.[d] ?? 0), 0);
      if (r.delivery?.[d] !== del || r.pickup?.[d] !== pick) errors.push(`${where}: delivery/pickup [${d}] ${r.delivery?.[d]}/${r.pickup?.[d]}, jobs add up to ${del}/${pick}`);
    }
    if (r.duration !== dur) errors.push(`${where}: duration ${r.duration}, recomputed ${dur}`);
    if (m.distances && r.distance !== metres) errors.push(`${where}: distance ${r.distance}, recomputed ${metres}`);
    cost += rc;
    totals.duration += dur;
    totals.distance += metres;
  });
  s.unassigned.forEach((u, i) => {
    mark(`${u.type}:${u.id}`, `unassigned[${i}]`);
    if (u.location_index !== jobs.get(`${u.type}:${u.id}`)?.location_index) errors.push(`unassigned[${i}]: location_index ${u.location_index}`);
  });
  for (const [del, pick] of partnerOf) {
    const a = servedOn.get(pick);
    const b = servedOn.get(del);
    if (!a && !b) continue;
    if (!a || !b) errors.push(`shipment ${pick}/${del}: only one end is served`);
    else if (a[0] !== b[0]) errors.push(`shipment ${pick}/${del}: pickup on routes[${a[0]}], delivery on routes[${b[0]}]`);
    else if (a[1] > b[1]) errors.push(`shipment ${pick}/${del}: delivered before it is picked up`);
  }
  for (const id of jobs.keys()) if (!seen.has(id)) errors.push(`job ${id} neither served nor unassigned`);
  const sum = s.summary;
  const expect = (name: string, got: number | undefined, want: number): void => {
    if (got !== want) errors.push(`summary.${name} ${got}, recomputed ${want}`);
  };
  expect("cost", sum.cost, cost);
  expect("routes", sum.routes, s.routes.length);
  expect("unassigned", sum.unassigned, s.unassigned.length);
  expect("setup", sum.setup, totals.setup);
  expect("service", sum.service, totals.service);
  expect("duration", sum.duration, totals.duration);
  expect("waiting_time", sum.waiting_time, totals.waiting);
  expect("priority", sum.priority, totals.priority);
  if (m.distances) expect("distance", sum.distance, totals.distance);
  return { ok: errors.length === 0, errors, cost, served: seen.size - s.unassigned.length };
}
