/**
 * The property-path table (property-paths.md) against what the rules really read: each rule runs
 * alone over the demo tenant's snapshot and over each conformance fixture's snapshot (both
 * collected by the real collectors), with every payload wrapped in a recording proxy. A read the
 * table does not list fails, and so does a listed row that nothing read (stale); the failure
 * prints the rows ready to paste. The api-version column must be the one the collector sent.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRules } from "../../src/engine/registry.js";
import { defaultConfig, runRules } from "../../src/index.js";
import type { RuleDefinition, Snapshot } from "../../src/index.js";
import { loadFixtures } from "./load.js";
import { ENGINE, leafPaths, type PathRead, recordingSnapshot } from "./recording.js";
import { collectDemo, collectFixture } from "./snapshots.js";

const TABLE = join(dirname(fileURLToPath(import.meta.url)), "property-paths.md");
const NOW = new Date("2026-12-05T03:00:00Z");

/** One row of the table. */
interface Row {
  rule: string;
  collection: string;
  path: string;
  apiVersion: string;
  definition: string;
}

const key = (r: Pick<Row, "rule" | "collection" | "path">) => `${r.rule}|${r.collection}|${r.path}`;

/** The ARM resource envelope (common-types `Resource`/`TrackedResource`): the same definition in every collection. */
const ENVELOPE = /^(id|name|type|location|tags|tags\.\*)$/;
/** Collections that are not ARM resource lists (their `id`, `tags` … are their own definitions'). */
const NOT_ARM = /^(m365.*|subscriptions|managementGroups|customerLockbox)$/;

/** The table's collection for a read: `*` for the ARM envelope, read alike in every ARM collection. */
function tableCollection(collection: string, path: string): string {
  return ENVELOPE.test(path) && !NOT_ARM.test(collection) ? "*" : collection;
}

/** Reads the table's rows: `| rule | collection | \`path\` | api-version | definition |`. */
function parseTable(text: string): Row[] {
  const rows: Row[] = [];
  for (const line of text.split("\n")) {
    const cells = /^\|(.*)\|\s*$/.exec(line)?.[1]?.split("|").map((c) => c.trim());
    if (cells?.length !== 5 || cells[0] === "rule" || /^-+$/.test(cells[0] as string)) continue;
    const [rule, collection, path, apiVersion, definition] = cells as [string, string, string, string, string];
    rows.push({ rule, collection, path: path.replace(/^`|`$/g, ""), apiVersion, definition });
  }
  return rows;
}

function formatRow(r: Row): string {
  return `| ${r.rule} | ${r.collection} | \`${r.path}\` | ${r.apiVersion} | ${r.definition} |`;
}

interface Source {
  name: string;
  snapshot: Snapshot;
}

let sources: Source[] = [];
let rules: RuleDefinition[] = [];
/** key → the read (rule, collection, path) with the api-version its snapshot records and the sources that read it. */
const seen = new Map<string, { row: Row; sources: Set<string> }>();
let elapsedMs = 0;

beforeAll(async () => {
  const started = performance.now();
  rules = await loadRules();
  const fixtures = loadFixtures();
  sources = [{ name: "demo", snapshot: await collectDemo() }];
  for (const f of fixtures) sources.push({ name: f.file, snapshot: await collectFixture(f, fixtures) });
  const config = defaultConfig();
  for (const source of sources) {
    for (const rule of rules) {
      const reads: PathRead[] = [];
      let active = false;
      const snap = recordingSnapshot(source.snapshot, (r) => reads.push(r), () => active);
      active = true;
      try {
        runRules(snap, [rule], { config, now: NOW });
      } finally {
        active = false;
      }
      const byOwner = new Map<string, Set<string>>();
      for (const r of reads) {
        const owner = `${r.byRule ? rule.id : ENGINE}|${r.collection}`;
        let set = byOwner.get(owner);
        if (!set) byOwner.set(owner, (set = new Set()));
        set.add(r.path);
      }
      for (const [owner, paths] of byOwner) {
        const [ruleId, collection] = owner.split("|") as [string, string];
        for (const path of leafPaths(paths)) {
          const c = tableCollection(collection, path);
          const apiVersion = c === "*" ? "*" : (source.snapshot.apiVersions[collection as keyof Snapshot["apiVersions"]] ?? "?");
          const row: Row = { rule: ruleId, collection: c, path, apiVersion, definition: "?" };
          const k = key(row);
          const had = seen.get(k);
          if (had) {
            had.sources.add(source.name);
            if (had.row.apiVersion === "?") had.row.apiVersion = row.apiVersion;
          } else seen.set(k, { row, sources: new Set([source.name]) });
        }
      }
    }
  }
  elapsedMs = performance.now() - started;
}, 300_000);

describe("the property-path table", () => {
  it("lists every path a rule or the engine reads", () => {
    const listed = new Set(parseTable(readFileSync(TABLE, "utf8")).map(key));
    const missing = [...seen.entries()]
      .filter(([k]) => !listed.has(k))
      .map(([, v]) => v.row)
      .sort((a, b) => key(a).localeCompare(key(b)));
    expect(
      missing.map(formatRow).join("\n"),
      `rows missing from tests/conformance/property-paths.md (fill in the definition column):\n${missing.map(formatRow).join("\n")}\n`,
    ).toBe("");
  });

  it("lists no path that nothing reads (stale rows)", () => {
    const stale = parseTable(readFileSync(TABLE, "utf8")).filter((r) => !seen.has(key(r)));
    expect(stale.map(formatRow).join("\n"), `stale rows in tests/conformance/property-paths.md (no rule read them over the demo tenant or any fixture):\n${stale.map(formatRow).join("\n")}\n`).toBe("");
  });

  it("names the api-version the collector sends and a spec definition for each row", () => {
    const wrong: string[] = [];
    for (const r of parseTable(readFileSync(TABLE, "utf8"))) {
      const got = seen.get(key(r));
      if (got && got.row.apiVersion !== "?" && got.row.apiVersion !== r.apiVersion) wrong.push(`${formatRow(r)}  ← the collector sent api-version ${got.row.apiVersion}`);
      if (!/^(\S+\.json#\/definitions\/\S+|graph: \S+\.md(#\S+)?)( \(.+\))?$/.test(r.definition)) wrong.push(`${formatRow(r)}  ← definition: expected "<file>.json#/definitions/<Name>" or "graph: resources/<type>.md"`);
    }
    expect(wrong.join("\n")).toBe("");
  });

  it("ran every rule over the demo tenant and every fixture", () => {
    expect(sources.map((s) => s.name)).toEqual(["demo", ...loadFixtures().map((f) => f.file)]);
    expect(rules.length).toBeGreaterThan(0);
    // Each rule reads something of the demo tenant (which demonstrates every rule).
    const rulesThatRead = new Set([...seen.values()].filter((v) => v.sources.has("demo")).map((v) => v.row.rule));
    expect(rules.map((r) => r.id).filter((id) => !rulesThatRead.has(id))).toEqual([]);
    console.info(`property paths: ${seen.size} rows read over ${sources.length} snapshots (${rules.length} rules) in ${(elapsedMs / 1000).toFixed(1)} s`);
  });
});
