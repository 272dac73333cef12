// The plan view's overlays of a plan with a drop-off point and a regional centre: the point and
// the centre each drawn once at their places, the hub → centre shipment and the centre's sale to
// its offtaker drawn as flows from where they leave. Needs the build (whole run).
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/domain/index.js";
import { runScenario } from "../../src/pipeline/index.js";
import { planLayers } from "../../src/web/plan-layers.js";
import { scenarioInput } from "../fixtures/echelons.js";

describe("plan view overlays", () => {
  it("draw drop-off points, regional centres and the flows through them", async () => {
    const scenario = parseScenario(scenarioInput());
    const plan = await runScenario(scenario, { baseDir: ".", seed: 1, routingIterations: 50, timeLimitS: 60 });
    const layers = planLayers(plan, scenario);
    expect(layers.dropoffs!.features.map((f) => [f.properties!.id, f.geometry])).toEqual([["P", { type: "Point", coordinates: [-86.11, 36.29] }]]);
    expect(layers.centres!.features.map((f) => [f.properties!.id, f.geometry])).toEqual([["C", { type: "Point", coordinates: [-90.05, 35.15] }]]);
    const flows = layers.flows!.features.map((f) => [f.properties!.kind, (f.geometry as { coordinates: number[][] }).coordinates]);
    expect(flows).toEqual(expect.arrayContaining([
      ["shipment", [[-86.29, 36.21], [-90.05, 35.15]]],
      ["flow", [[-90.05, 35.15], [-90.0, 35.1]]],
    ]));
    expect(flows).toHaveLength(2);
  }, 300_000);
});
