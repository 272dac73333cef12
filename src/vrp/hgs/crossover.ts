// Ordered crossover (OX) on giant tours: a random slice of the first parent, the rest in the
// order of the second parent, wrapping around.
import type { Rng } from "../random.js";

/** Child giant tour of parents `a` and `b` (permutations of the same customers). */
export function orderedCrossover(a: Int32Array, b: Int32Array, rng: Rng): Int32Array {
  const n = a.length;
  const child = new Int32Array(n);
  const taken = new Uint8Array(n);
  const start = rng.int(n);
  let end = rng.int(n);
  while (end === start && n > 1) end = rng.int(n);
  let k = start;
  for (;;) {
    child[k] = a[k];
    taken[a[k]] = 1;
    if (k === end) break;
    k = (k + 1) % n;
  }
  let w = (end + 1) % n;
  for (let i = 1; i <= n; i++) {
    const c = b[(end + i) % n];
    if (taken[c]) continue;
    child[w] = c;
    w = (w + 1) % n;
  }
  return child;
}
