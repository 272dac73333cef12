import { afterAll, expect, it } from "vitest";
import { openStore, PgStore } from "../../src/storage/index.js";
import { tinyScenario } from "../api/helpers.js";
import { describeWithServices, freshPgDatabase } from "../services.js";
import { storeContract } from "./contract.js";

describeWithServices("PgStore", ["URBANMINE_TEST_PG_URL"], (urls) => {
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of drops.splice(0)) await drop();
  });
  async function freshUrl(): Promise<string> {
    const db = await freshPgDatabase(urls.URBANMINE_TEST_PG_URL);
    drops.push(db.drop);
    return db.url;
  }

  storeContract(async () => PgStore.open(await freshUrl()));

  it("migrates once when several processes open a new database together, and keeps data on reopen", async () => {
    const url = await freshUrl();
    const stores = await Promise.all([PgStore.open(url), PgStore.open(url), PgStore.open(url)]);
    await stores[0].createScenario(tinyScenario());
    for (const s of stores) await s.close();
    const again = await openStore({ URBANMINE_DB: url });
    expect(again).toBeInstanceOf(PgStore);
    expect((await again.getScenario("tiny-town"))?.scenario.zones).toHaveLength(3);
    await again.close();
  });

  it("names host, port and database but not the password when it cannot connect", async () => {
    const u = new URL(urls.URBANMINE_TEST_PG_URL);
    u.password = "sekret-pw";
    u.port = "1"; // nothing listens there
    const err = await PgStore.open(u.toString()).catch((e: unknown) => e as Error & { code: string });
    expect(err).toMatchObject({ code: "INTERNAL" });
    expect(err.message).toContain(`${u.hostname}:1${u.pathname}`);
    expect(err.message).not.toContain("sekret-pw");
  });
});
