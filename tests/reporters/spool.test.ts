/**
 * The report spool: whatever the split of the results into rules and the order the rules arrive
 * in, every report it assembles is byte for byte what the renderers write for the whole document
 * (`renderReport(format, { ...doc, results: sortFindings(all) })`), below and above the compact
 * HTML threshold; its temporary files never outlive finish or discard, and passing results are
 * not kept.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, describe, expect, it } from "vitest";
import type { Finding, RuleMeta, Severity, Status } from "../../src/engine/types.js";
import { compareFindings } from "../../src/reporters/common.js";
import { renderConsoleSummary } from "../../src/reporters/console.js";
import { sortFindings } from "../../src/findings/document.js";
import { MARKDOWN_TOP } from "../../src/reporters/markdown.js";
import { COMPACT_THRESHOLD } from "../../src/reporters/html/compact.js";
import { REPORT_FILES, REPORT_FORMATS, type ReportFormat, renderReport } from "../../src/reporters/index.js";
import { mulberry32 } from "../../src/builders/ids.js";
import { ReportSpool } from "../../src/reporters/spool.js";
import { LANGS, type Lang } from "../../src/base/lang.js";
import type { FindingsDocument } from "../../src/findings/types.js";
import { tempDir } from "../e2e/helpers.js";
import { attestationResults, fingerprint, makeAttestationDocument, makeDocument, makeLargeDocument, missingDefaultGeo, RULES, summarize } from "./fixture.js";

/** A small deterministic PRNG (mulberry32), so a failing split can be replayed from its seed. */
const random = mulberry32;

function shuffle<T>(items: T[], rnd: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

function byRule(results: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of results) {
    let list = map.get(f.ruleId);
    if (!list) map.set(f.ruleId, (list = []));
    list.push(f);
  }
  return map;
}

function pathsIn(dir: string, formats: readonly ReportFormat[]): Partial<Record<ReportFormat, string>> {
  return Object.fromEntries(formats.map((f) => [f, join(dir, REPORT_FILES[f])]));
}

/**
 * Feeds the document's results to a spool rule by rule (rules in the given order, each rule's
 * results shuffled), finishes it and checks every file against the renderers' text and that only
 * the reports are left in the folder. Returns the highlights.
 */
async function assembleAndCompare(doc: FindingsDocument, lang: Lang, ruleOrder: (ids: string[]) => string[], formats: readonly ReportFormat[] = REPORT_FORMATS, seed = 1): Promise<Finding[]> {
  const dir = await tempDir();
  const all = [...doc.results];
  const rnd = random(seed);
  const spool = new ReportSpool({ dir, formats: [...formats], lang, rules: doc.rules });
  const groups = byRule(all);
  for (const id of ruleOrder([...groups.keys()])) await spool.add(id, shuffle([...(groups.get(id) as Finding[])], rnd));
  const { highlights } = await spool.finish({ ...doc, results: [] }, pathsIn(dir, formats));

  const reference = { ...doc, results: sortFindings([...all]) };
  for (const format of formats) {
    const want = Buffer.from(renderReport(format, reference, { lang }).content, "utf8");
    const got = await readFile(join(dir, REPORT_FILES[format]));
    expect(got.length, `${format} length`).toBe(want.length);
    expect(got.equals(want), `${format} bytes`).toBe(true);
  }
  expect((await readdir(dir)).sort()).toEqual(formats.map((f) => REPORT_FILES[f]).sort());
  // Highlights: failing, new and attestation-required results only, in report order, holding the
  // first MARKDOWN_TOP of each list in both orders (summary.md, compared above, and the console read no others).
  const fails = reference.results.filter((f) => f.status === "fail");
  const fresh = reference.results.filter((f) => f.baselineState === "new");
  const attest = reference.results.filter((f) => f.status === "attestation-required");
  expect(highlights.every((f) => f.status === "fail" || f.baselineState === "new" || f.status === "attestation-required")).toBe(true);
  expect(highlights).toEqual(sortFindings([...highlights]));
  const kept = new Set(highlights);
  for (const list of [fails, fresh, attest]) {
    for (const f of list.slice(0, MARKDOWN_TOP)) expect(kept.has(f)).toBe(true);
    for (const f of [...list].sort(compareFindings).slice(0, MARKDOWN_TOP)) expect(kept.has(f)).toBe(true);
  }
  for (const color of [false, true]) {
    const opts = { lang, files: [], color };
    expect(renderConsoleSummary({ ...doc, results: highlights }, opts)).toBe(renderConsoleSummary(reference, opts));
  }
  return highlights;
}

