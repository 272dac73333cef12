// Local search on a decided single-year plan (hub sizes, zone assignment, enterprise placement),
// each move priced by its change to the estimate of plan-value.ts on the hubs it touches: zone
// shifts and swaps between open hubs within capacity (a hub may grow a size to take a zone) and
// ejection chains (a zone into a full hub, one of whose zones moves on to a third), enterprise
// moves, placements, removals and swaps within floor space (a hub may grow a size to host one),
// each hub's cheapest size that holds its load and enterprises, and hub moves (open a site,
// close a hub, or both) each followed by the moves above, kept when the plan is cheaper.
// The zone and enterprise moves see each other: the co-placed enterprises' saving on a step
// draws zones to a hub, which the assignment alone (reassign.ts) does not see. (Longer than most
// files: every move reads and updates the same per-hub tallies, kept private to one class.)
import { type PlanCosts, type PlanState, planCosts } from "./plan-value.js";
import type { SitingModel } from "./siting-model.js";

export interface PlanSearchOptions {
  /** arcUsd[z][i]: cost of zone z on its arc i (default plan-value.ts's). */
  arcUsd?: Float64Array[];
  /** Cheapest arcs to open hubs a zone may move along (default 8). */
  arcsPerZone?: number;
  /** Most rounds of zone and enterprise moves after each accepted move (default 30). */
  maxPasses?: number;
  /** Sites whose opening or closing is tried first (e.g. the relaxation's open hubs). */
  hintOpen?: Int32Array[];
  /** Rounds of zone and enterprise moves after a hub move, before it is judged (default 3). */
  hubMovePasses?: number;
  /** A hub move more than this above the best plan after one round is dropped, USD (default 15,000). */
  screenUsd?: number;
  /** Most hub moves tried (default: all of them). */
  maxHubMoves?: number;
  /** Polled between moves; true ends the search with the best plan so far. */
  shouldStop?: () => boolean;
}

export interface PlanSearchResult {
  plan: PlanState;
  /** Estimated cost of the plan found and of the start, USD (plan-value.ts). */
  usd: number;
  startUsd: number;
  /** Hub moves kept. */
  hubMoves: number;
}

const EPS = 1e-7;
/**
 * A hub move more than this above the best plan after one round of moves is not pursued. On the
 * 2,000-zone generated scenario every hub move kept was already below the best plan after one
 * round, and most of those dropped were 20-100 k USD above it.
 */
const SCREEN_USD = 15_000;

/**
 * Improves `start` (single year, every zone with supply assigned, every placement hosted and
 * within floor space) by first-improvement local search; never returns a plan whose estimate is
 * higher than the start's. Deterministic for given options when `shouldStop` never fires.
 */
