// The plan in brief: what `urbanmine solve` prints (as a table, or as JSON with --json).
import type { Plan } from "../domain/index.js";

export interface PlanSummary {
  scenarioId: string;
  scenarioName: string;
  network: string;
  siting: { status: string; solver: string; objectiveUsd: number; boundUsd: number; gap: number; seconds: number };
  hubs: Array<{ siteId: string; sizeId: string; capacityTPerYear: number; inflowTPerYear: number; utilisation: number; enterprises: string[]; zones: number }>;
  kpis: Plan["kpis"];
  routing: { date: string; routes: number; stopsServed: number; unassigned: number; kmDriven: number; seconds: number };
  hubWork?: Plan["hubWork"];
  /** Multi-year plans: each year's open hubs (siteId:sizeId), zones served, tonnes, net cost and CO2. */
  years?: Array<{ year: number; hubs: string[]; zones: number; tonnes: number; netCostUsd: number; co2T: number }>;
  /** With collection channels: per zone, the channels chosen and what they capture. */
  channels?: Array<{ zoneId: string; hubId?: string; capturedTPerYear: number; captureRate: number; chosen: string[] }>;
  /** With regional centres: those opened, and the hub → centre shipments by way. */
  centres?: Array<{ siteId: string; sizeId: string; capacityTPerYear: number; inflowTPerYear: number; utilisation: number }>;
  shipments?: Array<{ hubId: string; centreId: string; via: string; tonnesPerYear: number; usdPerT: number }>;
  warnings: string[];
}

export function summarizePlan(plan: Plan): PlanSummary {
  const zones = new Map<string, number>();
  for (const a of plan.siting.assignments) zones.set(a.hubId, (zones.get(a.hubId) ?? 0) + 1);
  const { status, solver, objectiveUsd, boundUsd, gap, seconds } = plan.siting;
  return {
    scenarioId: plan.scenarioId,
    scenarioName: plan.scenarioName,
    network: plan.network,
    siting: { status, solver, objectiveUsd, boundUsd, gap, seconds },
    hubs: plan.siting.hubs.map((h) => ({
      siteId: h.siteId,
      sizeId: h.sizeId,
      capacityTPerYear: h.capacityTPerYear,
      inflowTPerYear: h.inflowTPerYear,
      utilisation: h.utilisation,
      enterprises: h.enterprises,
      zones: zones.get(h.siteId) ?? 0,
    })),
    kpis: plan.kpis,
    routing: {
      date: plan.routing.date,
      routes: plan.routing.routes.length,
      stopsServed: plan.kpis.day.stopsServed,
      unassigned: plan.routing.unassigned.length,
      kmDriven: plan.kpis.day.kmDriven,
      seconds: plan.routing.seconds,
    },
    ...(plan.hubWork ? { hubWork: plan.hubWork } : {}),
    ...(plan.years
      ? {
          years: plan.years.map((y) => ({
            year: y.year,
            hubs: y.hubs.map((h) => `${h.siteId}:${h.sizeId}`),
            zones: y.assignments.length,
            tonnes: y.kpis.tonnesCollectedTotalPerYear,
            netCostUsd: y.kpis.netCostUsdPerYear,
            co2T: y.kpis.co2TPerYear,
          })),
        }
      : {}),
    ...echelonSummary(plan),
    warnings: plan.warnings,
  };
}

