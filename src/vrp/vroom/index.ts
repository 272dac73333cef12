// Public face of the routing JSON formats: VROOM's problem and solution (read, answer, export)
// and urbanmine's own routing problem JSON with its compact answer. Pure conversion: no solving.
export { type VroomExport, type VroomScales, toVroomProblem } from "./from-routing.js";
export { detectRoutingFormat, parseRoutingProblem, type RoutingFormat, type RoutingSummary, summarizeRouting } from "./problem-json.js";
export { VroomProblem, VroomSolution } from "./schema.js";
export { fromVroom, type VroomContext } from "./to-routing.js";
export { toVroomSolution, type VroomTimes } from "./to-vroom-solution.js";
