// Turns the shared factors, a place's description and its raw ZIP rows into a scenario object.
// Pure and deterministic: the same inputs give the same object, key order included.
import { expandRoute } from "./composed-lanes.mjs";
import { grouped, round } from "./numbers.mjs";

const M2_PER_FT2 = 0.09290304;
const ZONE_SOURCE =
  "population: 2010 Census, table P2, by ZCTA5 (US Census Bureau; rows copied in raw/zcta-2010.tsv); location: ZIP centroid from the npm package zipcodes 8.0.0 (raw/zip-centroids.tsv)";

/** Replaces {key} placeholders with the shared citations. */
function cite(text, citations) {
  return text.replace(/\{(\w+)\}/g, (all, key) => citations[key] ?? all);
}

function fail(place, path, message) {
  throw new Error(`datasets/${place.id}/place.json ${path}: ${message}`);
}

function buildZone(place, entry, i, raw) {
  const zips = entry.zips ?? [entry.zip];
  let population = 0;
  let latSum = 0;
  let lonSum = 0;
  let first;
  for (const zip of zips) {
    const pop = raw.population.get(zip);
    const c = raw.centroids.get(zip);
    if (pop === undefined) fail(place, `zones[${i}]`, `ZIP ${zip} has no row in raw/zcta-2010.tsv (run datasets/extract-zips.mjs ${place.id})`);
    if (!c) fail(place, `zones[${i}]`, `ZIP ${zip} has no row in raw/zip-centroids.tsv (run datasets/extract-zips.mjs ${place.id})`);
    first ??= c;
    population += pop;
    latSum += c.lat * Math.max(pop, 1);
    lonSum += c.lon * Math.max(pop, 1);
  }
  const weight = zips.reduce((a, z) => a + Math.max(raw.population.get(z), 1), 0);
  const county = !entry.county ? "" : /Borough|Municipality|County|Parish/.test(entry.county) ? ` (${entry.county})` : ` (${entry.county} County)`;
  const single = zips.length === 1;
  return {
    id: entry.id ?? `zip-${zips[0]}`,
    name: entry.name ?? `${zips[0]} ${first.city}, ${first.state}${county}`,
    location: { lat: round(latSum / weight, 4), lon: round(lonSum / weight, 4) },
    population,
    source: single
      ? ZONE_SOURCE
      : `${ZONE_SOURCE}; this zone adds up ZIPs ${zips.join(", ")} and sits at their population-weighted centroid`,
  };
}

function buildStream(st, factors, appended = []) {
  const c = factors.citations;
  const massShare = round((st.discardedUnitsPerCapitaYear * st.unitMassKg) / factors.generation.kgPerCapitaYear, 5);
  return {
    id: st.id,
    name: st.name,
    unitMassKg: st.unitMassKg,
    unitVolumeM3: st.unitVolumeM3,
    hazardous: st.hazardous,
    processSteps: [...st.processSteps, ...appended.filter((p) => !st.processSteps.includes(p))],
    massShare,
    composition: st.composition.map((e) => ({ material: e.material, kgPerUnit: e.kgPerUnit, source: cite(e.source, c) })),
    source: `${cite(st.source, c)}. Process steps: ${factors.processingStepsSource}${appended.length > 0 ? `; ${appended.join(", ")} added at the regional centre (place.json streamStepsAppend)` : ""}. Mass share ${massShare} = ${st.discardedUnitsPerCapitaYear} units per resident per year x ${st.unitMassKg} kg / ${factors.generation.kgPerCapitaYear} kg per resident; ${st.discardSource}`,
  };
}

function buildHubSite(place, site, factors, costs = factors.hubCosts) {
  const h = costs;
  const leasePerM2 = site.leaseUsdPerFt2Year / M2_PER_FT2;
  const sizes = h.sizes.map((size) => {
    const lease = size.floorM2 * leasePerM2;
    const utilities = size.floorM2 * h.utilitiesUsdPerM2Year;
    const equipment = size.equipmentUsd * h.capitalRecoveryFactor;
    const staff = size.staff * h.loadedWageUsdPerYear;
    const total = Math.round(lease + utilities + equipment + staff);
    return {
      id: size.id,
      capacityTPerYear: size.capacityTPerYear,
      fixedCostUsdPerYear: total,
      floorSpaceM2: size.enterpriseFloorM2,
      jobs: size.staff,
      source:
        `fixed cost $${grouped(total)}/year = lease ${size.floorM2} m2 x $${round(leasePerM2, 2)}/m2 ($${site.leaseUsdPerFt2Year}/ft2) ` +
        `+ utilities ${size.floorM2} m2 x $${h.utilitiesUsdPerM2Year}/m2 + equipment $${grouped(size.equipmentUsd)} x ${h.capitalRecoveryFactor} ` +
        `+ ${size.staff} staff x $${grouped(h.loadedWageUsdPerYear)}. Lease: ${place.leaseSource}. Utilities: ${h.utilitiesSource}. ` +
        `Capital recovery: ${h.crfSource}. Staff: ${h.wageSource}. Size: ${size.source}`,
    };
  });
  return {
    id: site.id,
    name: site.name,
    location: { lat: site.lat, lon: site.lon },
    sizes,
    processSteps: site.processSteps,
    variableCostUsdPerT: h.variableCostUsdPerT,
    status: site.status ?? "candidate",
    source: `site: ${site.reasoning}. Handling cost: ${h.variableSource}`,
  };
}

