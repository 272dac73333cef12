// CSV cells a spreadsheet would run as formulas are escaped, RFC 4180 quoting holds, and numbers
// (negative longitudes included) stay numbers.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCsv } from "../../src/pipeline/formats/csv.js";
import { auth, makeApp, type TestApp, tinyScenarioInput, waitForJob } from "../api/helpers.js";

describe("toCsv", () => {
  it("escapes formula cells, keeps negative numbers, quotes commas, quotes and line breaks", () => {
    const text = toCsv(["name", "lon", "note"], [
      ["=HYPERLINK(\"http://x\")", -86.3, "+1"],
      ["@SUM(A1)", -0.5, "-rm"],
      ["a,b", 1, "say \"hi\"\nbye"],
      [null, Number.NaN, true],
    ]);
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parse(text, { relax_column_count: false }) as string[][];
    expect(rows).toEqual([
      ["name", "lon", "note"],
      ["'=HYPERLINK(\"http://x\")", "-86.3", "'+1"],
      ["'@SUM(A1)", "-0.5", "'-rm"],
      ["a,b", "1", "say \"hi\"\nbye"],
      ["", "", "true"],
    ]);
  });
});

describe("plan CSV over HTTP", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it("escapes a hub name written as a formula in hubs.csv", async () => {
    const input = tinyScenarioInput() as { hubSites: Array<{ name: string }> };
    input.hubSites[0].name = "=HYPERLINK(\"http://evil.example\",\"Old depot\")";
    expect((await t.app.inject({ method: "POST", url: "/v1/scenarios", headers: auth(t.keys.planner), payload: input })).statusCode).toBe(201);
    const job = (await t.app.inject({ method: "POST", url: "/v1/scenarios/tiny-town/solve", headers: auth(t.keys.planner), payload: {} })).json();
    const done = await waitForJob(t.app, t.keys.planner, job.id, ["done"]);
    const csv = await t.app.inject({ url: `/v1/plans/${String(done.planId)}?format=csv&table=hubs`, headers: auth(t.keys.planner) });
    const rows = parse(csv.body) as string[][];
    const nameCol = rows[0].indexOf("name");
    expect(nameCol).toBeGreaterThanOrEqual(0);
    expect(rows[1][nameCol]).toBe("'=HYPERLINK(\"http://evil.example\",\"Old depot\")");
  });
});
