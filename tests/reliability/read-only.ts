/** The read-only check of the reliability suite: which logged requests are not plain reads, or could return secrets or key material. */
import type { RequestRecord } from "../../src/emulator/server.js";

/** The one documented non-GET request: the Azure Resource Graph query (a read sent as POST). */
export const RESOURCE_GRAPH_QUERY = /^\/providers\/microsoft\.resourcegraph\/resources$/i;

/**
 * Paths that return secrets or key material, or act on keys: ARM `list*Keys`/`listConnectionStrings`/
 * SAS/credential actions, key regeneration, `/secrets` (ARM or Key Vault), and Key Vault data-plane
 * key operations and paths (`/keys`, `/secrets`, `/certificates`, `/storage` at the root of a host).
 */
export const SECRET_PATHS = [
  /\/list[a-z]*keys\b/i,
  /\/listconnectionstrings\b/i,
  /\/list(account|service)sas\b/i,
  /\/listcredentials?\b/i,
  /\/listsecrets\b/i,
  /\/regenerate[a-z]*key/i,
  /\/secrets(\/|$)/i,
  /\/(encrypt|decrypt|wrapkey|unwrapkey|sign|verify|export|backup)$/i,
  /^\/(keys|secrets|certificates|storage|deletedkeys|deletedsecrets)(\/|$)/i,
];

/**
 * Every problem with a request log: a method other than GET (except the Resource Graph POST), a
 * path outside ARM and Graph, or a path that could return secrets.
 * @returns one line per offending request (empty when all are reads)
 */
export function checkReadOnly(requests: Pick<RequestRecord, "method" | "path">[]): string[] {
  const problems: string[] = [];
  for (const r of requests) {
    const where = `${r.method} ${r.path}`;
    if (r.method !== "GET" && !(r.method === "POST" && RESOURCE_GRAPH_QUERY.test(r.path))) problems.push(`not a read: ${where}`);
    if (!/^\/(subscriptions|providers|tenants|v1\.0|beta)(\/|$)/i.test(r.path)) problems.push(`not an ARM or Graph path (Key Vault data plane?): ${where}`);
    for (const re of SECRET_PATHS) if (re.test(r.path)) problems.push(`could return secrets (${re.source}): ${where}`);
  }
  return problems;
}
