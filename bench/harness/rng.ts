// Seeded pseudo-random numbers for benchmark fixtures (mulberry32): the same seed gives the
// same scenario, routes and calibration graph on every machine and Node version.

/** A generator of floats in [0, 1) from a 32-bit seed. */
export type Rng = () => number;

/** mulberry32: small, fast, and good enough for test data (not for cryptography). */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [lo, hi] (both included). */
export function randomInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** Float in [lo, hi). */
export function randomIn(rng: Rng, lo: number, hi: number): number {
  return lo + rng() * (hi - lo);
}
