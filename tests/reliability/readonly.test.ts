/**
 * Read-only proof: the full demo audit sends only GETs (the Resource Graph query POST aside) and
 * never a path that could return secrets or key material; the checker itself catches writes, key
 * listings and Key Vault data-plane calls; and no collector source calls a writing or secret-reading
 * SDK method. (The fault suite applies the same checker to every request it makes.)
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, readJson } from "../e2e/helpers.js";
import { runCli, tempDir } from "./helpers.js";
import { checkReadOnly } from "./read-only.js";

let log: { total: number; nonGet: number; requests: { method: string; path: string; query: string; status: number }[] };

beforeAll(async () => {
  const out = await tempDir("hemvist-readonly-");
  const run = await runCli(["demo", "--out", out, "--quiet"]);
  expect(run.code, run.stderr).toBe(0);
  log = await readJson(join(out, "demo-requests.json"));
}, 120_000);

describe("read-only", () => {
  it("the demo audit: every request is a read of ARM or Graph, none could return secrets", () => {
    expect(log.total).toBeGreaterThan(100);
    expect(log.requests).toHaveLength(log.total);
    expect(checkReadOnly(log.requests)).toEqual([]);
    // It did read key metadata through ARM (vaults/keys), which is allowed.
    expect(log.requests.some((r) => /\/providers\/Microsoft\.KeyVault\/vaults\/[^/]+\/keys/i.test(r.path))).toBe(true);
  });

  it("the checker catches writes, secret and key listings and Key Vault data-plane paths", () => {
    const sub = "/subscriptions/2b6c4e1a-7f3d-4c8b-a1e5-9d0f3c6b8a21/resourceGroups/rg/providers";
    const bad = [
      { method: "PUT", path: `${sub}/Microsoft.Storage/storageAccounts/st1` },
      { method: "DELETE", path: `${sub}/Microsoft.KeyVault/vaults/kv1` },
      { method: "PATCH", path: "/v1.0/users/8356e432-c183-4645-98fb-08a470f42b37" },
      { method: "POST", path: `${sub}/Microsoft.Storage/storageAccounts/st1/listKeys` },
      { method: "POST", path: `${sub}/Microsoft.CognitiveServices/accounts/oai/listKeys` },
      { method: "POST", path: `${sub}/Microsoft.DocumentDB/databaseAccounts/cosmos/listConnectionStrings` },
      { method: "POST", path: `${sub}/Microsoft.Storage/storageAccounts/st1/ListAccountSas` },
      { method: "POST", path: `${sub}/Microsoft.ContainerRegistry/registries/acr/listCredentials` },
      { method: "POST", path: `${sub}/Microsoft.Storage/storageAccounts/st1/regenerateKey` },
      { method: "GET", path: `${sub}/Microsoft.KeyVault/vaults/kv1/secrets` },
      { method: "GET", path: `${sub}/Microsoft.KeyVault/vaults/kv1/secrets/db-password` },
      { method: "GET", path: "/secrets/db-password/5b1f" },
      { method: "GET", path: "/keys/cmk/0a1b2c" },
      { method: "POST", path: "/keys/cmk/0a1b2c/unwrapkey" },
    ];
    const problems = checkReadOnly(bad);
    for (const r of bad) expect(problems.some((p) => p.endsWith(`${r.method} ${r.path}`)), `${r.method} ${r.path}`).toBe(true);
    expect(checkReadOnly([{ method: "POST", path: "/providers/Microsoft.ResourceGraph/resources" }])).toEqual([]);
    expect(checkReadOnly([{ method: "GET", path: `${sub}/Microsoft.KeyVault/vaults/kv1/keys/cmk` }])).toEqual([]);
  });

  it("no collector source calls a writing or secret-reading operation", async () => {
    const forbidden = /listKeys|listConnectionStrings|regenerate\w*Key|listAccountSas|listServiceSas|listCredentials|listSecrets|\bbegin(Create|Update|Delete)|createOrUpdate|\.(delete|update|put|patch)\(|\.post\(|SecretClient|KeyClient|CryptographyClient|@azure\/keyvault-|method:\s*["'](POST|PUT|PATCH|DELETE)["']/;
    const files: string[] = [];
    const walk = async (dir: string) => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (p.endsWith(".ts")) files.push(p);
      }
    };
    await walk(join(ROOT, "src", "collectors"));
    expect(files.length).toBeGreaterThan(10);
    const hits: string[] = [];
    for (const f of files) {
      for (const [i, line] of (await readFile(f, "utf8")).split("\n").entries()) {
        if (line.trim().startsWith("//") || line.trim().startsWith("*")) continue;
        // The one documented exception: the Azure Resource Graph query is a read sent as POST.
        if (/\/providers\/Microsoft\.ResourceGraph\/resources["'`]\)\.post\(/.test(line)) continue;
        if (forbidden.test(line)) hits.push(`${f.slice(ROOT.length + 1)}:${i + 1}: ${line.trim()}`);
      }
    }
    expect(hits).toEqual([]);
  });
});
