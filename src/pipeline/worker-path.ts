// Where the compiled worker files are: dist/workers/, whether we run from dist/ or from sources (tests).
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of `dist/workers/<name>.js`. @throws Error when it has not been built. */
export function workerPath(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    const inDist = join(dir, "workers", `${name}.js`);
    if (dir.endsWith(`${"/"}dist`) && existsSync(inDist)) return inDist;
    const built = join(dir, "dist", "workers", `${name}.js`);
    if (existsSync(built)) return built;
    dir = resolve(dir, "..");
  }
  throw new Error(`worker '${name}' is not built: run \`npm run build\` first`);
}
