// What the scenario asks of a routed day beyond loads and windows: driver breaks per vehicle
// type, setup times per pickup or zone, tags per stream or pickup and the pairs of tags that
// never share a vehicle. Helpers that read them, and the checks the schema cannot express.
import { clockToSeconds } from "./common.js";
import type { InputIssue } from "./errors.js";
import type { PickupRequest } from "./fleet.js";
import type { Scenario } from "./scenario.js";
import { haversineM } from "./service-area.js";

/** Tags a pickup of `units` carries: its own, then those of every stream it hands in (sorted, unique). */
export function unitsTags(scenario: Scenario, units: Record<string, number>, own: readonly string[] = []): string[] {
  const tags = new Set(own);
  for (const st of scenario.streams) if ((units[st.id] ?? 0) > 0) for (const t of st.tags ?? []) tags.add(t);
  return [...tags].sort();
}

/** Setup seconds of a pickup: its own, else its zone's (`zoneId`, else the nearest zone), else 0. */
export function pickupSetupS(scenario: Scenario, request: Pick<PickupRequest, "setupS" | "zoneId" | "location">): number {
  if (request.setupS !== undefined) return request.setupS;
  if (!scenario.zones.some((z) => z.setupS !== undefined)) return 0;
  const { lat, lon } = request.location;
  const zone =
    request.zoneId !== undefined
      ? scenario.zones.find((z) => z.id === request.zoneId)
      : scenario.zones.reduce((a, z) => (haversineM(lat, lon, z.location.lat, z.location.lon) < haversineM(lat, lon, a.location.lat, a.location.lon) ? z : a));
  return zone?.setupS ?? 0;
}

/** The pair of `incompatible` that `tags` holds both of, if any. */
function clash(tags: readonly string[], incompatible: ReadonlyArray<readonly [string, string]>): readonly [string, string] | undefined {
  const has = new Set(tags);
  return incompatible.find(([a, b]) => has.has(a) && has.has(b));
}

/**
 * Cross-checks of breaks, setup times and tags: pairs of two known, different tags; no stream or
 * pickup carrying both tags of a pair (it could never be loaded); breaks inside the shift, with
 * unique ids. All of these go with any fleet, unload trips included: tags are kept apart per trip
 * (an unload empties the vehicle) and a transfer is picked up and delivered within one trip.
 */
export function checkDayRules(s: Scenario): InputIssue[] {
  const out: InputIssue[] = [];
  const pairs = s.incompatibleTags ?? [];
  const known = new Set([...s.streams.flatMap((st) => st.tags ?? []), ...(s.pickups ?? []).flatMap((p) => p.tags ?? []), ...(s.transfers ?? []).flatMap((t) => t.tags ?? [])]);
  pairs.forEach((pair, i) => {
    if (pair[0] === pair[1]) out.push({ path: `incompatibleTags[${i}]`, message: `expected two different tags, got ["${pair[0]}", "${pair[1]}"]` });
    pair.forEach((t, k) => {
      if (!known.has(t)) out.push({ path: `incompatibleTags[${i}][${k}]`, message: `unknown tag '${t}': no stream or pickup carries it (known: ${[...known].sort().join(", ") || "none"})` });
    });
  });
  s.streams.forEach((st, i) => {
    const c = clash(st.tags ?? [], pairs);
    if (c) out.push({ path: `streams[${i}].tags`, message: `holds both '${c[0]}' and '${c[1]}', which incompatibleTags keeps apart: its pickups could never be loaded` });
  });
  (s.pickups ?? []).forEach((p, i) => {
    const c = clash(unitsTags(s, p.units, p.tags), pairs);
    if (c) out.push({ path: `pickups[${i}]`, message: `carries both '${c[0]}' and '${c[1]}' (its tags and its streams'), which incompatibleTags keeps apart: split it into one pickup per stream` });
  });
  (s.transfers ?? []).forEach((t, i) => {
    const c = clash(t.tags ?? [], pairs);
    if (c) out.push({ path: `transfers[${i}].tags`, message: `holds both '${c[0]}' and '${c[1]}', which incompatibleTags keeps apart: it could never be loaded` });
  });
  s.carriers.forEach((c, i) =>
    c.vehicles.forEach((v, j) => {
      const shift: [number, number] = [clockToSeconds(v.shift.start), clockToSeconds(v.shift.end)];
      const ids = new Set<string>();
      (v.breaks ?? []).forEach((b, k) => {
        const p = `carriers[${i}].vehicles[${j}].breaks[${k}]`;
        if (ids.has(b.id)) out.push({ path: `${p}.id`, message: `duplicate break id '${b.id}'` });
        ids.add(b.id);
        if (b.window) {
          const [ws, we] = [clockToSeconds(b.window.start), clockToSeconds(b.window.end)];
          if (we < ws) out.push({ path: `${p}.window`, message: `ends (${b.window.end}) before it starts (${b.window.start})` });
          else if (we < shift[0] || ws > shift[1]) out.push({ path: `${p}.window`, message: `${b.window.start}–${b.window.end} lies outside the shift ${v.shift.start}–${v.shift.end}` });
        }
        if (b.durationS > shift[1] - shift[0]) out.push({ path: `${p}.durationS`, message: `${b.durationS} s is longer than the shift (${shift[1] - shift[0]} s)` });
      });
    }),
  );
  return out;
}
