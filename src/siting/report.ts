// Turns a checked siting solution into the plan's siting section, mass balance, annual KPIs
// and the table of factors they came from. Figures are those of the last planning year
// (every zone has joined by then); the objective is summed over all years.
import { type Kpis, type Plan, PROCESS_STEPS } from "../domain/index.js";
import type { YearFigures } from "./evaluate.js";
import { BHH_BETA } from "./collection-cost.js";
import { buildChannelReport } from "./channel-report.js";
import { type Delivery, yearDeliveries } from "./deliveries.js";
import { offerPrice, type SitingData } from "./siting-data.js";
import type { YearPlan } from "./year-plan.js";

/** Flows below this many tonnes per year (a milligram) are round-off, not shipments. */
const FLOW_FLOOR_T = 1e-9;

/** What solveSiting returns: the siting half of a plan. */
export interface SitingReport {
  siting: Plan["siting"];
  massBalance: Plan["massBalance"];
  annual: Omit<Kpis, "day">;
  factors: Plan["factors"];
  warnings: string[];
}

export interface SolveSummary {
  status: Plan["siting"]["status"];
  solver: string;
  objectiveUsd: number;
  boundUsd: number;
  gap: number;
  seconds: number;
}

/** Assembles the report from the decoded plans and their figures (one per year). */
export function buildReport(data: SitingData, plans: YearPlan[], figures: YearFigures[], solve: SolveSummary, warnings: string[]): SitingReport {
  const s = data.scenario;
  const last = plans.length - 1;
  const p = plans[last];
  const f = figures[last];
  const firstOpen = (hub: number): number => plans.find((q) => q.open.some((o) => o.hub === hub))?.year ?? p.year;

  const entJobs = enterpriseJobs(data, p);
  const hubs = p.open.map(({ hub, size }) => {
    const h = s.hubSites[hub];
    const k = h.sizes[size];
    const inflow = f.loadT[hub].reduce((a, v) => a + v, 0);
    const here = p.placed.filter((e) => e.hub === hub).map((e) => s.enterprises[e.enterprise]);
    return {
      siteId: h.id,
      name: h.name,
      location: h.location,
      sizeId: k.id,
      capacityTPerYear: k.capacityTPerYear,
      fixedCostUsdPerYear: k.fixedCostUsdPerYear,
      inflowTPerYear: inflow,
      utilisation: inflow / k.capacityTPerYear,
      openFromYear: firstOpen(hub),
      enterprises: here.map((e) => e.id),
      jobs: k.jobs + p.placed.filter((e) => e.hub === hub).reduce((a, e) => a + entJobs.get(e.enterprise)!, 0),
      jobsAtFullThroughput: k.jobs + here.reduce((a, e) => a + e.jobs, 0),
    };
  });
  const deliveries = yearDeliveries(data, p);
  const assignments = p.assign.map((a) => {
    if (data.channels) return channelAssignment(data, a.zone, a.hub, deliveries);
    const arc = data.arcs[a.zone].find((r) => r.hub === a.hub);
    const tonnes = data.supplyFactor[a.zone][p.year - 1] * data.supplyT[a.zone].reduce((x, v) => x + v, 0) * a.fraction;
    return {
      zoneId: s.zones[a.zone].id,
      hubId: s.hubSites[a.hub].id,
      fraction: a.fraction,
      tonnesPerYear: tonnes,
      distanceKm: arc ? arc.distanceKm : NaN,
      collectionUsdPerYear: arc ? tonnes * arc.costUsdPerT : 0,
      collectionCo2TPerYear: arc ? (tonnes * arc.co2KgPerT) / 1000 : 0,
    };
  });
  // Solver round-off leaves flows of 1e-15 t; a milligram is below anything a planner ships.
  const flows = [
    ...p.sold.map((x) => {
      const r = data.routes[x.hub][x.offtaker][x.route];
      const offer = s.offtakers[x.offtaker].accepts[x.offer];
      return {
        hubId: s.hubSites[x.hub].id,
        to: s.offtakers[x.offtaker].id,
        material: s.materials[x.material].id,
        mode: r.mode,
        tonnesPerYear: x.tonnes,
        distanceKm: r.distanceKm,
        revenueUsdPerYear: x.tonnes * offerPrice(offer, p.year),
        transportCostUsdPerYear: x.tonnes * r.costUsdPerT,
        co2TPerYear: (x.tonnes * r.co2KgPerT) / 1000,
      };
    }),
    ...p.disposed.map((x) => ({
      hubId: s.hubSites[x.hub].id,
      to: "disposal",
      material: s.materials[x.material].id,
      mode: "none",
      tonnesPerYear: x.tonnes,
      distanceKm: 0,
      revenueUsdPerYear: 0,
      transportCostUsdPerYear: 0,
      co2TPerYear: 0,
    })),
    ...(data.regional && p.centres ? centreFlows(data, p) : []),
  ].filter((f) => f.tonnesPerYear > FLOW_FLOOR_T);

  // Recovered = sold; what no offtaker takes is disposed of and reported apart; loss is residue.
  const soldT = s.hubSites.map(() => new Array<number>(s.materials.length).fill(0));
  for (const x of p.sold) soldT[x.hub][x.material] += x.tonnes;
  const massBalance: Plan["massBalance"] = [];
  const totalSold: Record<string, number> = Object.fromEntries(s.materials.map((m) => [m.id, 0]));
  const totalDisposed: Record<string, number> = Object.fromEntries(s.materials.map((m) => [m.id, 0]));
  let totalIn = 0;
  for (const { hub } of p.open) {
    const { inKg, materialsKg, disposedKg, outKg } = nodeBalance(s.materials, f.loadT[hub], f.outT[hub], soldT[hub], totalSold, totalDisposed);
    totalIn += inKg;
    // Streams with regional steps leave the hub as they are, for a centre.
    const shippedKg = (f.centres?.shippedT[hub] ?? []).reduce((a, v) => a + v, 0) * 1000;
    massBalance.push({ hubId: s.hubSites[hub].id, inKg, materialsKg, disposedKg, lossKg: inKg - outKg - shippedKg, ...(f.centres ? { shippedKg } : {}) });
  }
  const centreFrom = (centre: number): number => plans.find((q) => q.centres?.open.some((o) => o.centre === centre))?.year ?? p.year;
  const regional = data.regional && p.centres ? regionalReport(data, p, f, totalSold, totalDisposed, centreFrom) : null;
  if (regional) massBalance.push(...regional.massBalance);
  const totalOut = s.materials.reduce((a, m) => a + totalSold[m.id] + totalDisposed[m.id], 0);
  massBalance.push({ hubId: "all", inKg: totalIn, materialsKg: totalSold, disposedKg: totalDisposed, lossKg: totalIn - totalOut });

  const byStream = (vals: (zi: number, si: number) => number): Record<string, number> =>
    Object.fromEntries(s.streams.map((st, si) => [st.id, s.zones.reduce((a, _, zi) => a + (p.year >= data.joinYear[zi] ? data.supplyFactor[zi][p.year - 1] * vals(zi, si) : 0), 0)]));
  // With channels only what the chosen channels capture is collected.
  const delivered = (per: (si: number) => number): Record<string, number> =>
    Object.fromEntries(s.streams.map((st, si) => [st.id, deliveries.reduce((a, dl) => a + dl.streamT[si], 0) * per(si)]));
  const tonnes = data.channels ? delivered(() => 1) : byStream((zi, si) => data.supplyT[zi][si]);
  const totalT = Object.values(tonnes).reduce((a, v) => a + v, 0);
  const channels = data.channels ? buildChannelReport(data, p) : null;
  const annual: Omit<Kpis, "day"> = {
    hubsOpened: hubs.length,
    jobs: [...hubs, ...(regional?.centres ?? [])].reduce((a, h) => a + h.jobs, 0),
    jobsAtFullThroughput: [...hubs, ...(regional?.centres ?? [])].reduce((a, h) => a + h.jobsAtFullThroughput, 0),
    ...(regional ? { regionalCentresOpened: regional.centres.length } : {}),
    unitsCollectedPerYear: data.channels ? delivered((si) => 1000 / s.streams[si].unitMassKg) : byStream((zi, si) => data.unitsPerYear[zi][si]),
    tonnesCollectedPerYear: tonnes,
    tonnesCollectedTotalPerYear: totalT,
    materialRecoveredKgPerYear: totalSold,
    materialDisposedKgPerYear: totalDisposed,
    costUsdPerYear: f.costUsd,
    revenueUsdPerYear: f.revenueUsd,
    netCostUsdPerYear: f.netCostUsd,
    netCostUsdPerTonne: totalT > 0 ? f.netCostUsd / totalT : 0,
    co2TPerYear: f.co2Kg / 1000,
    ...(channels ? { channels: channels.totals } : {}),
  };
  return {
    siting: {
      status: solve.status,
      solver: solve.solver,
      objectiveUsd: solve.objectiveUsd,
      boundUsd: solve.boundUsd,
      gap: solve.gap,
      seconds: solve.seconds,
      hubs,
      assignments,
      flows,
      ...(channels ? { channels: channels.zones, dropOffs: channels.dropOffs } : {}),
      ...(regional ? { centres: regional.centres, shipments: regional.shipments } : {}),
    },
    massBalance,
    annual,
    factors: listFactors(data),
    warnings,
  };
}

