// Device streams (what households hand in) and the materials recovered from them.
import { z } from "zod";
import { Id, ProcessStep, Source } from "./common.js";

export const Material = z
  .object({
    id: Id.describe("Material id, e.g. copper, cobalt, lithium, gold, aluminium, steel, plastics"),
    name: z.string().min(1).describe("Display name"),
    recoveryEfficiency: z
      .number()
      .min(0)
      .max(1)
      .default(1)
      .describe("Share of the material in the devices that the processing chain recovers as saleable (0..1); the rest is residue"),
    source: Source.optional().describe("Source of recoveryEfficiency"),
  })
  .describe("A recovered material (element or fraction) that offtakers buy");
export type Material = z.infer<typeof Material>;

export const CompositionEntry = z
  .object({
    material: Id.describe("Id of a material in `materials`"),
    kgPerUnit: z.number().nonnegative().describe("Mass of this material in one device, kg per unit"),
    source: Source.optional(),
  })
  .describe("How much of one material one device holds");

export const Stream = z
  .object({
    id: Id.describe("Stream id, e.g. laptop, phone, tablet, li-battery, small-it"),
    name: z.string().min(1).describe("Display name"),
    unitMassKg: z.number().positive().describe("Mass of one device, kg"),
    unitVolumeM3: z.number().positive().describe("Volume of one device as packed for pickup, m³"),
    hazardous: z.boolean().default(false).describe("True when it needs hazardous-goods handling (lithium batteries)"),
    composition: z.array(CompositionEntry).default([]).describe("Materials per device; the rest of the mass is process loss/residue"),
    massShare: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("Share of the collected e-waste mass (this device class), used with a zone's population"),
    tags: z
      .array(z.string().min(1))
      .optional()
      .describe('Labels a pickup of this stream carries for `incompatibleTags`, e.g. ["lithium"] or ["ferrous"]'),
    processSteps: z
      .array(ProcessStep)
      .optional()
      .describe('Process steps a tonne of this stream goes through at a hub, in order; omitted: ["sorting"]'),
    source: Source.optional().describe("Source of unit mass and volume"),
  })
  .describe("A device class collected as one stream");
export type Stream = z.infer<typeof Stream>;

export const Generation = z
  .object({
    kgPerCapitaYear: z.number().nonnegative().describe("E-waste generated per person per year, kg"),
    collectionRate: z.number().min(0).max(1).describe("Share of generated e-waste that is collected (0..1)"),
    collectionRateTarget: z.number().min(0).max(1).optional().describe("Target collection rate, for comparison runs"),
    source: Source.optional(),
  })
  .describe("Per-capita generation: zones with a population and no explicit units use it with each stream's massShare");
export type Generation = z.infer<typeof Generation>;
