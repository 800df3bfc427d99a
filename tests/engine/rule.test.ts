/**
 * What a rule module must look like (validateRule, the check every built-in and `--rules DIR` rule
 * passes at load), its guidance lines, and the options a rule runs with: each problem asserted as
 * the exact line a rule author reads.
 */
import { describe, expect, it } from "vitest";
import { defaultConfig, defineRule, GUIDANCE_DOCUMENTS, validateRule } from "../../src/index.js";
import type { RuleDefinition } from "../../src/index.js";
import { guidanceLine, guidanceProblems } from "../../src/engine/guidance.js";
import { ruleOptions, ruleOptionsProblems } from "../../src/engine/rule.js";

const valid = defineRule({
  id: "TST-01", name: "test-rule", title: { en: "Storage accounts are tested", sv: "Lagringskonton testas" }, severity: "high",
  rationale: { en: "r", sv: "r" }, guidance: [{ doc: "rules-catalog", id: "TST-01" }],
  reads: [{ collection: "storageAccounts", part: "blob" }, "resources"], messages: { ok: { en: "{{name}} ok.", sv: "{{name}} godkänd." } },
  evaluate: () => [], remediation: { summary: { en: "x", sv: "x" } }, references: [],
});
const withOptions: RuleDefinition = { ...valid, aliases: ["OLD-07"], options: { schema: { type: "object", additionalProperties: false, properties: { days: { type: "integer", minimum: 1 } } }, defaults: { days: 30 } } };
const problems = (over: Record<string, unknown>) => validateRule({ ...valid, ...over });

describe("validateRule", () => {
  it("a complete rule has no problem; a module without a rule object says what to export", () => {
    expect(validateRule(valid)).toEqual([]);
    expect(validateRule(withOptions)).toEqual([]);
    expect(validateRule(undefined)).toEqual(["the module's default export is not a rule object (expected defineRule({...}))"]);
    expect(validateRule("TST-01")).toEqual(["the module's default export is not a rule object (expected defineRule({...}))"]);
  });

  it("names each field that is wrong and what it found", () => {
    expect(problems({ id: "tst-1" })).toEqual(['id: expected a catalog id like "ENC-01", found "tst-1"']);
    expect(problems({ name: "Test Rule" })).toEqual(['name: expected a kebab-case name, found "Test Rule"']);
    expect(problems({ title: { en: "t" } })).toEqual(["title: expected { en, sv } strings"]);
    expect(problems({ title: { en: "x".repeat(150), sv: "x" } })).toEqual(["title.en: expected under 150 characters"]);
    expect(problems({ title: { en: "x".repeat(149), sv: "x" } })).toEqual([]);
    expect(problems({ rationale: "r" })).toEqual(["rationale: expected { en, sv } strings"]);
    expect(problems({ severity: "severe" })).toEqual(['severity: expected one of critical, high, medium, low, info or "by-level", found "severe"']);
    expect(problems({ severity: "by-level" })).toEqual([]);
    expect(problems({ reads: [] })).toEqual(["reads: expected a non-empty list of snapshot collections"]);
    expect(problems({ reads: ["storageAccounts", { collection: "blobs" }] })).toEqual(['reads: unknown collection "blobs"']);
    expect(problems({ messages: {} })).toEqual(["messages: expected at least one { en, sv } message"]);
    expect(problems({ messages: { ok: { en: "ok" } } })).toEqual(["messages.ok: expected { en, sv } strings"]);
    expect(problems({ evaluate: "() => []" })).toEqual(["evaluate: expected a function (ctx, helpers) => results"]);
    expect(problems({ remediation: { summary: "x" } })).toEqual(["remediation.summary: expected { en, sv } strings"]);
    expect(problems({ references: "https://learn.microsoft.com" })).toEqual(["references: expected a list of URLs"]);
  });

  it("checks each target: its collection, via, type, parts and applies", () => {
    expect(problems({ targets: "storageAccounts" })).toEqual(["targets: expected a list of { collection, type?, parts?, via?, applies? }"]);
    expect(problems({ targets: [null] })).toEqual(["targets[0]: expected { collection, type?, parts?, via?, applies? }"]);
    expect(problems({ targets: [{ collection: "storageAccounts", type: "Microsoft.Storage/storageAccounts", parts: ["blob"], via: ["resources"], applies: () => true }] })).toEqual([]);
    expect(
      problems({ targets: [{ collection: "storageAccounts" }, { collection: "blobs", via: ["resources", "queues"], type: 3, parts: ["blob", 2], applies: true }] }),
    ).toEqual([
      'targets[1].collection: unknown collection "blobs"',
      'targets[1].via: unknown collection "queues"',
      "targets[1].type: expected an ARM type string",
      "targets[1].parts: expected a list of part names",
      "targets[1].applies: expected a function (resource, ctx) => boolean",
    ]);
    expect(problems({ targets: [{ collection: "storageAccounts", via: "resources", parts: "blob" }] })).toEqual(["targets[0].via: expected a list of collections", "targets[0].parts: expected a list of part names"]);
  });

  it("partless fingerprint parts must be parts of the rule", () => {
    expect(problems({ parts: ["blob", "file"], partlessFingerprintParts: ["blob"] })).toEqual([]);
    expect(problems({ parts: ["blob", "file"], partlessFingerprintParts: ["queue"] })).toEqual(["partlessFingerprintParts: expected a list of the rule's parts (blob, file)"]);
    expect(problems({ partlessFingerprintParts: ["blob"] })).toEqual(["partlessFingerprintParts: expected a list of the rule's parts (it has none)"]);
    expect(problems({ parts: ["blob"], partlessFingerprintParts: "blob" })).toEqual(["partlessFingerprintParts: expected a list of the rule's parts (blob)"]);
  });

  it("options need an object schema and defaults", () => {
    expect(problems({ options: { schema: { type: "object" } } })).toEqual(['options: expected { schema: a JSON Schema with type "object", defaults: an object }']);
    expect(problems({ options: null })).toEqual(['options: expected { schema: a JSON Schema with type "object", defaults: an object }']);
    expect(problems({ options: { schema: { type: "object" }, defaults: [] } })).toEqual(['options: expected { schema: a JSON Schema with type "object", defaults: an object }']);
  });
});

