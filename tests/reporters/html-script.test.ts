/**
 * report.html's page script run in Node against a small fake DOM (tests/helpers/fake-dom.ts):
 * the changes section shows unverified baseline results apart from resolved ones, with counts,
 * and the rules section lists the disabled rules. (html-browser.test.ts runs the page in Chromium.)
 */
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/reporters/html.js";
import { type FakeNode, runReportScript } from "../helpers/fake-dom.js";
import { makeDocument } from "./fixture.js";

/** The rows (cell texts) of the table after the h3 with `title` in `section`. */
function tableAfter(section: FakeNode, title: string): string[][] {
  const kids = section.elements;
  const at = kids.findIndex((k) => k.tagName === "h3" && k.textContent === title);
  expect(at, `heading ${title}`).toBeGreaterThanOrEqual(0);
  const wrap = kids.slice(at + 1).find((k) => k.classList.contains("table-wrap") || k.tagName === "h3");
  if (!wrap || wrap.tagName === "h3") return [];
  const head = wrap.querySelectorAll("th").map((th) => th.textContent);
  return [head, ...wrap.querySelectorAll("tbody")[0]!.elements.map((tr) => tr.elements.map((td) => td.textContent))];
}

describe("report.html page script: changes since the baseline and disabled rules", () => {
  const doc = makeDocument();
  const en = runReportScript(renderHtml(doc, { lang: "en" }));
  const sv = runReportScript(renderHtml(doc, { lang: "sv" }));

  it("counts new, unchanged, resolved and unverified apart", () => {
    const stats = en.querySelector("#changes")!.querySelector(".stats")!.elements.map((s) => s.elements.map((x) => x.textContent));
    expect(stats).toEqual([
      ["3", "New"],
      ["2", "Unchanged"],
      ["2", "Resolved"],
      ["3", "Unverified"],
    ]);
  });

  it("lists resolved results with how they were resolved, and unverified ones apart with why", () => {
    const changes = en.querySelector("#changes")!;
    expect(tableAfter(changes, "Resolved results")).toEqual([
      ["Status", "Severity", "Rule", "Resource", "Message", "How"],
      ["✖Fail", "High", "KEY-01", "…/vaults/kv-gammal", "kv-gammal can be purged.", "passes now"],
      ["✖Fail", "High", "RES-01", "…/disks/disk-old|pipe", "disk-old|pipe is stored in northeurope.", "target gone"],
    ]);
    expect(tableAfter(changes, "Unverified results (not counted as fixed)")).toEqual([
      ["Status", "Severity", "Rule", "Resource", "Message", "Why"],
      ["✖Fail", "High", "ENC-08", "…/accounts/oai-socialtjanst", "oai-socialtjanst uses Microsoft-managed keys.", "No result tonight: the rule is turned off in the configuration."],
      ["✖Fail", "High", "KEY-01", "…/vaults/kv-oläst", "kv-oläst can be purged.", "No result tonight, and a scope it depended on could not be read tonight."],
      [
        "?Not assessed",
        "Medium",
        "ENC-01",
        "…/storageAccounts/starkivdolt (blob)",
        "starkivdolt uses Microsoft-managed keys; contact anna.svensson@exempelby.se.",
        "No result tonight: its subscription was not among the subscriptions visible tonight.",
      ],
    ]);
    const svChanges = sv.querySelector("#changes")!;
    expect(tableAfter(svChanges, "Åtgärdade resultat").map((r) => r[5])).toEqual(["Hur", "godkänns nu", "finns inte längre"]);
    expect(tableAfter(svChanges, "Overifierade resultat (räknas inte som åtgärdade)").map((r) => r[5])).toEqual([
      "Varför",
      "Inget resultat i natt: regeln är avstängd i konfigurationen.",
      "Inget resultat i natt, och ett område som resultatet berodde på kunde inte läsas i natt.",
      "Inget resultat i natt: prenumerationen fanns inte bland de prenumerationer som syntes i natt.",
    ]);
  });

  it("says None under unverified when every baseline result was confirmed", () => {
    const b = doc.baseline!;
    const page = runReportScript(renderHtml({ ...doc, baseline: { ...b, unverified: [], counts: { ...b.counts, unverified: 0 } } }, { lang: "en" }));
    const changes = page.querySelector("#changes")!;
    const kids = changes.elements;
    const at = kids.findIndex((k) => k.textContent === "Unverified results (not counted as fixed)");
    expect(kids[at + 2]?.textContent).toBe("None.");
  });

  it("lets the findings table filter by unverified", () => {
    const options = en.querySelector("#f-baseline")!.elements.map((o) => o.textContent);
    expect(options).toEqual(["All", "New", "Unchanged", "Unverified"]);
  });

  it("lists the disabled rules in the rules section, and nothing without them", () => {
    const box = en.querySelector("#disabled-rules")!;
    expect(box.querySelector("h3")!.textContent).toBe("Disabled rules");
    expect(box.querySelectorAll("li").map((li) => li.textContent)).toEqual(["ENC-08 – AI service accounts encrypt with a customer-managed key", "KEY-03"]);
    expect(sv.querySelector("#disabled-rules")!.querySelectorAll("li")[0]!.textContent).toBe("ENC-08 – AI-tjänstkonton krypterar med kundhanterad nyckel");
    const plain = runReportScript(renderHtml({ ...doc, disabledRules: undefined }, { lang: "en" }));
    expect(plain.querySelector("#disabled-rules")).toBeNull();
  });

  it("without a baseline the changes section says so", () => {
    const plain = runReportScript(renderHtml({ ...doc, baseline: undefined }, { lang: "en" }));
    expect(plain.querySelector("#changes")!.textContent).toBe("Changes since the baselineNo baseline was given for this run.Trend: failures by severity per nightfindings.json has no trend (written before format 1.6).");
  });
});