export function improvePlan(model: SitingModel, start: PlanState, options: PlanSearchOptions = {}): PlanSearchResult {
  const c = planCosts(model, options.arcUsd);
  const st = new Search(model, c, start, options);
  const startUsd = st.total();
  st.descend();
  let best = st.snapshot();
  let bestUsd = st.total();
  let hubMoves = 0;
  // Hub moves: open a site, close a hub, or both (the relaxation's sites first): the site opens,
  // zones and enterprises move to it, then the hub closes and its zones go where there is room.
  const H = c.H;
  const site = model.data.scenario.hubSites;
  const free = [...Array(H).keys()].filter((h) => site[h].status === "candidate" && c.sizes[h].length > 0);
  const hinted = new Uint8Array(H);
  for (const size of options.hintOpen ?? []) size.forEach((k, h) => (k >= 0) !== (best.size[h] >= 0) && (hinted[h] = 1));
  const order = [...free.filter((h) => hinted[h]), ...free.filter((h) => !hinted[h])];
  const limit = options.maxHubMoves ?? Infinity;
  const passes = options.hubMovePasses ?? 3;
  const screenUsd = options.screenUsd ?? SCREEN_USD;
  let tried = 0;
  let improved = true;
  while (improved && tried < limit && !options.shouldStop?.()) {
    improved = false;
    const moves: Array<[number, number]> = [];
    const opens = order.filter((h) => best.size[h] < 0);
    const closes = order.filter((h) => best.size[h] >= 0);
    for (const g of opens) for (const h of closes) if (hinted[g] && hinted[h]) moves.push([g, h]);
    for (const g of opens) if (hinted[g]) moves.push([g, -1]);
    for (const h of closes) if (hinted[h]) moves.push([-1, h]);
    // The other swaps nearest first: by what moving the hub's zones to the site would cost.
    const pairs: Array<[number, number, number]> = [];
    for (const g of opens) for (const h of closes) if (!hinted[g] || !hinted[h]) pairs.push([g, h, st.relocationUsd(h, g)]);
    pairs.sort((p, q) => p[2] - q[2] || p[0] - q[0] || p[1] - q[1]);
    for (const [g, h] of pairs) moves.push([g, h]);
    for (const g of opens) if (!hinted[g]) moves.push([g, -1]);
    for (const h of closes) if (!hinted[h]) moves.push([-1, h]);
    for (const [g, h] of moves) {
      if (tried >= limit || options.shouldStop?.()) break;
      // A move kept earlier in this sweep may have opened g or closed h already.
      if ((g >= 0 && best.size[g] >= 0) || (h >= 0 && best.size[h] < 0)) continue;
      tried++;
      if (g >= 0) {
        st.open(g);
        st.descend(1, false);
      }
      if (h >= 0 && !st.close(h)) {
        st.restore(best);
        continue;
      }
      // One round screens the move; a promising one gets the rest.
      st.descend(1, false);
      if (st.total() < bestUsd + screenUsd) st.descend(passes - 1, false);
      const usd = st.total();
      if (usd < bestUsd - EPS * Math.abs(bestUsd) && st.withinPolicy()) {
        st.descend(undefined, false);
        best = st.snapshot();
        bestUsd = st.total();
        hubMoves++;
        improved = true;
        continue;
      }
      st.restore(best);
    }
  }
  return bestUsd < startUsd ? { plan: best, usd: bestUsd, startUsd, hubMoves } : { plan: copyState(start), usd: startUsd, startUsd, hubMoves: 0 };
}

function copyState(p: PlanState): PlanState {
  return { size: Int32Array.from(p.size), arcOf: Int32Array.from(p.arcOf), hubOf: Int32Array.from(p.hubOf) };
}

/** The plan being searched with its per-hub tallies (stream loads, throughput per step, tonnes, floor used). */
class Search {
  private readonly size: Int32Array;
  private readonly arcOf: Int32Array;
  private readonly hubOf: Int32Array;
  private readonly load: Float64Array;
  private readonly cap: Float64Array;
  private readonly tonnes: Float64Array;
  private readonly floor: Float64Array;
  /** inHouse[h]: the hub's in-house cost at its tallies. */
  private readonly inHouse: Float64Array;
  /** Each zone's cheapest arcs (any hub; only open ones are tried). */
  private readonly near: Int32Array[];
  private readonly supply: Float64Array[];
  /** Each zone's hub and arc cost, and usdTo[z * H + h]: its arc cost to hub h (Infinity: none), flat for the swap scan. */
  private readonly hubZ: Int32Array;
  private readonly cur: Float64Array;
  private readonly usdTo: Float64Array;
  /** Hubs whose tallies changed since the last pass (and in this one): only zones near them are looked at. */
  private dirty: Uint8Array;
  private nextDirty: Uint8Array;
  /** Open hubs with room for the smallest zone: where an ejection chain may end. */
  private roomy: number[] = [];
  private readonly minQ: number;
  private readonly maxCapT: Float64Array;

  constructor(
    private readonly model: SitingModel,
    private readonly c: PlanCosts,
    start: PlanState,
    private readonly options: PlanSearchOptions,
  ) {
    const { H, S, P } = c;
    this.size = Int32Array.from(start.size);
    this.arcOf = Int32Array.from(start.arcOf);
    this.hubOf = Int32Array.from(start.hubOf);
    this.load = new Float64Array(H * S);
    this.cap = new Float64Array(H * P);
    this.tonnes = new Float64Array(H);
    this.floor = new Float64Array(H);
    this.inHouse = new Float64Array(H);
    this.supply = model.data.supplyT;
    const Z = start.arcOf.length;
    this.hubZ = new Int32Array(Z);
    this.cur = new Float64Array(Z);
    this.usdTo = new Float64Array(Z * H).fill(Infinity);
    model.data.arcs.forEach((za, z) => za.forEach((arc, i) => (this.usdTo[z * H + arc.hub] = c.arcUsd[z][i])));
    this.minQ = Math.min(...Array.from(c.Q).filter((q) => q > 0));
    this.maxCapT = Float64Array.from(c.sizes, (ks) => Math.max(0, ...ks.map((k) => k.capT)));
    this.dirty = new Uint8Array(H).fill(1);
    this.nextDirty = new Uint8Array(H);
    const k = options.arcsPerZone ?? 8;
    this.near = c.arcUsd.map((row) => {
      const idx = [...row.keys()].filter((i) => Number.isFinite(row[i]));
      idx.sort((p, q) => row[p] - row[q] || p - q);
      return Int32Array.from(idx.slice(0, 3 * k));
    });
    this.retally();
  }

