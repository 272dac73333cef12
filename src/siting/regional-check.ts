// The independent checks of a plan's regional echelon, against the scenario: centres open at
// one size and kept, forced statuses, every tonne of a stream with regional steps shipped on
// from the hub that received it (and no other stream), only to open centres by a mode they
// receive, within capacity, and each centre's recovered materials all sold or disposed of.
import type { YearFigures } from "./evaluate.js";
import { checkOpenSites } from "./open-sites.js";
import type { SitingData } from "./siting-data.js";
import type { YearPlan } from "./year-plan.js";

/** Violations of plan `p`'s centres (none without regional centres); `prev` is last year's open centres. */
export function checkRegionalPlan(
  data: SitingData,
  p: YearPlan,
  f: YearFigures,
  prev: Map<number, number>,
  over: (value: number, limit: number) => boolean,
  tol: number,
): { violations: string[]; open: Map<number, number> } {
  const reg = data.regional;
  if (!reg) return { violations: [], open: new Map<number, number>() };
  const s = data.scenario;
  const v: string[] = [];
  const yr = `year ${p.year}`;
  const c = p.centres ?? { open: [], shipped: [], sold: [], disposed: [] };
  const open = checkOpenSites("centre", reg.centres, c.open.map((o) => [o.centre, o.size]), yr, v);
  for (const [r, size] of prev) if (open.get(r) !== size) v.push(`${yr}: centre ${reg.centres[r].id} closed or resized after opening`);
  const shipped = f.centres?.shippedT ?? [];
  s.hubSites.forEach((h, hi) =>
    s.streams.forEach((st, si) => {
      const out = shipped[hi]?.[si] ?? 0;
      if (reg.atCentre[si] && Math.abs(out - f.loadT[hi][si]) > tol * Math.max(1, f.loadT[hi][si]))
        v.push(`${yr}: hub ${h.id} receives ${f.loadT[hi][si]} t of ${st.id} but ships ${out} t to regional centres`);
      if (!reg.atCentre[si] && out > tol) v.push(`${yr}: hub ${h.id} ships ${st.id}, which has no regional step, to a centre`);
    }),
  );
  for (const x of c.shipped) {
    const site = reg.centres[x.centre];
    if (!open.has(x.centre)) v.push(`${yr}: hub ${s.hubSites[x.hub].id} ships to centre ${site.id}, which is not open`);
    const way = reg.inbound[x.hub][x.centre][x.route];
    // The mode of the last leg is what the centre receives: "road→T1 rail→T2 road→C" ends by road.
    const last = way.via.startsWith("lane") ? null : way.via === "road" ? "road" : (way.via.match(/(\w+)→[^ ]+$/)?.[1] ?? way.mode);
    if (last && !site.modes.includes(last as "road" | "rail" | "sea")) v.push(`${yr}: centre ${site.id} receives by ${last}, which it does not take`);
    if (x.tonnes < -tol) v.push(`${yr}: negative shipment to ${site.id}`);
  }
  for (const [r, size] of open) {
    const inT = (f.centres?.loadT[r] ?? []).reduce((a, x) => a + x, 0);
    const cap = reg.centres[r].sizes[size].capacityTPerYear;
    if (over(inT, cap)) v.push(`${yr}: centre ${reg.centres[r].id} receives ${inT} t over its ${cap} t capacity`);
  }
  f.centres?.madeT.forEach((mats, r) =>
    mats.forEach((made, m) => {
      const out = f.centres!.outT[r][m];
      if (Math.abs(made - out) > tol * Math.max(1, made)) v.push(`${yr}: centre ${reg.centres[r].id} recovers ${made} t of ${s.materials[m].id} but ships ${out} t`);
    }),
  );
  for (const x of c.sold) {
    const o = s.offtakers[x.offtaker];
    if (o.accepts[x.offer].material !== s.materials[x.material].id) v.push(`${yr}: ${o.id} is sent a material it does not buy (from ${reg.centres[x.centre].id})`);
  }
  return { violations: v, open };
}
