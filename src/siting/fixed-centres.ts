// The regional echelon of a plan held fixed under another supply: every tonne of a stream with
// regional steps leaves its hub for the cheapest open centre that still has room (way, centre
// steps and CO2 per tonne; the open centre with the most room when none has), and each centre
// sells what it recovers at its best outlets (offtaker maxima shared with the hubs' sales) or
// disposes of it. Greedy, like fixed-hubs.ts; priced by evaluateYear.
import { centreTonneCost } from "./regional-model.js";
import { offerPrice, type OutletRoute, type SitingData } from "./siting-data.js";
import type { YearPlan } from "./year-plan.js";

/**
 * Centres' part of the year: `loadT[h][s]` is what each hub received; `taken[o][j]` the tonnes
 * each offer already bought from the hubs (updated). Returns the plan's `centres` and the tonnes
 * each open centre received (in the order of `open`).
 */
export function planFixedCentres(
  data: SitingData,
  open: Array<{ centre: number; size: number }>,
  loadT: Float64Array[],
  taken: number[][],
  year: number,
): { centres: NonNullable<YearPlan["centres"]>; inflowT: number[] } {
  const s = data.scenario;
  const reg = data.regional!;
  const co2Usd = s.policy.co2PriceUsdPerT / 1000;
  const room = open.map((o) => reg.centres[o.centre].sizes[o.size].capacityTPerYear);
  const inflowT = open.map(() => 0);
  const shipped: NonNullable<YearPlan["centres"]>["shipped"] = [];
  const made = open.map(() => new Float64Array(s.materials.length));
  loadT.forEach((row, hub) =>
    row.forEach((tonnes, stream) => {
      if (tonnes <= 0 || !reg.atCentre[stream]) return;
      const ways = open
        .flatMap((o, k) =>
          reg.inbound[hub][o.centre].map((w, route) => {
            const per = centreTonneCost(data, o.centre, stream);
            return { k, route, perT: w.costUsdPerT + per.usd + (w.co2KgPerT + per.co2Kg) * co2Usd };
          }),
        )
        .sort((a, b) => a.perT - b.perT || a.k - b.k);
      if (ways.length === 0) return;
      const way = ways.find((w) => room[w.k] >= tonnes - 1e-9) ?? ways.reduce((best, w) => (room[w.k] > room[best.k] ? w : best));
      room[way.k] -= tonnes;
      inflowT[way.k] += tonnes;
      shipped.push({ hub, centre: open[way.k].centre, stream, route: way.route, tonnes });
      reg.yieldT[stream].forEach((yl, m) => (made[way.k][m] += tonnes * yl));
    }),
  );

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
