// Segment pricing: every chained candidate route (insert, remove, swap, 2-opt*, or-opt with
// reversal, intra moves) must cost exactly what the full route walk gives, on seeded random
// routes of rich problems, feasible or not (windows, capacity, shift, open ends, speeds,
// max duration/distance/tasks, multi-trip, several windows per job, unreachable legs), with
// costs per stop and minimum paid shifts that bind on some routes and not on others.
import { describe, expect, it } from "vitest";
import { buildProblemData } from "../../src/vrp/data.js";
import { RouteEvaluator } from "../../src/vrp/route-eval.js";
import { RouteSegments } from "../../src/vrp/route-segments.js";
import { job, lcg, planeProblem, randomPoints, vehicle } from "./helpers.js";

function richProblem(seed: number) {
  const rand = lcg(seed);
  const pts = randomPoints(rand, 16);
  const jobs = Array.from({ length: 14 }, (_, i) => {
    const r = rand();
    const s = Math.floor(rand() * 5000);
    const windows: Array<[number, number]> =
      r < 0.4 ? [[s, s + 600 + rand() * 2400]] : r < 0.55 ? [[s, s + 900], [s + 3000, s + 4000 + rand() * 1000]] : [];
    return job(`j${i}`, 2 + i, [Math.round(rand() * 40), Math.round(rand() * 10)], { timeWindows: windows, serviceS: 60 + rand() * 200 });
  });
  const vehicles = [
    vehicle("a", [120, 30], { shift: [0, 9000 + rand() * 4000], costUsdPerHour: 20, fixedCostUsd: 50, costUsdPerStop: 4, minPaidS: 3600 }),
    vehicle("b", [100, 25], { start: undefined, end: 1, speedFactor: 0.8, maxDurationS: 5000 + rand() * 3000, costUsdPerHour: 30, minPaidS: 2700 }),
    vehicle("c", [90, 20], { end: undefined, maxDistanceKm: 40 + rand() * 30, maxTasks: 7, initialLoad: [10, 2], costUsdPerStop: 1.5 }),
    vehicle("d", [60, 15], {
      start: 1, end: 0, unloadLocations: [0, 1], unloadS: 300, maxTrips: 3, speedFactor: 1.2, costUsdPerHour: 10, costUsdPerStop: 2.5, minPaidS: 4800,
    }),
  ];
  const problem = planeProblem(pts, jobs, vehicles, ["kg", "m3"]);
  if (seed % 4 === 0) {
    // a few unreachable legs between stops (and towards hub 1), in one direction or both
    for (const [i, k] of [[2, 3], [3, 2], [5, 9], [7, 1], [4, 11]]) {
      problem.durationS[i * pts.length + k] = Infinity;
      problem.distanceKm[i * pts.length + k] = Infinity;
    }
  }
  return buildProblemData(problem);
}

