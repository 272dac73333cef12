// Transfers on the routed day: a load picked up at a hub (or regional centre) and delivered to an
// offtaker, another hub or a centre by the same vehicle, pickup first (VROOM's shipments). The
// schema, and the checks it cannot express: known places, distinct ends, windows, a vehicle big
// enough.
import { z } from "zod";
import { CalendarDate, clockToSeconds, Id, TimeWindow } from "./common.js";
import type { InputIssue } from "./errors.js";
import type { Scenario } from "./scenario.js";

const TransferEnd = z.object({
  timeWindows: z.array(TimeWindow).default([]).describe("When loading (or unloading) may start; empty: any time in the shift"),
  serviceS: z.number().nonnegative().default(600).describe("Time on site to load (or unload), seconds"),
});

export const Transfer = z
  .object({
    id: Id,
    from: Id.describe("Hub site or regional centre where it is loaded (a hub must be open in the plan)"),
    to: Id.describe("Offtaker, hub site or regional centre where it is unloaded (a hub must be open in the plan)"),
    kg: z.number().positive().describe("Mass carried, kg"),
    m3: z.number().nonnegative().default(0).describe("Volume carried, m³"),
    date: CalendarDate.optional().describe("Service day; omitted: every routed day"),
    pickup: TransferEnd.default({ timeWindows: [], serviceS: 600 }).describe("Loading at `from`"),
    delivery: TransferEnd.default({ timeWindows: [], serviceS: 600 }).describe("Unloading at `to`"),
    hazardous: z.boolean().default(false).describe("Needs a hazardous-certified vehicle (e.g. lithium batteries)"),
    tags: z.array(z.string().min(1)).optional().describe("Labels for `incompatibleTags`"),
    priority: z.number().int().min(0).max(100).default(0).describe("Higher is served first when not all fit (0..100)"),
    carrierId: Id.optional().describe("Only this carrier may carry it"),
  })
  .describe("A pickup and its delivery on one vehicle, pickup first: hub → offtaker, hub → hub or hub → centre");
export type Transfer = z.infer<typeof Transfer>;

/** Job ids of a transfer in the routing problem and the plan's route steps. */
export const transferJobIds = (id: string): { pickup: string; delivery: string } => ({ pickup: `${id}:pickup`, delivery: `${id}:delivery` });

/** Checks of `transfers` by JSON path: unique ids, known places and carrier, windows, a vehicle that can carry it. */
export function checkTransfers(s: Scenario): InputIssue[] {
  const out: InputIssue[] = [];
  const sites = new Set([...s.hubSites.map((h) => h.id), ...(s.regional?.centres ?? []).map((c) => c.id)]);
  const targets = new Set([...sites, ...s.offtakers.map((o) => o.id)]);
  const ids = new Set<string>();
  (s.transfers ?? []).forEach((t, i) => {
    const p = `transfers[${i}]`;
    if (ids.has(t.id)) out.push({ path: `${p}.id`, message: `duplicate transfer id '${t.id}'` });
    ids.add(t.id);
    if (!sites.has(t.from)) out.push({ path: `${p}.from`, message: `unknown hub site or regional centre '${t.from}' (known: ${[...sites].join(", ")})` });
    if (!targets.has(t.to)) out.push({ path: `${p}.to`, message: `unknown offtaker, hub site or regional centre '${t.to}' (known: ${[...targets].join(", ")})` });
    if (t.from === t.to) out.push({ path: `${p}.to`, message: `is where it is loaded ('${t.from}'): a transfer goes somewhere else` });
    for (const end of ["pickup", "delivery"] as const)
      t[end].timeWindows.forEach((w, j) => {
        if (clockToSeconds(w.end) < clockToSeconds(w.start)) out.push({ path: `${p}.${end}.timeWindows[${j}]`, message: `window closes (${w.end}) before it opens (${w.start})` });
      });
    const carriers = s.carriers.filter((c) => t.carrierId === undefined || c.id === t.carrierId);
    if (carriers.length === 0) out.push({ path: `${p}.carrierId`, message: `unknown carrier '${t.carrierId}' (known: ${s.carriers.map((c) => c.id).join(", ")})` });
    else if (!carriers.some((c) => c.vehicles.some((v) => v.capacityKg >= t.kg && v.capacityM3 >= t.m3 && (!t.hazardous || v.hazardousCertified))))
      out.push({ path: p, message: `no vehicle${t.carrierId ? ` of carrier '${t.carrierId}'` : ""} can carry ${t.kg} kg and ${t.m3} m³${t.hazardous ? " as a hazardous load" : ""}` });
  });
  return out;
}
