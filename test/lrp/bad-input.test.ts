// Bad Prodhon files and impossible instances: a clear error naming the file and the line or the
// reason, never a crash or a hang; the CLI exits 2 with the message.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { buildLrpData, parseProdhon, solveLrp } from "../../src/lrp/index.js";
import { checkLrp, readInstance } from "./check-lrp.js";
import { errorOf } from "../error-of.js";
import { prodhonText, tinyInstanceText } from "./helpers.js";

/** The tiny instance's lines with line `no` (1-based) replaced. */
function withLine(text: string, no: number, value: string): string {
  const lines = text.split("\n");
  lines[no - 1] = value;
  return lines.join("\n");
}

const good = tinyInstanceText(9, 4, 2);
// layout: 1 n, 2 m, 3 blank, 4-5 depots, 6 blank, 7-10 customers, 11 blank, 12 vehicle, 13 blank,
// 14-15 depot capacities, 16 blank, 17-20 demands, 21 blank, 22-23 opening, 24 blank, 25 route, 26 blank, 27 type

describe("Prodhon reader", () => {
  it("reads a well-formed file", () => {
    const inp = parseProdhon(good, "tiny.dat");
    expect(inp.customers.length).toBe(4);
    expect(inp.depots.length).toBe(2);
  });

  it("names the file, the line and the field of a bad number", () => {
    const e = errorOf(() => parseProdhon(withLine(good, 8, "12 abc"), "tiny.dat"));
    expect(e.code).toBe("INVALID_FILE");
    expect(e.message).toContain("tiny.dat");
    expect(e.message).toContain("line 8");
    expect(e.message).toContain("customer 2");
  });

  it("rejects a coordinate line with one number, a negative demand and a zero vehicle capacity", () => {
    expect(errorOf(() => parseProdhon(withLine(good, 4, "3"), "a.dat")).message).toMatch(/line 4.*depot 1/);
    expect(errorOf(() => parseProdhon(withLine(good, 18, "-4"), "a.dat")).message).toMatch(/line 18.*demand of customer 2/);
    expect(errorOf(() => parseProdhon(withLine(good, 12, "0"), "a.dat")).message).toMatch(/line 12.*vehicle capacity/);
  });

  it("rejects a truncated file, extra data and real-cost files", () => {
    const cut = good.split("\n").slice(0, 19).join("\n");
    expect(errorOf(() => parseProdhon(cut, "cut.dat")).message).toMatch(/cut\.dat: end of file: expected the demand of customer 4/);
    expect(errorOf(() => parseProdhon(`${good}\n7\n`, "x.dat")).message).toMatch(/extra data/);
    expect(errorOf(() => parseProdhon(withLine(good, 27, "1"), "r.dat")).message).toMatch(/real costs are not supported/);
    expect(errorOf(() => parseProdhon("", "empty.dat")).message).toMatch(/empty\.dat: end of file: expected the number of customers/);
  });

  it("rejects a binary or random text quickly", () => {
    const e = errorOf(() => parseProdhon("\u0000\u0001garbage\n".repeat(1000), "bin.dat"));
    expect(e.code).toBe("INVALID_FILE");
  });
});

describe("impossible instances", () => {
  it("explains depots that cannot hold the demand", () => {
    const text = withLine(withLine(good, 14, "1"), 15, "1");
    const e = errorOf(() => buildLrpData(parseProdhon(text, "small.dat")));
    expect(e.code).toBe("INFEASIBLE");
    expect(e.message).toMatch(/depots together hold 2 but the customers need \d+/);
  });

  it("explains a customer heavier than a vehicle", () => {
    const e = errorOf(() => buildLrpData(parseProdhon(withLine(good, 19, "999"), "heavy.dat")));
    expect(e.code).toBe("INFEASIBLE");
    expect(e.message).toMatch(/customer 3 needs 999 but a vehicle holds only/);
  });

  it("lists every bad field of a plain-data instance by path", () => {
    const e = errorOf(() =>
      solveLrp({ depots: [{ capacity: -1, openingCost: 5, x: 0, y: 0 }], customers: [{ demand: 0, x: 1 }], vehicleCapacity: 0, routeCost: 1 }),
    );
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["vehicleCapacity", "depots[0].capacity", "customers[0].demand", "customers[0]"]));
  });

  it("solves from a given cost matrix", () => {
    const inp = parseProdhon(good, "tiny.dat");
    const pts = [...inp.depots, ...inp.customers] as Array<{ x: number; y: number }>;
    const matrix = pts.flatMap((a) => pts.map((b) => Math.trunc(100 * Math.hypot(a.x - b.x, a.y - b.y))));
    const viaMatrix = solveLrp({ ...inp, matrix, depots: inp.depots.map(({ capacity, openingCost }) => ({ capacity, openingCost })), customers: inp.customers.map(({ demand }) => ({ demand })) }, { seed: 1, maxIterations: 50 });
    const check = checkLrp(readInstance(good), viaMatrix.routes);
    expect(check.violations).toEqual([]);
    expect(viaMatrix.cost).toBe(check.cost);
  });
});

const run = promisify(execFile);
const cli = new URL("../../dist/src/cli/main.js", import.meta.url).pathname;

async function urbanmine(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("urbanmine lrp", () => {
  const dir = mkdtempSync(join(tmpdir(), "urbanmine-lrp-"));

  it("prints the answer as JSON, which the checker accepts", async () => {
    const file = join(dir, "coord20-5-1.dat");
    writeFileSync(file, prodhonText("coord20-5-1"));
    const r = await urbanmine(["lrp", file, "--iterations", "100", "--seed", "2", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { instance: string; cost: number; open: number[]; routes: Array<{ depot: number; customers: number[] }>; seconds: number };
    expect(out.instance).toBe("coord20-5-1");
    const check = checkLrp(
      readInstance(prodhonText("coord20-5-1")),
      out.routes.map((x) => ({ depot: x.depot - 1, customers: x.customers.map((c) => c - 1) })),
    );
    expect(check.violations).toEqual([]);
    expect(out.cost).toBe(check.cost);
    expect(out.open).toEqual(check.open.map((d) => d + 1));
    expect(out.seconds).toBeGreaterThanOrEqual(0);
  });

  it("exits 2 with the line on a malformed file, and with the reason on an impossible one", async () => {
    const bad = join(dir, "bad.dat");
    writeFileSync(bad, withLine(good, 8, "x y"));
    const r = await urbanmine(["lrp", bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/INVALID_FILE: bad\.dat: line 8/);
    const heavy = join(dir, "heavy.dat");
    writeFileSync(heavy, withLine(good, 19, "999"));
    const h = await urbanmine(["lrp", heavy]);
    expect(h.code).toBe(2);
    expect(h.stderr).toMatch(/INFEASIBLE: .*customer 3 needs 999/);
    const none = await urbanmine(["lrp", join(dir, "missing.dat")]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/cannot read .*missing\.dat/);
  });
});
