// The README table generator: figures from a results file, anchors beside quality figures,
// and replacement of the marked block only.
import { describe, expect, it } from "vitest";
import { TABLE_END, TABLE_START, makeTable, replaceTable } from "../../bench/make-table.js";
import { noiseRows } from "../../bench/noise.js";
import { gap, results, speed } from "./fixtures.js";

describe("makeTable", () => {
  it("lists speed ratios, quality values with anchors, and cases not measured", () => {
    const md = makeTable(
      results({
        "network/dijkstra-row": speed(0.125, { ratios: [0.12, 0.125, 0.13], description: "one row" }),
        "vrp/gap-x": gap(8.5, 3, { anchors: { "VROOM 1.14 -x 5": 2.47 }, details: { bks: 27591 } }),
        "siting/gap-capa": { kind: "skipped", reason: "no shared data" },
      }),
    );
    expect(md).toMatch(/Measured 2026-11-23 03:00 UTC on test cpu, 2 cores/);
    expect(md).toMatch(/\| network\/dijkstra-row \| one row \| 0\.125 \| 0\.120\.\.0\.130 \| 0\.500 ms \| \+25% \|/);
    expect(md).toMatch(/\| vrp\/gap-x \|  \| 8\.500 gap % \| \+3 \| 1\.0 s \| bks 27591 \| VROOM 1\.14 -x 5: 2\.47 \|/);
    expect(md).toMatch(/\| siting\/gap-capa \| skipped \| no shared data \|/);
  });

  it("replaces only the marked block", () => {
    const readme = `# T\n\nbefore\n${TABLE_START}\nold table\n${TABLE_END}\nafter\n`;
    const out = replaceTable(readme, "NEW");
    expect(out).toBe(`# T\n\nbefore\n${TABLE_START}\nNEW\n${TABLE_END}\nafter\n`);
    expect(replaceTable(out, "NEWER")).toContain(`${TABLE_START}\nNEWER\n${TABLE_END}`);
    expect(() => replaceTable("no markers", "x")).toThrow(/markers/);
  });
});

describe("noiseRows", () => {
  it("reports the spread of each ratio over runs", () => {
    const [row] = noiseRows(new Map([["a/b", [1.0, 1.1, 1.25]]]));
    expect(row.median).toBe(1.1);
    expect(row.worstPair).toBeCloseTo(0.25, 12);
    expect(row.maxDeviation).toBeCloseTo(0.15 / 1.1, 12);
  });
});
