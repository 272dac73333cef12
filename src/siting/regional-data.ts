// Regional centres indexed for the siting model: which streams finish at a centre and through
// which steps, the ways from every hub to every centre (road, rail through terminals, lanes) and
// from every centre to every offtaker. The hub's own steps and yields are cut down to its part.
import { PROCESS_STEPS, type RegionalCentre, type Scenario, type TravelMatrix } from "../domain/index.js";
import { type OutletRoute, outletRoutes } from "./siting-data.js";

export interface RegionalData {
  centres: RegionalCentre[];
  /** atCentre[s]: stream s goes on to a regional centre. */
  atCentre: boolean[];
  /** centreSteps[s]: its steps at the centre (indices into PROCESS_STEPS), in order. */
  centreSteps: number[][];
  /** yieldT[s][m]: tonnes of material m a centre recovers per tonne of stream s. */
  yieldT: Float64Array[];
  /** inbound[h][r]: ways from hub h to centre r. */
  inbound: OutletRoute[][][];
  /** outbound[r][o]: ways from centre r to offtaker o. */
  outbound: OutletRoute[][][];
}

/**
 * Splits each stream's steps and yields between hub and centre (mutating `streamSteps` and
 * `yieldT` to the hub's part) and prices the hub → centre and centre → offtaker ways.
 */
export function buildRegionalData(
  s: Scenario,
  travel: { road: TravelMatrix; rail?: TravelMatrix },
  roadIdx: Map<string, number>,
  streamSteps: number[][],
  yieldT: Float64Array[],
): RegionalData {
  const reg = s.regional!;
  const there = new Set(reg.steps.map((p) => PROCESS_STEPS.indexOf(p)));
  const atCentre = streamSteps.map((steps) => steps.some((p) => there.has(p)));
  const centreSteps = streamSteps.map((steps, si) => (atCentre[si] ? steps.filter((p) => there.has(p)) : []));
  const centreYield = yieldT.map((y, si) => (atCentre[si] ? Float64Array.from(y) : new Float64Array(y.length)));
  streamSteps.forEach((steps, si) => {
    if (atCentre[si]) streamSteps[si] = steps.filter((p) => !there.has(p));
  });
  yieldT.forEach((y, si) => atCentre[si] && y.fill(0));
  return {
    centres: reg.centres,
    atCentre,
    centreSteps,
    yieldT: centreYield,
    inbound: s.hubSites.map((h) => reg.centres.map((c) => outletRoutes(s, travel, roadIdx, h.id, c.id, c.modes))),
    outbound: reg.centres.map((c) => s.offtakers.map((o) => outletRoutes(s, travel, roadIdx, c.id, o.id, o.modes))),
  };
}