  private hubOfZone(z: number): number {
    return this.hubZ[z];
  }

  /** Whether the open hubs respect the policy's most hubs and budget. */
  withinPolicy(): boolean {
    const policy = this.model.data.scenario.policy;
    let n = 0;
    let usd = 0;
    this.size.forEach((k, h) => {
      if (k < 0) return;
      n++;
      usd += this.c.sizes[h][k].usd;
    });
    return n <= (policy.maxHubs ?? Infinity) && usd <= (policy.budgetUsdPerYear ?? Infinity);
  }

  /** Mean change of arc cost if hub h's zones went to site g (Infinity when most cannot). */
  relocationUsd(h: number, g: number): number {
    const H = this.c.H;
    let sum = 0;
    let n = 0;
    let none = 0;
    for (let z = 0; z < this.hubZ.length; z++) {
      if (this.hubZ[z] !== h) continue;
      const v = this.usdTo[z * H + g];
      if (v === Infinity) none++;
      else {
        sum += v - this.cur[z];
        n++;
      }
    }
    return n > none ? sum / n : Infinity;
  }

  /** Zone z onto its arc i (tallies not updated). */
  private setArc(z: number, i: number): void {
    this.arcOf[z] = i;
    this.hubZ[z] = i >= 0 ? this.model.data.arcs[z][i].hub : -1;
    this.cur[z] = i >= 0 ? this.c.arcUsd[z][i] : 0;
  }

  private retally(): void {
    const { H, S, P, Q } = this.c;
    this.load.fill(0);
    this.cap.fill(0);
    this.tonnes.fill(0);
    this.floor.fill(0);
    for (let z = 0; z < this.arcOf.length; z++) {
      this.setArc(z, this.arcOf[z]);
      if (this.arcOf[z] < 0) continue;
      const h = this.hubOfZone(z);
      this.tonnes[h] += Q[z];
      for (let s = 0; s < S; s++) this.load[h * S + s] += this.supply[z][s];
    }
    this.hubOf.forEach((h, n) => {
      if (h < 0) return;
      const e = this.c.ent[n];
      this.cap[h * P + e.p] += e.thrT;
      this.floor[h] += e.floorM2;
    });
    for (let h = 0; h < H; h++) this.inHouse[h] = this.size[h] >= 0 ? this.c.inHouseUsd(h, this.load, this.cap) : 0;
  }

  snapshot(): PlanState {
    return copyState({ size: this.size, arcOf: this.arcOf, hubOf: this.hubOf });
  }

  restore(p: PlanState): void {
    this.size.set(p.size);
    this.arcOf.set(p.arcOf);
    this.hubOf.set(p.hubOf);
    this.retally();
    this.dirty.fill(0);
  }

  total(): number {
    let usd = 0;
    this.arcOf.forEach((i, z) => i >= 0 && (usd += this.c.arcUsd[z][i]));
    for (let h = 0; h < this.c.H; h++) if (this.size[h] >= 0) usd += this.c.sizes[h][this.size[h]].usd + this.inHouse[h];
    return usd;
  }

  /** The cheapest size of hub h holding `t` tonnes and `m2` of enterprises, −1 none. */
  private sizeFor(h: number, t: number, m2: number): number {
    let best = -1;
    this.c.sizes[h].forEach((k, ki) => {
      if (k.capT >= t - 1e-9 && k.floorM2 >= m2 - 1e-9 && Number.isFinite(k.usd) && (best < 0 || k.usd < this.c.sizes[h][best].usd)) best = ki;
    });
    return best;
  }