describe("guidance lines", () => {
  it("a line without id or title has no such keys", () => {
    expect(guidanceLine({ source: "Kommunens informationssäkerhetspolicy" })).toStrictEqual({ source: "Kommunens informationssäkerhetspolicy" });
    expect(guidanceLine({ doc: "rules-catalog", id: "TST-01" })).toStrictEqual({ source: guidanceLine({ doc: "rules-catalog" }).source, id: "TST-01" });
  });

  it("refuses a guidance that is not a list, a line that is not an object, and a blank or non-text source", () => {
    expect(guidanceProblems({ doc: "gdpr" })).toEqual(["guidance: expected a list of { doc, id?, title? } (or { source } for a document of the rule's own)"]);
    // A list holding a known key is no document name, though a property lookup would take it as one.
    expect(guidanceProblems([{ doc: ["gdpr"] }])).toEqual([`guidance[0].doc: found ["gdpr"], expected one of ${Object.keys(GUIDANCE_DOCUMENTS).join(", ")}`]);
    expect(guidanceProblems([null, "gdpr"])).toEqual(["guidance[0]: expected { doc, id?, title? }", "guidance[1]: expected { doc, id?, title? }"]);
    const noSource = 'expected a field "doc" (a known document) or "source" (a document\'s name)';
    expect(guidanceProblems([{ source: "  " }, { source: 7 }, { source: "Kommunens policy", id: 4 }])).toEqual([`guidance[0]: ${noSource}`, `guidance[1]: ${noSource}`, "guidance[2].id: expected a string"]);
  });
});

describe("rule options", () => {
  it("the configuration's values over the defaults, found under the id or an alias, whatever its casing in the rule", () => {
    const config = defaultConfig();
    expect(ruleOptions(withOptions, config)).toStrictEqual({ days: 30 });
    config.ruleOptions = { "OLD-07": { days: 7 } };
    expect(ruleOptions(withOptions, config)).toStrictEqual({ days: 7 });
    config.ruleOptions = { "TST-01": { days: 14 }, "OLD-07": { days: 7 } };
    expect(ruleOptions(withOptions, config)).toStrictEqual({ days: 14 });
    expect(ruleOptions({ ...withOptions, id: "tst-01" }, config)).toStrictEqual({ days: 14 });
    expect(ruleOptions(valid, config)).toStrictEqual({});
  });

  it("names options for a rule not loaded, for a rule without options, and values the schema refuses", () => {
    const config = defaultConfig();
    config.ruleOptions = { "TST-09": { days: 1 }, "TST-02": { days: 1 }, "OLD-07": { days: 0 } };
    expect(ruleOptionsProblems([withOptions, { ...valid, id: "TST-02" }], config)).toEqual([
      "rules.options.TST-09: found options for a rule that is not loaded; expected the id of a loaded rule",
      "rules.options.TST-02: found options, but TST-02 takes none",
      "rules.options.TST-01.days: found number 0, expected a number >= 1",
    ]);
    config.ruleOptions = { "TST-01": { days: 3 } };
    expect(ruleOptionsProblems([withOptions, { ...valid, id: "TST-02" }], config)).toEqual([]);
  });
});
