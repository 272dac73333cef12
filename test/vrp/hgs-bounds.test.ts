// The lower bound the local search rejects inter-route moves on before pricing them exactly
// (RouteSet.lbRoute): never above the exact penalised cost of the route it bounds, so it never
// rejects a move that improves; and the search applies the same moves with it as without it.
import { describe, expect, it } from "vitest";
import { buildProblemData } from "../../src/vrp/data.js";
import { granularNeighbours } from "../../src/vrp/hgs/granular.js";
import { type HgsData, toHgsData } from "../../src/vrp/hgs/hgs-data.js";
import { LocalSearch } from "../../src/vrp/hgs/local-search.js";
import { Rng } from "../../src/vrp/random.js";
import { job, lcg, planeProblem, randomPoints, vehicle } from "./helpers.js";

/**
 * A mixed fleet as on the rich days: two depots, kg and m³, windows (several closing tight),
 * fixed, per-km, per-hour and per-stop costs, a minimum paid shift and duration and distance
 * limits on one type; `n` customers, a share `windowShare` of them with a window.
 */
function mixedFleet(seed: number, n: number, windowShare = 0.8): HgsData {
  const rand = lcg(seed);
  const pts = randomPoints(rand, n + 3);
  const jobs = pts.slice(3).map((_, i) => {
    const open = 3600 * 8 + Math.floor(rand() * 8) * 1800;
    const windows: Array<[number, number]> = rand() < windowShare ? [[open, open + 900 + Math.floor(rand() * 4) * 900]] : [];
    return job(`c${i}`, i + 3, [1 + Math.floor(rand() * 40), Math.round(rand() * 10) / 10], { serviceS: 60 + Math.floor(rand() * 300), timeWindows: windows });
  });
  const vehicles = [];
  for (let k = 0; k < 3; k++) vehicles.push(vehicle(`van-${k}`, [120, 1.5], { start: 0, end: 0, fixedCostUsd: 55, costUsdPerKm: 0.33, costUsdPerHour: 38, shift: [3600 * 7, 3600 * 17] }));
  for (let k = 0; k < 2; k++) {
    vehicles.push(vehicle(`truck-${k}`, [300, 4], {
      start: 1, end: 2, fixedCostUsd: 110, costUsdPerKm: 0.42, costUsdPerHour: 34, costUsdPerStop: 0.5, minPaidS: 4 * 3600,
      maxDurationS: 7 * 3600, maxDistanceKm: 150, shift: [3600 * 7, 3600 * 17],
    }));
  }
  const d = toHgsData(buildProblemData(planeProblem(pts, jobs, vehicles, ["kg", "m3"])));
  if (!d || d.giantTour) throw new Error("expected a vehicle-bound problem");
  return d;
}

/** Customers 0..n-1 dealt at random to the first `routes` vehicles (some routes may stay empty). */
function randomRoutes(rand: () => number, n: number, routes: number): number[][] {
  const out: number[][] = Array.from({ length: routes }, () => []);
  const order = Array.from({ length: n }, (_, i) => i).sort(() => rand() - 0.5);
  for (const c of order) out[Math.floor(rand() * (routes - 1))].push(c);
  return out;
}

