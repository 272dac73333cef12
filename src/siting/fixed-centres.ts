// The regional echelon of a plan held fixed under another supply: a hub's stream with regional
// steps follows the plan's shipments (its shares per centre and way), else goes to the cheapest
// open centre that still has room (way, centre steps and CO2 per tonne); a centre over capacity
// sheds tonnes to centres with room, cheapest extra cost per tonne first; and each centre
// sells what it recovers at its best outlets (offtaker maxima shared with the hubs' sales) or
// disposes of it. Greedy, like fixed-hubs.ts; priced by evaluateYear.
import { centreTonneCost } from "./regional-model.js";
import { offerPrice, type OutletRoute, type SitingData } from "./siting-data.js";
import type { YearPlan } from "./year-plan.js";

/** A share of what a hub sends of a stream that the plan ships to open centre `k` (index into `open`) by way `route`. */
export interface PlannedShipment {
  hub: number;
  stream: number;
  k: number;
  route: number;
  share: number;
}

const TOL_T = 1e-6;

/**
 * Centres' part of the year: `loadT[h][s]` is what each hub received; `taken[o][j]` the tonnes
 * each offer already bought from the hubs (updated). A hub's stream follows the plan's shares
 * (`planned`) where it has them, else goes to the cheapest open centre with room (the one with
 * most room when none has); a centre over capacity then sheds tonnes to open centres with room,
 * cheapest extra cost per tonne first. Returns the plan's `centres` and the tonnes each open
 * centre received (in the order of `open`).
 */
export function planFixedCentres(
  data: SitingData,
  open: Array<{ centre: number; size: number }>,
  loadT: Float64Array[],
  taken: number[][],
  year: number,
  planned: readonly PlannedShipment[] = [],
): { centres: NonNullable<YearPlan["centres"]>; inflowT: number[] } {
  const s = data.scenario;
  const reg = data.regional!;
  const co2Usd = s.policy.co2PriceUsdPerT / 1000;
  const room = open.map((o) => reg.centres[o.centre].sizes[o.size].capacityTPerYear);
  const perT = (hub: number, k: number, stream: number, route: number): number => {
    const w = reg.inbound[hub][open[k].centre][route];
    const per = centreTonneCost(data, open[k].centre, stream);
    return w.costUsdPerT + per.usd + (w.co2KgPerT + per.co2Kg) * co2Usd;
  };
  /** The cheapest way from `hub` to open centre `k` for `stream`, or null when there is none. */
  const bestWay = (hub: number, k: number, stream: number): { route: number; perT: number } | null =>
    reg.inbound[hub][open[k].centre].reduce<{ route: number; perT: number } | null>((b, _, route) => {
      const c = perT(hub, k, stream, route);
      return !b || c < b.perT ? { route, perT: c } : b;
    }, null);
  const pieces: Array<{ hub: number; stream: number; k: number; route: number; tonnes: number }> = [];
  const ship = (hub: number, stream: number, k: number, route: number, tonnes: number): void => {
    const same = pieces.find((p) => p.hub === hub && p.stream === stream && p.k === k && p.route === route);
    if (same) same.tonnes += tonnes;
    else pieces.push({ hub, stream, k, route, tonnes });
    room[k] -= tonnes;
  };
  const plannedOf = new Map<string, PlannedShipment[]>();
  for (const p of planned) plannedOf.set(`${p.hub}:${p.stream}`, [...(plannedOf.get(`${p.hub}:${p.stream}`) ?? []), p]);
  loadT.forEach((row, hub) =>
    row.forEach((tonnes, stream) => {
      if (tonnes <= 0 || !reg.atCentre[stream]) return;
      const mine = plannedOf.get(`${hub}:${stream}`);
      if (mine) {
        for (const p of mine) ship(hub, stream, p.k, p.route, tonnes * p.share);
        return;
      }
      const ways = open
        .flatMap((_, k) => reg.inbound[hub][open[k].centre].map((_, route) => ({ k, route, perT: perT(hub, k, stream, route) })))
        .sort((a, b) => a.perT - b.perT || a.k - b.k);
      if (ways.length === 0) return;
      const way = ways.find((w) => room[w.k] >= tonnes - 1e-9) ?? ways.reduce((best, w) => (room[w.k] > room[best.k] ? w : best));
      ship(hub, stream, way.k, way.route, tonnes);
    }),
  );
  // Centres over capacity shed tonnes to centres with room, cheapest extra cost per tonne first.
  open.forEach((_, k) => {
    for (let guard = 0; room[k] < -TOL_T && guard < 10 * (pieces.length + 1) * (open.length + 1); guard++) {
      let best: { p: (typeof pieces)[number]; to: number; route: number; extra: number } | null = null;
      for (const p of pieces) {
        if (p.k !== k || p.tonnes <= TOL_T) continue;
        const here = perT(p.hub, k, p.stream, p.route);
        for (let to = 0; to < open.length; to++) {
          const way = to === k || room[to] <= TOL_T ? null : bestWay(p.hub, to, p.stream);
          if (way && (!best || way.perT - here < best.extra - 1e-12)) best = { p, to, route: way.route, extra: way.perT - here };
        }
      }
      if (!best) break;
      const { p, to, route } = best;
      const t = Math.min(p.tonnes, -room[k], room[to]);
      p.tonnes -= t;
      room[k] += t;
      ship(p.hub, p.stream, to, route, t);
    }
  });
  const inflowT = open.map(() => 0);
  const made = open.map(() => new Float64Array(s.materials.length));
  const shipped: NonNullable<YearPlan["centres"]>["shipped"] = [];
  for (const p of pieces) {
    if (p.tonnes <= 0) continue;
    inflowT[p.k] += p.tonnes;
    shipped.push({ hub: p.hub, centre: open[p.k].centre, stream: p.stream, route: p.route, tonnes: p.tonnes });
    reg.yieldT[p.stream].forEach((yl, m) => (made[p.k][m] += p.tonnes * yl));
  }

  const sold: NonNullable<YearPlan["centres"]>["sold"] = [];
  const disposed: NonNullable<YearPlan["centres"]>["disposed"] = [];
  open.forEach((o, k) =>
    s.materials.forEach((_, mi) => {
      const { sales, left } = sellMaterial(data, reg.outbound[o.centre], mi, made[k][mi], taken, year);
      for (const x of sales) sold.push({ centre: o.centre, ...x, material: mi });
      if (left > 0) disposed.push({ centre: o.centre, material: mi, tonnes: left });
    }),
  );
  return { centres: { open, shipped, sold, disposed }, inflowT };
}

