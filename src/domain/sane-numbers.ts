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
  const walk = (v: unknown, path: string): void => {
    if (typeof v === "number") {
      const message = saneMessage(v);
      if (message) out.push({ path: path || "(root)", message });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`));
    } else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    }
  };
  walk(value, prefix);
  return out;
}
