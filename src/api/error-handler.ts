// Maps every error a request can raise to one body: {code, message, issues:[{path, message}]}.
// UrbanmineError keeps its code and status; schema validation becomes 400 INVALID_INPUT with
// JSON paths; framework errors (body too large, rate limit, bad JSON) get stable codes of their own.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { formatPath, type InputIssue, UrbanmineError } from "../domain/index.js";

/** Codes the HTTP layer adds to the domain's ERROR_CODES (framework-level failures), with their HTTP statuses. */
export const HTTP_ERROR_CODES = {
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  ROUTE_NOT_FOUND: 404,
} as const;

interface ErrorPayload {
  code: string;
  message: string;
  issues: InputIssue[];
}

const CONTEXT_PREFIX: Record<string, string> = { body: "", querystring: "query.", params: "params.", headers: "headers." };

/** `/zones/0/location/lat` as `zones[0].location.lat`. */
function pointerToPath(pointer: string): string {
  const parts = pointer.split("/").filter((p) => p !== "").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return formatPath(parts);
}

function validationPayload(err: FastifyError): ErrorPayload {
  const prefix = CONTEXT_PREFIX[err.validationContext ?? "body"] ?? "";
  const issues = (err.validation ?? []).map((v) => {
    const path = pointerToPath(v.instancePath);
    return { path: path === "(root)" && prefix ? prefix.slice(0, -1) : prefix + path, message: v.message ?? "invalid" };
  });
  const where = err.validationContext === "querystring" ? "query string" : (err.validationContext ?? "body");
  const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join("; ");
  return { code: "INVALID_INPUT", message: `the request ${where} is not valid: ${shown}`, issues };
}

/** Status and body for any error. Unknown errors become 500 INTERNAL without their details. */
export function toErrorResponse(err: unknown): { status: number; payload: ErrorPayload; internal: boolean } {
  if (err instanceof UrbanmineError) return { status: err.status, payload: err.toJSON(), internal: err.status >= 500 };
  const e = err as FastifyError & { statusCode?: number };
  if (hasZodFastifySchemaValidationErrors(e) || (e.validation && e.validation.length > 0)) {
    return { status: 400, payload: validationPayload(e), internal: false };
  }
  const status = e.statusCode ?? 500;
  if (status === 413) return { status, payload: { code: "PAYLOAD_TOO_LARGE", message: e.message, issues: [] }, internal: false };
  if (status === 415) return { status, payload: { code: "UNSUPPORTED_MEDIA_TYPE", message: e.message, issues: [] }, internal: false };
  if (status === 429) return { status, payload: { code: "RATE_LIMITED", message: e.message, issues: [] }, internal: false };
  if (status >= 400 && status < 500) {
    // Malformed JSON, empty body and the like: the client's input, not ours.
    return { status: 400, payload: { code: "INVALID_INPUT", message: e.message, issues: [] }, internal: false };
  }
  return { status: 500, payload: { code: "INTERNAL", message: "internal error; the server log has the details", issues: [] }, internal: true };
}

/** Installs the error and not-found handlers on `app`. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, payload, internal } = toErrorResponse(err);
    if (internal) request.log.error({ err }, "request failed");
    const retryAfter = (err as { retryAfterS?: number }).retryAfterS;
    if (status === 503 && retryAfter) void reply.header("retry-after", String(retryAfter));
    return reply.status(status).type("application/json").send(payload);
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    return reply.status(404).send({
      code: "ROUTE_NOT_FOUND",
      message: `no route ${request.method} ${request.url.split("?")[0]}; see /docs for the API`,
      issues: [],
    } satisfies ErrorPayload);
  });
}
