// Processing at hubs: what each process step costs and emits per tonne, done in-house by
// co-located enterprises or bought from an outside processor, and what co-locating consecutive
// steps at one hub saves. Every field is optional; an absent block means no step costs.
import { z } from "zod";
import { PROCESS_STEPS, Source } from "./common.js";

export const StepFactors = z
  .object({
    inHouseCostUsdPerT: z.number().nonnegative().default(0).describe("Cost per tonne when an enterprise at the hub runs the step, USD"),
    outsourceCostUsdPerT: z
      .number()
      .nonnegative()
      .default(0)
      .describe("Cost per tonne when the step is bought from an outside processor (no enterprise at the hub), USD"),
    co2KgPerT: z.number().nonnegative().default(0).describe("Process emissions per tonne through the step, kg CO2"),
    source: Source.optional(),
  })
  .describe("Per-tonne factors of one process step");
export type StepFactors = z.infer<typeof StepFactors>;

export const Processing = z
  .object({
    steps: z
      .partialRecord(z.enum(PROCESS_STEPS), StepFactors)
      .default({})
      .describe("Factors by process step; a step left out costs and emits nothing"),
    colocationSavingUsdPerT: z
      .number()
      .nonnegative()
      .default(0)
      .describe("Handling cost saved per tonne that goes through two consecutive steps in-house at the same hub, USD"),
    source: Source.optional(),
  })
  .describe("Processing costs, emissions and co-location savings at hubs");
export type Processing = z.infer<typeof Processing>;
