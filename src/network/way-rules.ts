// Which OSM ways a truck may drive or a train may run on, at what speed and in which direction.
// Speeds per road class are defaults that a scenario may override; a `maxspeed` tag wins
// over the class speed. One-way rules follow the OSM wiki (oneway, junction, motorway).

/** Default free-flow speed per `highway=*` class, km/h (urban truck speeds; assumption, see README). */
export const DEFAULT_ROAD_SPEEDS_KMH: Readonly<Record<string, number>> = {
  motorway: 90,
  motorway_link: 50,
  trunk: 70,
  trunk_link: 40,
  primary: 55,
  primary_link: 35,
  secondary: 45,
  secondary_link: 30,
  tertiary: 40,
  tertiary_link: 30,
  unclassified: 30,
  residential: 25,
  living_street: 10,
  service: 15,
  road: 25,
};

/** Default speed on `railway=rail` without a `maxspeed` tag, km/h (freight; assumption). */
export const DEFAULT_RAIL_SPEED_KMH = 50;

/** What the network keeps of one way. */
export interface WayRule {
  mode: "road" | "rail";
  /** `highway=*` value, or "rail". */
  roadClass: string;
  speedKmh: number;
  /** May be travelled in the order of its nodes. */
  forward: boolean;
  /** May be travelled against the order of its nodes. */
  backward: boolean;
}

/** Options of the way filter. */
export interface WayRuleOptions {
  /** Speed per road class, km/h; merged over DEFAULT_ROAD_SPEEDS_KMH. */
  roadSpeedsKmh?: Readonly<Record<string, number>>;
  railSpeedKmh?: number;
}

const CLOSED = new Set(["no", "private"]);

/**
 * The rule for a way with these tags, or null when vehicles and trains cannot use it
 * (footways, private or closed roads, reversible lanes, abandoned rail, areas).
 */
export function classifyWay(tags: Readonly<Record<string, string>>, opts: WayRuleOptions = {}): WayRule | null {
  const railway = tags.railway;
  if (railway === "rail") {
    if (tags.area === "yes") return null;
    const speed = parseMaxspeedKmh(tags.maxspeed) ?? opts.railSpeedKmh ?? DEFAULT_RAIL_SPEED_KMH;
    return { mode: "rail", roadClass: "rail", speedKmh: speed, forward: true, backward: true };
  }
  const highway = tags.highway;
  if (highway === undefined) return null;
  const classSpeed = opts.roadSpeedsKmh?.[highway] ?? DEFAULT_ROAD_SPEEDS_KMH[highway];
  if (classSpeed === undefined || classSpeed <= 0) return null;
  if (tags.area === "yes" || !isAccessible(tags)) return null;
  const oneway = onewayOf(tags, highway);
  if (oneway === null) return null;
  const speed = parseMaxspeedKmh(tags.maxspeed) ?? classSpeed;
  return { mode: "road", roadClass: highway, speedKmh: speed, forward: oneway >= 0, backward: oneway <= 0 };
}

function isAccessible(tags: Readonly<Record<string, string>>): boolean {
  // a car/van profile: hgv (heavy goods vehicle) limits are not applied
  for (const key of ["motor_vehicle", "motorcar", "vehicle"]) {
    const v = tags[key];
    if (v !== undefined) return !CLOSED.has(v);
  }
  return tags.access === undefined || !CLOSED.has(tags.access);
}

/** 1: only forward, -1: only backward, 0: both ways, null: not usable (reversible, alternating). */
function onewayOf(tags: Readonly<Record<string, string>>, highway: string): number | null {
  const v = tags["oneway:motor_vehicle"] ?? tags.oneway;
  if (v === "yes" || v === "true" || v === "1") return 1;
  if (v === "-1" || v === "reverse") return -1;
  if (v === "reversible" || v === "alternating") return null;
  if (v === "no" || v === "false" || v === "0") return 0;
  const junction = tags.junction;
  if (junction === "roundabout" || junction === "circular") return 1;
  if (highway === "motorway") return 1;
  return 0;
}

/**
 * Speed of an OSM `maxspeed` value in km/h: "50", "30 mph", "50;70" (the lowest), "walk".
 * Returns undefined for values without a number (e.g. "signals", "none").
 */
export function parseMaxspeedKmh(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  let best: number | undefined;
  for (const part of value.split(";")) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh|kph|knots)?\s*$/i.exec(part);
    if (!m) continue;
    let kmh = Number(m[1]);
    const unit = m[2]?.toLowerCase();
    if (unit === "mph") kmh *= 1.609344;
    else if (unit === "knots") kmh *= 1.852;
    if (kmh > 0 && (best === undefined || kmh < best)) best = kmh;
  }
  if (best === undefined && value.trim() === "walk") return 6;
  return best;
}
