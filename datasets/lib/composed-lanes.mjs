// Expands multi-leg long-haul routes (road to a port or rail terminal, sea or rail, road on) into
// one explicit lane per candidate hub and offtaker, with all-in cost, CO2 and transit time.
import { greatCircleKm, round } from "./numbers.mjs";

/** Circuity of a leg whose distance is not given: km = great-circle km × this. */
const CIRCUITY = { road: 1.2, rail: 1.25, sea: 1.15 };

function locate(id, places, where) {
  const p = places.get(id);
  if (!p) throw new Error(`${where}: unknown place '${id}' (known: ${[...places.keys()].join(", ")})`);
  return p;
}

/**
 * One lane per (hub site, composed route): the first leg starts at the hub.
 * @param route {id, mode, offtaker (or to: a regional centre), legs: [{mode, from?, to, distanceKm?, costUsdPerT?, transitDays?, source?}], source}
 * @param hubs the hub sites the lanes start from
 * @param places Map id -> {location, transferCostUsdPerT?, transferTimeS?, name?} of hubs, terminals and offtakers
 * @param transport the shared per-mode factors (costUsdPerTKm, co2KgPerTKm, speedKmh)
 * @param roadCircuity the scenario's circuity factor for the road legs
 * @throws Error naming the route when a leg refers to an unknown place or mode.
 */
export function expandRoute(route, hubs, places, transport, roadCircuity, where) {
  // A route may start only from some hubs (route.hubs), e.g. a sea route from the port city's hub.
  return hubs.filter((hub) => !route.hubs || route.hubs.includes(hub.id)).map((hub) => {
    let from = hub.id;
    let km = 0;
    let cost = 0;
    let co2 = 0;
    let days = 0;
    const parts = [];
    route.legs.forEach((leg, i) => {
      const f = transport[leg.mode];
      if (!f) throw new Error(`${where} route ${route.id} leg ${i}: no transport factors for mode '${leg.mode}'`);
      const a = locate(leg.from ?? from, places, `${where} route ${route.id} leg ${i}`);
      const b = locate(leg.to, places, `${where} route ${route.id} leg ${i}`);
      const circuity = leg.mode === "road" ? roadCircuity : CIRCUITY[leg.mode];
      const legKm = leg.distanceKm ?? round(greatCircleKm(a.location, b.location) * circuity, 0);
      const legCost = leg.costUsdPerT ?? legKm * f.costUsdPerTKm;
      km += legKm;
      cost += legCost;
      co2 += legKm * f.co2KgPerTKm;
      days += leg.transitDays ?? legKm / f.speedKmh / 24;
      parts.push(
        `${leg.mode} ${leg.from ?? from}->${leg.to} ${legKm} km ($${round(legCost, 2)}/t${leg.distanceKm === undefined ? `, great-circle x ${circuity}` : ""}${leg.source ? `; ${leg.source}` : ""})`,
      );
      if (i > 0 && a.transferCostUsdPerT !== undefined) {
        cost += a.transferCostUsdPerT;
        days += a.transferTimeS / 86400;
        parts.push(`transfer at ${leg.from ?? from} $${a.transferCostUsdPerT}/t`);
      }
      from = leg.to;
    });
    return {
      id: `${hub.id}--${route.id}`,
      mode: route.mode,
      from: hub.id,
      to: route.to ?? route.offtaker,
      distanceKm: km,
      costUsdPerT: round(cost, 2),
      co2KgPerTKm: round(co2 / km, 5),
      transitDays: round(days, 1),
      source: `${route.source}. Legs: ${parts.join("; ")}. Per-mode cost and CO2 factors as in transport`,
    };
  });
}
