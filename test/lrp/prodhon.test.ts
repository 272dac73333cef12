// Every Prodhon instance solves to a feasible answer at a small iteration bound; the independent
// checker recomputes each cost from the routes.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseProdhon, solveLrp } from "../../src/lrp/index.js";
import { checkLrp, readInstance } from "./check-lrp.js";
import { BKS, PRODHON_DIR, prodhonText } from "./helpers.js";

const names = readdirSync(PRODHON_DIR)
  .filter((f) => f.endsWith(".dat"))
  .map((f) => f.replace(/\.dat$/, ""))
  .sort();

describe("Prodhon instances", () => {
  it("has all 30 files", () => expect(names.length).toBe(30));
  for (const name of names)
    it(`${name}: feasible, cost recomputed, not below the best known`, () => {
      const text = prodhonText(name);
      const r = solveLrp(parseProdhon(text, `${name}.dat`), { seed: 1, maxIterations: 8 });
      const check = checkLrp(readInstance(text), r.routes);
      expect(check.violations).toEqual([]);
      expect(r.cost).toBe(check.cost);
      // a sanity bound both ways: within 40% above the best known, and not absurdly below it
      expect(check.cost).toBeLessThan(BKS[name].bks * 1.4);
      expect(check.cost).toBeGreaterThan(BKS[name].bks * 0.97);
    });
});
