import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/commands/keys.js";
import { hashApiKey, SqliteStore } from "../../src/storage/index.js";

let dir: string;
let out: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "um-keys-"));
  vi.stubEnv("URBANMINE_DB", join(dir, "keys.db"));
  out = [];
  vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe("urbanmine keys", () => {
  it("creates a carrier key whose hash, not token, is stored, lists and revokes it", async () => {
    expect(await run(["create", "--role", "carrier", "--carrier", "c1", "--label", "dispatch", "--json"])).toBe(0);
    const created = JSON.parse(out.join("")) as { id: string; token: string; role: string; carrierId: string };
    expect(created).toMatchObject({ role: "carrier", carrierId: "c1" });
    const store = new SqliteStore(join(dir, "keys.db"));
    expect((await store.findApiKey(hashApiKey(created.token)))?.id).toBe(created.id);
    await store.close();
    out.length = 0;
    expect(await run(["list", "--json"])).toBe(0);
    const listed = JSON.parse(out.join("")) as Array<Record<string, unknown>>;
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.token.split("_")[2]);
    expect(await run(["revoke", created.id])).toBe(0);
    await expect(run(["revoke", created.id])).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses unknown roles, a carrier key without a carrier, and unknown options", async () => {
    await expect(run(["create", "--role", "root"])).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(run(["create", "--role", "carrier"])).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(run(["create", "--role", "planner", "--bogus"])).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await run(["frobnicate"])).toBe(2);
  });
});
