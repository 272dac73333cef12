// OR-Library cap instances: the Lagrangian branch and bound and plain HiGHS both reach the
// published optima (capopt), every answer passes the independent checker, and the checker
// catches a corrupted one.
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { UrbanmineError } from "../../src/domain/index.js";
import { checkCflp, parseOrlibCap, solveCflpHighs, solveCflpLagrangian } from "../../src/siting/cflp/index.js";
import { run } from "../../src/cli/commands/cflp.js";

const DIR = "/work/shared/benchmarks/cflp/orlib";
const bks = JSON.parse(readFileSync("/work/shared/benchmarks/cflp/bks.json", "utf8")) as Record<string, { bks: number }>;
const load = (name: string) => parseOrlibCap(readFileSync(`${DIR}/${name}.txt`, "utf8"), name);

describe("CFLP on OR-Library cap files", () => {
  it.each(["cap41", "cap71", "cap101", "cap134"])("Lagrangian branch and bound proves the optimum of %s", async (name) => {
    const inst = load(name);
    const r = await solveCflpLagrangian(inst, { timeLimitS: 60 });
    expect(r.status).toBe("optimal");
    const c = checkCflp(inst, r);
    expect(c.violations).toEqual([]);
    expect(Math.abs(c.objective - bks[name].bks)).toBeLessThanOrEqual(0.002);
    expect(Math.abs(r.bound - r.objective)).toBeLessThanOrEqual(1e-6 * r.objective);
  });

  it("plain HiGHS agrees on cap41", async () => {
    const inst = load("cap41");
    const r = await solveCflpHighs(inst, { timeLimitS: 60 });
    const c = checkCflp(inst, r);
    expect(c.ok).toBe(true);
    expect(Math.abs(c.objective - bks.cap41.bks)).toBeLessThanOrEqual(0.002);
  });

  it("the checker catches a closed facility that still serves and an over-full one", async () => {
    const inst = load("cap41"); // capacities 5000 against 58,268 of demand
    const r = await solveCflpLagrangian(inst, { timeLimitS: 60 });
    const open = Uint8Array.from(r.open);
    const used = r.assign[0][1];
    open[used] = 0;
    const c = checkCflp(inst, { open, assign: r.assign });
    expect(c.ok).toBe(false);
    expect(c.violations.join("\n")).toContain(`served by closed facility ${used + 1}`);
    const heavy = r.assign.map(([j, i, f]): [number, number, number] => [j, r.assign[0][1], f]);
    expect(checkCflp(inst, { open: r.open, assign: heavy }).violations.join("\n")).toContain("over");
  });

  it("explains a file whose capacities need --capacity, and a truncated file", () => {
    expect(() => parseOrlibCap("2 1\ncapacity 10\ncapacity 10\n5 1 2\n", "capx")).toThrow(/--capacity/);
    expect(() => parseOrlibCap("2 1\n10 10\n10 10\n5 1\n", "short")).toThrow(UrbanmineError);
  });

  it("prints the --json contract", async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
      out.push(String(s));
      return true;
    });
    try {
      expect(await run([`${DIR}/cap41.txt`, "--json", "--time-limit", "60"])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const j = JSON.parse(out.join("")) as { instance: string; objective: number; bound: number; open: number[]; assign: number[][]; seconds: number };
    expect(j.instance).toBe("cap41");
    expect(j.objective).toBeCloseTo(1040444.375, 3);
    expect(j.open.every((i) => i >= 1 && i <= 16)).toBe(true);
    const served = new Map<number, number>();
    for (const [cust, fac, f] of j.assign) {
      expect(j.open).toContain(fac);
      served.set(cust, (served.get(cust) ?? 0) + f);
    }
    expect(served.size).toBe(50);
  });

  it("explains why --single-source has no solution on cap41", async () => {
    await expect(run([`${DIR}/cap41.txt`, "--single-source", "--json"])).rejects.toThrow(/customer 11 needs 5495 but no facility holds more than 5000/);
  });
});