const l = (en: string, sv: string) => ({ en, sv });

/** The fixture document plus results that reach the remaining corners: U+2028/U+2029, a by-level rule of several severities, ties broken by part, statuses of one rule at one severity. */
function hostileDocument(): FindingsDocument {
  const doc = makeDocument();
  const base = doc.results.find((f) => f.ruleId === "RES-01" && f.status === "fail") as Finding;
  const extra: Finding[] = [
    {
      ...base,
      resourceId: `${base.resourceId}-ls`,
      resourceKey: `${base.resourceKey}-ls`,
      resourceName: "st\u2028line\u2029sep",
      fingerprint: fingerprint("RES-01", `${base.resourceKey}-ls`),
      message: l("st\u2028line\u2029sep is stored in eastus <!-- & --> \u00e5\u00e4\u00f6.", "st\u2028line\u2029sep lagras i eastus – Gävleborgs län."),
      baselineState: "unchanged",
    },
    {
      ...base,
      ruleId: "ENC-01",
      severity: "low",
      status: "fail",
      part: "blob",
      messageId: "platformKey",
      fingerprint: fingerprint("ENC-01", base.resourceKey, "blob"),
      message: l("Blob: =SUM(A1:A2) +1 -1 @x", "Blob: =SUMMA(A1:A2) \"citat\", semikolon;"),
      evidence: [{ path: "properties.encryption.services.blob", actual: { enabled: true, keyType: "Account" }, expected: "Microsoft.Keyvault", defaulted: true }],
      baselineState: "new",
    },
    {
      ...base,
      ruleId: "ENC-01",
      severity: "low",
      status: "fail",
      part: "Blob",
      messageId: "platformKey",
      fingerprint: fingerprint("ENC-01", base.resourceKey, "Blob"),
      baselineState: "new",
    },
    {
      ...base,
      ruleId: "ENC-01",
      severity: "critical",
      status: "pass",
      resourceName: "s",
      messageId: "customerKey",
      fingerprint: fingerprint("ENC-01", `${base.resourceKey}/x`),
      resourceId: `${base.resourceId}/X`,
      resourceKey: `${base.resourceKey}/x`,
      message: l("Customer-managed key.", "Kundhanterad nyckel."),
      baselineState: undefined,
    },
  ];
  const results = [...doc.results, ...extra];
  return { ...doc, results, summary: summarize(results) };
}

/** `count` generated results spread over `rules` rules (copies of the fixture's with new ids). */
function largeDocument(count: number, rules: number, seed: number): FindingsDocument {
  const base = makeLargeDocument(count);
  const rnd = random(seed);
  const metas: RuleMeta[] = Array.from({ length: rules }, (_, i) => ({ ...(RULES[i % RULES.length] as RuleMeta), id: `${["RES", "ENC", "KEY", "cls", "ACC"][i % 5]}-${String(i).padStart(2, "0")}` }));
  const results = base.results.map((f, i) => {
    const rule = metas[Math.floor(rnd() * metas.length)] as RuleMeta;
    const r: Finding = { ...f, ruleId: rule.id, fingerprint: fingerprint(rule.id, f.resourceKey) };
    // Rows the compact encoding cannot template, and a field a newer Finding may carry.
    if (i % 997 === 0) r.message = l(`odd \u0001 ${f.resourceName}`, "x");
    if (i % 1499 === 0) (r as unknown as Record<string, unknown>).futureField = { a: [1, "</script>"] };
    return r;
  });
  return { ...base, rules: metas, results, summary: summarize(results) };
}

const savedSummary = process.env.GITHUB_STEP_SUMMARY;
afterEach(() => {
  if (savedSummary === undefined) delete process.env.GITHUB_STEP_SUMMARY;
  else process.env.GITHUB_STEP_SUMMARY = savedSummary;
});

