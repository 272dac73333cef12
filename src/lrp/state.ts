// A location-routing solution under search: routes (customer nodes in visit order) each tied to
// one depot, with loads, distances and per-depot totals kept current; penalised capacity excess.
import type { LrpData } from "./data.js";

/** Mutable solution with derived data; every change goes through `replace`/`addRoute`. */
export class LrpState {
  routes: number[][] = [];
  depotOf: number[] = [];
  load: number[] = [];
  dist: number[] = [];
  /** Per route and position: load and travel cost from the depot up to that customer. */
  preLoad: number[][] = [];
  preDist: number[][] = [];
  /** When each route last changed, on the state's move clock (local search skips unchanged pairs). */
  stamp: number[] = [];
  clock = 0;
  /** Clock when each customer was last examined by the local search. */
  readonly tested: Int32Array;
  /** Route index and position of each customer node (-1 when unrouted). */
  readonly routeOf: Int32Array;
  readonly posOf: Int32Array;
  readonly depotLoad: Float64Array;
  readonly depotRoutes: Int32Array;
  /** Depots the search may use (open a route at). */
  readonly allowed: Uint8Array;
  /** Penalty per unit of vehicle / depot capacity excess. */
  penV = 1;
  penD = 1;

  constructor(readonly data: LrpData) {
    this.routeOf = new Int32Array(data.size).fill(-1);
    this.posOf = new Int32Array(data.size).fill(-1);
    this.tested = new Int32Array(data.size);
    this.depotLoad = new Float64Array(data.m);
    this.depotRoutes = new Int32Array(data.m);
    this.allowed = new Uint8Array(data.m).fill(1);
  }

  clone(): LrpState {
    const s = new LrpState(this.data);
    s.copyFrom(this);
    return s;
  }

  copyFrom(o: LrpState): void {
    this.routes = o.routes.map((r) => r.slice());
    this.depotOf = o.depotOf.slice();
    this.load = o.load.slice();
    this.dist = o.dist.slice();
    this.preLoad = o.preLoad.map((a) => a.slice());
    this.preDist = o.preDist.map((a) => a.slice());
    this.stamp = o.stamp.slice();
    this.clock = o.clock;
    this.tested.set(o.tested);
    this.routeOf.set(o.routeOf);
    this.posOf.set(o.posOf);
    this.depotLoad.set(o.depotLoad);
    this.depotRoutes.set(o.depotRoutes);
    this.allowed.set(o.allowed);
    this.penV = o.penV;
    this.penD = o.penD;
  }

  /** Travel cost of `seq` from and back to `depot`. */
  routeDist(depot: number, seq: ArrayLike<number>): number {
    const { cost, size } = this.data;
    if (seq.length === 0) return 0;
    let d = cost[depot * size + seq[0]];
    for (let i = 1; i < seq.length; i++) d += cost[seq[i - 1] * size + seq[i]];
    return d + cost[seq[seq.length - 1] * size + depot];
  }

  addRoute(depot: number, seq: number[]): void {
    const r = this.routes.length;
    this.routes.push([]);
    this.depotOf.push(depot);
    this.load.push(0);
    this.dist.push(0);
    this.preLoad.push([]);
    this.preDist.push([]);
    this.stamp.push(0);
    this.depotRoutes[depot]++;
    this.setSeq(r, seq);
    if (seq.length === 0) this.dropEmpty([r]);
  }

  /** Sets new sequences of one or two routes (r2 = -1 for one), then drops emptied routes. */
  replace(r1: number, seq1: number[], r2 = -1, seq2: number[] = []): void {
    this.setSeq(r1, seq1);
    if (r2 >= 0) this.setSeq(r2, seq2);
    this.dropEmpty(r2 >= 0 ? [r1, r2] : [r1]);
  }

