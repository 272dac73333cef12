// The independent checker: verifies a decoded siting solution against the scenario itself
// (not against the MILP's rows) — coverage, single sourcing, capacity, hubs and budget,
// enterprise placement and throughput, offtake limits, material balance, CO2 cap — and
// recomputes the objective from the scenario's factors.
import { PROCESS_STEPS, type Scenario, type TravelMatrix } from "../domain/index.js";
import { checkChannelPlan } from "./channel-check.js";
import { checkOpenSites } from "./open-sites.js";
import { checkRegionalPlan } from "./regional-check.js";
import { evaluateYear, type YearFigures } from "./evaluate.js";
import type { SitingData } from "./siting-data.js";
import type { YearPlan } from "./year-plan.js";

export interface PlanCheck {
  ok: boolean;
  violations: string[];
  /** Net cost summed over the years, USD, recomputed from the plan. */
  objectiveUsd: number;
  figures: YearFigures[];
}

/**
 * Checks `plans` (one per year) against `data.scenario` and the road matrix. `tol` is relative
 * to the size of each bound. Never throws on a bad plan: every problem is a violation string.
 */
export function checkSitingPlan(data: SitingData, road: TravelMatrix, plans: YearPlan[], tol = 1e-6): PlanCheck {
  const s: Scenario = data.scenario;
  const v: string[] = [];
  const over = (value: number, limit: number): boolean => value > limit + tol * Math.max(1, Math.abs(limit));
  const idx = new Map(road.ids.map((id, i) => [id, i]));
  const km = (a: string, b: string): number => road.distanceKm[idx.get(a)! * road.ids.length + idx.get(b)!];
  const figures = plans.map((p) => evaluateYear(data, p));
  let prevOpen = new Map<number, number>();
  let prevPlaced = new Map<number, number>();
  let prevCentres = new Map<number, number>();

  plans.forEach((p, t) => {
    const f = figures[t];
    const yr = `year ${p.year}`;
    const open = checkOpenSites("hub", s.hubSites, p.open.map((o) => [o.hub, o.size]), yr, v);
    for (const [hub, size] of prevOpen) {
      const now = open.get(hub);
      const sizes = s.hubSites[hub].sizes;
      const grew = now !== undefined && s.policy.allowExpansion && sizes[now].capacityTPerYear > sizes[size].capacityTPerYear;
      if (now !== size && !grew) v.push(`${yr}: hub ${s.hubSites[hub].id} closed or ${s.policy.allowExpansion ? "shrunk" : "resized"} after opening`);
    }
    if (s.policy.maxHubs !== undefined && open.size > s.policy.maxHubs) v.push(`${yr}: ${open.size} hubs open, most allowed ${s.policy.maxHubs}`);
    const fixed = f.costUsd.hubFixed;
    if (s.policy.budgetUsdPerYear !== undefined && over(fixed, s.policy.budgetUsdPerYear))
      v.push(`${yr}: fixed costs ${fixed} exceed the budget ${s.policy.budgetUsdPerYear}`);

    const share = new Float64Array(s.zones.length);
    for (const a of p.assign) {
      const z = s.zones[a.zone];
      const h = s.hubSites[a.hub];
      share[a.zone] += a.fraction;
      if (!open.has(a.hub)) v.push(`${yr}: zone ${z.id} sent to closed hub ${h.id}`);
      if (p.year < z.joinYear) v.push(`${yr}: zone ${z.id} served before it joins in year ${z.joinYear}`);
      const d = km(z.id, h.id);
      if (!Number.isFinite(d)) v.push(`${yr}: zone ${z.id} cannot reach hub ${h.id}`);
      if (s.policy.coverageRadiusKm !== undefined && over(d, s.policy.coverageRadiusKm))
        v.push(`${yr}: zone ${z.id} sent to hub ${h.id} at ${d.toFixed(1)} km, beyond the ${s.policy.coverageRadiusKm} km radius`);
      if (s.policy.singleSourcing && Math.abs(a.fraction - 1) > tol) v.push(`${yr}: zone ${z.id} split (${a.fraction} to ${h.id}) under single sourcing`);
    }
    // With channels a zone offered none is not assigned at all; otherwise every zone is, fully.
    const offered = new Set((p.offered ?? []).map((o) => o.zone));
    s.zones.forEach((z, zi) => {
      const needs = p.year >= z.joinYear && data.supplyT[zi].some((x) => x > 0) && (!data.channels || offered.has(zi));
      if (needs && Math.abs(share[zi] - 1) > tol) v.push(`${yr}: zone ${z.id} is ${(share[zi] * 100).toFixed(4)}% assigned`);
      if (data.channels && !offered.has(zi) && share[zi] > tol) v.push(`${yr}: zone ${z.id} is assigned to a hub but offered no channel`);
    });
    v.push(...checkChannelPlan(data, road, p, over));
    for (const [hub, size] of open) {
      const inT = f.loadT[hub].reduce((a, x) => a + x, 0);
      const cap = s.hubSites[hub].sizes[size].capacityTPerYear;
      if (over(inT, cap)) v.push(`${yr}: hub ${s.hubSites[hub].id} receives ${inT} t over its ${cap} t capacity`);
    }

    const placed = new Map<number, number>();
    const floor = new Map<number, number>();
    const thr = new Map<string, number>();
    for (const e of p.placed) {
      const n = s.enterprises[e.enterprise];
      const h = s.hubSites[e.hub];
      if (placed.has(e.enterprise)) v.push(`${yr}: enterprise ${n.id} placed at two hubs`);
      placed.set(e.enterprise, e.hub);
      if (!open.has(e.hub)) v.push(`${yr}: enterprise ${n.id} at closed hub ${h.id}`);
      if (!h.processSteps.includes(n.processStep)) v.push(`${yr}: hub ${h.id} cannot host ${n.processStep} (enterprise ${n.id})`);
      floor.set(e.hub, (floor.get(e.hub) ?? 0) + n.floorSpaceM2);
      const key = `${e.hub}:${n.processStep}`;
      thr.set(key, (thr.get(key) ?? 0) + n.throughputTPerYear);
    }
    for (const [e, hub] of prevPlaced) if (placed.get(e) !== hub) v.push(`${yr}: enterprise ${s.enterprises[e].id} moved or left`);
    for (const [hub, m2] of floor) {
      const size = open.get(hub);
      const room = size === undefined ? 0 : s.hubSites[hub].sizes[size].floorSpaceM2;
      if (over(m2, room)) v.push(`${yr}: enterprises need ${m2} m² at hub ${s.hubSites[hub].id}, which has ${room} m²`);
    }
    const stepIn = new Map<string, number>();
    const uAt = new Map<string, number>();
    for (const u of p.inHouse) {
      const h = s.hubSites[u.hub];
      const step = PROCESS_STEPS[data.streamSteps[u.stream][u.step]];
      if (!h.processSteps.includes(step)) v.push(`${yr}: hub ${h.id} runs ${step} in-house but does not host it`);
      if (over(u.tonnes, f.loadT[u.hub][u.stream])) v.push(`${yr}: hub ${h.id} processes more ${s.streams[u.stream].id} in-house than it receives`);
      const key = `${u.hub}:${step}`;
      stepIn.set(key, (stepIn.get(key) ?? 0) + u.tonnes);
      uAt.set(`${u.hub}:${u.stream}:${u.step}`, u.tonnes);
    }
    for (const [key, tons] of stepIn) {
      const [hub, step] = key.split(":");
      if (!data.enterpriseSteps.has(PROCESS_STEPS.indexOf(step as (typeof PROCESS_STEPS)[number]))) continue;
      if (over(tons, thr.get(key) ?? 0)) v.push(`${yr}: hub ${s.hubSites[Number(hub)].id} runs ${tons} t of ${step} in-house, enterprises there handle ${thr.get(key) ?? 0} t`);
    }
    for (const w of p.colocated) {
      const a1 = uAt.get(`${w.hub}:${w.stream}:${w.step}`) ?? 0;
      const a2 = uAt.get(`${w.hub}:${w.stream}:${w.step + 1}`) ?? 0;
      if (over(w.tonnes, Math.min(a1, a2))) v.push(`${yr}: co-location saving claimed on ${w.tonnes} t at hub ${s.hubSites[w.hub].id}, only ${Math.min(a1, a2)} t go through both steps`);
    }

    f.madeT.forEach((mats, h) =>
      mats.forEach((made, m) => {
        if (Math.abs(made - f.outT[h][m]) > tol * Math.max(1, made))
          v.push(`${yr}: hub ${s.hubSites[h].id} recovers ${made} t of ${s.materials[m].id} but ships ${f.outT[h][m]} t`);
      }),
    );
    for (const x of p.sold) {
      const o = s.offtakers[x.offtaker];
      if (o.accepts[x.offer].material !== s.materials[x.material].id) v.push(`${yr}: ${o.id} is sent a material it does not buy`);
      if (x.tonnes < -tol) v.push(`${yr}: negative flow to ${o.id}`);
    }
    s.offtakers.forEach((o, oi) =>
      o.accepts.forEach((offer, j) => {
        const got = f.soldT[oi][j];
        if (got < offer.minTPerYear - tol * Math.max(1, offer.minTPerYear)) v.push(`${yr}: ${o.id} gets ${got} t of ${offer.material}, below its minimum ${offer.minTPerYear} t`);
        if (offer.maxTPerYear !== undefined && over(got, offer.maxTPerYear)) v.push(`${yr}: ${o.id} gets ${got} t of ${offer.material}, above its maximum ${offer.maxTPerYear} t`);
      }),
    );
    const disposedT = [...p.disposed, ...(p.centres?.disposed ?? [])].reduce((a, x) => a + x.tonnes, 0);
    if (s.policy.disposalLimitTPerYear !== undefined && over(disposedT, s.policy.disposalLimitTPerYear))
      v.push(`${yr}: ${disposedT} t disposed of, above the limit ${s.policy.disposalLimitTPerYear} t`);
    if (s.policy.co2CapTPerYear !== undefined && over(f.co2Kg / 1000, s.policy.co2CapTPerYear))
      v.push(`${yr}: emissions ${(f.co2Kg / 1000).toFixed(3)} t exceed the cap ${s.policy.co2CapTPerYear} t`);
    const centres = checkRegionalPlan(data, p, f, prevCentres, over, tol);
    v.push(...centres.violations);
    prevCentres = centres.open;
    prevOpen = open;
    prevPlaced = placed;
  });
  const objectiveUsd = figures.reduce((a, f) => a + f.netCostUsd, 0);
  return { ok: v.length === 0, violations: v, objectiveUsd, figures };
}
