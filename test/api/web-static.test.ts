// The built web app at `/`: index.html revalidated on every load, hashed assets cached for a year,
// the API beside it unchanged, and no web app (404 at `/`) when nothing was built.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeApp } from "./helpers.js";

const root = mkdtempSync(join(tmpdir(), "urbanmine-webroot-"));
mkdirSync(join(root, "assets"));
writeFileSync(join(root, "index.html"), "<!doctype html><title>urbanmine</title>");
writeFileSync(join(root, "assets", "index-abc123.js"), "console.log(1)");
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("web app serving", () => {
  it("serves index.html at / with no-cache and hashed assets as immutable", async () => {
    const t = await makeApp({ webRoot: root });
    try {
      const page = await t.app.inject({ url: "/" });
      expect(page.statusCode).toBe(200);
      expect(page.headers["content-type"]).toMatch(/^text\/html/);
      expect(page.headers["cache-control"]).toBe("no-cache");
      expect(page.body).toContain("<title>urbanmine</title>");
      const asset = await t.app.inject({ url: "/assets/index-abc123.js" });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect((await t.app.inject({ url: "/v1/scenarios" })).json().code).toBe("UNAUTHORIZED");
      const missing = await t.app.inject({ url: "/assets/nope.js" });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toMatch(/NOT_FOUND/);
    } finally {
      await t.app.close();
    }
  });

  it("leaves / at 404 when no web app was built", async () => {
    const empty = mkdtempSync(join(tmpdir(), "urbanmine-noweb-"));
    const t = await makeApp({ webRoot: empty });
    try {
      expect((await t.app.inject({ url: "/" })).statusCode).toBe(404);
    } finally {
      await t.app.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
