// The service-area look-up searches a latitude band; it must find exactly the nearest place that a
// scan of every zone, hub site and depot finds.
import { describe, expect, it } from "vitest";
import { haversineM, nearestServedPlace, type Scenario } from "../../src/domain/index.js";

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe("nearestServedPlace", () => {
  it("agrees with a full scan, near the places and far from them", () => {
    const r = rng(11);
    const at = (spread: number) => ({ lat: 36 + (r() - 0.5) * spread, lon: -86 + (r() - 0.5) * spread });
    const scenario = {
      zones: Array.from({ length: 400 }, (_, i) => ({ id: `z${i}`, location: at(2) })),
      hubSites: Array.from({ length: 20 }, (_, i) => ({ id: `h${i}`, location: at(3) })),
      carriers: [{ depots: [{ id: "d0", location: at(1) }] }],
    } as unknown as Scenario;
    const all = [...scenario.zones, ...scenario.hubSites, ...scenario.carriers[0].depots];
    for (let k = 0; k < 300; k++) {
      const p = at(k % 3 === 0 ? 60 : 4);
      let best = Infinity;
      for (const q of all) best = Math.min(best, haversineM(p.lat, p.lon, q.location.lat, q.location.lon) / 1000);
      const got = nearestServedPlace(scenario, p);
      expect(got.km).toBeCloseTo(best, 9);
      const q = all.find((x) => x.id === got.id)!;
      expect(haversineM(p.lat, p.lon, q.location.lat, q.location.lon) / 1000).toBeCloseTo(best, 9);
    }
  });
});
