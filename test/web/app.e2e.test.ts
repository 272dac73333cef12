// The web app in Debian's Chromium against a real `urbanmine serve`: sign in, upload (a broken
// file, then Lebanon, TN), solve with live progress, the plan on the map (asserted on the map's
// rendered features against the plan the API serves), stop a solve keeping its best plan, edit
// the policy and save as new, compare two plans, an intake desk registers a pickup, a carrier
// sees only its own routes. The plan view's first full frame of the largest datasets is timed
// (printed; figures in bench/README.md). URBANMINE_SCREENSHOTS=DIR saves a screenshot per view.
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, browserCpuMs, launchBrowser, renderedFeatures, ROOT, type Service, signIn, startService, waitForView } from "./harness.js";
import { shoot } from "./shots.js";

const run = browserAvailable("test/web/app.e2e.test.ts");
const LEBANON = join(ROOT, "datasets", "lebanon-tn", "scenario.json");
// The plan views timed: the dataset the speed target names, and the largest plan since (32 zones,
// 16 hub sites, 32 vehicles from Maryland to Florida).
const TIMED = ["new-mexico-regional", "md-fl-corridor"];
const timings: Record<string, unknown> = {};
const SOLVE = { timeLimitS: 30, seed: 1, routingIterations: 150 };

interface PlanJson {
  plan: {
    siting: { hubs: { siteId: string }[]; assignments: { zoneId: string; hubId: string }[] };
    routing: { routes: { vehicleId: string; carrierId: string; steps: { id: string; type: string }[] }[] };
    kpis: { tonnesCollectedTotalPerYear: number };
  };
}

let svc: Service;
let browser: Browser;
let planner: string;
const plans: string[] = [];

async function call<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${svc.url}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function newPage(token?: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1360, height: 820 }, acceptDownloads: true });
  const page = await ctx.newPage();
  page.on("pageerror", (err) => console.error("page error:", err.message));
  if (token) await signIn(page, svc.url, token);
  return page;
}

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** Distinct values of one property over the rendered features. */
function distinct(features: { props: Record<string, unknown> }[], key: string): string[] {
  return [...new Set(features.map((f) => String(f.props[key])))].sort();
}

