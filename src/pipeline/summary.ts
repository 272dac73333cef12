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
  /** Multi-year plans: each year's open hubs (siteId:sizeId), zones served, tonnes, net cost and CO2. */
  years?: Array<{ year: number; hubs: string[]; zones: number; tonnes: number; netCostUsd: number; co2T: number }>;
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
    warnings: plan.warnings,
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