/** Sales and disposal of the regional centres, as flows from the centre (echelon "regional"). */
function centreFlows(data: SitingData, p: YearPlan): Plan["siting"]["flows"] {
  const s = data.scenario;
  const reg = data.regional!;
  return [
    ...p.centres!.sold.map((x) => {
      const r = reg.outbound[x.centre][x.offtaker][x.route];
      return {
        hubId: reg.centres[x.centre].id,
        to: s.offtakers[x.offtaker].id,
        material: s.materials[x.material].id,
        mode: r.mode,
        tonnesPerYear: x.tonnes,
        distanceKm: r.distanceKm,
        revenueUsdPerYear: x.tonnes * offerPrice(s.offtakers[x.offtaker].accepts[x.offer], p.year),
        transportCostUsdPerYear: x.tonnes * r.costUsdPerT,
        co2TPerYear: (x.tonnes * r.co2KgPerT) / 1000,
        echelon: "regional" as const,
      };
    }),
    ...p.centres!.disposed.map((x) => ({ hubId: reg.centres[x.centre].id, to: "disposal", material: s.materials[x.material].id, mode: "none", tonnesPerYear: x.tonnes, distanceKm: 0, revenueUsdPerYear: 0, transportCostUsdPerYear: 0, co2TPerYear: 0, echelon: "regional" as const })),
  ];
}

