/**
 * The conformance suite's coverage: every request the README's permissions tables name, and every
 * request the collectors send in the demo audit (the emulator's request log), has at least one
 * fixture of the api-version sent. Both lists are derived, so a request added anywhere shows up
 * here by itself; a failure names exactly the requests that lack a fixture. Runs the built CLI
 * (`npm run build` first), like the CLI tests.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, readJson, runCli, tempDir } from "../e2e/helpers.js";
import { type ConformanceFixture, loadFixtures } from "./load.js";

const fixtures = loadFixtures();

/**
 * Requests for which the specification has no official example in any api-version the index holds
 * (so no fixture can be made without inventing a payload), as the two lists below name them. Each
 * entry must still be missing: the test fails on a stale one.
 */
const NO_OFFICIAL_EXAMPLE: Readonly<Record<string, string>> = {
  // ResourceGroups_List has no example either; its fixture serves ResourceGroups_Get's body (the same definition) as a list page.
  "…/resources/read (after Microsoft.Resources/subscriptions/resourceGroups/read)": "Resources_List: no example in any api-version of specification/resources/…/Microsoft.Resources/resources, and no single-resource GET example of the generic resource list's item shape",
  "GET /subscriptions/{subscriptionId}/resources (2025-04-01)": "Resources_List: no example, as above",
};

/** The missing requests less the documented ones; fails on a documented one that is no longer missing. */
function actionable(missing: string[], list: string): string[] {
  const documented = Object.keys(NO_OFFICIAL_EXAMPLE).filter((k) => (list === "readme" ? !k.startsWith("GET /subscriptions/{") : k.startsWith("GET /subscriptions/{")));
  for (const k of documented) expect(missing, `NO_OFFICIAL_EXAMPLE entry "${k}" has a fixture now: remove the entry`).toContain(k);
  return missing.filter((m) => NO_OFFICIAL_EXAMPLE[m] === undefined);
}

/** A path template or concrete path as a comparable key: lower case, no query, no `/v1.0` prefix, `{…}` as `{}`. */
function templateKey(path: string): string {
  return path
    .split("?")[0]!
    .replace(/^\/v1\.0(?=\/)/i, "")
    .replace(/\{[^}]*\}/g, "{}")
    .toLowerCase();
}

/** Whether a fixture's operation template matches a concrete path (each `{…}` one segment). */
function matchesPath(f: ConformanceFixture, path: string): boolean {
  const re = templateKey(f.operation.replace(/^GET /, ""))
    .split("{}")
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${re}$`).test(templateKey(path));
}

/**
 * The ARM action that allows a fixture's GET (`…/providers/Microsoft.Sql/servers/{s}/databases` →
 * `Microsoft.Sql/servers/databases/read`); Graph fixtures have none.
 */
function actionOf(f: ConformanceFixture): string | undefined {
  if (f.apiVersion === "v1.0") return undefined;
  const segs = f.operation.replace(/^GET /, "").split("?")[0]!.split("/").filter((s) => s !== "");
  const p = segs.map((s) => s.toLowerCase()).lastIndexOf("providers");
  if (p < 0 || p + 1 >= segs.length) {
    // Microsoft.Resources: /subscriptions[/{s}[/resourcegroups|resources|locations|providers]]
    const child = segs[2];
    return child ? `Microsoft.Resources/subscriptions/${child}/read` : "Microsoft.Resources/subscriptions/read";
  }
  const types = segs.slice(p + 2).filter((_, i) => i % 2 === 0);
  return [segs[p + 1], ...types, "read"].join("/");
}

/** One request a permissions table names: an ARM action (possibly with `…`) or a GET path. */
interface TableRequest {
  text: string;
  matches(f: ConformanceFixture): boolean;
}

/**
 * The requests of the README's "Permissions" tables: backticked ARM actions (`…/x/read` is relative
 * to the action before it: its resource type or its namespace; `…` inside stands for any types)
 * and backticked `GET /…` paths.
 */
function permissionTableRequests(readme: string): TableRequest[] {
  const start = readme.indexOf("### Permissions");
  const end = readme.indexOf("\n## ", start);
  expect(start, "README has a Permissions section").toBeGreaterThan(0);
  const rows = readme
    .slice(start, end)
    .split("\n")
    .filter((l) => l.startsWith("| ") && !/^\|\s*-/.test(l));
  const out: TableRequest[] = [];
  for (const row of rows) {
    const cells = row.split("|").map((c) => c.trim());
    let previous: string | undefined;
    for (const cell of cells) {
      for (const m of cell.matchAll(/`([^`]+)`/g)) {
        const code = m[1] as string;
        if (code.startsWith("GET /")) {
          const path = code.slice(4);
          out.push({ text: `GET ${path.split("?")[0]}`, matches: (f) => templateKey(f.operation.replace(/^GET /, "")) === templateKey(path) });
        } else if (/^(Microsoft\.|…\/)/.test(code) && /\/read$/.test(code)) {
          // `…/x/read` continues the action before it: below its type, or below one of that type's ancestors.
          const base = previous?.replace(/\/read$/, "").split("/") ?? [];
          const candidates = code.startsWith("…/") && previous ? base.map((_, i) => base.slice(0, base.length - i).join("/") + code.slice(1)) : [code];
          if (!code.startsWith("…/")) previous = code;
          const res = candidates.map((c) => new RegExp(`^${c.split("…").map((x) => x.replace(/[.*+?^$()|[\]\\]/g, "\\$&")).join(".+")}$`, "i"));
          const text = code.startsWith("…/") && previous ? `${code} (after ${previous})` : code;
          out.push({ text, matches: (f) => res.some((re) => re.test(actionOf(f) ?? "")) });
        }
      }
    }
  }
  return out;
}

