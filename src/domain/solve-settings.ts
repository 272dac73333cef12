// The settings of one solve, declared once: the HTTP body, the stored job, the queue's worker, the
// worker-pool task and the pipeline's stages all read this shape, so a setting cannot be lost on
// one path (routing starts used to be dropped between the HTTP body and the routing engine).
import { z } from "zod";

/** Most starts one solve may ask for (each start is one worker thread). */
export const MAX_ROUTING_STARTS = 16;

/** How a solve runs: time limit (s), seed, routing iteration bound, routing starts. */
export const SolveSettings = z
  .object({
    timeLimitS: z.number().positive().optional().describe("Wall-clock limit, seconds; at most the service's maximum"),
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional().describe("Seed of the randomised searches (default 1)"),
    routingIterations: z
      .number()
      .int()
      .positive()
      .max(1e9)
      .optional()
      .describe("Stop routing after this many iterations (with a seed: the same plan every time)"),
    routingStarts: z
      .number()
      .int()
      .min(1)
      .max(MAX_ROUTING_STARTS)
      .optional()
      .describe("Solve the day's routes from this many seeds (seed, seed + 1, …) on as many worker threads and keep the best (default 1)"),
  })
  .strict();
export type SolveSettings = z.infer<typeof SolveSettings>;

/** Settings with every default filled in, as a stored job holds them. */
export interface ResolvedSolveSettings {
  timeLimitS: number;
  seed: number;
  /** null: routing is bounded by time only. */
  routingIterations: number | null;
  routingStarts: number;
}

/** Fills the defaults of a solve's settings (seed 1, one routing start, no iteration bound). */
export function resolveSolveSettings(s: SolveSettings, defaultTimeLimitS: number): ResolvedSolveSettings {
  return {
    timeLimitS: s.timeLimitS ?? defaultTimeLimitS,
    seed: s.seed ?? 1,
    routingIterations: s.routingIterations ?? null,
    routingStarts: s.routingStarts ?? 1,
  };
}