/** Collection channels: the shared factors, the place's drop-off points and targets (docs/channels.md). */
function buildChannels(place, factors) {
  const { site, ...dropOff } = factors.channels.dropOff;
  const p = place.channels;
  return {
    curbside: factors.channels.curbside,
    dropOff: {
      ...dropOff,
      sites: p.dropOffSites.map((d) => ({
        id: d.id,
        name: d.name,
        location: { lat: d.lat, lon: d.lon },
        fixedCostUsdPerYear: site.fixedCostUsdPerYear,
        capacityTPerYear: site.capacityTPerYear,
        source: `site: ${d.reasoning}. Cost and capacity: ${site.source}`,
      })),
    },
    mailBack: factors.channels.mailBack,
    event: factors.channels.event,
    ...(p.minCaptureRate !== undefined ? { minCaptureRate: p.minCaptureRate } : {}),
    source: `${factors.channels.source}${p.source ? `; ${p.source}` : ""}`,
  };
}

/** Regional centres: candidate sites costed like hubs with the shared regional sizes, and the steps they run. */
function buildRegional(place, factors) {
  const r = place.regional;
  const costs = { ...factors.hubCosts, ...factors.regionalCentreCosts };
  return {
    steps: r.steps,
    centres: r.centres.map((c) => ({ ...buildHubSite(place, c, factors, costs), modes: c.modes ?? ["road"] })),
    source: r.source,
  };
}

function buildOfftaker(place, id, i, factors) {
  const o = factors.offtakers[id];
  if (!o) fail(place, `offtakers[${i}]`, `unknown offtaker '${id}' (known: ${Object.keys(factors.offtakers).join(", ")})`);
  return {
    id,
    name: o.name,
    location: o.location,
    accepts: o.accepts.map((a) => {
      const p = factors.prices[a.material];
      const offer = { material: a.material, priceUsdPerT: Math.round(p.referenceUsdPerT * p.payableShare) };
      if (o.inputCapacityTPerYear) offer.maxTPerYear = o.inputCapacityTPerYear;
      offer.source = `${p.source}${o.inputCapacityTPerYear ? `; at most the plant's stated input of ${grouped(o.inputCapacityTPerYear)} t/year` : ""}`;
      return offer;
    }),
    modes: place.offtakerModes ?? o.modes,
    source: place.offtakerModesSource ? `${o.source}. Modes: ${place.offtakerModesSource}` : o.source,
  };
}

function buildCarrier(place, carrier, i, factors) {
  return {
    id: carrier.id,
    name: carrier.name,
    depots: carrier.depots.map((d) => ({ id: d.id, name: d.name, location: { lat: d.lat, lon: d.lon } })),
    vehicles: carrier.vehicles.map((v, j) => {
      const t = factors.vehicles[v.template];
      if (!t) fail(place, `carriers[${i}].vehicles[${j}].template`, `unknown vehicle template '${v.template}' (known: ${Object.keys(factors.vehicles).join(", ")})`);
      const out = { id: v.id, count: v.count };
      if (v.startDepot) out.startDepot = v.startDepot;
      if (v.endDepot) out.endDepot = v.endDepot;
      return {
        ...out,
        capacityKg: t.capacityKg,
        capacityM3: t.capacityM3,
        costUsdPerKm: t.costUsdPerKm,
        costUsdPerHour: t.costUsdPerHour,
        fixedCostUsdPerDay: t.fixedCostUsdPerDay,
        shift: v.shift ?? t.shift,
        speedKmh: t.speedKmh,
        hazardousCertified: t.hazardousCertified,
        co2KgPerKm: t.co2KgPerKm,
        source: t.source,
      };
    }),
  };
}

function buildTerminal(t, factors) {
  const d = factors.terminalDefaults;
  return {
    id: t.id,
    name: t.name,
    location: { lat: t.lat, lon: t.lon },
    modes: t.modes,
    transferTimeS: t.transferTimeS ?? d.transferTimeS,
    transferCostUsdPerT: t.transferCostUsdPerT ?? d.transferCostUsdPerT,
    source: `${t.source}. Transfer: ${t.transferSource ?? d.source}`,
  };
}

