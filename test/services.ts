// The services convention of the test suites: a suite that needs PostgreSQL or Redis reads
// URBANMINE_TEST_PG_URL / URBANMINE_TEST_REDIS_URL; when one is missing it skips with a loud
// warning, unless URBANMINE_REQUIRE_SERVICES=1 (CI), where it fails instead.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, it } from "vitest";

export type ServiceVar = "URBANMINE_TEST_PG_URL" | "URBANMINE_TEST_REDIS_URL";

/**
 * describe() of a suite that needs services: runs `body` with their URLs, or skips loudly, or
 * (services required) registers one failing test that names what is missing.
 */
export function describeWithServices(suite: string, vars: ServiceVar[], body: (urls: Record<ServiceVar, string>) => void): void {
  const missing = vars.filter((v) => !process.env[v]);
  if (missing.length === 0) {
    const urls = Object.fromEntries(vars.map((v) => [v, process.env[v] as string])) as Record<ServiceVar, string>;
    describe(suite, () => body(urls));
    return;
  }
  const what = `${suite}: ${missing.join(" and ")} not set`;
  if (process.env.URBANMINE_REQUIRE_SERVICES === "1") {
    describe(suite, () => {
      it("has the services it needs", () => {
        throw new Error(`${what}, and URBANMINE_REQUIRE_SERVICES=1 (run .ci/services.sh first)`);
      });
    });
    return;
  }
  console.warn(`\n*** SKIPPED ${what} (source .ci/services.sh to run it) ***\n`);
  describe.skip(suite, () => body({} as Record<ServiceVar, string>));
}

/**
 * A new empty database on the server of `baseUrl` (one per test, so suites running in parallel
 * never share tables); returns its URL and a function that drops it.
 */
export async function freshPgDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `um_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
