// `urbanmine keys create --role R [--carrier ID] [--label TEXT]` and `urbanmine keys list`:
// API keys in the store named by URBANMINE_DB. The token is printed once; only its hash is kept.
import { parseArgs } from "node:util";
import { UrbanmineError } from "../../domain/index.js";
import { createApiKey, openStore, ROLES, type Store } from "../../storage/index.js";

const USAGE = `usage:
  urbanmine keys create --role <${ROLES.join("|")}> [--carrier <carrier id>] [--label <text>] [--json]
  urbanmine keys list [--json]
  urbanmine keys revoke <key id>
The database is URBANMINE_DB (default ./urbanmine.db).
`;

/** Runs the keys command; returns the exit code. @throws UrbanmineError INVALID_INPUT on bad options. */
/** Whether any stored scenario lists carrier `id`. */
async function carrierInAnyScenario(store: Store, id: string): Promise<boolean> {
  for (let offset = 0; ; offset += 500) {
    const page = await store.listScenarios({ limit: 500, offset });
    if (page.items.some((r) => r.scenario.carriers.some((c) => c.id === id))) return true;
    if (page.items.length < 500) return false;
  }
}

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === "--help" || sub === "-h") {
    process.stdout.write(USAGE);
    return sub ? 0 : 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { role: { type: "string" }, carrier: { type: "string" }, label: { type: "string" }, json: { type: "boolean", default: false } },
    });
  } catch (err) {
    throw new UrbanmineError("INVALID_INPUT", `${(err as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const store = await openStore();
  try {
    if (sub === "create") {
      if (!values.role) throw new UrbanmineError("INVALID_INPUT", `--role is required\n${USAGE}`);
      const { key, token } = await createApiKey(store, { role: values.role, carrierId: values.carrier, label: values.label });
      if (key.carrierId && !(await carrierInAnyScenario(store, key.carrierId))) {
        process.stderr.write(`warning: no stored scenario has a carrier '${key.carrierId}' yet; the key reads nothing until one does\n`);
      }
      if (values.json) process.stdout.write(`${JSON.stringify({ ...key, token })}\n`);
      else {
        const scope = key.carrierId ? ` for carrier ${key.carrierId}` : "";
        process.stdout.write(`${token}\n`);
        process.stderr.write(`created ${key.role} key ${key.id}${scope}; the token above is shown only once\n`);
      }
      return 0;
    }
    if (sub === "list") {
      const keys = await store.listApiKeys();
      if (values.json) process.stdout.write(`${JSON.stringify(keys)}\n`);
      else for (const k of keys) {
        process.stdout.write(`${k.id}\t${k.role}\t${k.carrierId ?? "-"}\t${k.revokedAt ? "revoked" : "active"}\t${k.label}\n`);
      }
      return 0;
    }
    if (sub === "revoke") {
      const id = positionals[0];
      if (!id) throw new UrbanmineError("INVALID_INPUT", `keys revoke needs a key id\n${USAGE}`);
      if (!(await store.revokeApiKey(id))) throw new UrbanmineError("NOT_FOUND", `no active key '${id}'`);
      process.stderr.write(`revoked key ${id}\n`);
      return 0;
    }
    process.stderr.write(`urbanmine keys: unknown subcommand '${sub}'\n${USAGE}`);
    return 2;
  } finally {
    await store.close();
  }
}
