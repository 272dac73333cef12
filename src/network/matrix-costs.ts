// Cost (USD per tonne) and CO2 (kg per tonne) of every entry of a travel matrix, from the
// scenario's per-mode factors; rail entries add the road access legs and both transfers.
import type { Scenario, TravelMatrix } from "../domain/index.js";
import type { TerminalLink } from "./intermodal.js";

type Factors = Scenario["transport"]["road"];

/** Fills `costUsdPerT` and `co2KgPerT` of a road matrix: km × the road factors. */
export function addRoadCosts(m: TravelMatrix, road: Factors): void {
  m.costUsdPerT = m.distanceKm.map((km) => perTonne(km, road.costUsdPerTKm));
  m.co2KgPerT = m.distanceKm.map((km) => perTonne(km, road.co2KgPerTKm));
}

/**
 * Fills `costUsdPerT` and `co2KgPerT` of a rail matrix: road km × road factors, rail km × rail
 * factors, plus the transfer cost at both terminals of the chain (`via`, from intermodalMatrix).
 */
export function addRailCosts(
  m: TravelMatrix,
  road: Factors,
  rail: Factors,
  links: ReadonlyArray<TerminalLink>,
  via: Int32Array,
): void {
  const railKm = m.railDistanceKm ?? new Float64Array(m.distanceKm.length);
  const cost = new Float64Array(m.distanceKm.length);
  const co2 = new Float64Array(m.distanceKm.length);
  for (let k = 0; k < cost.length; k++) {
    if (m.distanceKm[k] === Infinity) {
      cost[k] = co2[k] = Infinity;
      continue;
    }
    const roadKm = m.distanceKm[k] - railKm[k];
    const transfer = via[2 * k] >= 0 ? links[via[2 * k]].transferCostUsdPerT + links[via[2 * k + 1]].transferCostUsdPerT : 0;
    cost[k] = roadKm * road.costUsdPerTKm + railKm[k] * rail.costUsdPerTKm + transfer;
    co2[k] = roadKm * road.co2KgPerTKm + railKm[k] * rail.co2KgPerTKm;
  }
  m.costUsdPerT = cost;
  m.co2KgPerT = co2;
}

// an unreachable pair stays Infinity even with a zero factor
function perTonne(km: number, factor: number): number {
  return km === Infinity ? Infinity : km * factor;
}
