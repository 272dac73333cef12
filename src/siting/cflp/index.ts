// OR-Library capacitated facility location: reader, checker, the Lagrangian branch and bound,
// and the plain-HiGHS reference.
export { checkCflp, type CflpInstance, type CflpSolution, parseOrlibCap } from "./orlib-reader.js";
export { type CflpResult, type CflpSolveOptions, solveCflpLagrangian } from "./lagrangian-bnb.js";
export { solveCflpHighs } from "./highs-cflp.js";
