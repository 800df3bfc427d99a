/**
 * Streamed JSON files are byte for byte what JSON.stringify writes (so snapshot hashes and
 * findings.json stay the same), for the demo snapshot shape, a findings document and edge cases.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeJsonAtomic } from "../../src/base/atomic.js";
import { jsonPieces } from "../../src/base/json-pieces.js";
import { sha256, snapshotText } from "../../src/cli/pipeline.js";
import { jsonFrame, jsonResults, renderJson } from "../../src/reporters/json.js";
import { makeDataMap } from "../reporters/datamap-fixture.js";
import { makeDocument } from "../reporters/fixture.js";
import { makeSnapshot } from "../fixtures/snapshot.js";
import { tempDir } from "../e2e/helpers.js";
import { demoTenant } from "../../src/emulator/demo/index.js";

describe("writeJsonAtomic", () => {
  it("writes exactly snapshotText(snapshot) and returns its sha256", async () => {
    // The demo tenant's payloads (deeply nested properties, Swedish text) in the snapshot's shape.
    const snap = {
      ...makeSnapshot(),
      subscriptions: demoTenant().subscriptions.map((s) => ({ subscriptionId: s.subscriptionId, id: `/subscriptions/${s.subscriptionId}`, ...(s.tags ? { tags: s.tags } : {}), collections: { resourceGroups: s.resourceGroups, resources: s.resources } })),
    };
    expect(snap.subscriptions.flatMap((s) => s.collections.resources).length).toBeGreaterThan(50);
    const dir = await tempDir();
    const file = join(dir, "snapshot.json");
    const sha = await writeJsonAtomic(file, snap);
    const text = await readFile(file, "utf8");
    expect(text).toBe(snapshotText(snap));
    expect(sha).toBe(sha256(snapshotText(snap)));
  });

  it("writes a findings document exactly as renderJson does", async () => {
    const doc = makeDocument();
    const dir = await tempDir();
    const file = join(dir, "findings.json");
    const head = JSON.parse(renderJson({ ...doc, results: [] })) as Record<string, unknown>;
    await writeJsonAtomic(file, { ...head, results: doc.results });
    expect(await readFile(file, "utf8")).toBe(renderJson(doc));
  });

  it("matches JSON.stringify on edge cases: empty containers, undefined, nested depth, unicode, numbers", () => {
    const value = {
      a: [],
      b: {},
      c: [undefined, null, 1.5, -0, Number.NaN, "å\u2028\"\\", { d: undefined, e: [[[[[{ f: [1, { g: "deep" }] }]]]]] }],
      h: undefined,
      "10": "integer-like key",
      i: { j: { k: { l: { m: { n: [1, 2, { o: "x" }] } } } } },
    };
    for (const indent of [1, 2]) expect([...jsonPieces(value, indent)].join("")).toBe(JSON.stringify(value, null, indent));
    expect([...jsonPieces([], 1)].join("")).toBe("[]");
    expect([...jsonPieces("s", 1)].join("")).toBe('"s"');
  });
});

describe("findings.json's frame", () => {
  it("writes the data map's copies a batch at a time, byte for byte as renderJson (with and without results)", () => {
    const dm = makeDataMap();
    const base = dm.copies;
    // More copies than one batch, and a tenant string holding the slot's own text.
    dm.copies = Array.from({ length: 700 }, (_, i) => ({ ...base[i % base.length]!, resourceName: i === 5 ? '\n  "copies": []' : `r${i}` }));
    const doc = { ...makeDocument(), dataMap: dm };
    const frame = jsonFrame(doc);
    const [head, tail] = [[...frame.head()], [...frame.tail()]];
    // 700 copies: three batches, never one string.
    expect(head.length + tail.length).toBeGreaterThan(5);
    expect([...head, jsonResults(doc.results), ...tail].join("")).toBe(renderJson(doc));
    expect([...frame.empty()].join("")).toBe(renderJson({ ...doc, results: [] }));
    // No data map, and one without copies.
    const none = makeDocument();
    expect([...jsonFrame(none).head(), jsonResults(none.results), ...jsonFrame(none).tail()].join("")).toBe(renderJson(none));
    const empty = { ...none, dataMap: { ...makeDataMap(), copies: [] } };
    expect([...jsonFrame(empty).empty()].join("")).toBe(renderJson({ ...empty, results: [] }));
  });
});
