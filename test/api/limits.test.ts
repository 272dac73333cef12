import { afterEach, describe, expect, it } from "vitest";
import { auth, makeApp, type TestApp, tinyScenarioInput } from "./helpers.js";

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.app.close();
});

describe("limits", () => {
  it("rate-limits per key with 429 RATE_LIMITED, leaving other keys and /healthz alone", async () => {
    const t = await makeApp({ rateLimit: { max: 3, timeWindowMs: 60_000 } });
    open.push(t);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await t.app.inject({ url: "/v1/scenarios", headers: auth(t.keys.planner) })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    const limited = await t.app.inject({ url: "/v1/scenarios", headers: auth(t.keys.planner) });
    expect(limited.json().code).toBe("RATE_LIMITED");
    expect(limited.headers["retry-after"]).toBeDefined();
    expect((await t.app.inject({ url: "/v1/scenarios", headers: auth(t.keys.admin) })).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await t.app.inject({ url: "/healthz" })).statusCode).toBe(200);
  });

  it("refuses a body over the limit with 413 PAYLOAD_TOO_LARGE", async () => {
    const t = await makeApp({ bodyLimitBytes: 2048 });
    open.push(t);
    const res = await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: tinyScenarioInput() });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("answers 415 for a body that is not JSON", async () => {
    const t = await makeApp();
    open.push(t);
    const res = await t.app.inject({
      method: "POST", url: "/v1/scenarios", headers: { ...auth(t.keys.planner), "content-type": "text/csv" }, payload: "a,b",
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});
