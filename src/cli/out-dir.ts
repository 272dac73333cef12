// The output folder of a command: created level by level before any work starts (a recursive
// mkdir never returns on some paths, e.g. under /proc), and every failure to create or write it
// is a bad --out (exit 2) naming the path and the reason, never a stack trace.
import { access, constants, mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { UrbanmineError } from "../domain/index.js";

function outError(dir: string, why: string): UrbanmineError {
  return new UrbanmineError("INVALID_INPUT", `--out ${dir}: ${why}`, [{ path: "--out", message: why }]);
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ? `${e.code} (${e.message.replace(/^[A-Z]+: /, "")})` : String(err);
}

/**
 * Makes sure `dir` exists and can be written.
 * @throws UrbanmineError INVALID_INPUT naming --out when a level is a file or cannot be created or written.
 */
export async function prepareOutDir(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    const info = await stat(at).catch((err: NodeJS.ErrnoException) => (err.code === "ENOENT" || err.code === "ENOTDIR" ? undefined : Promise.reject(outError(dir, `cannot read ${at}: ${reason(err)}`))));
    if (info) {
      if (!info.isDirectory()) throw outError(dir, `${at} is a file, not a folder`);
      break;
    }
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const level of missing) await mkdir(level).catch((err: unknown) => Promise.reject(outError(dir, `cannot create ${level}: ${reason(err)}`)));
  await access(dir, constants.W_OK).catch((err: unknown) => Promise.reject(outError(dir, `cannot write there: ${reason(err)}`)));
}

/** Writes `name` under `dir`. @throws UrbanmineError INVALID_INPUT naming --out when it cannot. */
export async function writeOut(dir: string, name: string, body: string): Promise<void> {
  await writeFile(join(dir, name), body).catch((err: unknown) => Promise.reject(outError(dir, `cannot write ${name}: ${reason(err)}`)));
}
