// The error a call throws, for tests of bad input.
import { UrbanmineError } from "../src/domain/index.js";

/** The UrbanmineError `fn` throws (fails the test when it throws nothing or another error). */
export function errorOf(fn: () => unknown): UrbanmineError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UrbanmineError) return e;
    throw e;
  }
  throw new Error("expected an UrbanmineError");
}
