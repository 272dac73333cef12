import { afterAll, describe, expect, it } from "vitest";
import { JobRunner } from "../../src/pipeline/jobs.js";
import { InProcessQueue } from "../../src/pipeline/queue.js";
import { RedisQueue } from "../../src/pipeline/redis-queue.js";
import { SqliteStore } from "../../src/storage/index.js";
import { fakePlanner, tinyScenario } from "../api/helpers.js";
import { describeWithServices } from "../services.js";
import { queueContract, until } from "./queue-contract.js";

describe("InProcessQueue contract", () => {
  queueContract({ make: (_name, concurrency) => new InProcessQueue(concurrency) });
});

describeWithServices("RedisQueue (BullMQ)", ["URBANMINE_TEST_REDIS_URL"], (urls) => {
  const queues: RedisQueue[] = [];
  const make = (name: string, concurrency: number, fast = false): RedisQueue => {
    const q = new RedisQueue({
      url: urls.URBANMINE_TEST_REDIS_URL,
      name,
      concurrency,
      // Short locks so a dead consumer's job comes back within a test.
      ...(fast ? { lockDurationMs: 1000, stalledIntervalMs: 500 } : {}),
    });
    queues.push(q);
    return q;
  };
  afterAll(async () => {
    for (const q of queues) await q.obliterate().catch(() => undefined);
    for (const q of queues) await q.close().catch(() => undefined);
  });

  describe("contract", () => queueContract({ make: (name, concurrency) => make(name, concurrency), shared: true }));

  it("hands the job of a consumer that stopped answering to another, flagged as a redelivery", async () => {
    const name = `stall-${process.pid}-${Date.now()}`;
    const dying = make(name, 1, true);
    let taken = false;
    dying.process(async () => {
      taken = true;
      return new Promise<"done">(() => undefined); // never returns: the process "hangs"
    });
    await dying.push("job_1");
    await until(() => taken);
    await dying.close({ abandon: true });
    const rescuer = make(name, 1, true);
    const got: Array<{ id: string; redelivered: boolean }> = [];
    rescuer.process(async (id, d) => {
      got.push({ id, redelivered: d.redelivered });
      return "done";
    });
    await until(() => got.length === 1, 30_000);
    expect(got).toEqual([{ id: "job_1", redelivered: true }]);
  });

  it("hands back jobs the queue lost (Redis emptied) to a runner, which finishes each once", async () => {
    const store = new SqliteStore(":memory:");
    const scenario = tinyScenario();
    await store.createScenario(scenario);
    const name = `lost-${process.pid}-${Date.now()}`;
    const planner = fakePlanner({ steps: 2, stepMs: 5 });
    const events: string[] = [];
    // A job created while the queue was unreachable (never pushed), and one a dead worker left running.
    const queued = await store.createJob({ id: "job_queued", scenarioId: scenario.id, timeLimitS: 5, seed: 1, routingStarts: 1 }, 10);
    const running = await store.createJob({ id: "job_running", scenarioId: scenario.id, timeLimitS: 5, seed: 1, routingStarts: 1 }, 10);
    expect(queued && running).toBeTruthy();
    await store.updateJobIf("job_running", { states: ["queued"] }, { state: "running", attempts: 1, startedAt: new Date(Date.now() - 5000).toISOString() });
    const queue = make(name, 1);
    const runner = new JobRunner({ store, planner, queue, reconcileMs: 1000, onEvent: (e) => events.push(`${e.event} ${e.jobId}`) });
    await runner.start(); // pushes the queued job; the running one is not this process's to reset
    await until(() => events.includes("ended job_queued"), 30_000);
    expect(await queue.holds("job_running")).toBe(false);
    await until(() => events.includes("ended job_running"), 30_000);
    expect(events).toContain("requeued job_running");
    for (const id of ["job_queued", "job_running"]) expect(await store.getJob(id)).toMatchObject({ state: "done", error: null });
    expect((await store.listPlans(scenario.id)).map((p) => p.jobId).sort()).toEqual(["job_queued", "job_running"]);
    expect((await store.getJob("job_running"))?.attempts).toBe(2);
    expect(planner.runs).toBe(2);
    expect(await runner.reconcile()).toBe(0); // nothing left to hand back
    await runner.close();
    await store.close();
  });

  it("says which Redis does not answer", async () => {
    const q = new RedisQueue({ url: "redis://127.0.0.1:1", name: "nowhere" });
    await expect(q.ready(500)).rejects.toMatchObject({ code: "INTERNAL", message: expect.stringContaining("127.0.0.1:1") });
    await q.close();
  });
});
