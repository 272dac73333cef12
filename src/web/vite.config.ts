// Builds the planner's web app (src/web) into dist/web, which `urbanmine serve` serves at `/`.
// `vite --config src/web/vite.config.ts` serves it for development, proxying the API on :8080.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  build: {
    outDir: fileURLToPath(new URL("../../dist/web", import.meta.url)),
    emptyOutDir: true,
    // MapLibre alone is ~1 MB minified; it is one cached, immutable asset.
    chunkSizeWarningLimit: 1600,
    assetsInlineLimit: 0,
  },
  server: { proxy: { "/v1": "http://127.0.0.1:8080", "/docs": "http://127.0.0.1:8080" } },
});