/**
 * Sells `made` tonnes of material `mi` from one site whose ways to each offtaker are `ways[o]`:
 * best net value per tonne first (price less transport and CO2, above minus the disposal cost),
 * within each offer's maximum less what `taken` says it already bought (updated). Returns the
 * sales and the tonnes left to dispose of.
 */
export function sellMaterial(
  data: SitingData,
  ways: OutletRoute[][],
  mi: number,
  made: number,
  taken: number[][],
  year: number,
): { sales: Array<{ offtaker: number; offer: number; route: number; tonnes: number }>; left: number } {
  const s = data.scenario;
  const co2Usd = s.policy.co2PriceUsdPerT / 1000;
  const sales: Array<{ offtaker: number; offer: number; route: number; tonnes: number }> = [];
  if (made <= 0) return { sales, left: 0 };
  const outlets = s.offtakers
    .flatMap((o, oi) =>
      o.accepts.flatMap((offer, j) =>
        offer.material !== s.materials[mi].id ? [] : ways[oi].map((w, route) => ({ oi, j, route, value: offerPrice(offer, year) - w.costUsdPerT - w.co2KgPerT * co2Usd })),
      ),
    )
    .filter((x) => x.value > -s.policy.disposalCostUsdPerT)
    .sort((a, b) => b.value - a.value);
  let left = made;
  for (const x of outlets) {
    if (left <= 0) break;
    const t = Math.min(left, (s.offtakers[x.oi].accepts[x.j].maxTPerYear ?? Infinity) - taken[x.oi][x.j]);
    if (t <= 0) continue;
    taken[x.oi][x.j] += t;
    left -= t;
    sales.push({ offtaker: x.oi, offer: x.j, route: x.route, tonnes: t });
  }
  return { sales, left };
}
