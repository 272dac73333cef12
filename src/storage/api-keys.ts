// API key tokens: how they are minted, and the one-way hash under which they are stored.
// A token is `um_<id>_<secret>`; only SHA-256 of the whole token reaches the store or a log.
import { createHash, randomBytes } from "node:crypto";
import { UrbanmineError } from "../domain/index.js";
import type { ApiKeyRecord, Role, Store } from "./store.js";
import { ROLES } from "./store.js";

/**
 * SHA-256 hex of a token. Tokens carry 256 random bits, so a fast hash is enough: there is
 * nothing to brute-force as there would be for a password.
 */
export function hashApiKey(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new token and the id it starts with (the id is safe to show and log; the token is not). */
export function mintApiKey(): { id: string; token: string } {
  const id = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { id, token: `um_${id}_${secret}` };
}

/**
 * Creates a key and stores its hash.
 * @returns the record and the token, which is shown once and never stored.
 * @throws UrbanmineError INVALID_INPUT when the role is unknown, or a carrier id is missing or given for another role.
 */
export async function createApiKey(
  store: Store,
  opts: { role: string; carrierId?: string; label?: string },
): Promise<{ key: ApiKeyRecord; token: string }> {
  if (!ROLES.includes(opts.role as Role)) {
    throw new UrbanmineError("INVALID_INPUT", `unknown role '${opts.role}'; expected one of ${ROLES.join(", ")}`, [
      { path: "role", message: `expected one of ${ROLES.join(", ")}` },
    ]);
  }
  const role = opts.role as Role;
  if (role === "carrier" && !opts.carrierId) {
    throw new UrbanmineError("INVALID_INPUT", "a carrier key needs --carrier <carrier id>", [
      { path: "carrier", message: "required for role carrier" },
    ]);
  }
  if (role !== "carrier" && opts.carrierId) {
    throw new UrbanmineError("INVALID_INPUT", `--carrier applies to carrier keys only, not to role '${role}'`, [
      { path: "carrier", message: "only for role carrier" },
    ]);
  }
  const { id, token } = mintApiKey();
  const key = await store.createApiKey(
    { id, role, carrierId: role === "carrier" ? (opts.carrierId ?? null) : null, label: opts.label ?? "" },
    hashApiKey(token),
  );
  return { key, token };
}