/** Centres opened, shipments hub → centre, and each centre's mass balance (sold and disposed added to the totals). */
function regionalReport(data: SitingData, p: YearPlan, f: YearFigures, totalSold: Record<string, number>, totalDisposed: Record<string, number>, openFrom: (centre: number) => number) {
  const s = data.scenario;
  const reg = data.regional!;
  const c = p.centres!;
  const fc = f.centres!;
  const centres = c.open.map(({ centre, size }) => {
    const site = reg.centres[centre];
    const k = site.sizes[size];
    const inflow = fc.loadT[centre].reduce((a, v) => a + v, 0);
    return {
      siteId: site.id,
      name: site.name,
      location: site.location,
      sizeId: k.id,
      capacityTPerYear: k.capacityTPerYear,
      fixedCostUsdPerYear: k.fixedCostUsdPerYear,
      inflowTPerYear: inflow,
      utilisation: inflow / k.capacityTPerYear,
      openFromYear: openFrom(centre),
      enterprises: [],
      jobs: k.jobs,
      jobsAtFullThroughput: k.jobs,
    };
  });
  const shipments = c.shipped
    .filter((x) => x.tonnes > FLOW_FLOOR_T)
    .map((x) => {
      const way = reg.inbound[x.hub][x.centre][x.route];
      return {
        hubId: s.hubSites[x.hub].id,
        centreId: reg.centres[x.centre].id,
        stream: s.streams[x.stream].id,
        mode: way.mode,
        via: way.via,
        tonnesPerYear: x.tonnes,
        distanceKm: way.distanceKm,
        transportCostUsdPerYear: x.tonnes * way.costUsdPerT,
        co2TPerYear: (x.tonnes * way.co2KgPerT) / 1000,
      };
    });
  const soldT = reg.centres.map(() => new Array<number>(s.materials.length).fill(0));
  for (const x of c.sold) soldT[x.centre][x.material] += x.tonnes;
  const massBalance: Plan["massBalance"] = c.open.map(({ centre }) => {
    const { inKg, materialsKg, disposedKg, outKg } = nodeBalance(s.materials, fc.loadT[centre], fc.outT[centre], soldT[centre], totalSold, totalDisposed);
    return { hubId: reg.centres[centre].id, echelon: "regional" as const, inKg, materialsKg, disposedKg, lossKg: inKg - outKg };
  });
  return { centres, shipments, massBalance };
}