describe("conformance coverage", () => {
  it("every request in the README's permissions tables has a fixture", () => {
    const requests = permissionTableRequests(readFileSync(join(ROOT, "README.md"), "utf8"));
    expect(requests.length).toBeGreaterThan(20);
    const missing = [...new Set(requests.filter((r) => !fixtures.some((f) => r.matches(f))).map((r) => r.text))];
    expect(actionable(missing, "readme"), "README permissions-table requests without a conformance fixture").toEqual([]);
  });

  describe("the demo audit's requests", () => {
    let log: { requests: { method: string; path: string; query: string }[] };
    beforeAll(async () => {
      const out = await tempDir("hemvist-conformance-");
      const run = await runCli(["demo", "--out", out, "--quiet"]);
      expect(run.code, run.stderr).toBe(0);
      log = await readJson(join(out, "demo-requests.json"));
    }, 180_000);

    it("every request the collectors send has a fixture of the api-version they send", () => {
      expect(log.requests.length).toBeGreaterThan(100);
      const missing = new Set<string>();
      for (const r of log.requests) {
        if (r.method !== "GET") continue; // the Resource Graph query (POST) is not a GET fixture; see README
        const version = new URLSearchParams(r.query ?? "").get("api-version") ?? "v1.0";
        const covered = fixtures.some((f) => matchesPath(f, r.path) && f.apiVersion === version);
        if (!covered) {
          // Named by shape: subscription, resource group and resource names as placeholders.
          const shape = r.path
            .replace(/\/subscriptions\/[^/]+/i, "/subscriptions/{subscriptionId}")
            .replace(/\/resourceGroups\/[^/]+/i, "/resourceGroups/{resourceGroupName}")
            .replace(/(\/providers\/[^/]+(?:\/[^/]+\/)?)/g, "$1")
            .replace(/(\/(?:vaults|servers|managedInstances|accounts|registries|managementGroups|tenantOptedIn|keys|databases|policySetDefinitions|managedHSMs|flexibleServers))\/[^/]+/gi, "$1/{name}");
          missing.add(`GET ${shape} (${version})`);
        }
      }
      expect(actionable([...missing].sort(), "demo"), "requests of the demo audit without a conformance fixture of that api-version").toEqual([]);
    });
  });
});