  /** Change of hub h's fixed and in-house cost when zone z (sign ±1) and enterprise n (sign ±1) join or leave it; Infinity when it no longer fits. */
  private delta(h: number, z: number, zs: number, n: number, ns: number, apply = false): number {
    const { S, P, Q } = this.c;
    const t = this.tonnes[h] + (z >= 0 ? zs * Q[z] : 0);
    const m2 = this.floor[h] + (n >= 0 ? ns * this.c.ent[n].floorM2 : 0);
    const k = this.size[h] >= 0 && this.c.sizes[h][this.size[h]].capT >= t - 1e-9 && this.c.sizes[h][this.size[h]].floorM2 >= m2 - 1e-9 ? this.size[h] : this.sizeFor(h, t, m2);
    if (k < 0) return Infinity;
    if (z >= 0) for (let s = 0; s < S; s++) this.load[h * S + s] += zs * this.supply[z][s];
    if (n >= 0) this.cap[h * P + this.c.ent[n].p] += ns * this.c.ent[n].thrT;
    const v = this.c.inHouseUsd(h, this.load, this.cap);
    const d = this.c.sizes[h][k].usd - this.c.sizes[h][this.size[h]].usd + v - this.inHouse[h];
    if (apply) {
      this.tonnes[h] = t;
      this.floor[h] = m2;
      this.size[h] = k;
      this.inHouse[h] = v;
    } else {
      if (z >= 0) for (let s = 0; s < S; s++) this.load[h * S + s] -= zs * this.supply[z][s];
      if (n >= 0) this.cap[h * P + this.c.ent[n].p] -= ns * this.c.ent[n].thrT;
    }
    return d;
  }

  /** Rounds of zone, enterprise and size moves until none pays (or the pass limit). */
  descend(passes = this.options.maxPasses ?? 30, all = true): void {
    if (all) this.dirty.fill(1);
    for (let pass = 0; pass < passes && !this.options.shouldStop?.(); pass++) {
      this.nextDirty.fill(0);
      const a = this.zoneMoves();
      const b = this.enterpriseMoves();
      const d = this.resize();
      [this.dirty, this.nextDirty] = [this.nextDirty, this.dirty];
      if (!a && !b && !d) break;
    }
  }

  /** Marks hub h changed (its neighbours' zones are looked at in the next pass). */
  touch(h: number): void {
    this.dirty[h] = 1;
    this.nextDirty[h] = 1;
  }

  /** Whether zone z's hub or one of the hubs it may move to changed. */
  private nearDirty(z: number): boolean {
    const arcs = this.model.data.arcs[z];
    if (this.dirty[arcs[this.arcOf[z]].hub]) return true;
    let open = 0;
    const k = this.options.arcsPerZone ?? 8;
    for (const i of this.near[z]) {
      const h = arcs[i].hub;
      if (this.dirty[h]) return true;
      if (this.size[h] >= 0 && ++open >= k) break;
    }
    return false;
  }

  private zoneMoves(): boolean {
    const { arcUsd, arcTo } = this.c;
    const k = this.options.arcsPerZone ?? 8;
    const arcs = this.model.data.arcs;
    const H = this.c.H;
    let moved = false;
    this.findRoomy();
    // The zones at each hub when the pass starts (a zone that moved since is skipped by the check below).
    const members: number[][] = Array.from({ length: this.c.H }, () => []);
    this.arcOf.forEach((i, z) => i >= 0 && members[this.hubOfZone(z)].push(z));
    for (let z = 0; z < this.arcOf.length; z++) {
      if (this.arcOf[z] < 0 || !this.nearDirty(z)) continue;
      const from = this.hubOfZone(z);
      const here = arcUsd[z][this.arcOf[z]];
      const out = this.delta(from, z, -1, -1, 0);
      let tried = 0;
      let bestD = -EPS * Math.max(1, Math.abs(here));
      let bestI = -1;
      let bestW = -1;
      let bestC = -1;
      for (const i of this.near[z]) {
        const to = arcs[z][i].hub;
        if (to === from || this.size[to] < 0) continue;
        if (++tried > k) break;
        const gain = arcUsd[z][i] - here;
        const d = gain + out + this.delta(to, z, 1, -1, 0);
        if (d < bestD) {
          bestD = d;
          bestI = i;
          bestW = -1;
        }
        // Swaps with the zones at `to` that could go back to `from`.
        if (d < Infinity) continue;
        for (const w of members[to]) {
          // Only swaps that pay on the arcs (their effect on in-house work is second order).
          const g = gain + this.usdTo[w * H + from] - this.cur[w];
          if (!(g < bestD) || w === z || this.hubZ[w] !== to) continue;
          const dz = this.swapDelta(z, from, w, to);
          if (g + dz < bestD) {
            bestD = g + dz;
            bestI = i;
            bestW = w;
            bestC = -1;
          }
        }
        // Ejection chains: z takes the place of a zone w of `to`, which moves on to a third hub
        // with room. With capacity nearly all used (on the 2,000-zone scenario 20 t spare over
        // 30 hubs) few shifts fit and few swaps match in size; a chain reaches the spare tonnes.
        for (const w of members[to]) {
          if (w === z || this.hubZ[w] !== to) continue;
          const base = gain - this.cur[w];
          for (const c of this.roomy) {
            if (c === to || c === from) continue;
            const g = base + this.usdTo[w * H + c];
            if (!(g < bestD) || this.roomT(c) < this.c.Q[w] - 1e-9) continue;
            const dz = this.chainDelta(z, w, to, c);
            if (out + g + dz < bestD) {
              bestD = out + g + dz;
              bestI = i;
              bestW = w;
              bestC = c;
            }
          }
        }
      }
      if (bestI < 0) continue;
      const to = arcs[z][bestI].hub;
      this.shiftLoad(from, z, -1);
      this.setArc(z, bestI);
      this.shiftLoad(to, z, 1);
      const back = bestC >= 0 ? bestC : from;
      if (bestW >= 0) {
        this.shiftLoad(to, bestW, -1);
        this.setArc(bestW, arcTo[bestW][back]);
        this.shiftLoad(back, bestW, 1);
      }
      this.refresh(from);
      this.refresh(to);
      this.touch(from);
      this.touch(to);
      if (bestC >= 0) {
        this.refresh(bestC);
        this.touch(bestC);
      }
      this.findRoomy();
      moved = true;
    }
    return moved;
  }

