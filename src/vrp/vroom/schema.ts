// VROOM's problem and solution JSON (VROOM-Project/vroom docs/API.md) as zod schemas. Every
// key VROOM reads is listed, including those urbanmine does not support yet, so that they are
// refused by name (see to-routing.ts) instead of being dropped; other keys are ignored, as VROOM does.
// Units are VROOM's: whole seconds, metres, integer amounts and integer costs.
import { z } from "zod";

const uint = z.number().int().nonnegative();
/** A coordinate pair `[lon, lat]`; only echoed back in the solution (there is no routing server). */
const coordinates = z.tuple([z.number(), z.number()]);
/** `[start, end]` in seconds, both inclusive. */
const timeWindow = z.tuple([uint, uint]).refine(([a, b]) => a <= b, { message: "a time window [start, end] needs start <= end" });
const amount = z.array(uint);
const matrix = z.array(z.array(uint));

/** A task's place and times: a job's, or one end of a shipment (VROOM's `shipments[].pickup` / `.delivery`). */
export const VroomShipmentStep = z.object({
  id: uint,
  description: z.string().optional(),
  location: coordinates.optional(),
  location_index: uint.optional(),
  setup: uint.optional(),
  service: uint.optional(),
  time_windows: z.array(timeWindow).optional(),
});
export type VroomShipmentStep = z.infer<typeof VroomShipmentStep>;

export const VroomJob = VroomShipmentStep.extend({
  setup_per_type: z.record(z.string(), uint).optional(),
  service_per_type: z.record(z.string(), uint).optional(),
  /** Deprecated: read as `delivery` when neither `delivery` nor `pickup` is given. */
  amount: amount.optional(),
  delivery: amount.optional(),
  pickup: amount.optional(),
  skills: z.array(uint).optional(),
  priority: z.number().int().min(0).max(100).optional(),
});
export type VroomJob = z.infer<typeof VroomJob>;

export const VroomShipment = z.object({
  pickup: VroomShipmentStep,
  delivery: VroomShipmentStep,
  amount: amount.optional(),
  skills: z.array(uint).optional(),
  priority: z.number().int().min(0).max(100).optional(),
});
export type VroomShipment = z.infer<typeof VroomShipment>;

export const VroomBreak = z.object({
  id: uint,
  time_windows: z.array(timeWindow).optional(),
  service: uint.optional(),
  description: z.string().optional(),
  max_load: amount.optional(),
});

export const VroomVehicleStep = z.object({
  type: z.enum(["start", "job", "pickup", "delivery", "break", "end"]),
  id: uint.optional(),
  service_at: uint.optional(),
  service_after: uint.optional(),
  service_before: uint.optional(),
});

export const VroomCosts = z.object({
  fixed: uint.optional(),
  per_hour: uint.optional(),
  per_task_hour: uint.optional(),
  per_km: uint.optional(),
});

export const VroomVehicle = z.object({
  id: uint,
  profile: z.string().optional(),
  description: z.string().optional(),
  start: coordinates.optional(),
  start_index: uint.optional(),
  end: coordinates.optional(),
  end_index: uint.optional(),
  capacity: amount.optional(),
  costs: VroomCosts.optional(),
  skills: z.array(uint).optional(),
  type: z.string().optional(),
  time_window: timeWindow.optional(),
  breaks: z.array(VroomBreak).optional(),
  speed_factor: z.number().gt(0).max(5).optional(),
  max_tasks: uint.optional(),
  max_travel_time: uint.optional(),
  max_distance: uint.optional(),
  steps: z.array(VroomVehicleStep).optional(),
});
export type VroomVehicle = z.infer<typeof VroomVehicle>;

export const VroomMatrices = z.object({
  durations: matrix.optional(),
  distances: matrix.optional(),
  costs: matrix.optional(),
});
export type VroomMatrices = z.infer<typeof VroomMatrices>;

export const VroomProblem = z.object({
  jobs: z.array(VroomJob).optional(),
  shipments: z.array(VroomShipment).optional(),
  vehicles: z.array(VroomVehicle).min(1),
  matrices: z.record(z.string(), VroomMatrices).optional(),
  /** Deprecated: read as `matrices.car.durations`. */
  matrix: matrix.optional(),
});
export type VroomProblem = z.infer<typeof VroomProblem>;

const violation = z.object({ cause: z.string(), duration: z.number().optional() });

export const VroomStep = z.object({
  type: z.enum(["start", "job", "pickup", "delivery", "break", "end"]),
  id: uint.optional(),
  description: z.string().optional(),
  location: coordinates.optional(),
  location_index: uint.optional(),
  arrival: z.number().int(),
  /** Travel time so far, seconds. */
  duration: uint,
  setup: uint,
  service: uint,
  waiting_time: uint,
  /** Load after the step, per dimension. */
  load: amount.optional(),
  /** Metres driven so far (when distances are known). */
  distance: uint.optional(),
  violations: z.array(violation),
});
export type VroomStep = z.infer<typeof VroomStep>;

/** Totals VROOM reports per route and, summed, in the summary (seconds, metres, cost units). */
const totals = {
  cost: uint,
  setup: uint,
  service: uint,
  /** Travel time, seconds. */
  duration: uint,
  waiting_time: uint,
  priority: uint,
  delivery: amount.optional(),
  pickup: amount.optional(),
  distance: uint.optional(),
  violations: z.array(violation),
};

export const VroomRoute = z.object({
  vehicle: uint,
  description: z.string().optional(),
  ...totals,
  steps: z.array(VroomStep),
});
export type VroomRoute = z.infer<typeof VroomRoute>;

export const VroomUnassigned = z.object({
  id: uint,
  type: z.enum(["job", "pickup", "delivery"]),
  description: z.string().optional(),
  location: coordinates.optional(),
  location_index: uint.optional(),
  /** urbanmine's addition: why the task was left out (capacity, time-window, skills, …). */
  reason: z.string().optional(),
});
export type VroomUnassigned = z.infer<typeof VroomUnassigned>;

export const VroomSummary = z.object({
  routes: uint,
  unassigned: uint,
  ...totals,
  /** Milliseconds. */
  computing_times: z.object({ loading: uint, solving: uint, routing: uint }),
});

export const VroomSolution = z.object({
  code: z.number().int(),
  error: z.string().optional(),
  summary: VroomSummary.optional(),
  unassigned: z.array(VroomUnassigned).optional(),
  routes: z.array(VroomRoute).optional(),
});
export type VroomSolution = z.infer<typeof VroomSolution>;
