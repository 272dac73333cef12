// The time-warp segment algebra behind the genetic search's O(1) move pricing: concatenating
// in any grouping gives the distance, load and time warp of a direct simulation.
import { describe, expect, it } from "vitest";
import { buildProblemData } from "../../src/vrp/data.js";
import { type HgsData, toHgsData } from "../../src/vrp/hgs/hgs-data.js";
import { granularNeighbours } from "../../src/vrp/hgs/granular.js";
import { LocalSearch } from "../../src/vrp/hgs/local-search.js";
import { concat, Segment, visitCustomer, visitDepot } from "../../src/vrp/hgs/segment.js";
import { Rng } from "../../src/vrp/random.js";
import { job, lcg, planeProblem, randomPoints, vehicle } from "./helpers.js";

function data(seed: number): HgsData {
  const rand = lcg(seed);
  const pts = randomPoints(rand, 9);
  const jobs = pts.slice(1).map((_, i) => {
    const open = 1800 + Math.floor(rand() * 20) * 200;
    return job(`c${i}`, i + 1, [1 + Math.floor(rand() * 5)], { serviceS: 60 + Math.floor(rand() * 120), timeWindows: [[open, open + 300 + Math.floor(rand() * 600)]] });
  });
  const d = toHgsData(buildProblemData(planeProblem(pts, jobs, [vehicle("a", [100], { shift: [0, 20000] }), vehicle("b", [100], { shift: [0, 20000] }), vehicle("c", [100], { shift: [0, 20000] })])));
  if (!d?.giantTour) throw new Error("expected a classic problem");
  return d;
}

/** Time warp, distance and load of depot → seq → depot, leaving at the depot's opening (Vidal 2013). */
function simulate(d: HgsData, seq: number[]): { tw: number; dist: number; load: number } {
  let t = d.vReadyS[0];
  let tw = 0;
  let dist = 0;
  let load = 0;
  let prev = d.depot;
  for (const c of seq) {
    const loc = d.loc[c];
    const a = t + d.time[prev * d.nLoc + loc];
    dist += d.dist[prev * d.nLoc + loc];
    let start = Math.max(a, d.readyS[c]);
    if (start > d.dueS[c]) {
      tw += start - d.dueS[c];
      start = d.dueS[c];
    }
    t = start + d.serviceS[c];
    load += d.demand[c];
    prev = loc;
  }
  const back = t + d.time[prev * d.nLoc + d.depot];
  dist += d.dist[prev * d.nLoc + d.depot];
  if (back > d.vDueS[0]) tw += back - d.vDueS[0];
  return { tw, dist, load };
}

describe("time-warp segments", () => {
  it("agree with direct simulation whatever the grouping", () => {
    let warped = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const d = data(seed);
      const rand = lcg(seed * 13);
      const seq = Array.from({ length: d.n }, (_, i) => i).sort(() => rand() - 0.5).slice(0, 2 + Math.floor(rand() * (d.n - 1)));
      const want = simulate(d, seq);
      if (want.tw > 0) warped++;
      const one = new Segment();
      // left fold
      const left = visitDepot(d, 0, false, new Segment());
      for (const c of seq) concat(d, left, visitCustomer(d, c, one), left);
      concat(d, left, visitDepot(d, 0, true, one), left);
      // split at a random point: (depot..k) ⊕ (k+1..depot)
      const k = Math.floor(rand() * seq.length);
      const head = visitDepot(d, 0, false, new Segment());
      for (const c of seq.slice(0, k)) concat(d, head, visitCustomer(d, c, one), head);
      const tail = visitDepot(d, 0, false, new Segment());
      for (const c of seq.slice(k).reverse()) {
        const s = visitCustomer(d, c, new Segment());
        concat(d, s, tail, s);
        tail.copyFrom(s);
      }
      const whole = concat(d, head, tail, new Segment());
      for (const s of [left, whole]) {
        expect(s.tw).toBeCloseTo(want.tw, 6);
        expect(s.dist).toBeCloseTo(want.dist, 6);
        expect(s.load).toBe(want.load);
      }
    }
    expect(warped).toBeGreaterThan(5);
  });
});

describe("route segments of a mixed fleet", () => {
  it("price a head of one route joined to the tail of another like the joined route walked whole", () => {
    const rand = lcg(11);
    const pts = randomPoints(rand, 14);
    const jobs = pts.slice(3).map((_, i) => {
      const open = Math.floor(rand() * 6) * 900;
      return job(`c${i}`, i + 3, [1 + Math.floor(rand() * 5), rand()], { serviceS: 120, timeWindows: rand() < 0.7 ? [[open, open + 1800]] : [] });
    });
    const vehicles = [
      vehicle("van", [12, 2], { start: 0, end: 2, fixedCostUsd: 30, costUsdPerHour: 20, shift: [0, 9000] }),
      vehicle("truck", [20, 3], { start: 1, end: 2, fixedCostUsd: 60, costUsdPerKm: 0.6, costUsdPerHour: 30, costUsdPerStop: 2, shift: [900, 8000] }),
    ];
    const d = toHgsData(buildProblemData(planeProblem(pts, jobs, vehicles, ["kg", "m3"])));
    if (!d || d.giantTour) throw new Error("expected a mixed-fleet problem");
    const ls = new LocalSearch(d, 2, granularNeighbours(d, 5), new Rng(1));
    const rs = ls.rs;
    rs.capPenalty = 3;
    rs.twPenalty = 0.5;
    const order = Array.from({ length: d.n }, (_, i) => i);
    const routes = [order.slice(0, 5), order.slice(5)];
    rs.load(routes);
    const buf = new Int32Array(d.n);
    const a = new Segment(d.nDims);
    const b = new Segment(d.nDims);
    let checked = 0;
    for (let home = 0; home < 2; home++) {
      const other = 1 - home;
      for (let i = 0; i <= routes[home].length; i++) {
        for (let k = 0; k <= routes[other].length; k++) {
          // home keeps its first i customers and takes the other route's customers from k on
          const head = i === 0 ? rs.startOf(home) : routes[home][i - 1];
          const from = k < routes[other].length ? routes[other][k] : rs.endOf(other);
          concat(d, rs.prefix(head, a), rs.tailTo(from, home, b), a);
          const seq = [...routes[home].slice(0, i), ...routes[other].slice(k)];
          seq.forEach((c, q) => (buf[q] = c));
          expect(rs.cost(a, home)).toBeCloseTo(rs.priceSequence(home, buf, seq.length), 9);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });
});

describe("the classic variant read from the data", () => {
  it("sees no time windows when jobs have none and the shift is open (CVRPLIB's horizon), and sees a shift that closes", () => {
    const rand = lcg(5);
    const pts = randomPoints(rand, 8);
    const jobs = pts.slice(1).map((_, i) => job(`c${i}`, i + 1, [1 + Math.floor(rand() * 5)]));
    const read = (shift: [number, number]) => toHgsData(buildProblemData(planeProblem(pts, jobs, [vehicle("a", [10], { shift }), vehicle("b", [10], { shift })])));
    const open = read([0, Number.MAX_SAFE_INTEGER]);
    expect(open?.giantTour).toBe(true);
    expect(open?.hasTimeWindows).toBe(false);
    expect(read([0, 5000])?.hasTimeWindows).toBe(true);
  });
});