describe("the inter-route move bound", () => {
  it("is never above the exact price of the route it bounds (heads, inserted customers, own suffixes, other routes' tails)", () => {
    let checked = 0;
    let tight = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const d = mixedFleet(seed, 14);
      const rand = lcg(seed * 31);
      const ls = new LocalSearch(d, d.nVehicles, granularNeighbours(d, 5), new Rng(seed));
      const rs = ls.rs;
      expect(rs.boundable).toBe(true);
      rs.capPenalty = [0.5, 3, 20][seed % 3];
      rs.twPenalty = [0.01, 0.2, 2][seed % 3];
      const routes = randomRoutes(rand, d.n, d.nVehicles);
      rs.load(routes);
      const buf = new Int32Array(d.n + 4);
      for (let r = 0; r < d.nVehicles; r++) {
        const own = routes[r];
        for (let i = 0; i <= own.length; i++) {
          const p = i === 0 ? rs.startOf(r) : own[i - 1];
          // the rest: r's own suffix from position j >= i, or another route's tail from position k
          const rests: Array<{ q: number; seq: number[] }> = [];
          for (let j = i; j <= own.length; j++) rests.push({ q: j < own.length ? own[j] : rs.endOf(r), seq: own.slice(j) });
          for (let o = 0; o < d.nVehicles; o++) {
            if (o === r) continue;
            for (let k = 0; k <= routes[o].length; k++) rests.push({ q: k < routes[o].length ? routes[o][k] : rs.endOf(o), seq: routes[o].slice(k) });
          }
          for (const rest of rests) {
            // zero, one or two customers between, from neither the head nor the rest
            const free = Array.from({ length: d.n }, (_, c) => c).filter((c) => !own.slice(0, i).includes(c) && !rest.seq.includes(c));
            const c1 = free.length > 0 && rand() < 0.7 ? free[Math.floor(rand() * free.length)] : -1;
            const left = free.filter((c) => c !== c1);
            const c2 = c1 >= 0 && left.length > 0 && rand() < 0.5 ? left[Math.floor(rand() * left.length)] : -1;
            const seq = [...own.slice(0, i), ...[c1, c2].filter((c) => c >= 0), ...rest.seq];
            seq.forEach((c, x) => (buf[x] = c));
            const exact = rs.priceSequence(r, buf, seq.length);
            const bound = rs.lbRoute(r, p, c1, c2, rest.q);
            expect(bound).toBeLessThanOrEqual(exact + 1e-9);
            if (bound > exact - 1e-6) tight++;
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1500);
    // exact wherever no junction waits or warps: the bound is no mere 0
    expect(tight).toBeGreaterThan(checked / 10);
  });

  it("inside a route: never above the exact price of the route with the stretch between two nodes reordered", () => {
    let checked = 0;
    let tight = 0;
    for (let seed = 1; seed <= 6; seed++) {
      // without windows nothing waits: the bound is exact, and a bound too high shows
      const d = mixedFleet(seed + 50, 16, seed % 2 === 0 ? 0 : 0.8);
      const rand = lcg(seed * 17);
      const ls = new LocalSearch(d, d.nVehicles, granularNeighbours(d, 5), new Rng(seed));
      const rs = ls.rs;
      rs.capPenalty = [0.5, 3, 20][seed % 3];
      rs.twPenalty = [0.01, 0.2, 2][seed % 3];
      const routes = randomRoutes(rand, d.n, 3);
      rs.load(routes);
      const buf = new Int32Array(d.n);
      for (let r = 0; r < 3; r++) {
        const nodes = [rs.startOf(r), ...routes[r], rs.endOf(r)];
        for (let i = 0; i < nodes.length; i++) {
          for (let j = i + 2; j < nodes.length; j++) {
            // the customers strictly between nodes[i] and nodes[j], shuffled
            const mid = nodes.slice(i + 1, j).sort(() => rand() - 0.5);
            const oldWay = nodes.slice(i, j + 1);
            const newWay = [nodes[i], ...mid, nodes[j]];
            let dDist = 0;
            let dTime = 0;
            for (let k = 0; k + 1 < oldWay.length; k++) {
              dDist += rs.d(newWay[k], newWay[k + 1]) - rs.d(oldWay[k], oldWay[k + 1]);
              dTime += rs.t(newWay[k], newWay[k + 1]) - rs.t(oldWay[k], oldWay[k + 1]);
            }
            const seq = [...nodes.slice(1, i + 1), ...mid, ...nodes.slice(j, nodes.length - 1)];
            seq.forEach((c, x) => (buf[x] = c));
            const exact = rs.priceSequence(r, buf, seq.length);
            const bound = rs.lbIntra(r, nodes[i], nodes[j], dDist, dTime);
            expect(bound).toBeLessThanOrEqual(exact + 1e-9);
            if (bound > exact - 1e-6) tight++;
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(tight).toBeGreaterThan(checked / 10);
  });

  it("leaves the search's course unchanged: the same local optimum with the bound as without, from the same start", () => {
    let moved = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const d = mixedFleet(seed + 100, 30);
      const start = randomRoutes(lcg(seed), d.n, d.nVehicles);
      const runs = [true, false].map((bounded) => {
        const ls = new LocalSearch(d, d.nVehicles, granularNeighbours(d, 8), new Rng(seed));
        ls.rs.boundable = bounded;
        const routes = ls.run(start, 5, 0.05 * seed, () => false);
        // then an iterated-search step: a perturbation and a search from what moved
        const again = ls.run(routes, 5, 0.05 * seed, () => false, [], null, 6);
        return { routes: again, cost: ls.rs.totalCost() };
      });
      expect(runs[0].routes).toEqual(runs[1].routes);
      expect(runs[0].cost).toBe(runs[1].cost);
      if (JSON.stringify(runs[0].routes) !== JSON.stringify(start)) moved++;
    }
    expect(moved).toBe(8);
  });
});
