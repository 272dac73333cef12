#!/usr/bin/env node
// Entry point of `urbanmine`: picks the command module and maps errors to exit codes.
// Each command lives in ./commands/<name>.ts and exports `run(args): Promise<number>`.
import { UrbanmineError } from "../domain/index.js";
import { joinNegativeValues } from "./args.js";

const COMMANDS: Record<string, string> = {
  solve: "the whole pipeline on one scenario",
  serve: "the HTTP service on the embedded store",
  worker: "solve jobs from the shared queue (URBANMINE_REDIS_URL)",
  matrix: "travel matrix between points on a network",
  vrp: "solve a CVRPLIB .vrp or Solomon .txt instance",
  cflp: "solve an OR-Library cap instance",
  lrp: "solve a Prodhon location-routing instance",
  keys: "create and list API keys",
  schema: "print the scenario format (JSON Schema, or --markdown)",
  compare: "what changed between two plans (hubs, zones, flows, KPIs)",
  sweep: "solve every combination of --set values in parallel; one table of KPIs and hubs",
  stress: "a plan's hubs under sampled supply: p5/p50/p95 of cost, unserved tonnes, over-capacity",
};

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, what]) => `  ${name.padEnd(8)} ${what}`);
  return `usage: urbanmine <command> [options]\n\ncommands:\n${rows.join("\n")}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  if (!(name in COMMANDS)) {
    process.stderr.write(`urbanmine: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const mod = (await import(`./commands/${name}.js`)) as { run: (args: string[]) => Promise<number> };
  return mod.run(joinNegativeValues(rest));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const code = (err as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`urbanmine: ${(err as Error).message}\n`);
      process.exitCode = 2;
    } else if (err instanceof UrbanmineError) {
      process.stderr.write(`urbanmine: ${err.code}: ${err.message}\n`);
      process.exitCode = err.status >= 500 ? 1 : 2;
    } else {
      process.stderr.write(`urbanmine: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    }
  },
);
