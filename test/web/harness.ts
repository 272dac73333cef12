// Shared by the browser tests and bench/web: a real `urbanmine serve` (the built CLI) on a free
// port with a temporary store, keys made with `urbanmine keys create`, and Debian's Chromium
// driven by playwright-core. Chromium is URBANMINE_TEST_CHROMIUM, else /usr/bin/chromium when it
// exists; without it the suites skip loudly, or fail under URBANMINE_REQUIRE_SERVICES=1.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
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

/** Flags for headless Chromium in a container: no sandbox, no GPU (WebGL on SwiftShader), no network chatter. */
export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
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
