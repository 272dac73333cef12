// Collection channels on line scenarios worked out by hand: which channel a zone gets follows
// from costs computed here from the scenario's own factors (route formula, parcel tariff, event
// and drop-off costs), not from the solver; the plan checker catches broken channel plans.
import { describe, expect, it } from "vitest";
import { parseScenario, type ScenarioInput } from "../../src/domain/index.js";
import { buildSitingData, solveSiting } from "../../src/siting/index.js";
import { checkSitingPlan } from "../../src/siting/plan-check.js";
import { buildSitingModel } from "../../src/siting/siting-model.js";
import { decodeYears, polishYear } from "../../src/siting/year-plan.js";
import { HighsSolver } from "../../src/siting/milp/highs-adapter.js";
import { lineMatrix, type LinePlace } from "./fixtures.js";

const opts = { timeLimitS: 60, mipGap: 1e-9 };
const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b)));
const loc = { lat: 36.2, lon: -86.3 };

// Parcel tariff: weight bands ≤2, ≤10, ≤30 kg × distance zones ≤50, ≤150, ≤400, ≤1000 km.
const TARIFF = {
  weightBandsKg: [2, 10, 30],
  distanceZonesKm: [50, 150, 400, 1000],
  priceUsd: [
    [8, 9, 11, 14],
    [12, 15, 19, 25],
    [20, 26, 33, 44],
  ],
  source: "test tariff",
};
const TRIP = { kgPerTrip: 10, co2KgPerKm: 0.25, source: "test" };

/**
 * One hub A at x = 0 (fixed 1,000 USD/yr, 40 USD/t handling); zones and drop-off points at km
 * marks. Laptops of 2 kg. The carrier's van costs 2 USD/km and nothing else, no depot (routes
 * start and end at the hub), 250 working days: a lone zone d km from the hub costs 2 × 2d × 250 =
 * 1,000 d USD a year by curbside, whatever it hands in (one visit a day).
 */
function channelScenario(o: {
  zones: Array<{ id: string; x: number; tonnes: number; channels?: string[]; minCaptureRate?: number }>;
  dropOffs?: Array<{ id: string; x: number; fixed: number; cap: number }>;
  channels: Record<string, unknown>;
  co2Price?: number;
}) {
  const input = {
    id: "channels",
    name: "channels test",
    region: { name: "test" },
    materials: [{ id: "copper", name: "Copper" }],
    streams: [{ id: "laptop", name: "Laptop", unitMassKg: 2, unitVolumeM3: 0.01, composition: [{ material: "copper", kgPerUnit: 0.5 }] }],
    zones: o.zones.map((z) => ({ id: z.id, location: loc, unitsPerYear: { laptop: (z.tonnes * 1000) / 2 }, channels: z.channels, minCaptureRate: z.minCaptureRate })),
    hubSites: [{ id: "A", location: loc, processSteps: ["sorting"], variableCostUsdPerT: 40, sizes: [{ id: "only", capacityTPerYear: 10_000, fixedCostUsdPerYear: 1000 }] }],
    carriers: [
      {
        id: "c",
        name: "carrier",
        vehicles: [{ id: "v", capacityKg: 4000, capacityM3: 40, costUsdPerKm: 2, costUsdPerHour: 0, fixedCostUsdPerDay: 0, co2KgPerKm: 0.5, shift: { start: "06:00", end: "20:00" } }],
      },
    ],
    transport: { road: { costUsdPerTKm: 0.1, co2KgPerTKm: 0.1, speedKmh: 60 } },
    channels: { ...o.channels, ...(o.dropOffs ? {} : {}) },
    policy: { disposalCostUsdPerT: 0, mipGap: 1e-9, co2PriceUsdPerT: o.co2Price ?? 0 },
  } as unknown as ScenarioInput;
  if (o.dropOffs)
    (input.channels as Record<string, unknown>).dropOff = {
      ...((o.channels.dropOff as object) ?? {}),
      sites: o.dropOffs.map((d) => ({ id: d.id, location: loc, fixedCostUsdPerYear: d.fixed, capacityTPerYear: d.cap })),
    };
  const scenario = parseScenario(input);
  const places: LinePlace[] = [...o.zones, { id: "A", x: 0 }, ...(o.dropOffs ?? [])];
  return { scenario, road: lineMatrix(places) };
}

