// Runs the built CLI in a child process with a time bound, so a hang fails the test instead of stalling it.
import { execFile } from "node:child_process";
import { join } from "node:path";

export const ROOT = new URL("../../", import.meta.url).pathname;
const CLI = join(ROOT, "dist/src/cli/main.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when the process had to be killed at `timeoutMs`. */
  hung: boolean;
}

/** `urbanmine ...args` from the repository root; killed after `timeoutMs` (default 90 s). */
export function urbanmine(args: string[], timeoutMs = 90_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const e = err as (Error & { code?: number | string; killed?: boolean; signal?: string }) | null;
      resolve({ code: e ? (typeof e.code === "number" ? e.code : null) : 0, stdout, stderr, hung: Boolean(e?.killed && e.signal === "SIGKILL") });
    });
  });
}
