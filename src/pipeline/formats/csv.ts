// CSV text (RFC 4180) written by csv-stringify: a header row, then one row per record; fields
// quoted only when needed. Text cells that a spreadsheet would run as a formula (starting with
// = + - @ tab or CR: hub names, ids from scenarios) are prefixed with ' (escape_formulas).
import { stringify } from "csv-stringify/sync";

type Cell = string | number | boolean | null | undefined;

/** CSV of `rows` under `header`, CRLF line ends as RFC 4180 asks; non-finite numbers are empty. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  return stringify([header, ...rows] as Cell[][], {
    record_delimiter: "\r\n",
    escape_formulas: true,
    quoted_match: /[\r\n]/,
    cast: {
      number: (v) => (Number.isFinite(v) ? String(v) : ""),
      boolean: (v) => String(v),
    },
  });
}