  /** Moves route r to another depot with a new sequence. */
  moveRoute(r: number, depot: number, seq: number[]): void {
    const old = this.depotOf[r];
    this.depotLoad[old] -= this.load[r];
    this.depotRoutes[old]--;
    this.depotOf[r] = depot;
    this.depotLoad[depot] += this.load[r];
    this.depotRoutes[depot]++;
    this.setSeq(r, seq);
  }

  /** Takes the given customers out of their routes (they become unrouted). */
  removeCustomers(customers: number[]): void {
    const touched = new Set<number>();
    for (const c of customers) {
      touched.add(this.routeOf[c]);
      this.routeOf[c] = -1;
    }
    const rs = [...touched];
    for (const r of rs) this.setSeq(r, this.routes[r].filter((c) => this.routeOf[c] === r));
    this.dropEmpty(rs);
  }

  private setSeq(r: number, seq: number[]): void {
    const { demand, cost, size } = this.data;
    const d = this.depotOf[r];
    const pl = (this.preLoad[r] = new Array<number>(seq.length));
    const pd = (this.preDist[r] = new Array<number>(seq.length));
    let load = 0;
    let dist = 0;
    let at = d;
    for (let i = 0; i < seq.length; i++) {
      const c = seq[i];
      load += demand[c];
      dist += cost[at * size + c];
      at = c;
      pl[i] = load;
      pd[i] = dist;
      this.routeOf[c] = r;
      this.posOf[c] = i;
    }
    this.depotLoad[d] += load - this.load[r];
    this.routes[r] = seq;
    this.load[r] = load;
    this.dist[r] = seq.length === 0 ? 0 : dist + cost[at * size + d];
    this.stamp[r] = ++this.clock;
  }

  private dropEmpty(rs: number[]): void {
    const empty = rs.filter((r) => this.routes[r].length === 0).sort((a, b) => b - a);
    for (const r of empty) {
      if (r >= this.routes.length || this.routes[r].length !== 0) continue;
      this.depotRoutes[this.depotOf[r]]--;
      const last = this.routes.length - 1;
      if (r !== last) {
        this.routes[r] = this.routes[last];
        this.depotOf[r] = this.depotOf[last];
        this.load[r] = this.load[last];
        this.dist[r] = this.dist[last];
        this.preLoad[r] = this.preLoad[last];
        this.preDist[r] = this.preDist[last];
        this.stamp[r] = ++this.clock;
        for (const c of this.routes[r]) this.routeOf[c] = r;
      }
      this.routes.pop();
      this.depotOf.pop();
      this.load.pop();
      this.dist.pop();
      this.preLoad.pop();
      this.preDist.pop();
      this.stamp.pop();
    }
  }

  /** Unpenalised cost: opened depots + route costs + travel. */
  cost(): number {
    const { m, openingCost, routeCost } = this.data;
    let c = routeCost * this.routes.length;
    for (const d of this.dist) c += d;
    for (let d = 0; d < m; d++) if (this.depotRoutes[d] > 0) c += openingCost[d];
    return c;
  }

  vehicleExcess(): number {
    let e = 0;
    for (const l of this.load) e += Math.max(0, l - this.data.vehicleCapacity);
    return e;
  }

  depotExcess(): number {
    let e = 0;
    for (let d = 0; d < this.data.m; d++) e += Math.max(0, this.depotLoad[d] - this.data.depotCapacity[d]);
    return e;
  }

  feasible(): boolean {
    return this.vehicleExcess() < 1e-9 && this.depotExcess() < 1e-9 && this.unrouted() === 0;
  }

  unrouted(): number {
    let k = 0;
    for (let c = this.data.m; c < this.data.size; c++) if (this.routeOf[c] < 0) k++;
    return k;
  }

  penalised(): number {
    return this.cost() + this.penV * this.vehicleExcess() + this.penD * this.depotExcess();
  }

  /** Depots with at least one route. */
  openDepots(): number[] {
    const out: number[] = [];
    for (let d = 0; d < this.data.m; d++) if (this.depotRoutes[d] > 0) out.push(d);
    return out;
  }
}