/**
 * One node's (hub's or centre's) mass balance in kg: what came in, what of each material was sold
 * and disposed of, and all it put out; adds its sold and disposed kg to the running totals.
 */
function nodeBalance(
  materials: ReadonlyArray<{ id: string }>,
  loadT: ArrayLike<number>,
  outT: ArrayLike<number>,
  soldT: ArrayLike<number>,
  totalSold: Record<string, number>,
  totalDisposed: Record<string, number>,
): { inKg: number; materialsKg: Record<string, number>; disposedKg: Record<string, number>; outKg: number } {
  let inT = 0;
  for (let k = 0; k < loadT.length; k++) inT += loadT[k];
  const inKg = inT * 1000;
  const materialsKg: Record<string, number> = {};
  const disposedKg: Record<string, number> = {};
  let outKg = 0;
  materials.forEach((m, mi) => {
    materialsKg[m.id] = soldT[mi] * 1000;
    disposedKg[m.id] = (outT[mi] - soldT[mi]) * 1000;
    totalSold[m.id] += materialsKg[m.id];
    totalDisposed[m.id] += disposedKg[m.id];
    outKg += outT[mi] * 1000;
  });
  return { inKg, materialsKg, disposedKg, outKg };
}

/** Capture rates and cost factors of the collection channels, with their sources. */
function channelFactors(data: SitingData): Plan["factors"] {
  const c = data.scenario.channels;
  if (!c) return [];
  const out: Plan["factors"] = [];
  const src = (x: string | undefined, what: string): string => x ?? c.source ?? `assumption: ${what} as given in the scenario, no source stated`;
  const feeds = ["tonnesCollectedPerYear", "channels"];
  if (c.curbside) out.push({ name: "curbside capture rate", value: c.curbside.captureRate, unit: "share", source: src(c.curbside.source, "capture rate"), feeds });
  if (c.dropOff) {
    out.push({ name: "drop-off capture rate", value: c.dropOff.captureRate, unit: "share", source: src(c.dropOff.source, "capture rate"), feeds });
    const d = c.dropOff.captureDecay;
    if (d?.perKm !== undefined) out.push({ name: "drop-off capture decay per km", value: d.perKm, unit: "1/km (rate × e^(−perKm × km))", source: src(d.source, "distance decay"), feeds });
    d?.bands?.forEach((b) => out.push({ name: `drop-off capture factor up to ${b.upToKm} km`, value: b.factor, unit: "share of captureRate", source: src(d.source, "distance band"), feeds }));
    const h = c.dropOff.householdTrip;
    out.push({ name: `drop-off household trip CO2 (${h.counted ? "counted" : "not counted"})`, value: h.co2KgPerKm, unit: "kg CO2/km", source: src(h.source, "car CO2"), feeds: h.counted ? ["co2TPerYear"] : [] });
  }
  if (c.mailBack) {
    out.push({ name: "mail-back capture rate", value: c.mailBack.captureRate, unit: "share", source: src(c.mailBack.source, "capture rate"), feeds });
    out.push({ name: "mail-back parcel mass", value: c.mailBack.parcelKg, unit: "kg/parcel", source: src(c.mailBack.tariff.source ?? c.mailBack.source, "parcel mass"), feeds: ["costUsdPerYear.collectionTransport"] });
  }
  if (c.event) {
    out.push({ name: "event capture rate", value: c.event.captureRate, unit: "share", source: src(c.event.source, "capture rate"), feeds });
    out.push({ name: "event cost", value: c.event.costUsdPerEvent, unit: "USD/event", source: src(c.event.source, "event cost"), feeds: ["costUsdPerYear.collectionTransport"] });
  }
  return out;
}

