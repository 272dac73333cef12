// Finite and sane numbers: every quantity a user can give (kg, USD, km, residents, seconds) lies
// within SANE_MAX in magnitude, and a non-zero one is at least SANE_MIN; anything beyond is a typo
// or an attack that would overflow inside the solvers (1e308 capacities, x1e300 factors).
import { z } from "zod";
import type { InputIssue } from "./errors.js";

/** Largest magnitude accepted for any number of an input (a trillion: USD, kg, residents alike). */
export const SANE_MAX = 1e12;
/** Smallest non-zero magnitude accepted (smaller ones only blow up the ratios they divide). */
export const SANE_MIN = 1e-9;

function saneMessage(x: number): string | undefined {
  if (!Number.isFinite(x)) return "expected a finite number";
  const a = Math.abs(x);
  if (a > SANE_MAX) return `${x} is beyond any real quantity: at most ${SANE_MAX} in magnitude`;
  if (a !== 0 && a < SANE_MIN) return `${x} is too close to zero: 0, or at least ${SANE_MIN} in magnitude`;
  return undefined;
}

/** A number schema that is finite and within [SANE_MIN, SANE_MAX] in magnitude (or 0). */
export const SaneNumber = z.number().superRefine((x, ctx) => {
  const message = saneMessage(x);
  if (message) ctx.addIssue({ code: "custom", message });
});

/** Every number of a JSON value out of the sane range, with its JSON path (prefixed with `prefix`). */
export function insaneNumbers(value: unknown, prefix = ""): InputIssue[] {
  const out: InputIssue[] = [];
  // The path is kept as a stack of keys and spelled out only for a number that fails: building a
  // string per node made this walk the slowest part of validating a large scenario.
  const keys: (string | number)[] = [];
  const pathOf = (): string => {
    let path = prefix;
    for (const k of keys) path = typeof k === "number" ? `${path}[${k}]` : path ? `${path}.${k}` : k;
    return path || "(root)";
  };
  const walk = (v: unknown): void => {
    if (typeof v === "number") {
      const message = saneMessage(v);
      if (message) out.push({ path: pathOf(), message });
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        keys.push(i);
        walk(v[i]);
        keys.pop();
      }
    } else if (v !== null && typeof v === "object") {
      for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        keys.push(k);
        walk((v as Record<string, unknown>)[k]);
        keys.pop();
      }
    }
  };
  walk(value);
  return out;
}