// Each test renders every format of a document several times over (up to 7,000 results in four
// orders): about 20 s each on a loaded two-core machine, too close to the default 30 s.
describe("ReportSpool: byte identity with the renderers", { timeout: 120_000 }, () => {
  for (const lang of LANGS) {
    it(`every format, the hostile fixture (${lang}), rules in document order, reversed and shuffled`, async () => {
      delete process.env.GITHUB_STEP_SUMMARY;
      const doc = hostileDocument();
      expect(new Set(doc.results.map((f) => f.status))).toEqual(new Set<Status>(["fail", "pass", "excepted", "not-assessed"]));
      await assembleAndCompare(doc, lang, (ids) => ids);
      await assembleAndCompare(doc, lang, (ids) => ids.reverse());
      for (const seed of [2, 3, 4]) await assembleAndCompare(doc, lang, (ids) => shuffle(ids, random(seed)), REPORT_FORMATS, seed);
    });
  }

  for (const seed of [11, 12]) {
    it(`every format, 7,000 results over 37 rules (compact HTML), random rule order and split (seed ${seed})`, async () => {
      const doc = largeDocument(7_000, 37, seed);
      const highlights = await assembleAndCompare(doc, seed % 2 === 0 ? "en" : "sv", (ids) => shuffle(ids, random(seed)), REPORT_FORMATS, seed);
      expect(doc.results.length).toBeGreaterThan(COMPACT_THRESHOLD);
      // Bounded by the rules, not the results: at most 4 × MARKDOWN_TOP per rule.
      const failing = doc.results.filter((f) => f.status === "fail").length;
      expect(failing).toBeGreaterThan(1000);
      expect(highlights.length).toBeLessThanOrEqual(doc.rules.length * 4 * MARKDOWN_TOP);
      expect(highlights.length).toBeLessThan(failing);
    });
  }

  it("attestation-required results and attested evidence, below and above the compact threshold", async () => {
    const doc = makeAttestationDocument([missingDefaultGeo()]);
    expect(doc.summary.byStatus["attestation-required"]).toBe(2);
    for (const lang of LANGS) await assembleAndCompare(doc, lang, (ids) => shuffle(ids, random(5)), REPORT_FORMATS, 5);
    // Above the threshold the HTML embeds the results compactly, the attestation need and the attested evidence with them.
    const large = largeDocument(COMPACT_THRESHOLD + 1, 9, 7);
    const rs = [...large.results, ...attestationResults()];
    const rules = [...large.rules, ...RULES.filter((r) => r.id === "RES-10" || r.id === "ACC-02")];
    await assembleAndCompare({ ...large, rules, results: rs, summary: summarize(rs), attestations: doc.attestations }, "en", (ids) => shuffle(ids, random(7)), REPORT_FORMATS, 7);
  });

  it("at and just above the compact threshold", async () => {
    for (const count of [COMPACT_THRESHOLD, COMPACT_THRESHOLD + 1]) {
      const doc = largeDocument(count, 9, count);
      await assembleAndCompare(doc, "sv", (ids) => shuffle(ids, random(count)), ["html", "json"], count);
    }
  });

  it("a run with no result at all (finish without add)", async () => {
    const dir = await tempDir();
    const doc = { ...makeDocument(), results: [], summary: summarize([]) };
    const spool = new ReportSpool({ dir, formats: [...REPORT_FORMATS], lang: "sv", rules: doc.rules });
    const { highlights } = await spool.finish(doc, pathsIn(dir, REPORT_FORMATS));
    expect(highlights).toEqual([]);
    for (const format of REPORT_FORMATS) {
      expect(await readFile(join(dir, REPORT_FILES[format]), "utf8"), format).toBe(renderReport(format, doc, { lang: "sv" }).content);
    }
    expect((await readdir(dir)).sort()).toEqual(Object.values(REPORT_FILES).sort());
  });

  it("rules with no result and only passing results; a subset of formats", async () => {
    const doc = makeDocument();
    const passing = doc.results.filter((f) => f.status === "pass");
    const withEmpty = { ...doc, results: passing, summary: summarize(passing) };
    const dir = await tempDir();
    const spool = new ReportSpool({ dir, formats: ["sarif", "csv"], lang: "en", rules: doc.rules });
    for (const r of doc.rules) await spool.add(r.id, passing.filter((f) => f.ruleId === r.id));
    const { highlights } = await spool.finish({ ...withEmpty, results: [] }, pathsIn(dir, REPORT_FORMATS));
    expect(highlights).toEqual([]);
    const reference = { ...withEmpty, results: sortFindings([...passing]) };
    for (const format of ["sarif", "csv"] as const) expect(await readFile(join(dir, REPORT_FILES[format]), "utf8")).toBe(renderReport(format, reference, { lang: "en" }).content);
    expect((await readdir(dir)).sort()).toEqual(["findings.csv", "findings.sarif"]);
  });

  it("appends summary.md to $GITHUB_STEP_SUMMARY", async () => {
    const dir = await tempDir();
    const summary = join(dir, "step-summary.md");
    await writeFile(summary, "earlier step\n");
    process.env.GITHUB_STEP_SUMMARY = summary;
    const doc = hostileDocument();
    const spool = new ReportSpool({ dir, formats: ["md"], lang: "sv", rules: doc.rules });
    for (const [id, list] of byRule(doc.results)) await spool.add(id, list);
    await spool.finish({ ...doc, results: [] }, pathsIn(dir, ["md"]));
    const md = renderReport("md", { ...doc, results: sortFindings([...doc.results]) }, { lang: "sv" }).content;
    expect(await readFile(summary, "utf8")).toBe(`earlier step\n${md}\n`);
  });
});

