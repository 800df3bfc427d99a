/**
 * The emulator answers in the official shapes: for every conformance fixture, the same operation
 * is sent to the emulator serving the demo tenant (page size 1, so every list of two or more items
 * pages), and its answer's shape is compared with the fixture's: the list envelope (`value`), the
 * paging link (`nextLink` for ARM, `@odata.nextLink` for Graph), the envelope's other keys, and for
 * every key path present in both, the same casing and JSON type (which also catches a different
 * nesting: an object where the other has a scalar). A mismatch names the fixture, the path and
 * both shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoTenant } from "../../src/emulator/demo/index.js";
import type { TenantModel } from "../../src/emulator/model.js";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import { call } from "../emulator/fixture.js";
import { type ConformanceFixture, concretePath, loadFixtures, templateParameters } from "./load.js";
import { isGraph } from "./snapshots.js";

/** Where the official example and the official definition disagree, and the emulator follows the definition. */
const KNOWN_DEVIATIONS: { file: string; path: string; reason: string }[] = [
  {
    file: "graph/site-getallsites.json",
    path: "value[].siteCollection.hostName",
    reason: "the siteCollection resource page (api-reference/v1.0/resources/sitecollection.md) defines `hostname`; the getAllSites example alone spells it hostName",
  },
];

const MAP_PROPERTIES = new Set(["tags", "userAssignedIdentities"]);

type JsonType = "string" | "number" | "boolean" | "null" | "object" | "array";

function jsonType(v: unknown): JsonType {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v as JsonType;
}

/** Every key path of a JSON value with the types seen there (array items as `[]`, map keys as `*`). */
function shapeOf(value: unknown): Map<string, Set<JsonType>> {
  const out = new Map<string, Set<JsonType>>();
  const add = (path: string, t: JsonType) => {
    let s = out.get(path);
    if (!s) out.set(path, (s = new Set()));
    s.add(t);
  };
  const walk = (v: unknown, path: string, isMap: boolean) => {
    if (path !== "") add(path, jsonType(v));
    if (Array.isArray(v)) for (const x of v) walk(x, `${path}[]`, false);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        const seg = isMap ? "*" : k;
        walk(x, path === "" ? seg : `${path}.${seg}`, MAP_PROPERTIES.has(k));
      }
    }
  };
  walk(value, "", false);
  return out;
}

const fmt = (s: Set<JsonType> | undefined) => (s ? [...s].sort().join("|") : "absent");

/** The paging-link key of the fixture's API family. */
function pagingKey(f: ConformanceFixture): string {
  return isGraph(f) ? "@odata.nextLink" : "nextLink";
}

/**
 * Compares one fixture body with the emulator's body for the same operation.
 * @returns the mismatches, each naming the fixture, the path and both shapes
 */
