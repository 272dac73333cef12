// A siting solution read back by meaning, one record per planning year: which hubs are open
// at which size, where each zone goes, where enterprises sit, what is processed in-house,
// sold and disposed of. Decoding is the only place that knows the model's column layout.
import { yearDeliveries } from "./deliveries.js";
import type { SitingModel } from "./siting-model.js";

export interface YearPlan {
  /** 1-based planning year. */
  year: number;
  open: Array<{ hub: number; size: number }>;
  assign: Array<{ zone: number; hub: number; fraction: number }>;
  placed: Array<{ enterprise: number; hub: number }>;
  /** Tonnes of a stream through its `step`-th process step in-house at a hub. */
  inHouse: Array<{ hub: number; stream: number; step: number; tonnes: number }>;
  /** Tonnes through steps `step` and `step`+1 both in-house at a hub (co-location saving). */
  colocated: Array<{ hub: number; stream: number; step: number; tonnes: number }>;
  sold: Array<{ hub: number; offtaker: number; offer: number; material: number; route: number; tonnes: number }>;
  disposed: Array<{ hub: number; material: number; tonnes: number }>;
  /** With channels: the options each zone is offered (index into data.channels.options[zone]) and their hub. */
  offered?: Array<{ zone: number; option: number; hub: number }>;
  /** With channels: drop-off points open (indices into channels.dropOff.sites). */
  dropOffs?: number[];
  /** With regional centres: which are open, what each hub ships to them, what they sell and dispose of. */
  centres?: {
    open: Array<{ centre: number; size: number }>;
    shipped: Array<{ hub: number; centre: number; stream: number; route: number; tonnes: number }>;
    sold: Array<{ centre: number; offtaker: number; offer: number; material: number; route: number; tonnes: number }>;
    disposed: Array<{ centre: number; material: number; tonnes: number }>;
  };
}

const EPS = 1e-9;

/** Reads column values `x` of `model` into one YearPlan per year; binaries are rounded. */
export function decodeYears(model: SitingModel, x: ArrayLike<number>): YearPlan[] {
  const { data } = model;
  const round = (col: number): number => Math.round(x[col]);
  const plans: YearPlan[] = [];
  for (let t = 0; t < data.years; t++) {
    const p: YearPlan = { year: t + 1, open: [], assign: [], placed: [], inHouse: [], colocated: [], sold: [], disposed: [] };
    model.y.forEach((sizes, hub) => sizes.forEach((cols, size) => round(cols[t]) === 1 && p.open.push({ hub, size })));
    const single = data.scenario.policy.singleSourcing;
    model.a.forEach((arcs, zone) =>
      arcs.forEach((cols, i) => {
        if (cols[t] < 0) return;
        const fraction = single ? round(cols[t]) : Math.min(1, Math.max(0, x[cols[t]]));
        if (fraction > EPS) p.assign.push({ zone, hub: data.arcs[zone][i].hub, fraction });
      }),
    );
    model.e.forEach((hubs, enterprise) => hubs.forEach((cols, hub) => cols[t] >= 0 && round(cols[t]) === 1 && p.placed.push({ enterprise, hub })));
    const cont = (list: Array<{ hub: number; stream: number; step: number; tonnes: number }>, u: number[][][][]): void =>
      u.forEach((streams, hub) =>
        streams.forEach((steps, stream) =>
          steps.forEach((cols, step) => {
            if (cols && cols[t] >= 0 && x[cols[t]] > EPS) list.push({ hub, stream, step, tonnes: x[cols[t]] });
          }),
        ),
      );
    cont(p.inHouse, model.u);
    cont(p.colocated, model.w);
    for (const f of model.flows)
      if (f.year === t && x[f.col] > EPS)
        p.sold.push({ hub: f.hub, offtaker: f.offtaker, offer: f.offer, material: f.material, route: f.route, tonnes: x[f.col] });
    model.d.forEach((mats, hub) => mats.forEach((cols, material) => cols[t] >= 0 && x[cols[t]] > EPS && p.disposed.push({ hub, material, tonnes: x[cols[t]] })));
    if (model.regional) {
      const rg = model.regional;
      p.centres = {
        open: rg.y.flatMap((sizes, centre) => sizes.flatMap((cols, size) => (round(cols[t]) === 1 ? [{ centre, size }] : []))),
        shipped: rg.ship.filter((c) => c.year === t && x[c.col] > EPS).map((c) => ({ hub: c.hub, centre: c.centre, stream: c.stream, route: c.route, tonnes: x[c.col] })),
        sold: rg.flows.filter((f) => f.year === t && x[f.col] > EPS).map((f) => ({ centre: f.centre, offtaker: f.offtaker, offer: f.offer, material: f.material, route: f.route, tonnes: x[f.col] })),
        disposed: rg.d.flatMap((mats, centre) => mats.flatMap((cols, material) => (cols[t] >= 0 && x[cols[t]] > EPS ? [{ centre, material, tonnes: x[cols[t]] }] : []))),
      };
    }
    if (model.channels) {
      const ch = model.channels;
      p.offered = [];
      ch.g.forEach((opts, zone) =>
        opts.forEach((arcs, option) => arcs.forEach((cols, i) => cols[t] >= 0 && round(cols[t]) === 1 && p.offered!.push({ zone, option, hub: data.arcs[zone][i].hub }))),
      );
      p.dropOffs = ch.open.flatMap((cols, point) => (round(cols[t]) === 1 ? [point] : []));
      // A zone offered no channel sends nothing: its free hub column means nothing.
      const served = new Set(p.offered.map((o) => o.zone));
      p.assign = p.assign.filter((as) => served.has(as.zone));
    }
    plans.push(p);
  }
  return plans;
}

