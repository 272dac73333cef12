// Plain-text and Markdown tables for the terminal, the check and the README.

/** Column-aligned text table; the first row is the header. */
export function textTable(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]): string => r.map((cell, c) => (cell ?? "").padEnd(widths[c])).join("  ").trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join("\n");
}

/** GitHub Markdown table; the first row is the header. Pipes inside cells are escaped. */
export function markdownTable(rows: string[][]): string {
  const esc = (s: string): string => s.replace(/\|/g, "\\|");
  const line = (r: string[]): string => `| ${r.map(esc).join(" | ")} |`;
  return [line(rows[0]), `| ${rows[0].map(() => "---").join(" | ")} |`, ...rows.slice(1).map(line)].join("\n");
}
