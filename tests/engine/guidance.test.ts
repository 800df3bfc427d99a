/**
 * The guidance mapping as data: rules name shared documents by key, reports show each document's
 * one title, and a malformed or unknown reference is refused when the rule loads.
 */
import { describe, expect, it } from "vitest";
import { GUIDANCE_DOCUMENTS, validateRule } from "../../src/index.js";
import { guidanceLine, guidanceProblems } from "../../src/engine/guidance.js";
import { ruleMeta } from "../../src/engine/run.js";
import { loadRules } from "../../src/engine/registry.js";
import { defaultConfig } from "../../src/index.js";

const rules = await loadRules();

describe("guidance", () => {
  it("resolves a known document to its title and keeps a rule's own document as written", () => {
    expect(guidanceLine({ doc: "danderyd-o365-2019", title: "Risk-reducing measures: encryption" })).toEqual({ source: "Danderyd municipality Office 365 assessment (2019)", title: "Risk-reducing measures: encryption" });
    expect(guidanceLine({ source: "Kommunens informationssäkerhetspolicy", id: "4.2" })).toEqual({ source: "Kommunens informationssäkerhetspolicy", id: "4.2" });
  });

  it("refuses unknown documents and malformed lines, naming the line", () => {
    expect(guidanceProblems([{ doc: "skr-2019" }])[0]).toMatch(/^guidance\[0\]\.doc: found "skr-2019", expected one of rules-catalog, microsoft-faq-se, /);
    expect(guidanceProblems([{ doc: "gdpr" }, { id: "x" }, { doc: "gdpr", title: 3 }])).toEqual([
      'guidance[1]: expected a field "doc" (a known document) or "source" (a document\'s name)',
      "guidance[2].title: expected a string",
    ]);
    expect(guidanceProblems("GDPR")).toHaveLength(1);
    const rule = rules[0];
    expect(rule && validateRule({ ...rule, guidance: [{ doc: "nope" }] })).toEqual([expect.stringMatching(/^guidance\[0\]\.doc: found "nope"/)]);
  });

  it("built-in rules cite shared documents only, first the catalog line of their own id", () => {
    for (const rule of rules) {
      expect(rule.guidance.every((g) => "doc" in g), rule.id).toBe(true);
      expect(rule.guidance[0], rule.id).toEqual({ doc: "rules-catalog", id: rule.id });
    }
    const cited = new Set(rules.flatMap((r) => r.guidance.map((g) => ("doc" in g ? g.doc : ""))));
    expect([...cited].sort(), "every document in the table is cited by a rule").toEqual(Object.keys(GUIDANCE_DOCUMENTS).sort());
  });

  it("the rule's metadata in reports carries the resolved lines", () => {
    const key02 = rules.find((r) => r.id === "KEY-02");
    if (!key02) throw new Error("KEY-02 not loaded");
    expect(ruleMeta(key02, { config: defaultConfig() }).guidance.map((g) => g.source)).toEqual([
      "rules-catalog",
      "Microsoft FAQ for Swedish public-sector customers",
      "Danderyd municipality Office 365 assessment (2019)",
    ]);
  });
});