/** Channels per zone, centres and shipments (hub, centre and way added up over streams), when the plan has them. */
function echelonSummary(plan: Plan): Pick<PlanSummary, "channels" | "centres" | "shipments"> {
  const s = plan.siting;
  const ship = new Map<string, { hubId: string; centreId: string; via: string; tonnesPerYear: number; usd: number }>();
  for (const x of s.shipments ?? []) {
    const key = `${x.hubId} ${x.centreId} ${x.via}`;
    const row = ship.get(key) ?? { hubId: x.hubId, centreId: x.centreId, via: x.via, tonnesPerYear: 0, usd: 0 };
    row.tonnesPerYear += x.tonnesPerYear;
    row.usd += x.transportCostUsdPerYear;
    ship.set(key, row);
  }
  return {
    ...(s.channels
      ? {
          channels: s.channels.map((z) => ({
            zoneId: z.zoneId,
            ...(z.hubId ? { hubId: z.hubId } : {}),
            capturedTPerYear: z.capturedTPerYear,
            captureRate: z.captureRate,
            chosen: z.options.filter((o) => o.chosen).map((o) => (o.dropOffId ? `${o.channel}:${o.dropOffId}` : o.channel)),
          })),
        }
      : {}),
    ...(s.centres ? { centres: s.centres.map(({ siteId, sizeId, capacityTPerYear, inflowTPerYear, utilisation }) => ({ siteId, sizeId, capacityTPerYear, inflowTPerYear, utilisation })) } : {}),
    ...(s.shipments ? { shipments: [...ship.values()].map(({ usd, ...r }) => ({ ...r, usdPerT: r.tonnesPerYear > 0 ? usd / r.tonnesPerYear : 0 })) } : {}),
  };
}

const num = (v: number, digits = 0) => v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join("  ")).join("\n");
}

/** A readable multi-line summary for a terminal. */
export function formatSummary(s: PlanSummary): string {
  const k = s.kpis;
  const out: string[] = [];
  out.push(`${s.scenarioName} (${s.scenarioId})`);
  out.push(`travel: ${s.network}`);
  out.push(
    `siting: ${s.siting.status} by ${s.siting.solver} in ${num(s.siting.seconds, 1)} s, net cost ${num(s.siting.objectiveUsd)} USD/yr, bound ${num(s.siting.boundUsd)}, gap ${num(s.siting.gap * 100, 2)}%`,
  );
  out.push("");
  out.push(
    table([
      ["hub", "size", "capacity t/yr", "inflow t/yr", "use", "zones", "enterprises"],
      ...s.hubs.map((h) => [h.siteId, h.sizeId, num(h.capacityTPerYear), num(h.inflowTPerYear, 1), `${num(h.utilisation * 100)}%`, String(h.zones), h.enterprises.join(" ") || "-"]),
    ]),
  );
  out.push("");
  const c = k.costUsdPerYear;
  out.push(
    table([
      ["per year", "value"],
      ["collected (t)", num(k.tonnesCollectedTotalPerYear, 1)],
      ...Object.entries(k.unitsCollectedPerYear).map(([st, n]) => [`  ${st} (units)`, num(n)]),
      ...Object.entries(k.materialRecoveredKgPerYear).map(([m, kg]) => [`recovered (sold) ${m} (kg)`, num(kg, kg < 10 ? 3 : 0)]),
      ...Object.entries(k.materialDisposedKgPerYear ?? {})
        .filter(([, kg]) => kg > 1e-6)
        .map(([m, kg]) => [`disposed of ${m} (kg)`, num(kg, kg < 10 ? 3 : 0)]),
      ["hub fixed cost (USD)", num(c.hubFixed)],
      ["processing (USD)", num(c.processing)],
      ["collection transport (USD)", num(c.collectionTransport)],
      ["line haul (USD)", num(c.lineHaul)],
      ["disposal (USD)", num(c.disposal)],
      ["CO2 charge (USD)", num(c.co2)],
      ["revenue (USD)", num(k.revenueUsdPerYear)],
      ["net cost (USD)", num(k.netCostUsdPerYear)],
      ["net cost per tonne (USD)", num(k.netCostUsdPerTonne, 2)],
      ["CO2 (t)", num(k.co2TPerYear, 1)],
      ["hubs opened", String(k.hubsOpened)],
      ["jobs (at the plan's throughput)", num(k.jobs, 1)],
      ...(k.jobsAtFullThroughput !== undefined ? [["jobs at full throughput", num(k.jobsAtFullThroughput, 1)]] : []),
    ]),
  );
  if (s.hubWork?.length) {
    out.push("");
    out.push(
      table([
        ["hub / step", "through t", "in-house t", "bought outside t", "done by (utilisation)"],
        ...s.hubWork.map((w) => [
          `${w.hubId} ${w.step}`,
          num(w.throughTPerYear, 1),
          num(w.inHouseTPerYear, 1),
          num(w.boughtOutsideTPerYear, 1),
          w.doneBy === "enterprises" ? w.enterprises.map((e) => `${e.enterpriseId} ${num(e.utilisation * 100)}%`).join(" ") || "-" : w.doneBy,
        ]),
      ]),
    );
  }
  out.push(...formatEchelons(s));
  if (k.collection) {
    const c = k.collection;
    out.push(
      `collection: siting ${num(c.estimateUsdPerYear)} USD/yr and ${num(c.estimateCo2TPerYear, 1)} t CO2/yr against the routed day × working days ${num(c.routedUsdPerYear)} USD/yr and ${num(c.routedCo2TPerYear, 1)} t (ratio ${num(c.ratio, 3)}, ${num(c.co2Ratio, 3)}; ${c.note})`,
    );
  }
  if (s.years) {
    out.push("");
    out.push(
      table([
        ["year", "hubs open", "zones", "collected (t)", "net cost (USD)", "CO2 (t)"],
        ...s.years.map((y) => [String(y.year), y.hubs.join(" "), String(y.zones), num(y.tonnes, 1), num(y.netCostUsd), num(y.co2T, 1)]),
      ]),
    );
  }
  out.push("");
  const d = k.day;
  out.push(
    `routes on ${d.date}: ${d.vehiclesUsed} vehicles, ${d.stopsServed} stops served, ${d.stopsUnassigned} unassigned, ${num(d.kmDriven, 1)} km, ${num(d.collectedKg)} kg collected, ${num(d.costUsd, 2)} USD, ${num(d.co2Kg, 1)} kg CO2`,
  );
  for (const w of s.warnings) out.push(`warning: ${w}`);
  return out.join("\n");
}

