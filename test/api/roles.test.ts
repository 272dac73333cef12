// Every role against every endpoint. Decision under test: a carrier key asking for another
// carrier's routes gets 404 (the other carrier's existence is not revealed); a role that may
// never use an endpoint gets 403; no key or an unknown key gets 401.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth, type Keys, makeApp, type TestApp, tinyScenarioInput, waitForJob } from "./helpers.js";

type Caller = keyof Keys | "none";
const CALLERS: Caller[] = ["admin", "planner", "carrier", "otherCarrier", "intake", "none"];

let t: TestApp;
let planId: string;
let jobId: string;
let sweepId: string;
let counter = 0;

interface Endpoint {
  name: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  url: string | (() => Promise<string> | string);
  payload?: () => unknown;
  expect: Record<Caller, number | number[]>;
}

const scenarioBody = (id: string) => ({ ...tinyScenarioInput(), id });
const pickupBody = () => ({ scenarioId: "tiny-town", location: { lat: 36.2, lon: -86.29 }, units: { phone: 1 }, preferredDates: ["2026-12-01"], contactRef: "x" });
async function tempScenario(): Promise<string> {
  const id = `tmp-${++counter}`;
  await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.admin), payload: scenarioBody(id) });
  return id;
}

const P = { admin: 200, planner: 200, carrier: 403, otherCarrier: 403, intake: 403, none: 401 };
const ENDPOINTS: Endpoint[] = [
  { name: "POST /v1/scenarios", method: "POST", url: "/v1/scenarios", payload: () => scenarioBody(`new-${++counter}`), expect: { ...P, admin: 201, planner: 201 } },
  { name: "GET /v1/scenarios", method: "GET", url: "/v1/scenarios", expect: P },
  { name: "GET /v1/scenarios/{id}", method: "GET", url: "/v1/scenarios/tiny-town", expect: P },
  { name: "PUT /v1/scenarios/{id}", method: "PUT", url: "/v1/scenarios/tiny-town", payload: () => scenarioBody("tiny-town"), expect: P },
  { name: "DELETE /v1/scenarios/{id}", method: "DELETE", url: async () => `/v1/scenarios/${await tempScenario()}`, expect: { ...P, admin: 204, planner: 204 } },
  { name: "POST /v1/scenarios/{id}/solve", method: "POST", url: async () => `/v1/scenarios/${await tempScenario()}/solve`, payload: () => ({}), expect: { ...P, admin: 202, planner: 202 } },
  { name: "GET /v1/scenarios/{id}/jobs", method: "GET", url: "/v1/scenarios/tiny-town/jobs", expect: P },
  { name: "GET /v1/scenarios/{id}/plans", method: "GET", url: "/v1/scenarios/tiny-town/plans", expect: P },
  { name: "GET /v1/jobs/{id}", method: "GET", url: () => `/v1/jobs/${jobId}`, expect: P },
  { name: "DELETE /v1/jobs/{id}", method: "DELETE", url: () => `/v1/jobs/${jobId}`, expect: { ...P, admin: 409, planner: 409 } },
  { name: "GET /v1/plans/{id}", method: "GET", url: () => `/v1/plans/${planId}`, expect: P },
  { name: "GET /v1/plans/compare", method: "GET", url: () => `/v1/plans/compare?a=${planId}&b=${planId}`, expect: P },
  {
    name: "POST /v1/scenarios/{id}/sweeps", method: "POST", url: "/v1/scenarios/tiny-town/sweeps",
    payload: () => ({ set: [{ path: "policy.co2PriceUsdPerT", values: [0, 50] }] }), expect: { ...P, admin: 202, planner: 202 },
  },
  { name: "GET /v1/sweeps/{id}", method: "GET", url: () => `/v1/sweeps/${sweepId}`, expect: P },
  { name: "DELETE /v1/sweeps/{id}", method: "DELETE", url: () => `/v1/sweeps/${sweepId}`, expect: { ...P, admin: 409, planner: 409 } },
  { name: "POST /v1/pickups", method: "POST", url: "/v1/pickups", payload: pickupBody, expect: { ...P, admin: 201, planner: 201, intake: 201 } },
  { name: "GET /v1/pickups/{id}", method: "GET", url: "/v1/pickups/r0", expect: { ...P, intake: 200 } },
  { name: "GET /v1/pickups", method: "GET", url: "/v1/pickups?scenarioId=tiny-town", expect: P },
  { name: "GET /v1/carriers/c1/routes", method: "GET", url: "/v1/carriers/c1/routes?date=2026-12-01", expect: { ...P, carrier: 200, otherCarrier: 404 } },
  { name: "GET /v1/carriers/c2/routes", method: "GET", url: "/v1/carriers/c2/routes?date=2026-12-01", expect: { ...P, carrier: 404, otherCarrier: 200 } },
  {
    name: "POST /v1/carriers/c1/routes/reoptimise", method: "POST", url: "/v1/carriers/c1/routes/reoptimise",
    payload: () => ({ scenarioId: "tiny-town", date: "2026-12-01" }), expect: { ...P, carrier: 200, otherCarrier: 404 },
  },
  { name: "GET /v1/scenarios/{id}/network", method: "GET", url: "/v1/scenarios/tiny-town/network", expect: { admin: 200, planner: 200, carrier: 200, otherCarrier: 404, intake: 200, none: 401 } },
  { name: "GET /v1/me", method: "GET", url: "/v1/me", expect: { admin: 200, planner: 200, carrier: 200, otherCarrier: 200, intake: 200, none: 401 } },
  {
    name: "POST /v1/routing/solve", method: "POST", url: "/v1/routing/solve?iterations=20",
    payload: () => ({ vehicles: [{ id: 1, start_index: 0, end_index: 0 }], jobs: [{ id: 1, location_index: 1 }], matrices: { car: { durations: [[0, 60], [60, 0]] } } }),
    expect: { ...P, carrier: 200, otherCarrier: 200 },
  },
  { name: "GET /healthz", method: "GET", url: "/healthz", expect: { admin: 200, planner: 200, carrier: 200, otherCarrier: 200, intake: 200, none: 200 } },
  { name: "GET /readyz", method: "GET", url: "/readyz", expect: { admin: 200, planner: 200, carrier: 200, otherCarrier: 200, intake: 200, none: 200 } },
  { name: "GET /metrics", method: "GET", url: "/metrics", expect: { admin: 200, planner: 200, carrier: 200, otherCarrier: 200, intake: 200, none: 200 } },
];

