// Starts bench/api/server.js in a child process and reads the JSON line it prints once listening.
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface BenchServer {
  child: ChildProcess;
  url: string;
  helloUrl: string;
  date: string;
  keys: { carrier: string; planner: string };
}

const here = dirname(fileURLToPath(import.meta.url));

/** Spawns the bench server with `args` (e.g. --solve, --db URL); rejects if it exits first. */
export function startBenchServer(args: string[]): Promise<BenchServer> {
  const child = spawn(process.execPath, [join(here, "server.js"), ...args], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let buf = "";
    child.stdout?.on("data", (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf("\n");
      if (nl >= 0) resolve({ child, ...(JSON.parse(buf.slice(0, nl)) as Omit<BenchServer, "child">) });
    });
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}
