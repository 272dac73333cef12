import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../../src/api/index.js";
import { SqliteStore } from "../../src/storage/index.js";
import { describeWithServices } from "../services.js";
import { auth, fakePlanner, makeApp, type TestApp, tinyScenarioInput } from "./helpers.js";

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.app.close();
});

describe("limits", () => {
  it("rate-limits per key with 429 RATE_LIMITED, leaving other keys and /healthz alone", async () => {
    const t = await makeApp({ rateLimit: { max: 3, timeWindowMs: 60_000 } });
    open.push(t);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await t.app.inject({ url: "/v1/scenarios", headers: auth(t.keys.planner) })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    const limited = await t.app.inject({ url: "/v1/scenarios", headers: auth(t.keys.planner) });
    expect(limited.json().code).toBe("RATE_LIMITED");
    expect(limited.headers["retry-after"]).toBeDefined();
    expect((await t.app.inject({ url: "/v1/scenarios", headers: auth(t.keys.admin) })).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await t.app.inject({ url: "/healthz" })).statusCode).toBe(200);
  });

  it("refuses a body over the limit with 413 PAYLOAD_TOO_LARGE", async () => {
    const t = await makeApp({ bodyLimitBytes: 2048 });
    open.push(t);
    const res = await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: tinyScenarioInput() });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("answers 415 for a body that is not JSON", async () => {
    const t = await makeApp();
    open.push(t);
    const res = await t.app.inject({
      method: "POST", url: "/v1/scenarios", headers: { ...auth(t.keys.planner), "content-type": "text/csv" }, payload: "a,b",
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});

describeWithServices("rate limits shared through Redis", ["URBANMINE_TEST_REDIS_URL"], (urls) => {
  it("counts a key's requests across two API processes on one store", async () => {
    const dir = mkdtempSync(join(tmpdir(), "um-limits-"));
    try {
      const dbPath = join(dir, "shared.db");
      const rateLimit = { max: 4, timeWindowMs: 60_000, redisUrl: urls.URBANMINE_TEST_REDIS_URL };
      const a = await makeApp({ dbPath, rateLimit });
      open.push(a);
      const b = { app: await buildApp({ store: new SqliteStore(dbPath), planner: fakePlanner(), rateLimit }) };
      open.push({ ...a, app: b.app });
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) {
        const app = i % 2 === 0 ? a.app : b.app;
        codes.push((await app.inject({ url: "/v1/scenarios", headers: auth(a.keys.planner) })).statusCode);
      }
      expect(codes).toEqual([200, 200, 200, 200, 429, 429]);
      expect((await b.app.inject({ url: "/v1/scenarios", headers: auth(a.keys.admin) })).statusCode).toBe(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
