/**
 * Streamed reports: the chunks of findings.csv, findings.sarif and report.html joined are exactly
 * the string APIs' text (which are those chunks joined), that text has the exact format of the
 * pre-streaming renderers (CSV lines joined by CRLF, SARIF `JSON.stringify(log, null, 2)`, the
 * page's data `jsonForScript(...)`), and the CLI's streaming writer puts the same bytes on disk.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeTextAtomic } from "../../src/base/atomic.js";
import { LANGS } from "../../src/base/lang.js";
import { resolveSettings, sha256, writeReports } from "../../src/cli/pipeline.js";
import { sortFindings } from "../../src/findings/document.js";
import { CSV_COLUMNS, csvChunks, renderCsv } from "../../src/reporters/csv.js";
import { csvField, jsonForScript } from "../../src/reporters/escape.js";
import { htmlChunks, renderHtml } from "../../src/reporters/html.js";
import { encodeResults } from "../../src/reporters/html/compact.js";
import { REPORT_FILES, renderReport } from "../../src/reporters/index.js";
import { renderSarif, sarifChunks } from "../../src/reporters/sarif.js";
import { batched, compactJsonPieces } from "../../src/reporters/stream.js";
import type { FindingsDocument } from "../../src/findings/types.js";
import type { Finding } from "../../src/engine/types.js";
import { jsonResults, renderJson } from "../../src/reporters/json.js";
import { tempDir } from "../e2e/helpers.js";
import { makeDocument, makeLargeDocument } from "./fixture.js";

const DOCS: [string, () => FindingsDocument][] = [
  ["the fixture document (hostile names, CSV-tricky text, evidence, exceptions, baseline)", () => makeDocument()],
  ["12,000 results (compact HTML, many chunks)", () => makeLargeDocument(12_000)],
  ["no results", () => ({ ...makeDocument(), results: [] })],
];

function dataBlock(html: string): string {
  const open = '<script type="application/json" id="hemvist-data">';
  const start = html.indexOf(open) + open.length;
  return html.slice(start, html.indexOf("</script>", start));
}

describe.each(DOCS)("streamed reports: %s", (_name, make) => {
  for (const lang of LANGS) {
    it(`CSV (${lang}): chunks joined = renderCsv = header and rows joined by CRLF`, () => {
      const doc = make();
      const chunks = [...csvChunks(doc, { lang })];
      const text = renderCsv(doc, { lang });
      expect(chunks.join("")).toBe(text);
      // The text as one array of lines joined by CRLF would give (the pre-streaming renderer).
      const lines = [CSV_COLUMNS.join(",")];
      for (const f of doc.results) lines.push([f.ruleId, f.status, f.severity, f.resourceId].map(csvField).join(","));
      const got = text.slice(1).split("\r\n");
      expect(text.startsWith("\uFEFF")).toBe(true);
      expect(got.at(-1)).toBe("");
      if (doc.results.length > 1000) {
        expect(chunks.length).toBeGreaterThan(10);
        // Generated rows hold no CR/LF, so each line is one row; its first four fields match.
        // After the results: resolved and unverified baseline results, then disabled rules (one line each).
        const documentRows = (doc.baseline?.resolved.length ?? 0) + (doc.baseline?.unverified.length ?? 0) + (doc.disabledRules?.length ?? 0);
        expect(got.length).toBe(doc.results.length + documentRows + 2);
        // English keeps the column ids and the document's values, separated by commas (Swedish: csv.test.ts).
        if (lang === "en") for (let i = 0; i < lines.length; i += 997) expect(got[i]!.startsWith(lines[i]!)).toBe(true);
      }
    });

    it(`SARIF (${lang}): chunks joined = renderSarif = JSON.stringify(log, null, 2)`, () => {
      const doc = make();
      // Every result listed: what the log holds beyond GitHub's limits is tested in sarif-limits.test.ts.
      const unlimited = { maxResults: 1_000_000, maxBytes: 1e12 };
      const chunks = [...sarifChunks(doc, { lang }, unlimited)];
      const text = renderSarif(doc, { lang }, unlimited);
      expect(chunks.join("")).toBe(text);
      const log = JSON.parse(text) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] };
      expect(text).toBe(`${JSON.stringify(log, null, 2)}\n`);
      // Tonight's results but passes and unverified ones, then last night's unverified results.
      const reported = doc.results.filter((f) => f.status !== "pass" && f.baselineState !== "unverified");
      const unverified = doc.baseline?.unverified ?? [];
      expect(log.runs[0]!.results.length).toBe(reported.length + unverified.length);
      expect(new Set(log.runs[0]!.results.map((r) => r.partialFingerprints["hemvist/v1"]))).toEqual(new Set([...reported, ...unverified].map((f) => f.fingerprint)));
      if (reported.length > 1000) expect(chunks.length).toBeGreaterThan(10);
    });

    it(`HTML (${lang}): chunks joined = renderHtml, data = jsonForScript of the embedded value`, () => {
      const doc = make();
      const chunks = [...htmlChunks(doc, { lang })];
      const html = renderHtml(doc, { lang });
      expect(chunks.join("")).toBe(html);
      const data = dataBlock(html);
      const value = JSON.parse(data) as Record<string, unknown>;
      expect(jsonForScript(value)).toBe(data);
      if (doc.results.length > 5000) {
        expect(value.results).toBeUndefined();
        expect(value.resultsCompact).toEqual(JSON.parse(JSON.stringify(encodeResults(doc.results))));
        expect(chunks.length).toBeGreaterThan(3);
      } else {
        expect(value).toEqual(JSON.parse(JSON.stringify(doc)));
      }
    });
  }
});

describe("compactJsonPieces", () => {
  it("joins to JSON.stringify at every depth, with undefined, functions, holes and empty containers", () => {
    const sparse: unknown[] = [1];
    sparse[3] = "x";
    const value = {
      a: [1, undefined, () => 1, "å\u2028<", { b: undefined, c: [[], {}], d: null }],
      skip: undefined,
      fn: () => 2,
      big: Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? i : i % 3 === 1 ? `s${i}` : null)),
      sparse,
      date: new Date(0),
      nested: { deeper: { deepest: [1, { x: "y" }] } },
      empty: [],
      emptyObj: {},
    };
    for (const depth of [0, 1, 2, 3, 5]) expect([...compactJsonPieces(value, depth)].join("")).toBe(JSON.stringify(value));
    expect([...compactJsonPieces([], 2)].join("")).toBe("[]");
    expect([...compactJsonPieces("ä", 2)].join("")).toBe('"ä"');
  });

  it("batched keeps the text and gathers small pieces", () => {
    const pieces = Array.from({ length: 5000 }, (_, i) => `p${i};`);
    const out = [...batched(pieces, 1000)];
    expect(out.join("")).toBe(pieces.join(""));
    expect(out.length).toBeLessThan(40);
    expect(out.length).toBeGreaterThan(20);
  });
});

describe("writeTextAtomic", () => {
  it("writes the pieces' UTF-8 bytes and returns their sha256, leaving no temporary file", async () => {
    const dir = await tempDir();
    const file = join(dir, "findings.csv");
    const doc = makeLargeDocument(8000);
    const sha = await writeTextAtomic(file, csvChunks(doc, { lang: "sv" }));
    const text = renderCsv(doc, { lang: "sv" });
    expect(await readFile(file, "utf8")).toBe(text);
    expect(sha).toBe(sha256(text));
    expect(await readdir(dir)).toEqual(["findings.csv"]);
  });

  it("keeps the previous file and removes its temporary file when rendering fails midway", async () => {
    const dir = await tempDir();
    const file = join(dir, "findings.sarif");
    await writeTextAtomic(file, ["previous\n"]);
    function* failing(): Generator<string> {
      yield "x".repeat(5_000_000); // past one flush, so part of it is on disk
      throw new Error("renderer failed");
    }
    await expect(writeTextAtomic(file, failing())).rejects.toThrow("renderer failed");
    expect(await readFile(file, "utf8")).toBe("previous\n");
    expect(await readdir(dir)).toEqual(["findings.sarif"]);
  });
});

describe("writeReports", () => {
  it("writes every format byte for byte as renderReport renders it", async () => {
    const dir = await tempDir();
    const settings = await resolveSettings({ out: dir, format: "json,html,sarif,md,csv", quiet: true, lang: "sv" }, dir);
    const doc = makeLargeDocument(6000);
    // Reports list results in report order (the pipeline always sorts; the spool sorts per rule group).
    sortFindings(doc.results);
    const files = await writeReports(doc, settings);
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(Object.values(REPORT_FILES).sort());
    for (const format of ["json", "html", "sarif", "md", "csv"] as const) {
      const { file, content } = renderReport(format, doc, { lang: "sv" });
      expect((await readFile(join(dir, file), "utf8")) === content, file).toBe(true);
    }
  });
});

describe("findings.json's dependencies", () => {
  const id = "/subscriptions/3c4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7/resourceGroups/rg-skola/providers/Microsoft.Storage/storageAccounts/stskolaelev01";
  const vault = "/subscriptions/3c4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7/resourceGroups/rg-skola/providers/Microsoft.KeyVault/vaults/kv-skola01";
  const finding: Finding = {
    ruleId: "ENC-07",
    status: "pass",
    severity: "high",
    resourceId: id,
    resourceKey: id.toLowerCase(),
    resourceName: "stskolaelev01",
    messageId: "allowedRegion",
    message: { en: "stskolaelev01 uses a key in kv-skola01.", sv: "stskolaelev01 använder en nyckel i kv-skola01." },
    fingerprint: "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
    dependsOn: [
      { collection: "storageAccounts", scope: id },
      { collection: "keyVaults", scope: vault },
      { collection: "managedHsms", scope: "/" },
    ],
  };

  it("omit the scope of a dependency at the result's own resource, keep every other scope", () => {
    const written = JSON.parse(`[${jsonResults([finding])}]`)[0];
    expect(written.dependsOn).toEqual([{ collection: "storageAccounts" }, { collection: "keyVaults", scope: vault }, { collection: "managedHsms", scope: "/" }]);
    expect(JSON.parse(renderJson({ ...makeDocument(), results: [finding] })).results[0].dependsOn).toEqual(written.dependsOn);
    // The finding itself is not changed.
    expect(finding.dependsOn?.[0]).toEqual({ collection: "storageAccounts", scope: id });
  });

  it("are not embedded in report.html (findings.json keeps them)", () => {
    const html = renderHtml({ ...makeDocument(), results: [finding] }, { lang: "en" });
    expect(html).toContain("stskolaelev01");
    expect(html).not.toContain("dependsOn");
  });
});
