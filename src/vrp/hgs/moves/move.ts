// The contract of a hybrid-genetic-search move: given customer u and a neighbour v (a
// customer or a start depot), price the move in O(1) when it spans two routes, and apply
// it when it lowers the penalised cost. Returns true when applied.
import type { LocalSearch } from "../local-search.js";

/** Tries one move for customer u and neighbour v; applies it and returns true when it improves. */
export type HgsMove = (ls: LocalSearch, u: number, v: number) => boolean;

/** Improvement threshold on penalised cost. */
export const EPS = 1e-5;
