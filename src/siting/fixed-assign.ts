// Where each zone's tonnes go when a plan's hubs are held fixed: the plan's own zone → hub
// assignment first (its splits kept), zones it does not place to the cheapest open hub with room,
// then every hub over capacity sheds tonnes to open hubs with room, cheapest extra cost per tonne
// first. On the plan's own supply nothing moves, so the plan's loads are reproduced exactly.
import type { SitingData } from "./siting-data.js";
import type { YearPlan } from "./year-plan.js";

export interface AssignInput {
  data: SitingData;
  /** Capacity (t/yr) of each open hub, by site index. */
  capacityT: Map<number, number>;
  /** Zones to place, largest first. */
  order: number[];
  /** The plan's assignment (zone and hub indices, fractions); zones not in it are placed greedily. */
  planned: ReadonlyArray<{ zone: number; hub: number; fraction: number }>;
  /** Zones move whole (single sourcing, or channels: a zone's channels all deliver to one hub). */
  whole: boolean;
  /** Tonnes zone z brings. */
  bring: (z: number) => number;
  /** What the whole of zone z costs at its arc i, USD; null when it cannot go there. */
  perArc: (z: number, i: number) => number | null;
}

const TOL_T = 1e-6;

/**
 * Places the zones of `order` on the open hubs of `capacityT`.
 * @returns the assignment (fractions of each zone's tonnes) and the tonnes of zones no open hub reaches.
 */
export function assignToFixedHubs(a: AssignInput): { assign: YearPlan["assign"]; strandedT: number } {
  const { data, capacityT, bring, whole } = a;
  const room = new Map(capacityT);
  // zone z's arc index to each hub, built once per zone (the overflow loop asks pieces × hubs times)
  const arcOf = new Map<number, Map<number, number>>();
  const cost = (z: number, hub: number): number | null => {
    if (!capacityT.has(hub)) return null;
    let idx = arcOf.get(z);
    if (!idx) {
      idx = new Map<number, number>();
      data.arcs[z].forEach((x, i) => idx!.has(x.hub) || idx!.set(x.hub, i));
      arcOf.set(z, idx);
    }
    const i = idx.get(hub);
    return i === undefined ? null : a.perArc(z, i);
  };
  // pieces[z]: hub → fraction of the zone's tonnes there
  const pieces = new Map<number, Map<number, number>>();
  const put = (z: number, hub: number, fraction: number): void => {
    const m = pieces.get(z) ?? new Map<number, number>();
    pieces.set(z, m);
    m.set(hub, (m.get(hub) ?? 0) + fraction);
    room.set(hub, room.get(hub)! - fraction * bring(z));
  };

  const plannedOf = new Map<number, Array<{ hub: number; fraction: number }>>();
  for (const p of a.planned) plannedOf.set(p.zone, [...(plannedOf.get(p.zone) ?? []), p]);
  let strandedT = 0;
  const unplaced: number[] = [];
  for (const z of a.order) {
    const mine = plannedOf.get(z) ?? [];
    if (mine.length === 0 || mine.some((p) => cost(z, p.hub) === null)) unplaced.push(z);
    else if (whole && mine.length > 1) put(z, mine.reduce((b, p) => (p.fraction > b.fraction ? p : b)).hub, 1);
    else for (const p of mine) put(z, p.hub, p.fraction);
  }
  for (const z of unplaced) {
    const arcs = data.arcs[z]
      .map((x) => ({ hub: x.hub, usd: cost(z, x.hub) }))
      .filter((x): x is { hub: number; usd: number } => x.usd !== null)
      .sort((p, q) => p.usd - q.usd || p.hub - q.hub);
    if (arcs.length === 0) {
      strandedT += bring(z);
      continue;
    }
    const fits = arcs.find((x) => room.get(x.hub)! >= bring(z) - 1e-9);
    put(z, (fits ?? arcs.reduce((b, x) => (room.get(x.hub)! > room.get(b.hub)! ? x : b))).hub, 1);
  }
  shedOverflow(a, room, pieces, cost);

  const assign: YearPlan["assign"] = [];
  for (const [zone, m] of pieces) for (const [hub, fraction] of m) if (fraction > 1e-12) assign.push({ zone, hub, fraction });
  return { assign, strandedT };
}

/**
 * Moves tonnes off hubs over capacity to open hubs with room: each step takes the piece (zone at
 * that hub) whose move costs least per tonne; whole zones when `whole`, else just the overflow.
 */
function shedOverflow(a: AssignInput, room: Map<number, number>, pieces: Map<number, Map<number, number>>, cost: (z: number, hub: number) => number | null): void {
  for (const hub of [...a.capacityT.keys()].sort((p, q) => p - q)) {
    // each move empties a piece, clears the overflow or fills a hub: bounded by pieces × hubs
    for (let guard = 0; room.get(hub)! < -TOL_T && guard < 10 * (pieces.size + 1) * (a.capacityT.size + 1); guard++) {
      let best: { z: number; to: number; perT: number; t: number } | null = null;
      for (const [z, m] of pieces) {
        const f = m.get(hub) ?? 0;
        const bz = a.bring(z);
        const here = cost(z, hub);
        if (f <= 0 || bz <= 0 || here === null) continue;
        for (const to of a.capacityT.keys()) {
          const there = to === hub ? null : cost(z, to);
          if (there === null) continue;
          const t = a.whole ? f * bz : Math.min(f * bz, -room.get(hub)!, room.get(to)!);
          if (t <= TOL_T || room.get(to)! < t - 1e-9) continue;
          const perT = (there - here) / bz;
          if (!best || perT < best.perT - 1e-12 || (Math.abs(perT - best.perT) <= 1e-12 && (z < best.z || (z === best.z && to < best.to)))) best = { z, to, perT, t };
        }
      }
      if (!best) break;
      const m = pieces.get(best.z)!;
      const f = best.t / a.bring(best.z);
      m.set(hub, m.get(hub)! - f);
      m.set(best.to, (m.get(best.to) ?? 0) + f);
      room.set(hub, room.get(hub)! + best.t);
      room.set(best.to, room.get(best.to)! - best.t);
    }
  }
}
