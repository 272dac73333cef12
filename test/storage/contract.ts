// The Store contract: every implementation (embedded SQLite, shared PostgreSQL) runs these cases.
// `open` gives a new, empty store; the suite closes it. Records are compared field by field, so an
// implementation that loses a setting or reorders a list fails here.
import { afterEach, describe, expect, it } from "vitest";
import type { Plan } from "../../src/domain/index.js";
import { createApiKey, hashApiKey, type NewJob, type PickupRecord, type PlanRecord, type Store } from "../../src/storage/index.js";
import { tinyScenario } from "../api/helpers.js";

function newJob(id: string, scenarioId = "tiny-town", extra: Partial<NewJob> = {}): NewJob {
  return { id, scenarioId, timeLimitS: 5, seed: 1, routingIterations: null, routingStarts: 1, ...extra };
}

/** A plan the store keeps as an opaque body (it never interprets plans). */
function planRecord(id: string, jobId: string | null, createdAt = "2026-01-01T00:00:00.000Z"): PlanRecord {
  const plan = { scenarioId: "tiny-town", kpis: { netCostUsdPerYear: 1 }, note: `plan ${id}` } as unknown as Plan;
  return { id, scenarioId: "tiny-town", jobId, plan, createdAt };
}

function pickup(id: string, carrierId: string, date: string): PickupRecord {
  return {
    id,
    scenarioId: "tiny-town",
    carrierId,
    date,
    request: { id, location: { lat: 36.2, lon: -86.3 }, units: { laptop: 2 }, timeWindows: [], serviceS: 300, priority: 0 },
    massKg: 4.5,
    volumeM3: 0.02,
    contactRef: `crm:${id}`,
    createdAt: new Date().toISOString(),
  };
}