/** Channel and regional-centre tables (none for plans without them). */
function formatEchelons(s: PlanSummary): string[] {
  const out: string[] = [];
  const ch = s.kpis.channels;
  if (s.channels && ch) {
    out.push("");
    out.push(
      table([
        ["channel", "zones", "t/yr", "devices/yr", "cost USD/yr", "CO2 t/yr"],
        ...Object.entries(ch).map(([name, c]) => [name, String(c.zones), num(c.tonnesPerYear, 1), num(c.unitsPerYear), num(c.costUsdPerYear), num(c.co2TPerYear, 1)]),
      ]),
    );
    out.push("");
    out.push(
      table([
        ["zone", "hub", "captured t/yr", "capture", "channels chosen (why: plan.json siting.channels)"],
        ...s.channels.map((z) => [z.zoneId, z.hubId ?? "-", num(z.capturedTPerYear, 1), `${num(z.captureRate * 100)}%`, z.chosen.join(" ") || "none"]),
      ]),
    );
  }
  if (s.centres) {
    out.push("");
    out.push(
      table([
        ["regional centre", "size", "capacity t/yr", "inflow t/yr", "use"],
        ...s.centres.map((c) => [c.siteId, c.sizeId, num(c.capacityTPerYear), num(c.inflowTPerYear, 1), `${num(c.utilisation * 100)}%`]),
      ]),
    );
  }
  if (s.shipments?.length) {
    out.push("");
    out.push(
      table([
        ["hub → centre", "way", "t/yr", "USD/t"],
        ...s.shipments.map((x) => [`${x.hubId} → ${x.centreId}`, x.via, num(x.tonnesPerYear, 1), num(x.usdPerT, 2)]),
      ]),
    );
  }
  return out;
}