function buildLane(place, lane, i, factors) {
  const mode = factors.transport[lane.mode];
  if (!mode) fail(place, `lanes[${i}].mode`, `no transport factors for mode '${lane.mode}'`);
  const cost = lane.costUsdPerT ?? round(lane.distanceKm * mode.costUsdPerTKm, 2);
  const costSource =
    lane.costSource ?? `cost = ${lane.distanceKm} km x $${mode.costUsdPerTKm}/t-km (${lane.mode} factors)`;
  return {
    id: lane.id,
    mode: lane.mode,
    from: lane.from,
    to: lane.to,
    distanceKm: lane.distanceKm,
    costUsdPerT: cost,
    co2KgPerTKm: lane.co2KgPerTKm ?? mode.co2KgPerTKm,
    transitDays: lane.transitDays,
    source: `${lane.source}. ${costSource}. Mode factors: ${mode.source}`,
  };
}

function buildTransport(place, factors) {
  const t = factors.transport;
  const out = { road: t.road };
  for (const m of place.modes ?? ["road"]) if (m !== "road") out[m] = t[m];
  out.collectionCostUsdPerTKm = place.collection?.costUsdPerTKm ?? t.collectionCostUsdPerTKm;
  out.source = place.collection?.source ?? t.collectionSource;
  return out;
}

/**
 * Pickups for the routing day: per selected zone, a working day's share of its yearly units
 * (rounded), split into a plain pickup and a hazardous one so that uncertified vans can take the first.
 */
function buildPickups(place, zones, streams, generation, workingDays) {
  const spec = place.dailyPickups;
  const out = [];
  for (const z of zones.filter((zone) => zone.id.startsWith(spec.zonePrefix))) {
    const kg = z.population * generation.kgPerCapitaYear * generation.collectionRate;
    const plain = {};
    const hazardous = {};
    for (const st of streams) {
      const n = Math.round((kg * st.massShare) / st.unitMassKg / workingDays);
      if (n > 0) (st.hazardous ? hazardous : plain)[st.id] = n;
    }
    for (const [suffix, units] of [["", plain], ["-hz", hazardous]])
      if (Object.keys(units).length > 0)
        out.push({ id: `pickup-${z.id}${suffix}`, location: z.location, zoneId: z.id, units, date: spec.date, serviceS: spec.serviceS });
  }
  return out;
}

/**
 * Builds one place's scenario object (not yet validated: the caller runs parseScenario's rules).
 * @param factors datasets/common/factors.json
 * @param place datasets/<place>/place.json
 * @param raw the place's raw rows (readRawInputs)
 * @throws Error naming place.json's path when a ZIP, template or offtaker is unknown.
 */
export function buildScenario(factors, place, raw) {
  const { source: generationSource, ...generation } = factors.generation;
  const { source: policySource, ...policy } = factors.policy;
  const hubSites = place.hubSites.map((s) => buildHubSite(place, s, factors));
  const offtakers = place.offtakers.map((id, i) => buildOfftaker(place, id, i, factors));
  const terminals = (place.terminals ?? []).map((t) => buildTerminal(t, factors));
  const network = place.network ?? { circuityFactor: 1.2, roadSpeedKmh: 40, maxSnapDistanceM: 2000 };
  const streams = factors.streams.map((s) => buildStream(s, factors, place.streamStepsAppend?.[s.id]));
  const regional = place.regional ? buildRegional(place, factors) : undefined;
  const zones = place.zones.map((z, i) => buildZone(place, z, i, raw));
  const gen = { ...generation, ...(place.generation ?? {}), source: place.generationSource ?? generationSource };
  const pol = { ...policy, ...(place.policy ?? {}), source: place.policySource ?? policySource };
  const places = new Map([...hubSites, ...terminals, ...offtakers, ...(regional?.centres ?? [])].map((p) => [p.id, p]));
  const composed = (place.composedLanes ?? []).flatMap((route) =>
    expandRoute(route, hubSites, places, factors.transport, network.circuityFactor, `datasets/${place.id}/place.json`),
  );
  return {
    id: place.id,
    name: place.name,
    description: place.description,
    region: place.region,
    materials: factors.materials,
    streams,
    generation: gen,
    zones,
    hubSites,
    ...(regional ? { regional } : {}),
    enterprises: place.enterprises.map((e) => ({ ...e, illustrative: true })),
    offtakers,
    terminals,
    lanes: [...(place.lanes ?? []).map((l, i) => buildLane(place, l, i, factors)), ...composed],
    carriers: place.carriers.map((c, i) => buildCarrier(place, c, i, factors)),
    transport: buildTransport(place, factors),
    ...(place.channels ? { channels: buildChannels(place, factors) } : {}),
    processing: factors.processing,
    ...(place.dailyPickups ? { pickups: buildPickups(place, zones, streams, gen, pol.workingDaysPerYear) } : {}),
    network,
    policy: pol,
  };
}
