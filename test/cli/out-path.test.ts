// `--out` where nothing can be written (under a file, under /proc) is a bad input: exit 2 with a
// message naming the option and the path, no stack trace, no hang, and no solve started.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, urbanmine } from "./cli-run.js";

const fixture = join(ROOT, "test/fixtures/tiny-scenario.json");

describe("urbanmine solve --out", () => {
  it("exits 2 when the output folder would be under a file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "urbanmine-out-"));
    writeFileSync(join(dir, "file"), "x");
    const r = await urbanmine(["solve", fixture, "--out", join(dir, "file", "sub"), "--time-limit", "5", "--iterations", "50"], 60_000);
    expect(r.hung).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--out");
    expect(r.stderr).toContain(join(dir, "file", "sub"));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 for an unwritable folder like /proc/x", async () => {
    const r = await urbanmine(["solve", fixture, "--out", "/proc/x", "--time-limit", "5", "--iterations", "50"], 60_000);
    expect(r.hung).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--out /proc/x");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