const curbAndMail = { curbside: { captureRate: 0.4 }, mailBack: { captureRate: 0.4, parcelKg: 10, tariff: TARIFF, co2KgPerTKm: 0.2 } };

describe("collection channels", () => {
  it("a sparse rural zone far from the hub gets mail-back: parcels are far cheaper than the routes", async () => {
    // Zone R: 5 t a year available, 150 km from hub A; it must capture at least 30%, and either
    // channel captures 40% (2 t). By hand:
    //   curbside: one visit a day, 2 × 150 km × 2 USD/km × 250 days          = 150,000 USD/yr
    //   mail-back: 2 t = 2,000 kg / 10 kg = 200 parcels × 15 USD (≤10 kg, ≤150 km) = 3,000 USD/yr
    const { scenario, road } = channelScenario({ zones: [{ id: "R", x: 150, tonnes: 5, minCaptureRate: 0.3 }], channels: curbAndMail });
    const r = await solveSiting(scenario, { road }, opts);
    const zone = r.siting.channels!.find((z) => z.zoneId === "R")!;
    const curb = zone.options.find((x) => x.channel === "curbside")!;
    const mail = zone.options.find((x) => x.channel === "mail-back")!;
    near(curb.costUsdPerYear, 150_000);
    near(mail.costUsdPerYear, 3_000);
    expect(mail.chosen).toBe(true);
    expect(curb.chosen).toBe(false);
    expect(mail.reason).toMatch(/cheapest per tonne/);
    expect(curb.reason).toMatch(/dearer/);
    // objective: hub fixed 1,000 + parcels 3,000 + handling 2 t × 40 = 4,080 USD
    near(r.siting.objectiveUsd, 1000 + 3000 + 2 * 40);
    near(r.annual.tonnesCollectedTotalPerYear, 2);
    near(r.annual.channels!["mail-back"].tonnesPerYear, 2);
    near(r.annual.channels!["mail-back"].unitsPerYear, 1000);
    near(r.annual.channels!.curbside.tonnesPerYear, 0);
    // CO2: 2 t × 150 km × 0.2 kg/t-km = 60 kg by the parcel network
    near(r.annual.co2TPerYear, 0.06);
  });

  it("a dense zone close to the hub gets curbside: one short daily route beats thousands of parcels", async () => {
    // Zone D: 400 t available, 2 km from A, at least 30% captured; each channel 40% = 160 t.
    //   curbside: 2 × 2 km × 2 USD/km × 250 days (640 kg a day, one visit)   = 2,000 USD/yr
    //   mail-back: 160,000 kg / 10 kg = 16,000 parcels × 12 USD (≤10 kg, ≤50 km) = 192,000 USD/yr
    const { scenario, road } = channelScenario({ zones: [{ id: "D", x: 2, tonnes: 400, minCaptureRate: 0.3 }], channels: curbAndMail });
    const r = await solveSiting(scenario, { road }, opts);
    const zone = r.siting.channels!.find((z) => z.zoneId === "D")!;
    const curb = zone.options.find((x) => x.channel === "curbside")!;
    const mail = zone.options.find((x) => x.channel === "mail-back")!;
    near(curb.costUsdPerYear, 2_000);
    near(mail.costUsdPerYear, 192_000);
    expect(curb.chosen).toBe(true);
    expect(mail.chosen).toBe(false);
    near(r.siting.objectiveUsd, 1000 + 2000 + 160 * 40);
    near(r.annual.channels!.curbside.tonnesPerYear, 160);
    // the assignment carries the curbside routes' cost (what the routed day is compared with)
    near(r.siting.assignments[0].collectionUsdPerYear!, 2000);
  });

  it("a zone target above one channel's reach takes the cheapest pair, and the reason says so", async () => {
    // Zone D again but it must capture 70%: curbside (40%) alone is short, so mail-back is added.
    const { scenario, road } = channelScenario({ zones: [{ id: "D", x: 2, tonnes: 400, minCaptureRate: 0.7 }], channels: curbAndMail });
    const r = await solveSiting(scenario, { road }, opts);
    const zone = r.siting.channels![0];
    expect(zone.options.every((x) => x.chosen)).toBe(true);
    near(zone.captureRate, 0.8);
    expect(zone.options.find((x) => x.channel === "mail-back")!.reason).toMatch(/adds 40.0% capture.*zone's target is 70.0%/);
    near(r.siting.objectiveUsd, 1000 + 2000 + 192_000 + 320 * 40);
  });

  it("all four channels: each zone's options, choices and reasons; KPIs and mass balance add up", async () => {
    // Three zones along the line; a drop-off point P at 20 km (fixed 5,000 USD/yr); events 4 a
    // year at 3,000 USD; overall target 45% of all available devices.
    const { scenario, road } = channelScenario({
      zones: [
        { id: "NEAR", x: 3, tonnes: 300 },
        { id: "MID", x: 22, tonnes: 120 },
        { id: "FAR", x: 140, tonnes: 10 },
      ],
      dropOffs: [{ id: "P", x: 20, fixed: 5000, cap: 100 }],
      channels: {
        ...curbAndMail,
        curbside: { captureRate: 0.35 },
        mailBack: { ...curbAndMail.mailBack, captureRate: 0.15 },
        dropOff: { captureRate: 0.25, maxTripKm: 10, householdTrip: TRIP },
        event: { captureRate: 0.1, eventsPerYear: 4, costUsdPerEvent: 3000, tripKm: 5, householdTrip: TRIP },
        minCaptureRate: 0.45,
      },
    });
    const r = await solveSiting(scenario, { road }, opts);
    const zones = r.siting.channels!;
    expect(zones.map((z) => z.zoneId)).toEqual(["NEAR", "MID", "FAR"]);
    const kinds = (id: string) => zones.find((z) => z.zoneId === id)!.options.map((x) => x.channel).sort();
    // P is within 10 km of MID only (2 km); NEAR is 17 km and FAR 120 km from it
    expect(kinds("MID")).toEqual(["curbside", "drop-off", "event", "mail-back"]);
    expect(kinds("NEAR")).toEqual(["curbside", "event", "mail-back"]);
    for (const z of zones) for (const x of z.options) expect(x.reason.length).toBeGreaterThan(10);
    const captured = zones.reduce((a, z) => a + z.capturedTPerYear, 0);
    expect(captured).toBeGreaterThanOrEqual(0.45 * 430 - 1e-6);
    near(r.annual.tonnesCollectedTotalPerYear, captured);
    const perChannel = Object.values(r.annual.channels!).reduce((a, c) => a + c.tonnesPerYear, 0);
    near(perChannel, captured);
    // the channels' costs are the collection term: options at the zone's hub plus open points
    const optionCost = zones.flatMap((z) => z.options.filter((x) => x.chosen)).reduce((a, x) => a + x.costUsdPerYear, 0);
    const points = (r.siting.dropOffs ?? []).reduce((a, p) => a + p.fixedCostUsdPerYear, 0);
    near(r.annual.costUsdPerYear.collectionTransport, optionCost + points);
    const all = r.massBalance.find((m) => m.hubId === "all")!;
    near(all.inKg, captured * 1000);
    near(all.inKg, all.materialsKg.copper + all.disposedKg!.copper + all.lossKg);
  });

  it("drop-off wins where a point is near and households' trips are priced by a CO2 price only when counted", async () => {
    // Zone M: 100 t, 30 km from A; point P 1 km from M (fixed 1,000 USD/yr). Each channel 40%.
    //   curbside: 2 × 30 × 2 × 250                                            = 30,000 USD/yr
    //   drop-off: 40 t hauled 29 km × 0.1 USD/t-km = 116 USD + point 1,000     =  1,116 USD/yr
    //   households: 40,000 kg / 10 kg = 4,000 trips × 2 km × 0.25 kg/km          = 2,000 kg CO2
    const base = {
      zones: [{ id: "M", x: 30, tonnes: 100, minCaptureRate: 0.3 }],
      dropOffs: [{ id: "P", x: 29, fixed: 1000, cap: 500 }],
    };
    const mk = (counted: boolean, co2Price: number) =>
      channelScenario({ ...base, co2Price, channels: { curbside: { captureRate: 0.4 }, dropOff: { captureRate: 0.4, householdTrip: { ...TRIP, counted } } } });
    const a = mk(true, 0);
    const r = await solveSiting(a.scenario, { road: a.road }, opts);
    const drop = r.siting.channels![0].options.find((x) => x.channel === "drop-off")!;
    near(drop.costUsdPerYear, 116);
    near(drop.co2TPerYear, (40 * 29 * 0.1 + 2000) / 1000);
    expect(drop.chosen).toBe(true);
    near(r.siting.objectiveUsd, 1000 + 116 + 1000 + 40 * 40);
    expect(r.siting.dropOffs!.map((p) => p.id)).toEqual(["P"]);
    // At 20 USD/t CO2, counted trips add 2 t × 20 = 40 USD (plus the haul's 0.116 t): still drop-off.
    const b = mk(true, 20);
    const rb = await solveSiting(b.scenario, { road: b.road }, opts);
    near(rb.annual.co2TPerYear, 2 + 0.116 + 0 /* curbside not chosen */);
    const c = mk(false, 20);
    const rc = await solveSiting(c.scenario, { road: c.road }, opts);
    near(rc.annual.co2TPerYear, 0.116);
  });

  it("without channels the model is the one it always was (no channel columns, same objective)", async () => {
    const { scenario, road } = channelScenario({ zones: [{ id: "D", x: 2, tonnes: 400 }], channels: curbAndMail });
    const plain = { ...scenario, channels: undefined, zones: scenario.zones.map((z) => ({ ...z, minCaptureRate: undefined, channels: undefined })) };
    const data = buildSitingData(plain, { road });
    expect(data.channels).toBeUndefined();
    const model = buildSitingModel(data);
    expect(model.channels).toBeUndefined();
    expect(model.milp.colNames.some((n) => n.startsWith("g["))).toBe(false);
    const r = await solveSiting(plain, { road }, opts);
    // all 400 t by routes: 2,000 USD, handling 400 × 40, hub 1,000
    near(r.siting.objectiveUsd, 1000 + 2000 + 400 * 40);
    expect(r.siting.channels).toBeUndefined();
  });

  it("the checker names a zone below its capture target, an unopened drop-off point and a channel the zone does not allow", async () => {
    const { scenario, road } = channelScenario({
      zones: [{ id: "M", x: 30, tonnes: 100, minCaptureRate: 0.3, channels: ["drop-off", "curbside"] }],
      dropOffs: [{ id: "P", x: 29, fixed: 1000, cap: 500 }],
      channels: { ...curbAndMail, dropOff: { captureRate: 0.4, householdTrip: TRIP } },
    });
    const data = buildSitingData(scenario, { road });
    const model = buildSitingModel(data);
    const res = await new HighsSolver().solve(model.milp, { timeLimitS: 30, mipGap: 1e-9 });
    const plans = decodeYears(model, res.x!).map((p) => polishYear(data, p));
    expect(checkSitingPlan(data, road, plans).ok).toBe(true);
    const opts0 = data.channels!.options[0];
    expect(opts0.map((o) => o.kind)).toEqual(["curbside", "drop-off"]); // mail-back not allowed here
    // close the point: the zone's drop-off now uses a closed point
    const closed = plans.map((p) => ({ ...p, dropOffs: [] }));
    expect(checkSitingPlan(data, road, closed).violations.join("; ")).toMatch(/drop-off point P, which is not open/);
    // offer nothing: below the zone's target
    const none = plans.map((p) => ({ ...p, offered: [], assign: [] }));
    expect(checkSitingPlan(data, road, none).violations.join("; ")).toMatch(/zone M captures 0 t, below its target 30 t/);
  });

  it("refuses channels a zone lists but the scenario does not define, and capture rates above 1", () => {
    const bad = (zoneChannels: string[], rates: Record<string, unknown>) => () =>
      channelScenario({ zones: [{ id: "Z", x: 1, tonnes: 1, channels: zoneChannels }], channels: rates });
    expect(bad(["event"], curbAndMail)).toThrow(/zones\[0\]\.channels\[0\]: channel 'event' is not defined/);
    expect(bad(["curbside", "mail-back"], { curbside: { captureRate: 0.7 }, mailBack: { ...curbAndMail.mailBack, captureRate: 0.5 } })).toThrow(/capture rates add up to 1.200/);
  });
});

describe("drop-off capture falling with distance (captureDecay)", () => {
  // Zone Z (100 t available) at hub A (x = 0) must capture 20%; drop-off only, 30% undecayed.
  // Point N at 2 km (fixed 5,000 USD/yr), point F at 10 km (fixed 1,000 USD/yr).
  const mk = (captureDecay?: Record<string, unknown>) =>
    channelScenario({
      zones: [{ id: "Z", x: 0, tonnes: 100, minCaptureRate: 0.2 }],
      dropOffs: [{ id: "N", x: 2, fixed: 5000, cap: 1000 }, { id: "F", x: 10, fixed: 1000, cap: 1000 }],
      channels: { dropOff: { captureRate: 0.3, maxTripKm: 15, householdTrip: TRIP, ...(captureDecay ? { captureDecay } : {}) } },
    });

  it("without decay both points capture 30 t and the cheaper far point opens", async () => {
    // F: 1,000 + 30 t × 10 km × 0.1 = 1,030 USD; N: 5,000 + 30 × 2 × 0.1 = 5,006 USD
    const { scenario, road } = mk();
    const r = await solveSiting(scenario, { road }, opts);
    expect(r.siting.dropOffs!.map((p) => p.id)).toEqual(["F"]);
    near(r.annual.tonnesCollectedTotalPerYear, 30);
    near(r.siting.objectiveUsd, 1000 + 1000 + 30 + 30 * 40);
  });

  it("exponential: 0.3·e^(−0.1·10) = 11.0% at F misses the 20% target, so N (0.3·e^(−0.2) = 24.6%) opens", async () => {
    const { scenario, road } = mk({ perKm: 0.1, source: "test" });
    const rateN = 0.3 * Math.exp(-0.2); // 0.245619…
    const rateF = 0.3 * Math.exp(-1.0); // 0.110364…
    const data = buildSitingData(scenario, { road });
    const points = data.channels!.options[0].filter((o) => o.kind === "drop-off");
    near(points[0].rate, rateN);
    near(points[1].rate, rateF);
    near(points[1].tonnes, 100 * rateF);
    const r = await solveSiting(scenario, { road }, opts);
    expect(r.siting.dropOffs!.map((p) => p.id)).toEqual(["N"]);
    const t = 100 * rateN; // 24.5619 t
    near(r.annual.tonnesCollectedTotalPerYear, t);
    near(r.siting.channels![0].captureRate, rateN);
    // hub 1,000 + point 5,000 + haul t × 2 km × 0.1 + handling t × 40
    near(r.siting.objectiveUsd, 1000 + 5000 + t * 2 * 0.1 + t * 40);
    expect(r.factors.find((f) => f.name === "drop-off capture decay per km")).toMatchObject({ value: 0.1, source: "test" });
  });

  it("bands: F beyond the last band is not offered; N at 2 km captures 0.3 × 0.8", async () => {
    const { scenario, road } = mk({ bands: [{ upToKm: 1, factor: 1 }, { upToKm: 5, factor: 0.8 }] });
    const data = buildSitingData(scenario, { road });
    const points = data.channels!.options[0].filter((o) => o.kind === "drop-off");
    expect(points.map((o) => o.point)).toEqual([0]);
    near(points[0].rate, 0.24);
    const r = await solveSiting(scenario, { road }, opts);
    near(r.annual.tonnesCollectedTotalPerYear, 24);
  });

  it("the checker recomputes the decayed capture: a plan claiming the undecayed rate is caught", async () => {
    const { scenario, road } = mk({ perKm: 0.1 });
    const data = buildSitingData(scenario, { road });
    const model = buildSitingModel(data);
    const res = await new HighsSolver().solve(model.milp, { timeLimitS: 30, mipGap: 1e-9 });
    const plans = decodeYears(model, res.x!).map((p) => polishYear(data, p));
    expect(checkSitingPlan(data, road, plans).ok).toBe(true);
    // the same plan read against data that forgot the decay: 30 t claimed, 24.56 t captured
    const undecayed = buildSitingData(mk().scenario, { road });
    const v = checkSitingPlan({ ...undecayed, scenario }, road, plans).violations.join("; ");
    expect(v).toMatch(/zone Z's drop-off brings 30 t, not its capture rate × available \(24\.56/);
  });

  it("refuses both or neither of perKm and bands, and bands out of order", () => {
    expect(() => mk({})).toThrow(/channels\.dropOff\.captureDecay: give exactly one of perKm/);
    expect(() => mk({ perKm: 0.1, bands: [{ upToKm: 1, factor: 1 }] })).toThrow(/give exactly one/);
    expect(() => mk({ bands: [{ upToKm: 5, factor: 1 }, { upToKm: 2, factor: 0.5 }] })).toThrow(/captureDecay\.bands\[1\]\.upToKm: bands must be ascending/);
  });
});
