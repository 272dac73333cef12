// Builds the planner's web app (src/web) into dist/web, which `urbanmine serve` serves at `/`.
// `vite --config src/web/vite.config.ts` serves it for development, proxying the API on :8080.
// Each built asset also gets a Brotli (.br) and a gzip (.gz) copy beside it, which the server
// sends to browsers that accept them (@fastify/static `preCompressed`): 2.6 MB of assets go over
// the wire as about 0.7 MB, with no compression work per request.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { defineConfig, type Plugin } from "vite";

const outDir = fileURLToPath(new URL("../../dist/web", import.meta.url));

/** Writes FILE.br and FILE.gz beside every text asset of the build larger than 1 KB. */
function precompress(): Plugin {
  return {
    name: "urbanmine-precompress",
    apply: "build",
    closeBundle() {
      const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
      for (const file of walk(outDir)) {
        if (!/\.(js|mjs|css|json|html)$/.test(file)) continue;
        const data = readFileSync(file);
        if (data.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  plugins: [precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    // MapLibre alone is ~1 MB minified; it is one cached, immutable asset.
    chunkSizeWarningLimit: 1600,
    assetsInlineLimit: 0,
  },
  server: { proxy: { "/v1": "http://127.0.0.1:8080", "/docs": "http://127.0.0.1:8080" } },
});