describe("segment pricing", () => {
  it("equals the full route walk on random candidate routes", () => {
    let compared = 0;
    let feasible = 0;
    // feasible routes paid their minimum shift, and paid their own longer duration
    let paidMin = 0;
    let paidLonger = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const data = richProblem(seed);
      const ev = new RouteEvaluator(data);
      const segs = new RouteSegments(data, ev);
      const pr = segs.pricer();
      const rand = lcg(1000 + seed);
      const pick = (n: number): number => Math.floor(rand() * n);
      for (let t = 0; t < 60; t++) {
        const perm = Array.from({ length: data.nJobs }, (_, i) => i).sort(() => rand() - 0.5);
        const cut = 1 + pick(data.nJobs - 2);
        const ra = perm.slice(0, Math.min(cut, 9));
        const rb = perm.slice(cut);
        const a = pick(4);
        let b = pick(4);
        if (b === a) b = (a + 1) % 4;
        segs.sync(a, ra);
        segs.sync(b, rb);
        const check = (price: number, seq: number[], v: number): void => {
          const full = ev.cost(v, seq, seq.length);
          compared++;
          if (full < Infinity) {
            feasible++;
            if (data.vMinPaidS[v] > 0) {
              if (ev.durationS < data.vMinPaidS[v]) paidMin++;
              else paidLonger++;
            }
          }
          if (full === Infinity || price === Infinity) expect(price).toBe(full);
          else expect(Math.abs(price - full)).toBeLessThan(1e-6 * Math.max(1, full));
        };
        const i = pick(ra.length + 1);
        const k = pick(rb.length + 1);
        const x = rb.length > 0 ? rb[pick(rb.length)] : perm[0];
        // a cutoff may return a lower bound at or above it instead of the walk's cost
        const cutoffUsd = rand() * 300;
        const bounded = pr.prefix(a, ra, i).job(x).suffix(a, ra, i).cost(cutoffUsd);
        const exact = ev.cost(a, [...ra.slice(0, i), x, ...ra.slice(i)], ra.length + 1);
        if (!(Math.abs(bounded - exact) <= 1e-6 * Math.max(1, exact)) && bounded !== exact) {
          expect(bounded).toBeGreaterThanOrEqual(cutoffUsd);
          expect(bounded).toBeLessThanOrEqual(exact + 1e-9);
        }
        // whole route, insertion, removal
        check(pr.start(a).range(ra, 0, ra.length).cost(), ra, a);
        check(pr.prefix(a, ra, ra.length).cost(), ra, a);
        check(pr.prefix(a, ra, i).job(x).suffix(a, ra, i).cost(), [...ra.slice(0, i), x, ...ra.slice(i)], a);
        if (i < ra.length) check(pr.prefix(a, ra, i).suffix(a, ra, i + 1).cost(), [...ra.slice(0, i), ...ra.slice(i + 1)], a);
        // swap one job in
        if (i < ra.length) check(pr.prefix(a, ra, i).job(x).suffix(a, ra, i + 1).cost(), [...ra.slice(0, i), x, ...ra.slice(i + 1)], a);
        // 2-opt*: tails exchanged (suffix cached on another vehicle, maybe another speed)
        check(pr.prefix(a, ra, i).suffix(b, rb, k).cost(), [...ra.slice(0, i), ...rb.slice(k)], a);
        check(pr.prefix(b, rb, k).suffix(a, ra, i).cost(), [...rb.slice(0, k), ...ra.slice(i)], b);
        // or-opt: a string of rb inserted into ra, reversed or not
        const len = Math.min(3, rb.length - k);
        if (len >= 2) {
          check(pr.prefix(a, ra, i).range(rb, k, k + len).suffix(a, ra, i).cost(), [...ra.slice(0, i), ...rb.slice(k, k + len), ...ra.slice(i)], a);
          check(pr.prefix(a, ra, i).reversed(rb, k, k + len).suffix(a, ra, i).cost(), [...ra.slice(0, i), ...rb.slice(k, k + len).reverse(), ...ra.slice(i)], a);
        }
        // intra: job i moved later to p; 2-opt reversal of i..p
        if (ra.length >= 3 && i < ra.length - 1) {
          const p = i + 1 + pick(ra.length - i - 1);
          check(pr.prefix(a, ra, i).range(ra, i + 1, p + 1).job(ra[i]).suffix(a, ra, p + 1).cost(),
            [...ra.slice(0, i), ...ra.slice(i + 1, p + 1), ra[i], ...ra.slice(p + 1)], a);
          check(pr.prefix(a, ra, i).reversed(ra, i, p + 1).suffix(a, ra, p + 1).cost(),
            [...ra.slice(0, i), ...ra.slice(i, p + 1).reverse(), ...ra.slice(p + 1)], a);
        }
      }
    }
    // the seeded cases mix feasible and infeasible routes
    expect(feasible).toBeGreaterThan(compared * 0.1);
    expect(feasible).toBeLessThan(compared * 0.9);
    expect(paidMin).toBeGreaterThan(feasible * 0.05);
    expect(paidLonger).toBeGreaterThan(feasible * 0.05);
  });
});
