// Seeded mutations of JSON inputs for the fuzz suite: one change at a random place of a document
// (bad numbers, wrong types, removed or duplicated entries, unknown fields, bad dates and ids).

/** The seeded generator of the benchmark fixtures (mulberry32): every fuzz run repeats exactly. */
export { makeRng as rng } from "../../bench/harness/rng.js";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Key = string | number;

function paths(v: Json, at: Key[] = [], out: Key[][] = []): Key[][] {
  if (at.length > 0) out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

const WEIRD_STRINGS = ["", " ", "=HYPERLINK(\"http://x\")", "2026-13-45", "2026-02-30", "1900-01-01", "25:99", "24:00", "../../etc/passwd", "a".repeat(300), "ünïcødé", "null", "-1", "1e308"];

/** One mutation: returns a description (for failure messages) and changes `doc` in place. */
export function mutate(doc: Json, next: () => number): string {
  const all = paths(doc);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const path = pick(all);
  const parent = path.slice(0, -1).reduce<Json>((v, k) => (v as Record<Key, Json>)[k], doc) as Record<Key, Json> | Json[];
  const key = path[path.length - 1];
  const old = (parent as Record<Key, Json>)[key];
  const where = path.join(".");
  const set = (v: Json, what: string): string => {
    (parent as Record<Key, Json>)[key] = v;
    return `${where} = ${what}`;
  };
  const r = next();
  if (typeof old === "number" && r < 0.6) {
    const choices: Array<[number, string]> = [
      [-old, "negated"], [0, "0"], [-1, "-1"], [1e308, "1e308"], [-1e308, "-1e308"], [old * 1e300, "x1e300"], [old * 1e-300, "x1e-300"],
      [old * 1000, "x1000"], [old + 0.5, "+0.5"], [2 ** 53 + 1, "2^53+1"], [1e15, "1e15"],
    ];
    const [v, what] = pick(choices);
    return set(v, what);
  }
  if (r < 0.15) {
    if (Array.isArray(parent)) {
      parent.splice(Number(key), 1);
      return `${where} removed`;
    }
    delete (parent as Record<string, Json>)[key as string];
    return `${where} deleted`;
  }
  if (r < 0.25 && Array.isArray(parent)) {
    parent.push(structuredClone(old));
    return `${where} duplicated`;
  }
  if (r < 0.35 && !Array.isArray(parent)) {
    (parent as Record<string, Json>)[`${String(key)}X`] = structuredClone(old);
    return `${where}X added (unknown field)`;
  }
  if (r < 0.55) {
    const s = pick(WEIRD_STRINGS);
    return set(s, JSON.stringify(s.slice(0, 20)));
  }
  if (r < 0.65) return set(null, "null");
  if (r < 0.72) return set([], "[]");
  if (r < 0.79) return set({}, "{}");
  if (r < 0.86) return set(true, "true");
  if (typeof old === "string" && r < 0.95) return set(`${old}-unknown`, "an unknown id");
  return set(pick([-1, 0, 1e308, 7.5, -0.0001]), "a number");
}
