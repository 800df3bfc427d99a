/**
 * Personal data never leaves through SARIF or summary.md (both go where the tenant's access control
 * does not follow: code scanning, step summaries): a finding whose message and evidence quote a UPN
 * and an e-mail address is reported with `[redacted]` in their place.
 */
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/reporters/markdown.js";
import { renderSarif } from "../../src/reporters/sarif.js";
import type { FindingsDocument } from "../../src/findings/types.js";
import { makeDocument, USER_UPN } from "./fixture.js";

const CONTACT = "karin.berg@exempelby.se";

/** The fixture with stmiljodata01's ENC-01 failure quoting a UPN in its message and an e-mail in its evidence. */
function documentWithPersonalData(): FindingsDocument {
  const doc = makeDocument();
  const results = doc.results.map((f) =>
    f.ruleId === "ENC-01" && f.status === "fail" && f.resourceName === "stmiljodata01"
      ? {
          ...f,
          message: {
            en: `stmiljodata01 uses Microsoft-managed keys; its owner tag names ${USER_UPN}.`,
            sv: `stmiljodata01 använder nycklar som Microsoft hanterar; taggen ägare anger ${USER_UPN}.`,
          },
          evidence: [...(f.evidence ?? []), { path: "tags.kontakt", actual: CONTACT, expected: "a function mailbox" }],
        }
      : f,
  );
  expect(results.filter((f) => f.message.en.includes(USER_UPN))).toHaveLength(1);
  return { ...doc, results };
}

describe("personal data in finding messages and evidence", () => {
  it("SARIF: the result's message says [redacted] where the UPN and the e-mail were", () => {
    const log = JSON.parse(renderSarif(documentWithPersonalData(), { lang: "en" })) as { runs: { results: { ruleId: string; message: { text: string } }[] }[] };
    const texts = log.runs[0]!.results.map((r) => r.message.text);
    const mine = texts.filter((t) => t.startsWith("stmiljodata01 uses Microsoft-managed keys; its owner tag names"));
    expect(mine).toEqual([
      "stmiljodata01 uses Microsoft-managed keys; its owner tag names \\[redacted\\]. Evidence: properties.encryption.keySource: Microsoft.Storage, expected Microsoft.Keyvault; tags.kontakt: \\[redacted\\], expected a function mailbox. Resource group rg-miljo.",
    ]);
    for (const t of texts) {
      expect(t).not.toContain(USER_UPN);
      expect(t).not.toContain(CONTACT);
    }
  });

  it("summary.md, both languages: neither address appears", () => {
    for (const lang of ["en", "sv"] as const) {
      const md = renderMarkdown(documentWithPersonalData(), { lang });
      expect(md).not.toContain(USER_UPN);
      expect(md).not.toContain(CONTACT);
    }
  });
});
