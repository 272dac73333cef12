import { afterAll, describe, expect, it } from "vitest";
import { InProcessQueue } from "../../src/pipeline/queue.js";
import { RedisQueue } from "../../src/pipeline/redis-queue.js";
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

  it("says which Redis does not answer", async () => {
    const q = new RedisQueue({ url: "redis://127.0.0.1:1", name: "nowhere" });
    await expect(q.ready(500)).rejects.toMatchObject({ code: "INTERNAL", message: expect.stringContaining("127.0.0.1:1") });
    await q.close();
  });
});