describe("ReportSpool: temporary files and misuse", () => {
  it("discard removes the spool files (before and after results were added)", async () => {
    const dir = await tempDir();
    const doc = makeLargeDocument(6000);
    const idle = new ReportSpool({ dir, formats: [...REPORT_FORMATS], lang: "sv", rules: doc.rules });
    await idle.discard();
    const spool = new ReportSpool({ dir, formats: [...REPORT_FORMATS], lang: "sv", rules: doc.rules });
    for (const [id, list] of byRule(doc.results)) await spool.add(id, list);
    const spooled = await readdir(dir);
    expect(spooled.length).toBeGreaterThan(4);
    expect(spooled.every((n) => n.startsWith(".") && n.endsWith(".tmp"))).toBe(true);
    await spool.discard();
    expect(await readdir(dir)).toEqual([]);
    await expect(spool.add("RES-01", [])).rejects.toThrow(/after finish or discard/);
  });

  it("refuses a rule added twice, a result of another rule, and a document that still carries results", async () => {
    const dir = await tempDir();
    const doc = makeDocument();
    const res01 = doc.results.filter((f) => f.ruleId === "RES-01");
    const twice = new ReportSpool({ dir, formats: ["json"], lang: "sv", rules: doc.rules });
    await twice.add("RES-01", res01);
    await expect(twice.add("RES-01", res01)).rejects.toThrow(/added twice/);
    await twice.discard();
    const mixed = new ReportSpool({ dir, formats: ["json"], lang: "sv", rules: doc.rules });
    await expect(mixed.add("KEY-01", res01)).rejects.toThrow(/among those of KEY-01/);
    await mixed.discard();
    const full = new ReportSpool({ dir, formats: ["json"], lang: "sv", rules: doc.rules });
    await full.add("RES-01", res01);
    await expect(full.finish(doc, pathsIn(dir, ["json"]))).rejects.toThrow(/results: \[\]/);
    expect(await readdir(dir)).toEqual([]);
  });

  it("a report that cannot be written fails finish and leaves no temporary file behind", async () => {
    const dir = await tempDir();
    const doc = makeLargeDocument(6000);
    const spool = new ReportSpool({ dir, formats: [...REPORT_FORMATS], lang: "sv", rules: doc.rules });
    for (const [id, list] of byRule(doc.results)) await spool.add(id, list);
    // findings.json's target is a non-empty folder: the rename over it fails.
    await mkdir(join(dir, "findings.json", "occupied"), { recursive: true });
    await expect(spool.finish({ ...doc, results: [] }, pathsIn(dir, REPORT_FORMATS))).rejects.toThrow();
    await spool.discard();
    expect((await readdir(dir)).filter((n) => n.startsWith("."))).toEqual([]);
  });

  it("does not keep passing results alive after add (only the first failing and new ones)", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const dir = await tempDir();
    const doc = makeLargeDocument(COMPACT_THRESHOLD + 2000);
    const spool = new ReportSpool({ dir, formats: [...REPORT_FORMATS], lang: "sv", rules: doc.rules });
    const refs: { status: Status; severity: Severity; ref: WeakRef<Finding> }[] = [];
    // Each rule's results are built here and dropped after add, as the evaluation hands them over.
    const build = (id: string): Finding[] => {
      const list = makeLargeDocument(COMPACT_THRESHOLD + 2000).results.filter((f) => f.ruleId === id);
      for (const f of list.slice(0, 50)) refs.push({ status: f.status, severity: f.severity, ref: new WeakRef(f) });
      return list;
    };
    for (const r of doc.rules) await spool.add(r.id, build(r.id));
    await new Promise((done) => setImmediate(done));
    gc();
    const alive = refs.filter((r) => r.ref.deref() !== undefined);
    expect(refs.some((r) => r.status === "pass")).toBe(true);
    expect(alive.every((r) => r.status === "fail")).toBe(true);
    expect(alive.length).toBeGreaterThan(0);
    expect(alive.length).toBeLessThanOrEqual(doc.rules.length * 2 * MARKDOWN_TOP);
    await spool.discard();
  });
});