/**
 * A zone's assignment under channels: all its channels' tonnes to its hub; the collection cost
 * and CO2 are its curbside routes' (what the routed day is compared with), the other channels'
 * are in siting.channels and kpis.channels.
 */
function channelAssignment(data: SitingData, zone: number, hub: number, deliveries: Delivery[]) {
  const mine = deliveries.filter((d) => d.zone === zone);
  const curb = mine.filter((d) => data.channels!.options[zone][d.option].kind === "curbside");
  return {
    zoneId: data.scenario.zones[zone].id,
    hubId: data.scenario.hubSites[hub].id,
    fraction: 1,
    tonnesPerYear: mine.reduce((a, d) => a + d.tonnes, 0),
    distanceKm: data.arcs[zone].find((r) => r.hub === hub)?.distanceKm ?? NaN,
    collectionUsdPerYear: curb.reduce((a, d) => a + d.costUsd, 0),
    collectionCo2TPerYear: curb.reduce((a, d) => a + d.co2Kg, 0) / 1000,
  };
}

/** Every factor a KPI is computed from, with its source ("assumption: …" where none is given). */
function listFactors(data: SitingData): Plan["factors"] {
  const s = data.scenario;
  const out: Plan["factors"] = [];
  const src = (x: string | undefined, what: string): string => x ?? `assumption: ${what} as given in the scenario, no source stated`;
  for (const st of s.streams) {
    out.push({ name: `${st.id} unit mass`, value: st.unitMassKg, unit: "kg/unit", source: src(st.source, "unit mass"), feeds: ["tonnesCollectedPerYear"] });
    for (const c of st.composition)
      out.push({ name: `${st.id} → ${c.material} yield`, value: c.kgPerUnit, unit: "kg/unit", source: src(c.source ?? st.source, "composition"), feeds: ["materialRecoveredKgPerYear", "revenueUsdPerYear", "massBalance"] });
  }
  for (const m of s.materials)
    out.push({ name: `${m.id} recovery efficiency`, value: m.recoveryEfficiency, unit: "share", source: src(m.source, "recovery efficiency (default 1: all of the composition recovered)"), feeds: ["materialRecoveredKgPerYear", "revenueUsdPerYear", "massBalance"] });
  if (s.generation)
    out.push({ name: "e-waste generation × collection rate", value: s.generation.kgPerCapitaYear * s.generation.collectionRate, unit: "kg/person/yr", source: src(s.generation.source, "generation"), feeds: ["tonnesCollectedPerYear"] });
  for (const h of s.hubSites)
    for (const k of h.sizes)
      out.push({ name: `hub ${h.id} ${k.id} fixed cost`, value: k.fixedCostUsdPerYear, unit: "USD/yr", source: src(k.source ?? h.source, "hub cost"), feeds: ["costUsdPerYear.hubFixed"] });
  for (const o of s.offtakers)
    for (const a of o.accepts)
      out.push({ name: `${o.id} price for ${a.material}`, value: a.priceUsdPerT, unit: "USD/t", source: src(a.source ?? o.source, "price"), feeds: ["revenueUsdPerYear"] });
  const col = data.collection;
  if (col.method === "per-t-km") {
    out.push({ name: "collection cost", value: col.costUsdPerTKm, unit: "USD/t-km", source: col.source, feeds: ["costUsdPerYear.collectionTransport"] });
    out.push({ name: "collection CO2", value: col.co2KgPerTKm, unit: "kg CO2/t-km", source: col.source, feeds: ["co2TPerYear"] });
  } else {
    // The calibration multipliers are results, not inputs: they are in kpis.collection.
    out.push({ name: "collection local leg constant (BHH)", value: BHH_BETA, unit: "-", source: `Beardwood, Halton & Hammersley (1959) tour constant, value 0.7124 from Percus & Martin (1996) and Applegate et al. (2006); ${col.source}`, feeds: ["costUsdPerYear.collectionTransport", "co2TPerYear"] });
  }
  out.push(...channelFactors(data));
  for (const mode of ["road", "rail", "sea"] as const) {
    const m = s.transport[mode];
    if (!m) continue;
    out.push({ name: `${mode} line-haul cost`, value: m.costUsdPerTKm, unit: "USD/t-km", source: src(m.source, `${mode} cost`), feeds: ["costUsdPerYear.lineHaul"] });
    out.push({ name: `${mode} line-haul CO2`, value: m.co2KgPerTKm, unit: "kg CO2/t-km", source: src(m.source, `${mode} CO2`), feeds: ["co2TPerYear"] });
  }
  for (const [step, f] of Object.entries(s.processing?.steps ?? {})) {
    if (!f) continue;
    const source = src(f.source ?? s.processing?.source, `${step} factors`);
    out.push({ name: `${step} in-house cost`, value: f.inHouseCostUsdPerT, unit: "USD/t", source, feeds: ["costUsdPerYear.processing"] });
    out.push({ name: `${step} outsourced cost`, value: f.outsourceCostUsdPerT, unit: "USD/t", source, feeds: ["costUsdPerYear.processing"] });
    out.push({ name: `${step} process CO2`, value: f.co2KgPerT, unit: "kg CO2/t", source, feeds: ["co2TPerYear"] });
  }
  if (s.processing && s.processing.colocationSavingUsdPerT > 0)
    out.push({ name: "co-location saving", value: s.processing.colocationSavingUsdPerT, unit: "USD/t", source: src(s.processing.source, "co-location saving"), feeds: ["costUsdPerYear.processing"] });
  out.push({ name: "disposal cost", value: s.policy.disposalCostUsdPerT, unit: "USD/t", source: "policy.disposalCostUsdPerT", feeds: ["costUsdPerYear.disposal"] });
  out.push({ name: "CO2 price", value: s.policy.co2PriceUsdPerT, unit: "USD/t CO2", source: "policy.co2PriceUsdPerT", feeds: ["costUsdPerYear.co2"] });
  for (const e of s.enterprises)
    out.push({ name: `enterprise ${e.id} jobs at full throughput (× its utilisation)`, value: e.jobs, unit: "jobs", source: src(e.source, "jobs"), feeds: ["jobs"] });
  return out;
}

