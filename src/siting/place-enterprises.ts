// Enterprises placed greedily at the hubs of a decided plan (single year): the pair of enterprise
// and hub that saves most — the step's in-house saving per tonne × the tonnes of its step still
// bought outside at that hub, up to the enterprise's throughput — goes first, within floor space.
// It seeds the solve that completes a large plan: on the 2,000-zone scenario that solve, left to
// find placements itself, returned plans 1.5% apart depending on the time the machine gave it.
import { PROCESS_STEPS, type ProcessStep } from "../domain/index.js";
import type { SitingModel } from "./siting-model.js";
import type { HubChoice } from "./warm-start.js";

/** hubOf[n]: the hub enterprise n is placed at, −1 none. */
export function placeEnterprises(model: SitingModel, choice: HubChoice): Int32Array {
  const { data, milp } = model;
  const s = data.scenario;
  const N = s.enterprises.length;
  const H = s.hubSites.length;
  const hubOf = new Int32Array(N).fill(-1);
  // need[h][p]: tonnes through step p at hub h still bought outside; saving[h][p] per tonne in-house.
  const need = Array.from({ length: H }, () => new Float64Array(PROCESS_STEPS.length));
  const saving = Array.from({ length: H }, () => new Float64Array(PROCESS_STEPS.length));
  const floor = new Float64Array(H);
  const load = Array.from({ length: H }, () => new Float64Array(s.streams.length));
  choice.arcOf.forEach((i, z) => {
    if (i >= 0) data.supplyT[z].forEach((q, si) => (load[data.arcs[z][i].hub][si] += q));
  });
  for (let h = 0; h < H; h++) {
    if (choice.size[h] < 0) continue;
    floor[h] = s.hubSites[h].sizes[choice.size[h]].floorSpaceM2;
    data.streamSteps.forEach((chain, si) =>
      chain.forEach((p, i) => {
        const u = model.u[h]?.[si]?.[i]?.[0] ?? -1;
        if (u < 0 || load[h][si] <= 0) return;
        need[h][p] += load[h][si];
        saving[h][p] = Math.max(saving[h][p], -milp.colCost[u]);
      }),
    );
  }
  const stepOf = s.enterprises.map((n) => stepIndex(model, n.processStep));
  for (;;) {
    let best = 0;
    let bn = -1;
    let bh = -1;
    for (let n = 0; n < N; n++) {
      if (hubOf[n] >= 0 || stepOf[n] < 0) continue;
      const p = stepOf[n];
      const e = s.enterprises[n];
      for (let h = 0; h < H; h++) {
        if ((model.e[n][h]?.[0] ?? -1) < 0 || choice.size[h] < 0 || floor[h] < e.floorSpaceM2) continue;
        const gain = saving[h][p] * Math.min(e.throughputTPerYear, need[h][p]) - milp.colCost[model.e[n][h][0]];
        if (gain > best) {
          best = gain;
          bn = n;
          bh = h;
        }
      }
    }
    if (bn < 0) return hubOf;
    const e = s.enterprises[bn];
    hubOf[bn] = bh;
    floor[bh] -= e.floorSpaceM2;
    need[bh][stepOf[bn]] = Math.max(0, need[bh][stepOf[bn]] - e.throughputTPerYear);
  }
}

function stepIndex(model: SitingModel, step: ProcessStep): number {
  const p = PROCESS_STEPS.indexOf(step);
  return model.data.enterpriseSteps.has(p) ? p : -1;
}