function compareShapes(f: ConformanceFixture, emulated: unknown, nextPage: unknown, stats?: { common: number }): string[] {
  const out: string[] = [];
  const say = (path: string, fixture: string, emulator: string) => out.push(`${f.file}: ${path}: fixture ${fixture} | emulator ${emulator}`);
  const fb = f.body as Record<string, unknown>;
  const eb = (emulated ?? {}) as Record<string, unknown>;
  const fList = Array.isArray(fb?.value);
  const eList = Array.isArray(eb?.value);
  if (fList !== eList) say("value", fList ? "a list envelope { value: [...] }" : "a single object", eList ? "a list envelope { value: [...] }" : "a single object");
  const link = pagingKey(f);
  if (fList && eList) {
    // The envelope's other keys (@odata.context …); paging links and counts depend on the page.
    for (const k of Object.keys(fb)) {
      if (k === "value" || k === link || k === "@odata.count") continue;
      if (!(k in eb)) say(k, `${jsonType(fb[k])} (envelope key)`, "absent");
    }
    for (const k of Object.keys(eb)) {
      if (k !== link && /next/i.test(k)) say(k, `paging link named ${link}`, `paging link named ${k}`);
    }
    if (typeof eb[link] === "string") {
      if (!/^https:\/\//.test(eb[link] as string)) say(link, "an absolute https URL", JSON.stringify(eb[link]));
      const np = (nextPage ?? {}) as Record<string, unknown>;
      if (!Array.isArray(np.value)) say(`${link} (next page)`, "a list envelope { value: [...] }", JSON.stringify(nextPage)?.slice(0, 200) ?? "no answer");
    } else if (link in fb) {
      say(link, `string (the example pages; the emulator answered ${(eb.value as unknown[]).length} item(s) at page size 1)`, fmt(eb[link] === undefined ? undefined : new Set([jsonType(eb[link])])));
    }
  }
  const fs = shapeOf(fList ? { value: fb.value } : fb);
  const es = shapeOf(eList ? { value: eb.value } : eb);
  // A path compared without case, and without its `properties.` levels (nesting).
  const lower = new Map<string, string[]>();
  const flat = new Map<string, string[]>();
  const unnest = (p: string) => p.toLowerCase().replace(/(^|\.)properties(?=\.)/g, "").replace(/^\./, "");
  for (const p of es.keys()) {
    lower.set(p.toLowerCase(), [...(lower.get(p.toLowerCase()) ?? []), p]);
    flat.set(unnest(p), [...(flat.get(unnest(p)) ?? []), p]);
  }
  for (const [p, ft] of fs) {
    const et = es.get(p);
    if (!et) {
      const cased = (lower.get(p.toLowerCase()) ?? []).filter((q) => q !== p);
      for (const q of cased) say(p, `${p} (${fmt(ft)})`, `${q} (${fmt(es.get(q))}): casing differs`);
      if (cased.length > 0) continue;
      const nested = (flat.get(unnest(p)) ?? []).filter((q) => q !== p && !fs.has(q));
      for (const q of nested) say(p, `${p} (${fmt(ft)})`, `${q} (${fmt(es.get(q))}): nesting differs`);
      continue;
    }
    if (stats) stats.common++;
    // null is any type's absent value in the examples and in the emulator alike.
    const a = new Set([...ft].filter((t) => t !== "null"));
    const b = new Set([...et].filter((t) => t !== "null"));
    if (a.size > 0 && b.size > 0 && ![...a].some((t) => b.has(t))) say(p, fmt(ft), fmt(et));
  }
  return out;
}

/** The path template of an operation (no method, no query) as a case-insensitive regular expression. */
function templateRegex(operation: string): RegExp {
  const path = operation.replace(/^GET /, "").split("?")[0] as string;
  const parts = path.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join("[^/]+")}$`, "i");
}

/** Every path the demo tenant can answer at: its resources' ids, their parents and the lists above them, in both scopes. */
function candidatePaths(model: TenantModel): string[] {
  const out = new Set<string>(["/subscriptions", "/organization", "/users", "/groups", "/sites/getAllSites", "/sites/root", "/subscribedSkus"]);
  out.add(`/providers/Microsoft.Management/managementGroups/${model.tenantId}`);
  out.add(`/providers/Microsoft.CustomerLockbox/tenantOptedIn/${model.tenantId}`);
  const prefixes = (id: string) => {
    const seg = id.split("/").filter(Boolean);
    for (let i = 1; i <= seg.length; i++) out.add(`/${seg.slice(0, i).join("/")}`);
  };
  const ids: string[] = [];
  for (const s of model.subscriptions) {
    for (const x of ["", "/locations", "/providers", "/resourcegroups", "/resources"]) out.add(`/subscriptions/${s.subscriptionId}${x}`);
    for (const r of [...s.resources, ...s.resourceGroups]) ids.push(r.id);
  }
  for (const r of [...(model.managementGroupPolicyAssignments ?? []), ...(model.policySetDefinitions ?? [])]) ids.push(r.id);
  for (const id of ids) {
    prefixes(id);
    // The same list at subscription scope (`/subscriptions/{s}/providers/…` without the resource group).
    prefixes(id.replace(/^(\/subscriptions\/[^/]+)\/resourceGroups\/[^/]+(?=\/providers\/)/i, "$1"));
    // A database's replication links are also listed per server (`{server}/replicationLinks`).
    const link = /^(.*\/servers\/[^/]+)\/databases\/[^/]+\/replicationLinks\/[^/]+$/i.exec(id);
    if (link) out.add(`${link[1]}/replicationLinks`);
  }
  return [...out].sort();
}

/**
 * The query the emulator gets: the operation's own plus `api-version` for ARM; a Graph `$top` (the
 * page size the client asks for) becomes 1, so the list pages.
 */
function queryFor(f: ConformanceFixture): string {
  const q = new URLSearchParams(f.operation.split("?")[1] ?? "");
  if (isGraph(f)) {
    if (q.has("$top")) q.set("$top", "1");
  } else q.set("api-version", f.apiVersion);
  return q.toString();
}

let em: Emulator;
let model: TenantModel;
const fixtures = loadFixtures();
/** Per fixture: the path asked, the mismatches found. */
const results = new Map<string, { asked: string; mismatches: string[]; common: number }>();

beforeAll(async () => {
  model = { ...demoTenant(), pageSize: 1 };
  em = await startEmulator({ model });
  const candidates = candidatePaths(model);
  for (const f of fixtures) {
    const re = templateRegex(f.operation);
    const matching = candidates.filter((p) => re.test(p));
    // A list in a scope the demo has (a subscription, a resource group) but of a type it lacks: the
    // emulator still answers it, with an empty list.
    const sub = model.subscriptions[0];
    const params = templateParameters(f.operation);
    if (matching.length === 0 && sub && params.every((n) => n === "subscriptionId" || n === "resourceGroupName")) {
      const rg = (sub.resourceGroups[0]?.name as string | undefined) ?? "rg";
      matching.push(concretePath({ operation: f.operation, parameters: { subscriptionId: sub.subscriptionId, resourceGroupName: rg } }));
    }
    if (matching.length === 0) {
      results.set(f.file, { asked: "", common: 0, mismatches: [`${f.file}: (operation): fixture ${f.operation} | emulator: the demo tenant has nothing at this path template`] });
      continue;
    }
    // The answer with the most items (a list that pages, where one does), else the first 200.
    let best: { path: string; body: unknown; items: number } | undefined;
    for (const p of matching.slice(0, 40)) {
      const query = queryFor(f);
      const path = `${isGraph(f) ? "/v1.0" : ""}${p}${query ? `?${query}` : ""}`;
      const res = await call(em, path);
      if (res.status !== 200) continue;
      const items = Array.isArray(res.json?.value) ? (res.json.value as unknown[]).length + (res.json[pagingKey(f)] ? 1 : 0) : 0;
      if (!best || items > best.items) best = { path, body: res.json, items };
    }
    if (!best) {
      results.set(f.file, { asked: matching[0] as string, common: 0, mismatches: [`${f.file}: (status): fixture ${f.status} | emulator: no 200 answer at ${matching.slice(0, 3).join(", ")}`] });
      continue;
    }
    const link = (best.body as Record<string, unknown>)[pagingKey(f)];
    const next = typeof link === "string" ? (await call(em, link)).json : undefined;
    const known = new Set(KNOWN_DEVIATIONS.filter((d) => d.file === f.file).map((d) => d.path));
    const stats = { common: 0 };
    const mismatches = compareShapes(f, best.body, next, stats).filter((m) => !known.has(m.slice(f.file.length + 2).split(": ")[0] as string));
    results.set(f.file, { asked: best.path, mismatches, common: stats.common });
  }
}, 120_000);

afterAll(async () => {
  await em?.close();
});

describe("the emulator's shapes against the official examples", () => {
  it("answers every fixture's operation in the fixture's shape", () => {
    expect([...results.keys()]).toEqual(fixtures.map((f) => f.file));
    const all = [...results.values()].flatMap((r) => r.mismatches);
    expect(all.join("\n"), `emulator shapes that differ from the official examples:\n${all.join("\n")}\n`).toBe("");
    const common = [...results.values()].reduce((n, r) => n + r.common, 0);
    console.info(`emulator shapes: ${results.size} fixtures compared, ${common} key paths present in both`);
    for (const [file, r] of results) console.info(`  ${file}: ${r.common} common paths, asked ${r.asked}`);
  });

  it("still shows each known deviation (none is stale)", () => {
    for (const d of KNOWN_DEVIATIONS) {
      const f = fixtures.find((x) => x.file === d.file);
      if (!f) continue; // the fixture left: nothing to compare
      expect(shapeOf(f.body).has(d.path), `${d.file} no longer has ${d.path}: remove the known deviation`).toBe(true);
    }
  });

  it("names casing, type, envelope and paging differences (the comparison itself)", () => {
    const f: ConformanceFixture = {
      file: "x/example.json",
      spec: "specification/x/examples/example.json",
      operation: "GET /subscriptions/{subscriptionId}/providers/Microsoft.X/things",
      apiVersion: "2024-01-01",
      parameters: { subscriptionId: "s" },
      status: 200,
      body: { value: [{ id: "a", properties: { keySource: "k", sizeGb: 1, tags: { a: "b" } } }], nextLink: "https://example/next" },
      with: [],
      expect: [],
    };
    const emulated = { value: [{ id: "a", properties: { keysource: "k", sizeGb: "1", tags: { c: "d" } } }], "@odata.nextLink": "https://x/next" };
    const nested = { value: [{ id: "a", keySource: "k", properties: { sizeGb: 1, tags: {} } }], nextLink: "https://x/next" };
    expect(compareShapes(f, nested, { value: [] })).toEqual([
      "x/example.json: value[].properties.keySource: fixture value[].properties.keySource (string) | emulator value[].keySource (string): nesting differs",
    ]);
    expect(compareShapes(f, emulated, undefined)).toEqual([
      "x/example.json: @odata.nextLink: fixture paging link named nextLink | emulator paging link named @odata.nextLink",
      "x/example.json: nextLink: fixture string (the example pages; the emulator answered 1 item(s) at page size 1) | emulator absent",
      "x/example.json: value[].properties.keySource: fixture value[].properties.keySource (string) | emulator value[].properties.keysource (string): casing differs",
      "x/example.json: value[].properties.sizeGb: fixture number | emulator string",
    ]);
    expect(compareShapes({ ...f, body: { id: "a" } }, { value: [] }, undefined)).toEqual([
      "x/example.json: value: fixture a single object | emulator a list envelope { value: [...] }",
    ]);
  });
});
