// Command-line option values shared by every command: numbers checked once, with an error that
// names the option and what it accepts. Unknown options are parse errors, answered in main.ts.
import { UrbanmineError } from "../domain/index.js";

export interface NumberRule {
  /** Smallest accepted value (inclusive). */
  min?: number;
  /** Values must be greater than this. */
  above?: number;
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
    (!rule.integer || Number.isInteger(v));
  if (ok) return v;
  const wants = [
    rule.integer ? "a whole number" : "a number",
    rule.min !== undefined ? `>= ${rule.min}` : "",
    rule.above !== undefined ? `> ${rule.above}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  throw new UrbanmineError("INVALID_INPUT", `--${name} takes ${wants}, got '${raw}'`, [{ path: `--${name}`, message: wants }]);
}
