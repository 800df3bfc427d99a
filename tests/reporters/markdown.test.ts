/**
 * Markdown reporter: status line, counts, top failures, coverage, baseline changes, exceptions,
 * escaping of table cells, and no personal names or UPNs.
 */
import { describe, expect, it } from "vitest";
import { mdEscape } from "../../src/reporters/escape.js";
import { MARKDOWN_TOP, renderMarkdown } from "../../src/reporters/markdown.js";
import { HOSTILE_NAME, makeDocument, makeLargeDocument, markdownTable as tableAfter, USER_DISPLAY_NAME, USER_OBJECT_ID, USER_UPN } from "./fixture.js";

describe("renderMarkdown", () => {
  const doc = makeDocument();
  const sv = renderMarkdown(doc, { lang: "sv" });
  const en = renderMarkdown(doc, { lang: "en" });

  it("heads with the tenant and time, and states the outcome", () => {
    expect(sv.split("\n")[0]).toBe(`# Hemvist – datahemvist: Exempelby kommun – Miljö- och hälsoskyddsförvaltningen (${doc.tenantId})`);
    expect(sv).toContain("**Genererad:** 2025-05-20 02:14 UTC");
    expect(sv).toContain("> ❌ **Slutstatus:** 8 underkända resultat med allvarlighetsgrad låg eller högre; 1 område ej bedömt. (slutkod 1)");
    expect(en).toContain("**Generated:** 2025-05-20 02:14 UTC");
    expect(en).toContain("(exit code 1)");
  });

  it("counts results by status and failures by severity", () => {
    const status = tableAfter(sv, "## Resultat per status");
    expect(status).toEqual([
      ["Status", "Antal"],
      ["Underkänd", "8"],
      ["Ej bedömd", "1"],
      ["Kräver intygande", "0"],
      ["Undantagen", "1"],
      ["Godkänd", "3"],
      ["**Totalt**", "**13**"],
    ]);
    const sev = tableAfter(en, "### Failures by severity");
    expect(sev).toEqual([
      ["Severity", "Count"],
      ["Critical", "1"],
      ["High", "3"],
      ["Medium", "2"],
      ["Low", "1"],
      ["Info", "1"],
    ]);
  });

  it("lists the most severe failures first, with short resource ids, one cell per column", () => {
    const top = tableAfter(en, "## Most severe failures");
    expect(top[0]).toEqual(["Severity", "Rule", "Resource", "Location", "Message", "Owner"]);
    expect(top).toHaveLength(1 + 8);
    for (const row of top) expect(row).toHaveLength(6);
    expect(top[1]?.[0]).toBe("Critical");
    expect(top[1]?.[1]).toBe("CLS-01");
    expect(top[1]?.[2]).toBe("`/subscriptions/11111111-2222-4333-8444-555555555555`");
    // The pipe in the message is escaped so the table keeps its columns.
    expect(top[1]?.[4]).toContain("Prod \\| Säkerhet");
    expect(top.map((r) => r[0])).toEqual(["Severity", "Critical", "High", "High", "High", "Medium", "Medium", "Low", "Info"]);
  });

  it("caps the top list at 20 and says how many there are", () => {
    const big = renderMarkdown(makeLargeDocument(500), { lang: "sv" });
    const fails = makeLargeDocument(500).results.filter((f) => f.status === "fail").length;
    expect(tableAfter(big, "## Allvarligaste underkända resultaten")).toHaveLength(1 + MARKDOWN_TOP);
    expect(big).toContain(`Visar ${MARKDOWN_TOP} av ${fails} underkända.`);
  });

  it("escapes |, <, > and backticks and never lets the hostile name through as HTML", () => {
    expect(mdEscape("a|b `c` <d> e")).toBe("a\\|b \\`c\\` &lt;d&gt; e");
    expect(mdEscape("line1\nline2")).toBe("line1 line2");
    expect(sv).not.toContain(HOSTILE_NAME);
    expect(sv).not.toContain("</script>");
    expect(sv).toContain("&lt;img src=x onerror=alert(1)&gt;");
    // The resolved disk's id holds a pipe; it is shown escaped, outside inline code.
    expect(sv).toContain("…/disks/disk-old\\|pipe");
  });

  it("lists coverage gaps with status, code, permission and blinded rules, but not the raw error text", () => {
    const cov = tableAfter(sv, "## Täckning: ej bedömda områden");
    expect(cov[1]).toEqual([
      "`/subscriptions/66666666-7777-4888-9999-aaaaaaaaaaaa`",
      "keyVaults",
      "403",
      "AuthorizationFailed",
      "Microsoft.KeyVault/vaults/read",
      "KEY-01, KEY-04, KEY-05, ENC-07",
    ]);
    expect(sv).not.toContain("does not have authorization");
  });

  it("shows changes since the baseline: counts, new and resolved lists", () => {
    expect(tableAfter(en, "## Changes since the baseline")).toEqual([
      ["New", "Unchanged", "Resolved", "Unverified"],
      ["3", "2", "2", "3"],
    ]);
    const fresh = tableAfter(en, "### New results");
    expect(fresh).toHaveLength(1 + 3);
    const resolved = tableAfter(en, "### Resolved results");
    expect(resolved.map((r) => [r[2], r[5]])).toEqual([
      ["Resource", "How"],
      ["`…/vaults/kv-gammal`", "passes now"],
      ["…/disks/disk-old\\|pipe", "target gone"],
    ]);
    const none = renderMarkdown({ ...doc, baseline: undefined }, { lang: "sv" });
    expect(none).toContain("Ingen baslinje angavs.");
  });

  it("shows unverified results apart from resolved, with why, in both languages", () => {
    const unverified = tableAfter(en, "### Unverified results (not counted as fixed)");
    expect(unverified).toEqual([
      ["Severity", "Rule", "Resource", "Location", "Message", "Why"],
      ["High", "ENC-08", "`…/accounts/oai-socialtjanst`", "swedencentral", "oai-socialtjanst uses Microsoft-managed keys.", "No result tonight: the rule is turned off in the configuration."],
      ["High", "KEY-01", "`…/vaults/kv-oläst`", "swedencentral", "kv-oläst can be purged.", "No result tonight, and a scope it depended on could not be read tonight."],
      ["Medium", "ENC-01", "`…/storageAccounts/starkivdolt (blob)`", "swedencentral", "starkivdolt uses Microsoft-managed keys; contact \\[redacted\\].", "No result tonight: its subscription was not among the subscriptions visible tonight."],
    ]);
    const sv3 = tableAfter(sv, "### Overifierade resultat (räknas inte som åtgärdade)");
    expect(sv3[2]?.[5]).toBe("Inget resultat i natt, och ett område som resultatet berodde på kunde inte läsas i natt.");
    expect(tableAfter(sv, "### Åtgärdade resultat").map((r) => r[5])).toEqual(["Hur", "godkänns nu", "finns inte längre"]);
    const noneUnverified = renderMarkdown({ ...doc, baseline: { ...doc.baseline!, unverified: [], counts: { ...doc.baseline!.counts, unverified: 0 } } }, { lang: "en" });
    expect(noneUnverified).not.toContain("### Unverified results");
  });

  it("lists the disabled rules, and only when there are some", () => {
    expect(tableAfter(en, "## Disabled rules")).toEqual([
      ["Rule", "Title"],
      ["ENC-08", "AI service accounts encrypt with a customer-managed key"],
      ["KEY-03", "–"],
    ]);
    expect(tableAfter(sv, "## Avstängda regler")[1]).toEqual(["ENC-08", "AI-tjänstkonton krypterar med kundhanterad nyckel"]);
    expect(renderMarkdown({ ...doc, disabledRules: undefined }, { lang: "en" })).not.toContain("Disabled rules");
  });

  it("lists exceptions that expire soon or have expired, without owners", () => {
    const ex = tableAfter(sv, "## Undantag som snart går ut, har gått ut eller är ogiltiga");
    expect(ex.map((r) => r[1])).toEqual(["Id", "EXC-2024-017", "EXC-2025-001", "EXC-2025-009"]);
    expect(ex[1]?.[0]).toBe("har gått ut");
    expect(ex[2]?.[0]).toBe("går ut inom 30 dagar");
    expect(ex[3]?.[0]).toBe("ogiltigt, tillämpas inte (längre fram än högsta tillåtna horisont)");
    expect(sv).not.toContain("EXC-2025-004");
    expect(sv).not.toContain("Plattformsteamet");
  });

  it("lists rule-wide exceptions in their own table whatever their state, without owners", () => {
    const wide = tableAfter(sv, "### Undantag för hela regeln (ruleWide)");
    expect(wide.map((r) => r.slice(0, 4))).toEqual([
      ["Läge", "Id", "Regel", "Resurs"],
      ["ogiltigt, tillämpas inte (längre fram än högsta tillåtna horisont)", "EXC-2025-009", "CLS-01", "`**`"],
    ]);
    expect(en).toContain("### Rule-wide exceptions (ruleWide)");
    for (const md of [sv, en]) expect(md).not.toContain("klassning@exempelby.se");
    expect(renderMarkdown({ ...doc, exceptions: doc.exceptions?.filter((e) => !e.ruleWide) }, { lang: "en" })).not.toContain("Rule-wide");
  });

  it("names Microsoft 365 users by object id only", () => {
    for (const md of [sv, en]) {
      expect(md).toContain(USER_OBJECT_ID);
      expect(md).not.toContain(USER_DISPLAY_NAME);
      expect(md).not.toContain(USER_UPN);
      expect(md).not.toContain("@exempelby.se");
    }
  });
});
