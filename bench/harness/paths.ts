// Where the benchmarks find things: the repository root (from this compiled file's location)
// and the shared data folder (`shared/` beside the repository, found by walking up).
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root: the nearest folder above this file holding package.json. */
export function findRepoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
}

/**
 * The shared data folder (benchmarks/, data/osm/): `URBANMINE_SHARED` when set, else the first
 * `shared/` holding `benchmarks/` found walking up from the repository root. Undefined when absent.
 */
export function findSharedDir(repoRoot: string = findRepoRoot()): string | undefined {
  const fromEnv = process.env.URBANMINE_SHARED;
  if (fromEnv) return existsSync(fromEnv) ? resolve(fromEnv) : undefined;
  let dir = resolve(repoRoot);
  for (;;) {
    const candidate = join(dir, "shared");
    if (existsSync(join(candidate, "benchmarks"))) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}