describe.runIf(run)("web app in Chromium", () => {
  beforeAll(async () => {
    svc = await startService();
    planner = svc.key("planner");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it("refuses an unknown key, then signs a planner in and shows upload errors next to their JSON path", async () => {
    const page = await newPage();
    await page.goto(`${svc.url}/`);
    // The app loads after the page's load event (boot.ts imports it): wait for the form and the map.
    await page.waitForSelector("#api-key");
    await page.evaluate(() => new Promise<void>((resolve) => {
      const map = window.urbanmine!.map;
      if (map.loaded() && map.isStyleLoaded()) resolve();
      else map.once("idle", () => resolve());
    }));
    await shoot(page, "sign-in");
    await page.fill("#api-key", "um_nope_nope");
    await page.click("button[type=submit]");
    await page.waitForSelector(".error");
    expect(await page.textContent(".error")).toContain("unknown or revoked");
    await page.fill("#api-key", planner);
    await page.click("button[type=submit]");
    await waitForView(page, "scenarios");
    expect(await page.textContent("[data-testid=role]")).toBe("planner");
    expect(await page.locator("#nav a").allTextContents()).toEqual(["Scenarios", "Compare plans"]);

    const broken = JSON.parse(readFileSync(LEBANON, "utf8"));
    broken.zones[2].location.lat = 123;
    await page.setInputFiles("#scenario-file", { name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
    await page.click("#upload-result >> xpath=.. >> button[type=submit]");
    const issue = page.locator("[data-testid=issues] li", { hasText: "zones[2].location.lat" });
    await issue.waitFor();
    expect(await issue.textContent()).toContain("found: 123");

    await page.setInputFiles("#scenario-file", LEBANON);
    await page.click("#upload-result >> xpath=.. >> button[type=submit]");
    await waitForView(page, "scenario");
    expect(page.url()).toContain("#/scenarios/lebanon-tn");
    await page.context().close();
  });

  it("solves with live progress and draws the plan's hubs, zones and routes on the map", async () => {
    const page = await newPage(planner);
    await page.goto(`${svc.url}/#/scenarios/lebanon-tn`);
    await waitForView(page, "scenario");
    await page.fill("#solve-time-limit", String(SOLVE.timeLimitS));
    await page.fill("#solve-iterations", String(SOLVE.routingIterations));
    await page.click("#solve");
    await page.waitForSelector("[data-testid=job-state]");
    await shoot(page, "solve-progress");
    await page.waitForURL(/#\/plans\//, { timeout: 120_000 });
    await waitForView(page, "plan");
    const planId = decodeURIComponent(page.url().split("#/plans/")[1]);
    plans.push(planId);
    const served = await call<PlanJson>("GET", `/v1/plans/${planId}`, planner);

    const hubs = await renderedFeatures(page, ["hubs"]);
    expect(distinct(hubs, "id")).toEqual(served.plan.siting.hubs.map((h) => h.siteId).sort());
    const zones = await renderedFeatures(page, ["zones"]);
    expect(distinct(zones, "id")).toEqual([...new Set(served.plan.siting.assignments.map((a) => a.zoneId))].sort());
    const routes = await renderedFeatures(page, ["routes"]);
    expect(served.plan.routing.routes.length).toBeGreaterThan(0);
    expect(distinct(routes, "vehicleId")).toEqual(served.plan.routing.routes.map((r) => r.vehicleId).sort());
    const stops = await renderedFeatures(page, ["stops"]);
    expect(distinct(stops, "id")).toEqual([...new Set(served.plan.routing.routes.flatMap((r) => r.steps.filter((s) => s.type === "job").map((s) => s.id)))].sort());
    expect((await renderedFeatures(page, ["assignments"])).length).toBeGreaterThan(0);
    // Place names: one per town however many of its ZIP areas are zones (Murfreesboro has three).
    const places = await page.locator(".place-label").allTextContents();
    expect(places).toContain("Lebanon");
    expect(places.filter((p) => p === "Murfreesboro")).toHaveLength(1);
    expect(new Set(places).size).toBe(places.length);

    // Clicking a hub shows its numbers.
    const at = await page.evaluate((id) => {
      const map = window.urbanmine!.map;
      const f = map.queryRenderedFeatures({ layers: ["hubs"] }).find((x) => x.properties.id === id)!;
      const p = map.project((f.geometry as unknown as { coordinates: [number, number] }).coordinates);
      const r = map.getCanvas().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    }, served.plan.siting.hubs[0].siteId);
    await page.mouse.click(at.x, at.y);
    const popup = page.locator(".maplibregl-popup");
    await popup.waitFor();
    expect(await popup.textContent()).toContain("utilisation");
    const kpi = await page.textContent("[data-testid=kpi-tonnes]");
    expect(Number(kpi!.replace(/,/g, ""))).toBeCloseTo(served.plan.kpis.tonnesCollectedTotalPerYear, 0);
    await shoot(page, "plan");
    await page.context().close();
  });

  it("stops a running solve and keeps the best plan found", async () => {
    const page = await newPage(planner);
    await page.goto(`${svc.url}/#/scenarios/lebanon-tn`);
    await waitForView(page, "scenario");
    await page.fill("#solve-time-limit", "120");
    await page.click("#solve");
    await page.waitForFunction(() => /rout/.test(document.querySelector("[data-testid=job-stage]")?.textContent ?? ""), undefined, { timeout: 90_000 });
    await page.click("#stop");
    await page.waitForSelector("#open-plan", { timeout: 60_000 });
    expect(await page.textContent("[data-testid=job-state]")).toBe("cancelled");
    await page.context().close();
  });

  it("saves edited policy numbers as a new scenario, solves it and compares the two plans", async () => {
    const page = await newPage(planner);
    await page.goto(`${svc.url}/#/scenarios/lebanon-tn`);
    await waitForView(page, "scenario");
    await page.fill("#policy-maxHubs", "0");
    await page.fill("#new-id", "lebanon-tn-co2");
    await page.click("text=Save as new scenario");
    // The server's complaint shows beside the field it names.
    await page.locator("[data-path='policy.maxHubs'] span").waitFor();
    await page.fill("#policy-maxHubs", "3");
    await page.fill("#policy-co2PriceUsdPerT", "190");
    await page.fill("#policy-coverageRadiusKm", "60");
    await page.click("text=Save as new scenario");
    await page.waitForURL(/#\/scenarios\/lebanon-tn-co2$/);
    await waitForView(page, "scenario");
    const saved = await call<{ policy: Record<string, number> }>("GET", "/v1/scenarios/lebanon-tn-co2", planner);
    expect(saved.policy).toMatchObject({ maxHubs: 3, co2PriceUsdPerT: 190, coverageRadiusKm: 60 });

    await page.fill("#solve-time-limit", String(SOLVE.timeLimitS));
    await page.fill("#solve-iterations", String(SOLVE.routingIterations));
    await page.click("#solve");
    await page.waitForURL(/#\/plans\//, { timeout: 120_000 });
    await waitForView(page, "plan");
    const b = decodeURIComponent(page.url().split("#/plans/")[1]);
    const a = plans[0];
    plans.push(b);

    await page.goto(`${svc.url}/#/scenarios`);
    await waitForView(page, "scenarios");
    expect(await page.locator("[data-testid=scenario-list] tbody tr").count()).toBe(2);
    await shoot(page, "scenarios");
    await page.goto(`${svc.url}/#/compare/${a}/${b}`);
    await waitForView(page, "compare");
    const [pa, pb] = await Promise.all([call<PlanJson>("GET", `/v1/plans/${a}`, planner), call<PlanJson>("GET", `/v1/plans/${b}`, planner)]);
    const ha = new Set(pa.plan.siting.hubs.map((h) => h.siteId));
    const hb = new Set(pb.plan.siting.hubs.map((h) => h.siteId));
    const expected = [...new Set([...ha, ...hb])].sort().map((id) => [id, ha.has(id) && hb.has(id) ? "kept" : hb.has(id) ? "opened" : "closed"]);
    const drawn = new Map((await renderedFeatures(page, ["hubs"])).map((f) => [String(f.props.id), String(f.props.change)]));
    expect([...drawn].sort()).toEqual(expected);
    const rows = await page.locator("[data-testid=compare-table] tbody tr").count();
    expect(rows).toBeGreaterThan(10);
    expect(await page.textContent("[data-testid=compare-table]")).toContain("costUsdPerYear.co2");
    await shoot(page, "compare");
    await page.context().close();
  });

  it("registers a pickup from the intake desk, and a carrier sees only its own day's routes", async () => {
    const intake = svc.key("intake");
    const day = isoDay(3);
    const page = await newPage(intake);
    await waitForView(page, "intake");
    expect(await page.locator("#nav a").allTextContents()).toEqual(["Register a pickup"]);
    // Click the map at a Lebanon, TN location; the form takes its coordinates.
    const at = await page.evaluate(() => {
      const map = window.urbanmine!.map;
      const p = map.project([-86.2911, 36.2081]);
      const r = map.getCanvas().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    });
    await page.mouse.click(at.x, at.y);
    expect(Number(await page.inputValue("#pickup-lat"))).toBeCloseTo(36.2081, 2);
    expect(Number(await page.inputValue("#pickup-lon"))).toBeCloseTo(-86.2911, 2);
    await page.fill("#units-laptop", "2");
    await page.fill("#units-phone", "3");
    await page.fill("#pickup-date", day);
    await page.fill("#pickup-contact", "crm:e2e-1");
    await page.click("#register");
    await page.waitForSelector("[data-testid=pickup-carrier]");
    const carrierId = (await page.textContent("[data-testid=pickup-carrier]"))!;
    const pickupId = (await page.textContent("[data-testid=pickup-id]"))!;
    expect(await page.textContent("[data-testid=pickup-date]")).toBe(day);
    const stored = await call<{ carrierId: string; date: string }>("GET", `/v1/pickups/${pickupId}`, intake);
    expect(stored).toMatchObject({ carrierId, date: day });
    await shoot(page, "intake");
    await page.context().close();

    // Another carrier gets a pickup the same day and its routes, through the API.
    const other = carrierId === "parcel" ? "boxtruck" : "parcel";
    const theirs = await call<{ id: string }>("POST", "/v1/pickups", planner, {
      scenarioId: "lebanon-tn", location: { lat: 36.19, lon: -86.31 }, units: { laptop: 1 }, preferredDates: [day], carrierId: other, contactRef: "crm:e2e-2",
    });
    await call("POST", `/v1/carriers/${other}/routes/reoptimise`, planner, { scenarioId: "lebanon-tn", date: day, timeLimitS: 5 });
    const otherDay = await call<{ days: { routing: { routes: unknown[] } }[] }>("GET", `/v1/carriers/${other}/routes?date=${day}`, planner);
    expect(otherDay.days[0].routing.routes.length).toBeGreaterThan(0);

    const carrier = await newPage(svc.key("carrier", carrierId));
    await waitForView(carrier, "carrier");
    expect(await carrier.locator("#nav a").allTextContents()).toEqual(["My routes"]);
    await carrier.goto(`${svc.url}/#/carrier/${day}`);
    await waitForView(carrier, "carrier");
    await carrier.click("#replan");
    await carrier.waitForSelector("[data-testid=stop-list]", { timeout: 60_000 });
    await waitForView(carrier, "carrier");
    const routes = await renderedFeatures(carrier, ["routes"]);
    const stops = await renderedFeatures(carrier, ["stops"]);
    expect(routes.length).toBeGreaterThan(0);
    expect(distinct(routes, "carrierId")).toEqual([carrierId]);
    expect(distinct(stops, "carrierId")).toEqual([carrierId]);
    expect(distinct(stops, "id")).toContain(pickupId);
    expect(distinct(stops, "id")).not.toContain(theirs.id);
    expect(await carrier.textContent("#panel")).not.toContain(theirs.id);
    const download = carrier.waitForEvent("download");
    await carrier.click("#carrier-csv");
    const csv = readFileSync((await (await download).path())!, "utf8");
    expect(csv.split("\n")[0]).toContain("vehicleId");
    expect(csv).toContain(pickupId);
    expect(csv).not.toContain(theirs.id);
    await shoot(carrier, "carrier");
    await carrier.context().close();
  });

  it("draws a scenario's own street network as the basemap and credits OpenStreetMap", async () => {
    const fixture = join(ROOT, "test", "fixtures", "baltimore-scenario.json");
    const scenario = JSON.parse(readFileSync(fixture, "utf8"));
    scenario.network.file = resolve(dirname(fixture), scenario.network.file);
    await call("POST", "/v1/scenarios", planner, scenario);
    const page = await newPage(planner);
    await page.goto(`${svc.url}/#/scenarios/${scenario.id}`);
    await waitForView(page, "scenario");
    expect((await renderedFeatures(page, ["network-road"])).length).toBeGreaterThan(100);
    expect(await page.textContent(".maplibregl-ctrl-attrib")).toContain("© OpenStreetMap contributors");
    await shoot(page, "scenario-network");
    // Lebanon has no network file: no streets, no OSM credit.
    await page.goto(`${svc.url}/#/scenarios/lebanon-tn`);
    await waitForView(page, "scenario");
    expect(await renderedFeatures(page, ["network-road"])).toEqual([]);
    expect(await page.textContent(".maplibregl-ctrl-attrib")).not.toContain("OpenStreetMap");
    await page.context().close();
  });

  it.each(TIMED)("times the first full map frame of the plan view of %s", async (dataset) => {
    const scenario = JSON.parse(readFileSync(join(ROOT, "datasets", dataset, "scenario.json"), "utf8"));
    await call("POST", "/v1/scenarios", planner, scenario);
    const job = await call<{ id: string }>("POST", `/v1/scenarios/${scenario.id}/solve`, planner, SOLVE);
    let planId: string | null = null;
    for (let i = 0; i < 600 && !planId; i++) {
      const j = await call<{ state: string; planId: string | null; error: string | null }>("GET", `/v1/jobs/${job.id}`, planner);
      if (j.state === "failed") throw new Error(String(j.error));
      if (j.state === "done") planId = j.planId;
      else await new Promise((r) => setTimeout(r, 250));
    }
    expect(planId).not.toBeNull();
    const samples: { dataMs: number; viewMs: number; sinceNavigationMs: number; browserCpuMs: number | null; frames: number }[] = [];
    const load1 = loadavg()[0];
    let page: Page | undefined;
    for (let i = 0; i < 5; i++) {
      // A new tab each time, cold cache, already signed in (the key in sessionStorage): someone
      // opening a link to the plan.
      await page?.context().close();
      const ctx = await browser.newContext({ viewport: { width: 1360, height: 820 } });
      await ctx.addInitScript((key) => sessionStorage.setItem("urbanmine.apiKey", key), planner);
      page = await ctx.newPage();
      const cpu0 = browserCpuMs();
      await page.goto(`${svc.url}/#/plans/${planId}`);
      await waitForView(page, "plan");
      const cpu1 = browserCpuMs();
      const t = await page.evaluate(() => {
        const m = window.urbanmine!.timings;
        return { dataMs: m.planData, viewMs: m.planView, sinceNavigationMs: m.planViewSinceNavigation, frames: window.urbanmine!.frames };
      });
      samples.push({ ...t, browserCpuMs: cpu0 === undefined || cpu1 === undefined ? null : cpu1 - cpu0 });
    }
    page = page!;
    expect((await renderedFeatures(page, ["hubs"])).length).toBeGreaterThan(0);
    const median = (xs: number[]) => xs.slice().sort((p, q) => p - q)[Math.floor(xs.length / 2)];
    const report = {
      dataset: scenario.id,
      // The 1-minute load average (as `uptime` prints it) when the samples began and ended.
      load: [load1, loadavg()[0]].map((x) => Math.round(x * 100) / 100),
      planDataMs: median(samples.map((s) => s.dataMs)),
      firstFullFrameMs: median(samples.map((s) => s.viewMs)),
      sinceNavigationMs: median(samples.map((s) => s.sinceNavigationMs)),
      browserCpuMs: median(samples.map((s) => s.browserCpuMs ?? Number.NaN)),
      frames: median(samples.map((s) => s.frames)),
      samples,
    };
    console.log(`plan view timing (median of ${samples.length} fresh tabs): ${JSON.stringify(report)}`);
    timings[dataset] = report;
    if (process.env.URBANMINE_WEB_TIMING_OUT) writeFileSync(process.env.URBANMINE_WEB_TIMING_OUT, `${JSON.stringify(timings, null, 2)}\n`);
    await page.context().close();
  }, 300_000);
});
