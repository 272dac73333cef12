// Error codes of the whole system: a stable code, an HTTP status, a message for people.
// Tests assert on `code`; users read `message`; `issues` lists each problem with its JSON path.

export const ERROR_CODES = {
  INVALID_INPUT: { status: 400, summary: "The input does not match the schema." },
  UNKNOWN_REFERENCE: { status: 400, summary: "The input refers to an id that is not defined." },
  INVALID_FILE: { status: 400, summary: "A file could not be read or parsed." },
  INFEASIBLE: { status: 422, summary: "No plan satisfies the scenario's constraints." },
  UNREACHABLE: { status: 422, summary: "Some sites cannot reach each other on the network." },
  RESOURCE_LIMIT: { status: 422, summary: "The solve passed its time or memory limit and was stopped." },
  SOLVER_FAILED: { status: 500, summary: "A solver failed unexpectedly." },
  NOT_FOUND: { status: 404, summary: "No such resource." },
  UNAUTHORIZED: { status: 401, summary: "Missing or unknown API key." },
  FORBIDDEN: { status: 403, summary: "This key may not do that." },
  CONFLICT: { status: 409, summary: "The resource is in a state that does not allow this." },
  BUSY: { status: 503, summary: "Too many queued jobs; retry later." },
  CANCELLED: { status: 409, summary: "The job was cancelled." },
  INTERNAL: { status: 500, summary: "Internal error." },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One problem in an input, located by its JSON path (e.g. `zones[3].location.lat`). */
export interface InputIssue {
  path: string;
  message: string;
}

/** The one error type the system throws on purpose. */
export class UrbanmineError extends Error {
  readonly code: ErrorCode;
  readonly issues: InputIssue[];
  constructor(code: ErrorCode, message: string, issues: InputIssue[] = []) {
    super(message);
    this.name = "UrbanmineError";
    this.code = code;
    this.issues = issues;
  }
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
  toJSON(): { code: ErrorCode; message: string; issues: InputIssue[] } {
    return { code: this.code, message: this.message, issues: this.issues };
  }
}

/** Formats a path of keys and indices as `a.b[2].c`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(root)";
}

/**
 * What every worker (pool thread or queue worker) answers instead of throwing: errors crossing a
 * thread or a process lose their class, so they travel as data with their code and issues.
 */
export interface WorkerFailure {
  failed: { code: ErrorCode; message: string; issues: InputIssue[] };
}

/** An error as a worker failure; errors of unknown kind become INTERNAL with their message. */
export function toWorkerFailure(err: unknown): WorkerFailure {
  if (err instanceof UrbanmineError) return { failed: err.toJSON() };
  return { failed: { code: "INTERNAL", message: err instanceof Error ? err.message : String(err), issues: [] } };
}

/** True when a worker's answer is a failure envelope. */
export function isWorkerFailure(out: unknown): out is WorkerFailure {
  return typeof out === "object" && out !== null && "failed" in out && typeof (out as WorkerFailure).failed?.code === "string";
}

/** The error a failure envelope stands for (an unknown code becomes SOLVER_FAILED). */
export function fromWorkerFailure(f: WorkerFailure): UrbanmineError {
  const code = f.failed.code in ERROR_CODES ? f.failed.code : "SOLVER_FAILED";
  return new UrbanmineError(code, f.failed.message, f.failed.issues ?? []);
}
