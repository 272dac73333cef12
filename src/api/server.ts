// Starts a built app on a port and shuts it down gracefully on SIGINT/SIGTERM:
// stop accepting, re-queue running jobs, close the pools and the database, then exit.
import type { FastifyInstance } from "fastify";

export interface ListenOptions {
  port: number;
  host: string;
  /** Install SIGINT/SIGTERM handlers that close the app (default true). */
  handleSignals?: boolean;
}

/**
 * Listens on host:port and returns the address actually bound (port 0 picks a free one).
 * @throws the listen error (e.g. EADDRINUSE) unchanged.
 */
export async function startServer(app: FastifyInstance, opts: ListenOptions): Promise<string> {
  const address = await app.listen({ port: opts.port, host: opts.host });
  if (opts.handleSignals !== false) {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      app.log.info({ signal }, "shutting down");
      app.close().then(
        () => process.exit(0),
        (err: unknown) => {
          app.log.error({ err }, "shutdown failed");
          process.exit(1);
        },
      );
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  }
  return address;
}