  /** Tonnes hub h could still take at its largest size. */
  private roomT(h: number): number {
    return this.maxCapT[h] - this.tonnes[h];
  }

  /** The open hubs with room for the smallest zone (where a chain may end). */
  private findRoomy(): void {
    this.roomy = [];
    for (let h = 0; h < this.c.H; h++) if (this.size[h] >= 0 && this.roomT(h) >= this.minQ - 1e-9) this.roomy.push(h);
  }

  /** Change of hubs `to` and `c` when zone z joins `to` and its zone w moves on to `c` (z's own hub not included). */
  private chainDelta(z: number, w: number, to: number, c: number): number {
    this.shiftLoad(to, w, -1);
    const d = this.delta(to, z, 1, -1, 0);
    this.shiftLoad(to, w, 1);
    return d === Infinity ? d : d + this.delta(c, w, 1, -1, 0);
  }

  /** Change of the two hubs' costs when zone z (at `a`) and zone w (at `b`) trade places. */
  private swapDelta(z: number, a: number, w: number, b: number): number {
    this.shiftLoad(a, w, 1);
    this.shiftLoad(b, z, 1);
    const d = this.delta(a, z, -1, -1, 0) + this.delta(b, w, -1, -1, 0);
    this.shiftLoad(a, w, -1);
    this.shiftLoad(b, z, -1);
    return d;
  }

  private shiftLoad(h: number, z: number, sign: number): void {
    const { S, Q } = this.c;
    this.tonnes[h] += sign * Q[z];
    for (let s = 0; s < S; s++) this.load[h * S + s] += sign * this.supply[z][s];
  }

  /** Hub h's size (cheapest holding its tallies, at least its current when it still fits) and in-house cost after its tallies changed. */
  private refresh(h: number): void {
    const k = this.size[h];
    const fits = k >= 0 && this.c.sizes[h][k].capT >= this.tonnes[h] - 1e-9 && this.c.sizes[h][k].floorM2 >= this.floor[h] - 1e-9;
    if (!fits) this.size[h] = this.sizeFor(h, this.tonnes[h], this.floor[h]);
    this.inHouse[h] = this.c.inHouseUsd(h, this.load, this.cap);
  }

