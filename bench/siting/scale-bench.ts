// Siting at scale: one scenario file (e.g. `node datasets/generate.mjs --zones 2000 --sites 60
// --enterprises 100 --requests 0 --seed 5 --out FILE`, or a dataset) solved by solveSiting alone,
// with the travel matrices the pipeline builds for it. Prints one markdown row: status, proven
// gap, objective, bound, wall and CPU seconds, and the load average before and after. The time
// limit counts CPU time by default (`--clock cpu`), so that a busy shared machine measures the
// method rather than the load; every plan passes the independent checkers inside solveSiting.
// usage: node dist/bench/siting/scale-bench.js FILE [--limit S] [--clock cpu|wall] [--header]
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { parseScenario } from "../../src/domain/index.js";
import { listPlaces } from "../../src/pipeline/sites.js";
import { subMatrix } from "../../src/pipeline/sub-matrix.js";
import { scenarioTravel } from "../../src/pipeline/travel.js";
import { solveSiting } from "../../src/siting/index.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { limit: { type: "string", default: "60" }, clock: { type: "string", default: "cpu" }, header: { type: "boolean", default: false } },
});
const file = positionals[0];
if (!file) throw new Error("usage: scale-bench.js FILE [--limit S] [--clock cpu|wall] [--header]");
const clock = values.clock === "wall" ? "wall" : "cpu";
const scenario = parseScenario(JSON.parse(readFileSync(file, "utf8")));
// As the pipeline does: every place but the day's pickups, depots included (routes start there).
const places = listPlaces(scenario, []);
const travel = await scenarioTravel(scenario, places, dirname(file));
const ids = places.filter((p) => p.kind !== "pickup").map((p) => p.id);
const road = subMatrix(travel.road, ids);
const rail = travel.rail ? subMatrix(travel.rail, ids) : undefined;

const loadBefore = loadavg()[0];
const c0 = process.cpuUsage();
const r = await solveSiting(scenario, { road, rail }, { timeLimitS: Number(values.limit), clock });
const c = process.cpuUsage(c0);
const s = r.siting;
if (values.header) {
  process.stdout.write(`# Siting at scale, ${new Date().toISOString().slice(0, 16)} UTC, ${cpus()[0]?.model ?? "?"} × ${cpus().length}, Node ${process.version}\n\n`);
  process.stdout.write("| scenario | zones × sites × enterprises | limit | status | proven gap % | objective USD | bound USD | wall s | CPU s | hubs | load 1-min before / after |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
}
process.stdout.write(
  `| ${scenario.id} | ${scenario.zones.length} × ${scenario.hubSites.length} × ${scenario.enterprises.length} | ${values.limit} ${clock === "cpu" ? "CPU-s" : "s"} | ${s.status} | ${(s.gap * 100).toFixed(3)} | ${s.objectiveUsd.toFixed(0)} | ${s.boundUsd.toFixed(0)} | ${s.seconds.toFixed(1)} | ${((c.user + c.system) / 1e6).toFixed(1)} | ${s.hubs.length} | ${loadBefore.toFixed(1)} / ${loadavg()[0].toFixed(1)} |\n`,
);
