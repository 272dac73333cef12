// The JobQueue contract: every implementation (in-process, BullMQ on Redis) runs these cases.
// `make(name, concurrency)` gives a queue; instances made with the same name share their ids when
// the implementation is shared (one process submits, another runs).
import { afterEach, expect, it } from "vitest";
import type { HandlerOutcome, JobQueue } from "../../src/pipeline/queue.js";

export interface QueueFactory {
  make(name: string, concurrency: number): JobQueue;
  /** Instances of the same name share their ids (a queue across processes); the cross-instance case runs only then. */
  shared?: boolean;
}

/** Resolves once `cond()` holds; fails the test after `ms`. */
export async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

let counter = 0;

/** Registers the contract cases for one implementation. */
export function queueContract(factory: QueueFactory): void {
  const made: JobQueue[] = [];
  const make = (name: string, concurrency: number): JobQueue => {
    const q = factory.make(name, concurrency);
    made.push(q);
    return q;
  };
  const fresh = (): string => `contract-${process.pid}-${Date.now()}-${counter++}`;
  afterEach(async () => {
    for (const q of made.splice(0)) await q.close();
  });

  it("delivers every id once, oldest first, never more than `concurrency` at a time", async () => {
    const q = make(fresh(), 2);
    const ids = ["a", "b", "c", "d", "e", "f"];
    for (const id of ids) await q.push(id);
    const seen: string[] = [];
    let active = 0;
    let most = 0;
    q.process(async (id, delivery) => {
      expect(delivery.redelivered).toBe(false);
      active++;
      most = Math.max(most, active);
      seen.push(id);
      await new Promise((r) => setTimeout(r, 30));
      active--;
      return "done";
    });
    await until(() => seen.length === ids.length && active === 0);
    await new Promise((r) => setTimeout(r, 100)); // nothing more arrives
    expect([...seen].sort()).toEqual(ids);
    expect(seen.slice(0, 2).sort()).toEqual(["a", "b"]);
    expect(most).toBe(2);
  });

  it("adds an id that is already waiting only once", async () => {
    const q = make(fresh(), 1);
    await q.push("x");
    await q.push("x");
    await q.push("y");
    const seen: string[] = [];
    q.process(async (id) => {
      seen.push(id);
      return "done";
    });
    await until(() => seen.length >= 2);
    await new Promise((r) => setTimeout(r, 150));
    expect(seen).toEqual(["x", "y"]);
  });

  it("hands an id out again when its handler asks to requeue it", async () => {
    const q = make(fresh(), 1);
    const seen: string[] = [];
    q.process(async (id): Promise<HandlerOutcome> => {
      seen.push(id);
      return seen.length === 1 ? "requeue" : "done";
    });
    await q.push("again");
    await until(() => seen.length === 2);
    expect(seen).toEqual(["again", "again"]);
  });

  it("waits for running handlers on close and ignores pushes after it", async () => {
    const q = make(fresh(), 1);
    let finished = false;
    let started = false;
    q.process(async () => {
      started = true;
      await new Promise((r) => setTimeout(r, 200));
      finished = true;
      return "done";
    });
    await q.push("slow");
    await until(() => started);
    await q.close();
    expect(finished).toBe(true);
    await q.push("late"); // no error, no delivery
  });

  if (factory.shared) it("runs an id pushed by a submit-only instance when the queue is shared", async () => {
    const name = fresh();
    const producer = make(name, 1);
    expect(producer.shared).toBe(true);
    const consumer = make(name, 1);
    const seen: string[] = [];
    consumer.process(async (id) => {
      seen.push(id);
      return "done";
    });
    await producer.push("from-api");
    await until(() => seen.length === 1);
    expect(seen).toEqual(["from-api"]);
  });
}