/** Registers the contract cases for one implementation. */
export function storeContract(open: () => Promise<Store>): void {
  const opened: Store[] = [];
  async function fresh(): Promise<Store> {
    const s = await open();
    opened.push(s);
    await s.createScenario(tinyScenario());
    return s;
  }
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
  });

  describe("scenarios", () => {
    it("creates, refuses a duplicate with CONFLICT, lists in creation order with a total, replaces", async () => {
      const s = await fresh();
      const sc = tinyScenario();
      await expect(s.createScenario(sc)).rejects.toMatchObject({ code: "CONFLICT" });
      for (const id of ["b-second", "a-third"]) await s.createScenario({ ...sc, id, name: id });
      const all = await s.listScenarios({ limit: 10, offset: 0 });
      expect(all.items.map((x) => x.id)).toEqual(["tiny-town", "b-second", "a-third"]);
      expect(all.total).toBe(3);
      const page = await s.listScenarios({ limit: 1, offset: 1 });
      expect(page).toMatchObject({ total: 3, items: [{ id: "b-second" }] });
      const got = await s.getScenario("tiny-town");
      expect(got?.scenario).toEqual(sc);
      const replaced = await s.replaceScenario("b-second", { ...sc, id: "b-second", name: "Renamed" });
      expect(replaced).toMatchObject({ id: "b-second", name: "Renamed" });
      expect((await s.getScenario("b-second"))?.scenario.name).toBe("Renamed");
      await expect(s.replaceScenario("missing", sc)).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await s.getScenario("missing")).toBeUndefined();
    });

    it("deletes a scenario with its jobs, plans, pickups and routes", async () => {
      const s = await fresh();
      await s.createJob(newJob("j1"), 10);
      await s.savePlan(planRecord("p1", "j1"));
      await s.createPickup(pickup("k1", "c1", "2026-12-01"));
      await s.putDayRoutes({ scenarioId: "tiny-town", carrierId: "c1", date: "2026-12-01", planId: "p1", routing: routingOf("2026-12-01"), updatedAt: "t" });
      expect(await s.deleteScenario("tiny-town")).toBe(true);
      expect(await s.getJob("j1")).toBeUndefined();
      expect(await s.getPlan("p1")).toBeUndefined();
      expect(await s.getPickup("k1")).toBeUndefined();
      expect(await s.getDayRoutes("c1", "2026-12-01")).toEqual([]);
      expect(await s.deleteScenario("tiny-town")).toBe(false);
    });
  });

  describe("jobs", () => {
    it("keeps every solve setting of a new job, defaults filled in", async () => {
      const s = await fresh();
      const job = await s.createJob(newJob("j1", "tiny-town", { timeLimitS: 12.5, seed: 9, routingIterations: 300, routingStarts: 3 }), 10);
      expect(job).toMatchObject({
        id: "j1", scenarioId: "tiny-town", state: "queued", timeLimitS: 12.5, seed: 9, routingIterations: 300, routingStarts: 3,
        cancelRequested: false, attempts: 0, planId: null, error: null, bestObjectiveUsd: null, startedAt: null, finishedAt: null,
      });
      expect(await s.getJob("j1")).toEqual(job);
      expect((await s.createJob(newJob("j2"), 10))?.routingIterations).toBeNull();
    });

    it("caps queued jobs, also when inserts race", async () => {
      const s = await fresh();
      const made = await Promise.all(Array.from({ length: 8 }, (_, i) => s.createJob(newJob(`j${i}`), 3)));
      expect(made.filter(Boolean)).toHaveLength(3);
      expect(await s.countJobs(["queued"])).toBe(3);
      const first = made.find(Boolean)!;
      await s.updateJob(first.id, { state: "running" });
      expect(await s.createJob(newJob("late"), 3)).toBeDefined();
      expect(await s.countJobs(["queued", "running"])).toBe(4);
    });

    it("updates fields, lists by state and scenario oldest first, and says NOT_FOUND for a missing job", async () => {
      const s = await fresh();
      await s.createScenario({ ...tinyScenario(), id: "other" });
      for (const [id, sc] of [["j1", "tiny-town"], ["j2", "other"], ["j3", "tiny-town"]]) await s.createJob(newJob(id, sc), 10);
      const upd = await s.updateJob("j1", {
        state: "running", attempts: 1, bestObjectiveUsd: 12.5, cancelRequested: true,
        progress: { stage: "siting", fraction: 0.5, message: "half" }, startedAt: "2026-01-01T00:00:00.000Z",
      });
      expect(upd).toMatchObject({ state: "running", attempts: 1, bestObjectiveUsd: 12.5, cancelRequested: true, progress: { stage: "siting", fraction: 0.5, message: "half" } });
      expect((await s.listJobs({ states: ["queued"] })).map((j) => j.id)).toEqual(["j2", "j3"]);
      expect((await s.listJobs({ scenarioId: "tiny-town" })).map((j) => j.id)).toEqual(["j1", "j3"]);
      expect((await s.listJobs({ states: ["queued"], scenarioId: "tiny-town" })).map((j) => j.id)).toEqual(["j3"]);
      expect(await s.listJobs({ states: [] })).toEqual([]);
      expect(await s.countJobs(["running", "done"])).toBe(1);
      await expect(s.updateJob("nope", { state: "done" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("writes a guarded update only when state and attempts match", async () => {
      const s = await fresh();
      await s.createJob(newJob("j"), 10);
      expect(await s.updateJobIf("j", { states: ["running"] }, { state: "done" })).toBeUndefined();
      expect(await s.updateJobIf("j", { states: ["queued"], attempts: 1 }, { state: "running" })).toBeUndefined();
      expect((await s.getJob("j"))?.state).toBe("queued");
      const claimed = await s.updateJobIf("j", { states: ["queued"], attempts: 0 }, { state: "running", attempts: 1 });
      expect(claimed).toMatchObject({ state: "running", attempts: 1 });
      expect(await s.updateJobIf("j", { states: ["running"] }, {})).toMatchObject({ state: "running" });
      expect(await s.updateJobIf("missing", { states: ["queued"] }, { state: "running" })).toBeUndefined();
    });

    it("lets exactly one of several racing claims win", async () => {
      const s = await fresh();
      await s.createJob(newJob("j"), 10);
      const claims = await Promise.all(
        Array.from({ length: 6 }, () => s.updateJobIf("j", { states: ["queued", "running"], attempts: 0 }, { state: "running", attempts: 1 })),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect((await s.getJob("j"))?.attempts).toBe(1);
    });

    it("finishes a job with its plan in one step, once: a stale finisher writes neither", async () => {
      const s = await fresh();
      await s.createJob(newJob("j"), 10);
      await s.updateJob("j", { state: "running", attempts: 2 });
      const stale = await s.finishJobWithPlan("j", planRecord("p-old", "j"), { state: "done" }, { states: ["running"], attempts: 1 });
      expect(stale).toBeUndefined();
      expect(await s.getPlan("p-old")).toBeUndefined();
      const racing = await Promise.all(
        ["p-a", "p-b", "p-c"].map((id) => s.finishJobWithPlan("j", planRecord(id, "j"), { state: "done", finishedAt: "t" }, { states: ["running"], attempts: 2 })),
      );
      const won = racing.filter(Boolean);
      expect(won).toHaveLength(1);
      expect(won[0]).toMatchObject({ state: "done", finishedAt: "t" });
      expect(await s.listPlans("tiny-town")).toHaveLength(1);
      expect((await s.getJob("j"))?.planId).toBe((await s.listPlans("tiny-town"))[0].id);
      const unguarded = await s.finishJobWithPlan("j", planRecord("p-admin", "j"), { state: "cancelled" });
      expect(unguarded).toMatchObject({ state: "cancelled", planId: "p-admin" });
    });
  });

  describe("plans", () => {
    it("keeps plans as given, lists them oldest first and names the latest", async () => {
      const s = await fresh();
      await s.savePlan(planRecord("p2", null, "2026-01-02T00:00:00.000Z"));
      await s.savePlan(planRecord("p1", "j", "2026-01-01T00:00:00.000Z"));
      await s.savePlan(planRecord("p3", null, "2026-01-02T00:00:00.000Z"));
      expect((await s.listPlans("tiny-town")).map((p) => p.id)).toEqual(["p1", "p2", "p3"]);
      expect((await s.latestPlan("tiny-town"))?.id).toBe("p3");
      expect(await s.getPlan("p1")).toEqual(planRecord("p1", "j", "2026-01-01T00:00:00.000Z"));
      expect(await s.latestPlan("other")).toBeUndefined();
    });
  });

  describe("pickups", () => {
    it("registers, refuses a duplicate id, filters by scenario, carrier and day, and deletes", async () => {
      const s = await fresh();
      await s.createPickup(pickup("k1", "c1", "2026-12-01"));
      await s.createPickup(pickup("k2", "c2", "2026-12-01"));
      await s.createPickup(pickup("k3", "c1", "2026-12-02"));
      await expect(s.createPickup(pickup("k1", "c1", "2026-12-01"))).rejects.toMatchObject({ code: "CONFLICT" });
      expect((await s.getPickup("k1"))?.request).toEqual(pickup("k1", "c1", "2026-12-01").request);
      expect((await s.getPickup("k1"))?.massKg).toBe(4.5);
      expect((await s.listPickups({ carrierId: "c1" })).map((p) => p.id)).toEqual(["k1", "k3"]);
      expect((await s.listPickups({ date: "2026-12-01" })).map((p) => p.id)).toEqual(["k1", "k2"]);
      expect((await s.listPickups({ scenarioId: "tiny-town", carrierId: "c1", date: "2026-12-02" })).map((p) => p.id)).toEqual(["k3"]);
      expect(await s.listPickups({ scenarioId: "other" })).toEqual([]);
      expect(await s.deletePickup("k2")).toBe(true);
      expect(await s.deletePickup("k2")).toBe(false);
      expect((await s.listPickups({ date: "2026-12-01" })).map((p) => p.id)).toEqual(["k1"]);
    });
  });

  describe("day routes", () => {
    it("replaces a carrier's day, keeps carriers apart, and changes the version on every write", async () => {
      const s = await fresh();
      await s.createScenario({ ...tinyScenario(), id: "b-city" });
      expect(await s.dayRoutesVersion("c1", "2026-12-01")).toBeUndefined();
      const put = (scenarioId: string, carrierId: string, planId: string) =>
        s.putDayRoutes({ scenarioId, carrierId, date: "2026-12-01", planId, routing: routingOf("2026-12-01"), updatedAt: "t" });
      await put("tiny-town", "c1", "p1");
      const v1 = await s.dayRoutesVersion("c1", "2026-12-01");
      await put("tiny-town", "c1", "p2");
      const v2 = await s.dayRoutesVersion("c1", "2026-12-01");
      await put("b-city", "c1", "p3");
      const v3 = await s.dayRoutesVersion("c1", "2026-12-01");
      await put("tiny-town", "c2", "p4");
      expect(new Set([v1, v2, v3]).size).toBe(3);
      expect(await s.dayRoutesVersion("c1", "2026-12-01")).toBe(v3);
      const days = await s.getDayRoutes("c1", "2026-12-01");
      expect(days.map((d) => [d.scenarioId, d.planId])).toEqual([["b-city", "p3"], ["tiny-town", "p2"]]);
      expect(days[1].routing).toEqual(routingOf("2026-12-01"));
      expect((await s.getDayRoutes("c1", "2026-12-01", "tiny-town")).map((d) => d.planId)).toEqual(["p2"]);
      expect(await s.getDayRoutes("c1", "2026-12-02")).toEqual([]);
    });
  });

  describe("API keys", () => {
    it("finds an active key by its hash only, lists keys in creation order, revokes once", async () => {
      const s = await fresh();
      const { key, token } = await createApiKey(s, { role: "carrier", carrierId: "c1", label: "dispatch" });
      const second = await createApiKey(s, { role: "planner", label: "desk" });
      expect(await s.findApiKey(hashApiKey(token))).toMatchObject({ id: key.id, role: "carrier", carrierId: "c1", revokedAt: null });
      expect(await s.findApiKey(hashApiKey(`${token}x`))).toBeUndefined();
      expect((await s.listApiKeys()).map((k) => k.id)).toEqual([key.id, second.key.id]);
      await expect(s.createApiKey({ id: key.id, role: "admin", carrierId: null, label: "" }, "other-hash")).rejects.toMatchObject({ code: "CONFLICT" });
      expect(await s.revokeApiKey(key.id)).toBe(true);
      expect(await s.revokeApiKey(key.id)).toBe(false);
      expect(await s.findApiKey(hashApiKey(token))).toBeUndefined();
      expect((await s.listApiKeys())[0].revokedAt).not.toBeNull();
    });
  });

  it("answers ping while open and not after close", async () => {
    const s = await open();
    expect(await s.ping()).toBe(true);
    await s.close();
    expect(await s.ping()).toBe(false);
  });
}

function routingOf(date: string): Plan["routing"] {
  return { date, solver: "test", seconds: 0, routes: [], unassigned: [] } as unknown as Plan["routing"];
}
