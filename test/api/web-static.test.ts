// The built web app at `/`: index.html revalidated on every load, hashed assets cached for a year,
// the API beside it unchanged, and no web app (404 at `/`) when nothing was built.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { brotliCompressSync, brotliDecompressSync, gzipSync, gunzipSync } from "node:zlib";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeApp } from "./helpers.js";

const root = mkdtempSync(join(tmpdir(), "urbanmine-webroot-"));
mkdirSync(join(root, "assets"));
writeFileSync(join(root, "index.html"), "<!doctype html><title>urbanmine</title>");
writeFileSync(join(root, "assets", "index-abc123.js"), "console.log(1)");
const BIG = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word-${i}`))};\n`;
writeFileSync(join(root, "assets", "main-def456.js"), BIG);
writeFileSync(join(root, "assets", "main-def456.js.br"), brotliCompressSync(BIG));
writeFileSync(join(root, "assets", "main-def456.js.gz"), gzipSync(BIG));
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

  it("sends the build's Brotli or gzip copy of an asset to a browser that accepts it, and the file itself otherwise", async () => {
    const t = await makeApp({ webRoot: root });
    try {
      const url = "/assets/main-def456.js";
      const br = await t.app.inject({ url, headers: { "accept-encoding": "gzip, deflate, br" } });
      expect(br.statusCode).toBe(200);
      expect(br.headers["content-encoding"]).toBe("br");
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(BIG);
      const gz = await t.app.inject({ url, headers: { "accept-encoding": "gzip, deflate" } });
      expect(gz.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(gz.rawPayload).toString()).toBe(BIG);
      const plain = await t.app.inject({ url, headers: { "accept-encoding": "identity" } });
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.body).toBe(BIG);
      expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
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