beforeAll(async () => {
  t = await makeApp();
  await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.admin), payload: tinyScenarioInput() });
  const job = (await t.app.inject({ method: "POST", url: "/v1/scenarios/tiny-town/solve", headers: auth(t.keys.admin), payload: {} })).json();
  jobId = job.id;
  planId = String((await waitForJob(t.app, t.keys.admin, jobId, ["done"])).planId);
  await t.app.inject({ method: "POST", url: "/v1/pickups", headers: auth(t.keys.intake), payload: { ...pickupBody(), id: "r0" } });
  const sweep = await t.app.inject({ method: "POST", url: "/v1/scenarios/tiny-town/sweeps", headers: auth(t.keys.admin), payload: { set: [{ path: "policy.maxHubs", values: [1] }] } });
  sweepId = sweep.json().id;
  while ((await t.app.inject({ url: `/v1/sweeps/${sweepId}`, headers: auth(t.keys.admin) })).json().state === "running") await new Promise((r) => setTimeout(r, 10));
});
afterAll(async () => {
  await t.app.close();
});

describe("role x endpoint matrix", () => {
  for (const ep of ENDPOINTS) {
    for (const caller of CALLERS) {
      it(`${ep.name} as ${caller}`, async () => {
        const headers = caller === "none" ? {} : auth(t.keys[caller]);
        const url = typeof ep.url === "string" ? ep.url : await ep.url();
        const res = await t.app.inject({ method: ep.method, url, headers, payload: ep.payload?.() as Record<string, unknown> | undefined });
        const want = ep.expect[caller];
        expect(Array.isArray(want) ? want : [want], `${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        if (res.statusCode === 401) expect(res.json().code).toBe("UNAUTHORIZED");
        if (res.statusCode === 403) expect(res.json().code).toBe("FORBIDDEN");
        if (res.statusCode === 404) expect(res.json().code).toBe("NOT_FOUND");
      });
    }
  }

  it("a revoked key is refused with 401 once the key cache has let it go", async () => {
    const t2 = await makeApp({ keyCacheMs: 150 });
    try {
      const url = "/v1/scenarios";
      expect((await t2.app.inject({ url, headers: auth(t2.keys.planner) })).statusCode).toBe(200);
      const planner = (await t2.store.listApiKeys()).find((k) => k.role === "planner");
      expect(await t2.store.revokeApiKey(String(planner?.id))).toBe(true);
      expect((await t2.app.inject({ url, headers: auth(t2.keys.planner) })).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      expect((await t2.app.inject({ url, headers: auth(t2.keys.planner) })).statusCode).toBe(401);
    } finally {
      await t2.app.close();
    }
  });
});
