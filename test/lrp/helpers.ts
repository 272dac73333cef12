// Shared pieces of the location-routing tests: tiny random instances written as Prodhon text,
// and the Prodhon files of the benchmark.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const PRODHON_DIR = "/work/shared/benchmarks/lrp/prodhon";
export const BKS = JSON.parse(readFileSync("/work/shared/benchmarks/lrp/bks.json", "utf8")) as Record<string, { bks: number }>;

export function prodhonText(name: string): string {
  return readFileSync(join(PRODHON_DIR, `${name}.dat`), "utf8");
}

/** A seeded random tiny instance in Prodhon format (capacities chosen to bind). */
export function tinyInstanceText(seed: number, n: number, m: number): string {
  let s = seed * 7919 + 17;
  const rnd = (k: number): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % k;
  };
  const depots = Array.from({ length: m }, () => `${rnd(50)}\t${rnd(50)}`);
  const customers = Array.from({ length: n }, () => `${rnd(50)}\t${rnd(50)}`);
  const demand = Array.from({ length: n }, () => 5 + rnd(15));
  const total = demand.reduce((a, d) => a + d, 0);
  const vehicle = Math.max(...demand) + 10 + rnd(20);
  const caps = Array.from({ length: m }, () => Math.ceil(total / 2) + rnd(Math.ceil(total / 2)));
  const opening = Array.from({ length: m }, () => 1000 + rnd(3000));
  return [
    n,
    m,
    "",
    ...depots,
    "",
    ...customers,
    "",
    vehicle,
    "",
    ...caps,
    "",
    ...demand,
    "",
    ...opening,
    "",
    200 + rnd(800),
    "",
    0,
    "",
  ].join("\n");
}
