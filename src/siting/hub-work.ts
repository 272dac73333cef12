// Who does what at a hub: for every open hub and process step, the tonnes that go through it,
// how many are done in-house and how many bought from outside processors, and — for steps run
// by co-located enterprises — each enterprise's share and utilisation. In-house tonnes of a step
// are shared among the enterprises placed there for it in proportion to their throughput (the
// model only limits their sum, so any split within it is equally optimal; this one loads them
// evenly). Steps no enterprise can run are done in-house by the hub operator.
import { type HubStepWork, PROCESS_STEPS } from "../domain/index.js";
import type { SitingData } from "./siting-data.js";
import type { YearPlan } from "./year-plan.js";
import type { YearFigures } from "./evaluate.js";

/** Tonnes below this are solver round-off, not work. */
const WORK_FLOOR_T = 1e-9;

/** One row per open hub and process step its streams go through, in hub then step order. */
export function buildHubWork(data: SitingData, p: YearPlan, f: YearFigures): HubStepWork[] {
  const s = data.scenario;
  const out: HubStepWork[] = [];
  for (const { hub } of p.open) {
    const through = new Map<number, number>();
    s.streams.forEach((_, si) => {
      for (const q of data.streamSteps[si]) through.set(q, (through.get(q) ?? 0) + f.loadT[hub][si]);
    });
    const inHouse = new Map<number, number>();
    for (const u of p.inHouse)
      if (u.hub === hub) {
        const q = data.streamSteps[u.stream][u.step];
        inHouse.set(q, (inHouse.get(q) ?? 0) + u.tonnes);
      }
    for (const [q, tons] of [...through].sort((a, b) => a[0] - b[0])) {
      if (tons <= WORK_FLOOR_T) continue;
      const step = PROCESS_STEPS[q];
      const done = Math.min(tons, inHouse.get(q) ?? 0);
      const here = p.placed.filter((e) => e.hub === hub && s.enterprises[e.enterprise].processStep === step).map((e) => s.enterprises[e.enterprise]);
      const capacity = here.reduce((a, e) => a + e.throughputTPerYear, 0);
      out.push({
        hubId: s.hubSites[hub].id,
        step,
        throughTPerYear: tons,
        inHouseTPerYear: done,
        boughtOutsideTPerYear: tons - done,
        doneBy: data.enterpriseSteps.has(q) ? "enterprises" : "hub operator",
        enterprises: here.map((e) => {
          const share = capacity > 0 ? (done * e.throughputTPerYear) / capacity : 0;
          return { enterpriseId: e.id, tonnesPerYear: share, throughputTPerYear: e.throughputTPerYear, utilisation: share / e.throughputTPerYear };
        }),
      });
    }
  }
  return out;
}
