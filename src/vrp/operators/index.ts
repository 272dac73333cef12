// Registry of local-search operators: a new move is a new file plus one line here.
import type { ProblemData } from "../data.js";
import type { Operator } from "./operator.js";
import { orOpt } from "./or-opt.js";
import { relocate } from "./relocate.js";
import { swap } from "./swap.js";
import { twoOpt } from "./two-opt.js";
import { twoOptStar } from "./two-opt-star.js";

/** The operator contract (see operator.ts). */
export type { Move, Operator, OperatorContext } from "./operator.js";
export { createContext } from "./operator.js";

const ALL: Operator[] = [relocate, swap, twoOptStar, orOpt, twoOpt];

/** Operators that apply to `data`, in the order the local search tries them. */
export function operatorsFor(data: ProblemData): Operator[] {
  return ALL.filter((op) => op.supports(data));
}