/**
 * Removes solver round-off so the plan balances exactly: split shares of a zone sum to 1, and
 * at each hub the disposed tonnes of a material are what is recovered minus what is sold
 * (sales scaled down when round-off made them exceed recovery). Changes are at tolerance level.
 */
export function polishYear(data: SitingModel["data"], p: YearPlan): YearPlan {
  const s = data.scenario;
  const share = new Float64Array(s.zones.length);
  for (const a of p.assign) share[a.zone] += a.fraction;
  const assign = p.assign.map((a) => ({ ...a, fraction: a.fraction / share[a.zone] }));
  const made = s.hubSites.map(() => new Float64Array(s.materials.length));
  for (const dl of yearDeliveries(data, { ...p, assign }))
    dl.streamT.forEach((tons, si) => data.yieldT[si].forEach((yl, mi) => (made[dl.hub][mi] += tons * yl)));
  const sold = s.hubSites.map(() => new Float64Array(s.materials.length));
  for (const f of p.sold) sold[f.hub][f.material] += f.tonnes;
  const scale = (h: number, m: number): number => (sold[h][m] > made[h][m] && sold[h][m] > 0 ? made[h][m] / sold[h][m] : 1);
  const soldOut = p.sold.map((f) => ({ ...f, tonnes: f.tonnes * scale(f.hub, f.material) }));
  const disposed: YearPlan["disposed"] = [];
  made.forEach((mats, hub) =>
    mats.forEach((m, material) => {
      const rest = m - Math.min(sold[hub][material], m);
      if (rest > 0) disposed.push({ hub, material, tonnes: rest });
    }),
  );
  return { ...p, assign, sold: soldOut, disposed, ...(p.centres ? { centres: polishCentres(data, p.centres, yearDeliveries(data, { ...p, assign })) } : {}) };
}

/**
 * Centres balanced like hubs: each hub's shipments of a stream scaled to exactly what it received,
 * sales scaled down where round-off made them exceed what a centre recovers, the rest disposed of.
 */
function polishCentres(data: SitingModel["data"], c: NonNullable<YearPlan["centres"]>, deliveries: ReturnType<typeof yearDeliveries>): NonNullable<YearPlan["centres"]> {
  const s = data.scenario;
  const reg = data.regional!;
  const got = s.hubSites.map(() => new Float64Array(s.streams.length));
  for (const dl of deliveries) dl.streamT.forEach((v, si) => (got[dl.hub][si] += v));
  const sent = s.hubSites.map(() => new Float64Array(s.streams.length));
  for (const x of c.shipped) sent[x.hub][x.stream] += x.tonnes;
  const shipped = c.shipped.map((x) => ({ ...x, tonnes: sent[x.hub][x.stream] > 0 ? (x.tonnes * got[x.hub][x.stream]) / sent[x.hub][x.stream] : 0 }));
  const made = reg.centres.map(() => new Float64Array(s.materials.length));
  for (const x of shipped) reg.yieldT[x.stream].forEach((yl, mi) => (made[x.centre][mi] += x.tonnes * yl));
  const soldT = reg.centres.map(() => new Float64Array(s.materials.length));
  for (const f of c.sold) soldT[f.centre][f.material] += f.tonnes;
  const sold = c.sold.map((f) => ({ ...f, tonnes: soldT[f.centre][f.material] > made[f.centre][f.material] ? (f.tonnes * made[f.centre][f.material]) / soldT[f.centre][f.material] : f.tonnes }));
  const disposed: NonNullable<YearPlan["centres"]>["disposed"] = [];
  made.forEach((mats, centre) =>
    mats.forEach((m, material) => {
      const rest = m - Math.min(soldT[centre][material], m);
      if (rest > 0) disposed.push({ centre, material, tonnes: rest });
    }),
  );
  return { open: c.open, shipped, sold, disposed };
}
