/**
 * Secret stripping never removes evidence: every property path a rule reads
 * (tests/conformance/property-paths.md) survives `stripSecrets`, in payloads built to hold each
 * path and in every conformance fixture's answer and the demo tenant's payloads as served.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SECRET_PROPERTY_NAMES, stripSecrets } from "../../src/collectors/secrets.js";
import { demoTenant } from "../../src/emulator/demo/index.js";
import { loadFixtures } from "../conformance/load.js";

const TABLE = join(import.meta.dirname, "../conformance/property-paths.md");

/** The `path` column of every row of the table (`| rule | collection | \`path\` | api-version | definition |`). */
function tablePaths(): string[] {
  const paths = new Set<string>();
  for (const line of readFileSync(TABLE, "utf8").split("\n")) {
    const cells = /^\|(.*)\|\s*$/.exec(line)?.[1]?.split("|").map((c) => c.trim());
    if (cells?.length !== 5 || cells[0] === "rule" || /^-+$/.test(cells[0] as string)) continue;
    paths.add((cells[2] as string).replace(/^`|`$/g, ""));
  }
  return [...paths].sort();
}

/**
 * A payload holding `path` with `leaf` at its end: `a.b[].c` → `{a: {b: [{c: leaf}]}}`, a `*` map
 * key becomes `k`.
 */
function payloadWith(path: string, leaf: unknown): Record<string, unknown> {
  const segs = path.split(".");
  const root: Record<string, unknown> = {};
  let node: Record<string, unknown> = root;
  segs.forEach((seg, i) => {
    const last = i === segs.length - 1;
    const isArray = seg.endsWith("[]");
    const name = seg.replace(/\[\]$/, "").replace(/^\*$/, "k");
    const inner: Record<string, unknown> = {};
    const value = last ? leaf : inner;
    node[name] = isArray ? [value] : value;
    node = inner;
  });
  return root;
}

/** Values at `path` in an item (every array element, every map key). */
function valuesAt(item: unknown, path: string): unknown[] {
  let nodes: unknown[] = [item];
  for (const seg of path.split(".")) {
    const name = seg.replace(/\[\]$/, "");
    const next: unknown[] = [];
    for (const n of nodes) {
      if (typeof n !== "object" || n === null) continue;
      const vals = name === "*" ? Object.values(n) : [(n as Record<string, unknown>)[name]];
      for (const v of vals) {
        if (v === undefined) continue;
        if (seg.endsWith("[]") && Array.isArray(v)) next.push(...v);
        else next.push(v);
      }
    }
    nodes = next;
  }
  return nodes;
}

/** The items of a fixture body as the collectors store them: a list page's `value`, or the one object. */
function itemsOf(body: unknown): unknown[] {
  if (typeof body === "object" && body !== null && Array.isArray((body as { value?: unknown }).value)) return (body as { value: unknown[] }).value;
  return body === undefined || body === null ? [] : [body];
}

const PATHS = tablePaths();

describe("every property path a rule reads survives secret stripping", () => {
  it("the table has the key URIs and key names the issue names (so the checks below are about them)", () => {
    for (const p of ["properties.primaryKeyURI", "properties.geoBackupKeyURI", "properties.keyVaultKeyUri", "properties.activeKey.keyUrl"]) {
      expect(PATHS.some((x) => x.endsWith(p.replace(/^properties\./, ""))), p).toBe(true);
    }
    expect(PATHS.length).toBeGreaterThan(80);
  });

  it("no path segment of the table is a secret property name", () => {
    const hits = PATHS.filter((p) => p.split(".").some((s) => SECRET_PROPERTY_NAMES.has(s.replace(/\[\]$/, "").toLowerCase())));
    expect(hits).toEqual([]);
  });

  it.each([
    ["a key URI", "https://contoso-kv.vault.azure.net/keys/cmk-sql/4e3f1a2b3c4d5e6f7a8b9c0d1e2f3a4b"],
    ["a region name", "swedencentral"],
    ["a boolean", true],
    ["a number", 90],
  ])("each path holding %s is unchanged", (_label, leaf) => {
    const changed: string[] = [];
    for (const p of PATHS) {
      const item = payloadWith(p, leaf);
      const before = JSON.stringify(item);
      stripSecrets([item]);
      if (JSON.stringify(item) !== before) changed.push(p);
    }
    expect(changed).toEqual([]);
  });

  it("every conformance fixture's answer keeps the value at every listed path (and none of them holds a secret)", () => {
    const fixtures = loadFixtures();
    expect(fixtures.length).toBeGreaterThan(40);
    const changed: string[] = [];
    let checked = 0;
    for (const f of fixtures) {
      const items = itemsOf(f.body);
      const copy = structuredClone(items);
      stripSecrets(copy);
      for (const p of PATHS) {
        const before = items.flatMap((i) => valuesAt(i, p));
        checked += before.length;
        if (JSON.stringify(before) !== JSON.stringify(copy.flatMap((i) => valuesAt(i, p)))) changed.push(`${f.file}: ${p}`);
      }
      if (JSON.stringify(copy) !== JSON.stringify(items)) changed.push(`${f.file}: something was stripped`);
    }
    expect(changed).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  });

  it("the demo tenant's payloads (every resource, resource group and Graph object) are unchanged", () => {
    const t = demoTenant();
    const items: unknown[] = [
      ...t.subscriptions.flatMap((s) => [...s.resources, ...s.resourceGroups]),
      ...Object.values(t.graph ?? {}).flatMap((v) => (Array.isArray(v) ? v : [])),
      ...(t.managementGroupPolicyAssignments ?? []),
      ...(t.policySetDefinitions ?? []),
    ];
    expect(items.length).toBeGreaterThan(100);
    const copy = structuredClone(items);
    stripSecrets(copy);
    const changed = copy.flatMap((c, i) => (JSON.stringify(c) === JSON.stringify(items[i]) ? [] : [(items[i] as { id?: string }).id]));
    expect(changed).toEqual([]);
    // Cosmos DB's keysMetadata names the keys (primaryMasterKey: {generationTime}): metadata, kept.
    expect(JSON.stringify(copy)).toContain('"keysMetadata":{"primaryMasterKey":{"generationTime"');
  });
});