  private enterpriseMoves(): boolean {
    const { H, P } = this.c;
    let moved = false;
    for (let n = 0; n < this.hubOf.length; n++) {
      const e = this.c.ent[n];
      const from = this.hubOf[n];
      const out = from >= 0 ? this.delta(from, -1, 0, n, -1) : 0;
      let bestD = from >= 0 ? out : 0; // unplacing it
      let bestH = -1;
      let bestM = -1;
      for (let h = 0; h < H; h++) {
        if (h === from || this.size[h] < 0 || !e.hosts[h]) continue;
        const d = out + this.delta(h, -1, 0, n, 1);
        if (d < bestD - EPS) {
          bestD = d;
          bestH = h;
          bestM = -1;
        }
      }
      // Swaps with an enterprise of another step placed elsewhere.
      if (from >= 0)
        for (let m = 0; m < this.hubOf.length; m++) {
          const to = this.hubOf[m];
          const f = this.c.ent[m];
          if (to < 0 || to === from || f.p === e.p || !e.hosts[to] || !f.hosts[from]) continue;
          this.cap[from * P + f.p] += f.thrT;
          this.floor[from] += f.floorM2;
          this.cap[to * P + e.p] += e.thrT;
          this.floor[to] += e.floorM2;
          const d = this.delta(from, -1, 0, n, -1) + this.delta(to, -1, 0, m, -1);
          this.cap[from * P + f.p] -= f.thrT;
          this.floor[from] -= f.floorM2;
          this.cap[to * P + e.p] -= e.thrT;
          this.floor[to] -= e.floorM2;
          if (d < bestD - EPS) {
            bestD = d;
            bestH = to;
            bestM = m;
          }
        }
      if (bestD >= -EPS * Math.max(1, Math.abs(this.inHouse[Math.max(0, from)]))) continue;
      if (bestM >= 0) {
        this.delta(bestH, -1, 0, bestM, -1, true);
        this.delta(from, -1, 0, n, -1, true);
        this.delta(from, -1, 0, bestM, 1, true);
        this.delta(bestH, -1, 0, n, 1, true);
        this.hubOf[bestM] = from;
        this.hubOf[n] = bestH;
        this.touch(bestH);
        this.touch(from);
      } else {
        if (from >= 0) this.delta(from, -1, 0, n, -1, true);
        if (bestH >= 0) this.delta(bestH, -1, 0, n, 1, true);
        this.hubOf[n] = bestH;
        if (from >= 0) this.touch(from);
        if (bestH >= 0) this.touch(bestH);
      }
      moved = true;
    }
    return moved;
  }

  /** Each open hub at its cheapest size that holds its tallies; true when one changed. */
  private resize(): boolean {
    let changed = false;
    for (let h = 0; h < this.c.H; h++) {
      if (this.size[h] < 0) continue;
      const k = this.sizeFor(h, this.tonnes[h], this.floor[h]);
      if (k >= 0 && k !== this.size[h] && this.c.sizes[h][k].usd < this.c.sizes[h][this.size[h]].usd) {
        this.size[h] = k;
        this.touch(h);
        changed = true;
      }
    }
    return changed;
  }

  /**
   * Opens site h at its largest size.
   */
  open(h: number): void {
    this.size[h] = this.c.sizes[h].reduce((b, x, i) => (x.capT > this.c.sizes[h][b].capT ? i : b), 0);
    this.inHouse[h] = this.c.inHouseUsd(h, this.load, this.cap);
    this.touch(h);
  }

  /** Closes hub h: its enterprises unplaced, its zones to the open hubs with room and the least arc cost (false when one finds none). */
  close(h: number): boolean {
    this.hubOf.forEach((g, n) => g === h && (this.hubOf[n] = -1));
    this.size[h] = -1;
    this.touch(h);
    for (let z = 0; z < this.arcOf.length; z++) if (this.arcOf[z] >= 0 && this.hubOfZone(z) === h && !this.rehome(z, h)) return false;
    this.retally();
    return true;
  }

  /** Zone z moved off closed hub h to the open hub with room and the least arc cost. */
  private rehome(z: number, h: number): boolean {
    const { arcUsd, Q } = this.c;
    const arcs = this.model.data.arcs;
    let best = -1;
    for (let i = 0; i < arcs[z].length; i++) {
      const g = arcs[z][i].hub;
      if (g === h || this.size[g] < 0 || !Number.isFinite(arcUsd[z][i])) continue;
      if (this.sizeFor(g, this.tonnes[g] + Q[z], this.floor[g]) < 0) continue;
      if (best < 0 || arcUsd[z][i] < arcUsd[z][best]) best = i;
    }
    if (best < 0) return false;
    this.shiftLoad(h, z, -1);
    this.setArc(z, best);
    const g = arcs[z][best].hub;
    this.shiftLoad(g, z, 1);
    this.size[g] = this.sizeFor(g, this.tonnes[g], this.floor[g]);
    this.touch(g);
    return true;
  }
}