/**
 * Jobs of each placed enterprise from what it actually processes: its jobs at full throughput ×
 * the tonnes done in-house of its step at its hub ÷ the throughput of the enterprises placed
 * there for that step (they share the work in proportion to their throughput).
 */
function enterpriseJobs(data: SitingData, p: YearPlan): Map<number, number> {
  const s = data.scenario;
  const key = (hub: number, step: string): string => `${hub} ${step}`;
  const doneT = new Map<string, number>();
  for (const u of p.inHouse) {
    const k = key(u.hub, PROCESS_STEPS[data.streamSteps[u.stream][u.step]]);
    doneT.set(k, (doneT.get(k) ?? 0) + u.tonnes);
  }
  const roomT = new Map<string, number>();
  for (const e of p.placed) {
    const k = key(e.hub, s.enterprises[e.enterprise].processStep);
    roomT.set(k, (roomT.get(k) ?? 0) + s.enterprises[e.enterprise].throughputTPerYear);
  }
  const out = new Map<number, number>();
  for (const e of p.placed) {
    const n = s.enterprises[e.enterprise];
    const k = key(e.hub, n.processStep);
    out.set(e.enterprise, n.jobs * Math.min(1, (doneT.get(k) ?? 0) / roomT.get(k)!));
  }
  return out;
}
