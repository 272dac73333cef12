import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarioFields, scenarioMarkdown, spliceFields } from "../../src/cli/schema-doc.js";

describe("scenario field reference", () => {
  it("documents every field of the scenario", () => {
    const fields = scenarioFields();
    expect(fields.length).toBeGreaterThan(100);
    const bare = fields.filter((f) => f.description.trim() === "").map((f) => f.path);
    expect(bare).toEqual([]);
  });

  it("is the table in README.md (regenerate: npx urbanmine schema --readme README.md)", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(spliceFields(readme, scenarioMarkdown())).toBe(readme);
  });
});
