// Who is calling: the API key from `Authorization: Bearer <key>` or `x-api-key`, resolved to a role.
// Routes declare the roles they admit; a missing or unknown key is 401, a role not admitted is 403.
// A carrier key is bound to one carrier: another carrier's data answer 404 (see docs/api.md).
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from "fastify";
import { UrbanmineError } from "../domain/index.js";
import { hashApiKey, type ApiKeyRecord, type Role, type Store } from "../storage/index.js";

declare module "fastify" {
  interface FastifyRequest {
    apiKey?: ApiKeyRecord;
  }
}

/** The token a request carries, or undefined. */
export function readToken(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (typeof auth === "string" && auth.startsWith("Bearer ")) return auth.slice(7).trim();
  const header = request.headers["x-api-key"];
  return typeof header === "string" && header ? header : undefined;
}

/**
 * Resolves tokens to keys through the store, remembering each answer for `ttlMs` so a busy key
 * does not cost a database read per request. A revoked key stops working within `ttlMs`.
 */
export class KeyResolver {
  private readonly cache = new Map<string, { key: ApiKeyRecord | undefined; hash: string; until: number }>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /**
   * The active key with this token, or undefined. The cache is keyed by the token itself (held in
   * this process's memory only, like the request that carried it), so a hit costs no hashing.
   */
  async resolve(token: string): Promise<ApiKeyRecord | undefined> {
    const t = Date.now();
    const hit = this.cache.get(token);
    if (hit && hit.until > t) return hit.key;
    const hash = hit?.hash ?? hashApiKey(token);
    const key = await this.store.findApiKey(hash);
    if (this.ttlMs > 0) {
      if (this.cache.size >= this.maxEntries) this.cache.clear();
      // Unknown tokens are remembered too, so guessing does not reach the database either.
      this.cache.set(token, { key, hash, until: t + this.ttlMs });
    }
    return key;
  }

  /** SHA-256 hex of a token, from the cache when the token was seen recently. */
  hashOf(token: string): string {
    return this.cache.get(token)?.hash ?? hashApiKey(token);
  }
}

/** An onRequest hook admitting only keys of `roles`. */
export function requireRole(keys: KeyResolver, roles: readonly Role[]): onRequestHookHandler {
  return async function authorize(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const token = readToken(request);
    if (!token) {
      throw new UrbanmineError("UNAUTHORIZED", "this endpoint needs an API key: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'");
    }
    const key = await keys.resolve(token);
    if (!key) throw new UrbanmineError("UNAUTHORIZED", "unknown or revoked API key");
    request.apiKey = key;
    if (!roles.includes(key.role)) {
      throw new UrbanmineError("FORBIDDEN", `a ${key.role} key may not ${request.method} ${request.routeOptions.url}; roles allowed: ${roles.join(", ")}`);
    }
  };
}

/**
 * Throws NOT_FOUND when a carrier key asks for another carrier's data. Answering 404 rather than
 * 403 does not tell a carrier which other carrier ids exist.
 */
export function assertCarrierScope(request: FastifyRequest, carrierId: string): void {
  const key = request.apiKey;
  if (key?.role === "carrier" && key.carrierId !== carrierId) {
    throw new UrbanmineError("NOT_FOUND", `no carrier '${carrierId}' for this key`);
  }
}

/**
 * Rate-limit bucket of a request: its key's hash (never the token, in case the limiter's store is
 * shared) when it has one, else its IP address.
 */
export function rateLimitKey(keys: KeyResolver, request: FastifyRequest): string {
  const token = readToken(request);
  return token ? `key:${keys.hashOf(token).slice(0, 32)}` : `ip:${request.ip}`;
}
