// The planner's web app (built by Vite into dist/web) served at `/` by @fastify/static.
// Hashed bundles under /assets/ are cached for a year; index.html is revalidated on every load so
// a new build shows at once. Assets go out Brotli- or gzip-compressed from the copies the build
// made, to browsers that accept them. Without a built front end the API runs as before and `/` stays 404.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/** dist/web beside the compiled API (dist/src/api -> dist/web). */
export function defaultWebRoot(): string {
  return fileURLToPath(new URL("../../web/", import.meta.url));
}

/**
 * Serves the built web app from `root` at `/`. Returns false (and registers nothing) when
 * `root/index.html` does not exist, e.g. before `npm run build`.
 */
export async function installWebApp(app: FastifyInstance, root: string): Promise<boolean> {
  if (!existsSync(`${root}/index.html`)) return false;
  await app.register(fastifyStatic, {
    root,
    prefix: "/",
    wildcard: false,
    // swagger-ui registers @fastify/static too; only one may decorate the reply.
    decorateReply: false,
    index: ["index.html"],
    // The build writes FILE.br and FILE.gz beside each asset (src/web/vite.config.ts).
    preCompressed: true,
    setHeaders(res, path) {
      if (path.includes("/assets/")) res.header("cache-control", "public, max-age=31536000, immutable");
      else res.header("cache-control", "no-cache");
    },
  });
  return true;
}
