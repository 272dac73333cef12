// Shared by the browser tests and bench/web: a real `urbanmine serve` (the built CLI) on a free
// port with a temporary store, keys made with `urbanmine keys create`, and Debian's Chromium
// driven by playwright-core. Chromium is URBANMINE_TEST_CHROMIUM, else /usr/bin/chromium when it
// exists; without it the suites skip loudly, or fail under URBANMINE_REQUIRE_SERVICES=1.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export const ROOT = join(import.meta.dirname, "..", "..");
const MAIN = join(ROOT, "dist", "src", "cli", "main.js");

/** The Chromium binary to drive, or undefined when none is installed. */
export function chromiumPath(): string | undefined {
  const env = process.env.URBANMINE_TEST_CHROMIUM;
  if (env) return env;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

/**
 * Whether a browser suite can run: warns loudly and returns false when Chromium is missing,
 * throws instead when URBANMINE_REQUIRE_SERVICES=1 (CI).
 */
export function browserAvailable(suite: string): boolean {
  const path = chromiumPath();
  if (path && existsSync(path)) return true;
  const why = `${suite}: Chromium not found (set URBANMINE_TEST_CHROMIUM or install Debian's chromium: .ci/chromium.sh)`;
  if (process.env.URBANMINE_REQUIRE_SERVICES === "1") throw new Error(`${why}; URBANMINE_REQUIRE_SERVICES=1 makes this a failure`);
  console.warn(`\n*** SKIPPED ${why} ***\n`);
  return false;
}

/**
 * Flags for headless Chromium in a container: no sandbox, no network chatter, and no GPU: WebGL
 * runs on SwiftShader (ANGLE's CPU renderer; --enable-unsafe-swiftshader since Chromium 137, as
 * these machines have no GPU) and the page is composited in software (--disable-gpu), which is
 * what Chromium does when it finds no usable GPU. Compositing on SwiftShader as well (without
 * --disable-gpu) costs the GPU process more (1.9-2.3 against 1.3-1.8 CPU-s per plan view,
 * bench/README.md). New-headless Chromium also opens its omnibox pop-up (a WebUI page in its own
 * renderer) for every new window; a user's browser has it running already, and it cost about
 * 0.9 CPU-s per new tab here, so it is switched off to keep the browser's CPU figures the page's.
 */
export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
  "--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup",
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

export interface Service {
  url: string;
  dir: string;
  proc: ChildProcess;
  /** Creates a key with the CLI and returns its token. */
  key(role: "admin" | "planner" | "carrier" | "intake", carrierId?: string): string;
  stop(): Promise<void>;
}

/** Starts `urbanmine serve` on a free port with a fresh store in a temporary folder. */
export async function startService(extraArgs: string[] = []): Promise<Service> {
  const dir = mkdtempSync(join(tmpdir(), "urbanmine-web-"));
  const env = { ...process.env, URBANMINE_DB: join(dir, "urbanmine.db") };
  const key = (role: string, carrierId?: string): string => {
    const args = [MAIN, "keys", "create", "--role", role, "--label", `e2e ${role}`, ...(carrierId ? ["--carrier", carrierId] : [])];
    const res = spawnSync(process.execPath, args, { env, encoding: "utf8" });
    if (res.status !== 0) throw new Error(`keys create failed: ${res.stderr}`);
    return res.stdout.trim();
  };
  // Keys first: the service reads the same database file.
  const proc = spawn(process.execPath, [MAIN, "serve", "--port", "0", "--quiet", "--threads", "1", "--rate-limit", "0", ...extraArgs], { env, stdio: ["ignore", "ignore", "pipe"] });
  const url = await new Promise<string>((resolve, reject) => {
    let err = "";
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 60_000);
    proc.stderr!.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return {
    url, dir, proc, key,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once("exit", r));
        proc.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (proc.exitCode === null) proc.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in on the page with a key and waits for the role's first view. */
export async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.fill("#api-key", token);
  await page.click("button[type=submit]");
  await page.waitForSelector("[data-testid=role]");
}

/** Waits until the app says `view` has finished drawing (map idle included). */
export async function waitForView(page: Page, view: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction((v) => window.urbanmine?.view === v && window.urbanmine?.state !== "loading", view, { timeout });
  const state = await page.evaluate(() => window.urbanmine?.state);
  if (state !== "ready") throw new Error(`view ${view} ended in state ${state}: ${await page.textContent("#panel")}`);
}

/** Features drawn on the map now, per layer: properties only. */
export async function renderedFeatures(page: Page, layers: string[]): Promise<{ layer: string; props: Record<string, unknown> }[]> {
  return page.evaluate((ls) => {
    const map = window.urbanmine!.map;
    return map.queryRenderedFeatures({ layers: ls }).map((f) => ({ layer: f.layer.id, props: f.properties as Record<string, unknown> }));
  }, layers);
}

/**
 * CPU time (user + system, ms) used so far by the browser's processes (every descendant of this
 * process whose name starts with "chrom"), read from /proc; undefined off Linux. Unlike wall
 * time, it barely moves with the other work on a busy machine.
 */
export function browserCpuMs(): number | undefined {
  if (!existsSync("/proc/self/stat")) return undefined;
  const procs = new Map<number, { ppid: number; comm: string; ticks: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" ");
      procs.set(Number(entry), { ppid: Number(fields[1]), comm, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended while we read
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = procs.get(pid)?.ppid, hops = 0; p !== undefined && p > 1 && hops < 20; p = procs.get(p)?.ppid, hops++) {
      if (p === process.pid) return true;
    }
    return false;
  };
  let ticks = 0;
  for (const [pid, p] of procs) if (p.comm.startsWith("chrom") && mine(pid)) ticks += p.ticks;
  return (ticks * 1000) / 100;
}
