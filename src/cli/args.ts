// Command-line option values shared by every command: numbers checked once, with an error that
// names the option and what it accepts. Unknown options are parse errors, answered in main.ts.
import { availableParallelism } from "node:os";
import { UrbanmineError } from "../domain/index.js";

export interface NumberRule {
  /** Smallest accepted value (inclusive). */
  min?: number;
  /** Values must be greater than this. */
  above?: number;
  /** Largest accepted value (inclusive). */
  max?: number;
  integer?: boolean;
}

/**
 * The number given for `--name`, or undefined when the option is absent.
 * @throws UrbanmineError INVALID_INPUT naming the option, the value and the accepted range.
 */
export function numberOption(name: string, raw: string | undefined, rule: NumberRule = {}): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  const ok =
    raw.trim() !== "" &&
    Number.isFinite(v) &&
    (rule.min === undefined || v >= rule.min) &&
    (rule.above === undefined || v > rule.above) &&
    (rule.max === undefined || v <= rule.max) &&
    (!rule.integer || Number.isInteger(v));
  if (ok) return v;
  const wants = [
    rule.integer ? "a whole number" : "a number",
    rule.min !== undefined ? `>= ${rule.min}` : "",
    rule.above !== undefined ? `> ${rule.above}` : "",
    rule.max !== undefined ? `<= ${rule.max}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  throw new UrbanmineError("INVALID_INPUT", `--${name} takes ${wants}, got '${raw}'`, [{ path: `--${name}`, message: wants }]);
}

/**
 * `--threads N`: a whole number >= 1, capped at the machine's cores (more threads than cores only
 * slow every one of them down); a note on stderr says when it was capped.
 */
export function threadsOption(raw: string | undefined, cores = availableParallelism()): number | undefined {
  const n = numberOption("threads", raw, { min: 1, integer: true });
  if (n === undefined || n <= cores) return n;
  process.stderr.write(`urbanmine: --threads ${n} capped at ${cores}, the number of cores of this machine\n`);
  return cores;
}

/**
 * Joins `--name -5` into `--name=-5`, so a negative number reaches the option's own check (which
 * names the accepted range) instead of being read as an unknown short option.
 */
export function joinNegativeValues(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = args[i + 1];
    if (/^--[a-z][a-z-]*$/.test(a) && next !== undefined && /^-(\d|\.\d|Infinity)/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}
