/**
 * Attestation in every report format: attestation-required results (their own section, what to
 * attest, where to read it, missing or stale, the configuration lines to add) and evidence of kind
 * attested ("attested by X on D, read at S"), with hostile texts from the rules and the
 * configuration escaped, and who attested a fact only in the access-controlled formats (HTML, JSON).
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/engine/types.js";
import type { FindingsDocument } from "../../src/findings/types.js";
import { renderConsoleSummary } from "../../src/reporters/console.js";
import { CSV_COLUMNS, renderCsv } from "../../src/reporters/csv.js";
import { encodeResults } from "../../src/reporters/html/compact.js";
import { renderHtml } from "../../src/reporters/html.js";
import { renderJson } from "../../src/reporters/json.js";
import { renderMarkdown } from "../../src/reporters/markdown.js";
import { renderSarif } from "../../src/reporters/sarif.js";
import { type FakeNode, runReportScript } from "../helpers/fake-dom.js";
import { MULTITOOL, sarifValidatorErrors } from "../helpers/sarif-validator.js";
import {
  ATTESTER,
  attestationResults,
  HOSTILE_EXAMPLE,
  HOSTILE_READ_AT,
  HOSTILE_SOURCE,
  HOSTILE_WHAT,
  makeAttestationDocument,
  makeDocument,
  makeLargeDocument,
  markdownTable,
  missingDefaultGeo,
  summarize,
  TENANT,
  TENANT_ID,
} from "./fixture.js";

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

/** A person's name as attestedBy (not e-mail-shaped, so no redaction would catch it: it must never be written). */
const ATTESTER_NAME = "Karin Lund-Persson";

/** The fixture with the stale ACC-02 need, the missing RES-10 need, and (variant) the attester given by name. */
function both(byName = false): FindingsDocument {
  const doc = makeAttestationDocument([missingDefaultGeo()]);
  if (!byName) return doc;
  return {
    ...doc,
    attestations: doc.attestations?.map((a) => ({ ...a, attestedBy: ATTESTER_NAME })),
    results: doc.results.map((f) => (f.evidence ? { ...f, evidence: f.evidence.map((e) => (e.attestation ? { ...e, attestation: { ...e.attestation, attestedBy: ATTESTER_NAME } } : e)) } : f)),
  };
}

/** The `dt`/`dd` pairs of a definition list, as texts. */
function pairs(dl: FakeNode): [string, string][] {
  const out: [string, string][] = [];
  const kids = dl.elements;
  for (let i = 0; i + 1 < kids.length; i += 2) out.push([kids[i]!.textContent, kids[i + 1]!.textContent]);
  return out;
}

/** The rows (cell texts) of the first table in `node`, header first. */
function tableRows(node: FakeNode): string[][] {
  const head = node.querySelectorAll("th").map((th) => th.textContent);
  return [head, ...node.querySelectorAll("tbody")[0]!.elements.map((tr) => tr.elements.map((td) => td.textContent))];
}

describe("report.html: the Needs attestation section, statuses and attested evidence", () => {
  const en = runReportScript(renderHtml(both(), { lang: "en" }));
  const sv = runReportScript(renderHtml(both(), { lang: "sv" }));

  it("has its own section after the overview (with coverage), linked from the navigation, in both languages", () => {
    const main = en.querySelector("#main")!;
    // What changed comes right after the overview (issue 14), then this section.
    expect(main.elements.map((s) => s.id).slice(0, 4)).toEqual(["overview", "changes", "attestation", "residency"]);
    expect(en.querySelector("#attestation-h")!.textContent).toBe("Needs attestation");
    expect(sv.querySelector("#attestation-h")!.textContent).toBe("Kräver intygande");
    expect(en.querySelector("nav")!.querySelectorAll("a").map((a) => [a.getAttribute("href"), a.textContent])).toContainEqual(["#attestation", "Attestation"]);
    expect(sv.querySelector("nav")!.querySelectorAll("a").map((a) => a.textContent)).toContain("Intygande");
    // Under coverage, the overview says how many and links to the section.
    const pointer = en.querySelector("#overview")!.querySelector("p.attest-pointer")!;
    expect(pointer.textContent).toBe("✎Needs attestation Parts no API shows that need attestation in the configuration: 2. See Needs attestation");
    expect(pointer.querySelector("a")!.getAttribute("href")).toBe("#attestation");
    expect(sv.querySelector("p.attest-pointer")!.textContent).toBe("✎Kräver intygande Delar som inget API visar och som kräver intygande i konfigurationen: 2. Se Kräver intygande");
  });

  it("lists each need: rule, target, what to attest, where to read it, missing or stale with the date, the key and the lines to add", () => {
    const items = en.querySelector("#attestation")!.querySelectorAll("div.attest-item");
    // Reading order: status, then severity: RES-10 (high) before ACC-02 (info).
    expect(items.map((i) => i.querySelector("h3")!.textContent)).toEqual([
      "✎Needs attestationRES-10Microsoft 365 data is stored in allowed geos(part default-geo)",
      "✎Needs attestationACC-02Microsoft 365 Customer Key is available(part configured)",
    ]);
    const [res10, acc02] = items as [FakeNode, FakeNode];
    expect(res10.querySelectorAll("dl").flatMap(pairs)).toEqual([
      ["Resource", TENANT_ID],
      ["What to attest", "The Microsoft 365 tenant's default geo (a geo code such as SWE)."],
      ["Where to read it", "Microsoft 365 admin center → Settings → Org settings → Organization profile → Data location"],
      ["State", "No attestation"],
      ["Configuration key", "attestations.m365DefaultGeo"],
    ]);
    expect(res10.querySelector("pre")!.textContent).toBe(missingDefaultGeo().attestation!.example);
    // Hostile texts from the rule and the configuration arrive as text, whole.
    expect(acc02.querySelectorAll("dl").flatMap(pairs)).toEqual([
      ["Resource", TENANT_ID],
      ["What to attest", HOSTILE_WHAT],
      ["Where to read it", HOSTILE_READ_AT],
      ["State", "Stale: attested on 2024-03-01, more than 365 days ago"],
      ["Configuration key", "attestations.customerKeyPolicies"],
    ]);
    expect(acc02.querySelector("pre")!.textContent).toBe(HOSTILE_EXAMPLE);
    expect(acc02.querySelector("pre")!.querySelector("code")).not.toBeNull();
    expect(acc02.querySelector("h4")!.textContent).toBe("Add to the configuration (fill in the value, who and when)");
    // Swedish texts come from the need's sv side.
    const svAcc = sv.querySelector("#attestation")!.querySelectorAll("div.attest-item")[1]!;
    expect(svAcc.querySelectorAll("dl").flatMap(pairs).slice(1, 4)).toEqual([
      ["Vad som ska intygas", "Om Customer Key-policyer är tilldelade <img src=x onerror=alert(3)> | **fet**"],
      ["Var det läses", "Purview → Inställningar </script><script>alert(4)</script>"],
      ["Läge", "Inaktuellt: intygat 2024-03-01, för mer än 365 dagar sedan"],
    ]);
  });

  it("lists the configuration's attestations with their state, who attested them, when and where", () => {
    const section = en.querySelector("#attestation")!;
    const h3 = section.elements.filter((e) => e.tagName === "h3").map((e) => e.textContent);
    expect(h3).toEqual(["Attestations in the configuration"]);
    expect(tableRows(section.querySelector("div.table-wrap")!)).toEqual([
      ["Configuration key", "Attested value", "State", "Attested by", "Attested on", "Read at"],
      ["attestations.customerKeyPolicies", "true", "Stale since 2025-03-02", ATTESTER, "2024-03-01", "Microsoft Purview portal → Customer Key"],
      ["attestations.m365DefaultGeo", "EUR", "Goes stale on 2025-06-02", ATTESTER, "2024-06-01", HOSTILE_SOURCE],
    ]);
    const states = section.querySelector("div.table-wrap")!.querySelectorAll("span.badge").map((b) => b.className);
    expect(states).toEqual(["badge bad", "badge warn"]);
    const svRows = tableRows(sv.querySelector("#attestation")!.querySelector("div.table-wrap")!);
    expect(svRows.map((r) => r[2])).toEqual(["Läge", "Inaktuellt sedan 2025-03-02", "Blir inaktuellt 2025-06-02"]);
  });

  it("says so when nothing needs attestation and the configuration attests nothing", () => {
    const plain = runReportScript(renderHtml(makeDocument(), { lang: "en" }));
    expect(plain.querySelector("#attestation")!.textContent).toBe(
      "Needs attestation" +
        "No API shows these facts. Until a person attests them in the configuration (attestations:), the result is “Needs attestation”: never “Pass”, and it does not change the exit code. An attestation holds for 365 days." +
        "Nothing needs attestation." +
        "Attestations in the configuration" +
        "The configuration holds no attestations.",
    );
    expect(plain.querySelector("p.attest-pointer")).toBeNull();
  });

  it("counts the status in the overview and the rules, filters by it, and shows it in the default view", () => {
    // The status counts: the overview's last .stats (the counts since the baseline come first).
    const stats = en.querySelector("#overview")!.querySelectorAll(".stats").at(-1)!.elements.map((s) => [s.className, s.textContent]);
    expect(stats.slice(0, 5)).toEqual([
      ["stat s-fail", "8✖ Fail"],
      ["stat s-not-assessed", "1? Not assessed"],
      ["stat s-attestation-required", "2✎ Needs attestation"],
      ["stat s-excepted", "1⊘ Excepted"],
      ["stat s-pass", "3✔ Pass"],
    ]);
    expect(en.querySelector("#f-status")!.elements.map((o) => [o.getAttribute("value"), o.textContent])).toEqual([
      ["problems", "To act on: fail, not assessed, needs attestation"],
      ["", "All"],
      ["fail", "Fail"],
      ["not-assessed", "Not assessed"],
      ["attestation-required", "Needs attestation"],
      ["excepted", "Excepted"],
      ["pass", "Pass"],
    ]);
    const rule = en.querySelector("#rule-ACC-02")!.querySelector("summary")!;
    expect(rule.querySelectorAll("span.badge").map((b) => [b.className, b.textContent])).toEqual([
      ["badge st-fail", "✖Fail 1"],
      ["badge st-attestation-required", "✎Needs attestation 1"],
    ]);
    // The default view: fail, not assessed and needs attestation (8 + 1 + 2).
    const rows = en.querySelector("#findings-body")!.querySelectorAll("tr.row");
    expect(rows).toHaveLength(11);
    expect(rows.filter((r) => r.querySelector("span.badge")!.className === "badge st-attestation-required")).toHaveLength(2);
    const select = en.querySelector("#f-status")!;
    select.value = "attestation-required";
    select.dispatch("change");
    expect(en.querySelector("#findings-body")!.querySelectorAll("tr.row").map((r) => r.elements[3]!.textContent)).toEqual(["RES-10", "ACC-02"]);
  });

  it("shows attested evidence as attested by whom, when and where read, not as a value read from an API", () => {
    const page = runReportScript(renderHtml(makeAttestationDocument(), { lang: "en" }));
    const row = page.querySelector("#findings-body")!.querySelectorAll("tr.row").find((r) => r.textContent.includes("EUR (attested) is not allowed"))!;
    row.querySelector("button.expand")!.dispatch("click");
    const detail = page.querySelector("#findings-body")!.querySelector("tr.detail")!;
    const evidence = detail.querySelector("table.evidence")!;
    expect(tableRows(evidence)).toEqual([
      ["Property", "Value seen", "Value expected"],
      ["attestations.m365DefaultGeo.geo", `EUR✎Attestedattested by ${ATTESTER} on 2024-06-01, read at ${HOSTILE_SOURCE}attestations.m365DefaultGeo`, '["SWE"]'],
    ]);
    expect(evidence.querySelector("span.badge")!.className).toBe("badge attested");
    // Swedish.
    const svPage = runReportScript(renderHtml(makeAttestationDocument(), { lang: "sv" }));
    const svRow = svPage.querySelector("#findings-body")!.querySelectorAll("tr.row").find((r) => r.textContent.includes("EUR (intygad)"))!;
    svRow.querySelector("button.expand")!.dispatch("click");
    expect(svPage.querySelector("table.evidence")!.textContent).toContain(`Intygatintygat av ${ATTESTER} 2024-06-01, avläst i ${HOSTILE_SOURCE}`);
  });

  it("shows the need in the finding's details too", () => {
    const page = runReportScript(renderHtml(both(), { lang: "en" }));
    const row = page
      .querySelector("#findings-body")!
      .querySelectorAll("tr.row")
      .find((r) => r.elements[3]!.textContent === "ACC-02" && r.querySelector("span.badge")!.className === "badge st-attestation-required")!;
    row.querySelector("button.expand")!.dispatch("click");
    const detail = page.querySelector("#findings-body")!.querySelector("tr.detail")!;
    const h4 = detail.querySelectorAll("h4").map((h) => h.textContent);
    expect(h4).toContain("Needs attestation");
    expect(detail.querySelector("pre.attest-example")!.textContent).toBe(HOSTILE_EXAMPLE);
    // No exception stub: an attestation-required result cannot be excepted.
    expect(detail.textContent).not.toContain("- rule: ACC-02");
  });

  it("keeps the embedded data inert: no hostile string raw in the page, three script elements", () => {
    const html = renderHtml(both(), { lang: "en" });
    for (const s of [HOSTILE_WHAT, HOSTILE_READ_AT, HOSTILE_EXAMPLE, HOSTILE_SOURCE, "<img src=x onerror=alert(3)>", "<b onmouseover=alert(6)>"]) expect(html).not.toContain(s);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html.match(/<!--/g)).toBeNull();
    // HTML and JSON are the access-controlled formats: who attested is there.
    expect(html).toContain(ATTESTER);
  });

  it("above the compact threshold the needs and attested evidence are embedded and shown the same", () => {
    const large = makeLargeDocument(5_001);
    const rs = [...large.results, ...attestationResults()];
    const doc = { ...makeAttestationDocument(), results: rs, summary: summarize(rs), baseline: undefined };
    const html = renderHtml(doc, { lang: "en" });
    expect(html).toContain('"resultsCompact"');
    expect(encodeResults(rs).columns).toContain("attestation:j");
    const page = runReportScript(html);
    const items = page.querySelector("#attestation")!.querySelectorAll("div.attest-item");
    expect(items).toHaveLength(1);
    expect(items[0]!.querySelector("pre")!.textContent).toBe(HOSTILE_EXAMPLE);
    expect(items[0]!.querySelectorAll("dl").flatMap(pairs)[1]).toEqual(["What to attest", HOSTILE_WHAT]);
  });
});

interface SarifResult {
  ruleId: string;
  kind: string;
  level: string;
  message: { text: string };
  properties: Record<string, unknown>;
  partialFingerprints: Record<string, string>;
}

describe("findings.sarif: needs as review results, attested evidence marked, no attester", () => {
  const doc = both();
  const text = renderSarif(doc, { lang: "en" });
  const results = (JSON.parse(text) as { runs: { results: SarifResult[] }[] }).runs[0]!.results;
  const of = (ruleId: string, status: string) => results.filter((r) => r.ruleId === ruleId && r.properties.status === status);

  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "hemvist-attest-sarif-"));
    if (existsSync(MULTITOOL)) chmodSync(MULTITOOL, 0o755);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("validates against the SARIF 2.1.0 schema and passes Microsoft's validator with GitHub's rules", async () => {
    const schema = JSON.parse(readFileSync(join(process.cwd(), "schemas/sarif-2.1.0.json"), "utf8")) as object;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
    // With a fail carrying attested evidence too (the RES-10 default-geo fail).
    expect(await sarifValidatorErrors(dir, "attest", text)).toEqual([]);
    expect(await sarifValidatorErrors(dir, "attested", renderSarif(makeAttestationDocument(), { lang: "en" }))).toEqual([]);
  }, 120_000);

  it("reports an attestation-required result as kind review, level none, with what to attest and where to read it", () => {
    const [acc02] = of("ACC-02", "attestation-required");
    expect([acc02?.kind, acc02?.level]).toEqual(["review", "none"]);
    expect(acc02?.message.text).toBe(
      "Whether Customer Key data-encryption policies are assigned was attested on 2024-03-01, more than 365 days ago. " +
        "Needs attestation in the configuration (attestations.customerKeyPolicies, stale: attested on 2024-03-01, more than 365 days ago). " +
        // SARIF §3.11.6: literal brackets escaped, so the hostile [link](…) cannot be an embedded link.
        `What to attest: ${HOSTILE_WHAT}. Where to read it: ${HOSTILE_READ_AT.replace("[link]", "\\[link\\]")}.`,
    );
    expect(acc02?.properties.attestation).toEqual({ key: "customerKeyPolicies", state: "stale", attestedOn: "2024-03-01" });
    const [res10] = of("RES-10", "attestation-required");
    expect([res10?.kind, res10?.level]).toEqual(["review", "none"]);
    expect(res10?.message.text).toBe(
      "No API shows the tenant's default geo, and the configuration does not attest it. " +
        "Needs attestation in the configuration (attestations.m365DefaultGeo, missing). " +
        "What to attest: The Microsoft 365 tenant's default geo (a geo code such as SWE). " +
        "Where to read it: Microsoft 365 admin center → Settings → Org settings → Organization profile → Data location.",
    );
    expect(res10?.properties.attestation).toEqual({ key: "m365DefaultGeo", state: "missing" });
    expect(res10?.partialFingerprints["hemvist/v1"]).toBe(missingDefaultGeo().fingerprint);
  });

  it("marks attested evidence as attested (when and where read, the key), never who attested it", () => {
    const withFail = renderSarif(makeAttestationDocument(), { lang: "en" });
    const fail = (JSON.parse(withFail) as { runs: { results: SarifResult[] }[] }).runs[0]!.results.find((r) => r.ruleId === "RES-10" && r.properties.part === "default-geo")!;
    expect([fail.kind, fail.level]).toEqual(["fail", "error"]);
    expect(fail.message.text).toBe(
      `The tenant's default geo EUR (attested) is not allowed. Evidence: attestations.m365DefaultGeo.geo: EUR (attested on 2024-06-01, read at ${HOSTILE_SOURCE} (attestations.m365DefaultGeo)), expected \\["SWE"\\].`,
    );
    expect(fail.properties.attestedEvidence).toEqual([{ path: "attestations.m365DefaultGeo.geo", key: "m365DefaultGeo", attestedOn: "2024-06-01" }]);
    for (const out of [text, withFail, renderSarif(both(true), { lang: "en" }), renderSarif(makeAttestationDocument(), { lang: "sv" })]) {
      expect(out).not.toContain(ATTESTER);
      expect(out).not.toContain(ATTESTER_NAME);
      expect(out).not.toContain("it-chef");
    }
  });
});

describe("summary.md: the Needs attestation section and the counts, no attester", () => {
  const en = renderMarkdown(both(), { lang: "en" });
  const sv = renderMarkdown(both(), { lang: "sv" });

  it("counts the status", () => {
    expect(markdownTable(en, "## Results by status")).toContainEqual(["Needs attestation", "2"]);
    expect(markdownTable(sv, "## Resultat per status")).toContainEqual(["Kräver intygande", "2"]);
  });

  it("lists what to attest, where to read it and the key, escaped, with missing or stale", () => {
    expect(markdownTable(en, "## Needs attestation")).toEqual([
      ["Rule", "Resource", "State", "What to attest", "Where to read it", "Configuration key"],
      [
        "RES-10",
        `\`/tenants/${TENANT} (default-geo)\``,
        "missing",
        "The Microsoft 365 tenant's default geo (a geo code such as SWE).",
        "Microsoft 365 admin center → Settings → Org settings → Organization profile → Data location",
        "`attestations.m365DefaultGeo`",
      ],
      [
        "ACC-02",
        `\`/tenants/${TENANT} (configured)\``,
        "stale (attested on 2024-03-01)",
        "Whether Customer Key policies are assigned &lt;img src=x onerror=alert(3)&gt; \\| \\*\\*bold\\*\\* \\`tick\\`",
        "Purview → Settings &lt;/script&gt;&lt;script&gt;alert(4)&lt;/script&gt; \\[link\\](javascript:alert(5))",
        "`attestations.customerKeyPolicies`",
      ],
    ]);
    expect(en).toContain(
      "No API shows these facts: attest them in the configuration (attestations:). Until then the result is “Needs attestation”, never “Pass”; it does not change the exit code. The report (report.html) shows the lines to add.",
    );
    expect(markdownTable(sv, "## Kräver intygande").map((r) => r[2])).toEqual(["Läge", "saknas", "inaktuellt (intygat 2024-03-01)"]);
  });

  it("lists the attestations going stale or stale, without who attested them or where", () => {
    expect(markdownTable(en, "### Attestations going stale or stale")).toEqual([
      ["Configuration key", "State", "Attested on", "Stale from"],
      ["`attestations.customerKeyPolicies`", "stale", "2024-03-01", "2025-03-02"],
      ["`attestations.m365DefaultGeo`", "goes stale within 30 days", "2024-06-01", "2025-06-02"],
    ]);
  });

  it("says when nothing needs attestation", () => {
    const plain = renderMarkdown(makeDocument(), { lang: "en" });
    expect(plain).toContain("## Needs attestation\n\nNothing needs attestation.\n");
    expect(plain).not.toContain("Attestations going stale");
  });

  it("never names who attested, and lets no raw HTML through", () => {
    for (const out of [en, sv, renderMarkdown(both(true), { lang: "en" }), renderMarkdown(makeAttestationDocument(), { lang: "en" })]) {
      expect(out).not.toContain(ATTESTER);
      expect(out).not.toContain(ATTESTER_NAME);
      expect(out).not.toMatch(/<(img|script|b)\b/i);
    }
  });
});

describe("findings.csv: the status, attested evidence marked, the need's key; no attester", () => {
  /** The data rows (after the BOM and header) of a CSV text, split on CRLF (the fixture's fields here hold no CRLF). */
  const lines = (csv: string) => csv.split("\r\n").slice(1);

  it("appends the columns evidenceAttested and attestation (then nameWarning, subscriptionName, owner, ruleTitle, remediation)", () => {
    expect(CSV_COLUMNS.slice(-8)).toEqual(["fingerprint", "evidenceAttested", "attestation", "nameWarning", "subscriptionName", "owner", "ruleTitle", "remediation"]);
    expect(renderCsv(both(), { lang: "en" }).split("\r\n")[0]).toBe(`\uFEFF${CSV_COLUMNS.join(",")}`);
  });

  it("writes the status, and the need's key with missing or stale", () => {
    const en = lines(renderCsv(both(), { lang: "en" }));
    const acc = en.find((r) => r.startsWith("ACC-02,attestation-required,info,"));
    expect(acc).toBe(
      `ACC-02,attestation-required,info,${TENANT_ID},configured,microsoft.graph.organization,,,,,,` +
        '"Whether Customer Key data-encryption policies are assigned was attested on 2024-03-01, more than 365 days ago.",,,,,,,' +
        `${attestationResults()[0]!.fingerprint},,"attestations.customerKeyPolicies (stale, attested on 2024-03-01)",,,,` +
        "Microsoft 365 Customer Key is available,License Customer Key (Microsoft 365 E5 or the add-on).",
    );
    expect(
      en
        .find((r) => r.startsWith("RES-10,attestation-required,high,"))
        ?.endsWith(`${missingDefaultGeo().fingerprint},,attestations.m365DefaultGeo (missing),,,,Microsoft 365 data is stored in allowed geos,Set the user's preferred data location to an allowed geo.`),
    ).toBe(true);
    // Swedish: separated by semicolons.
    const sv = renderCsv(both(), { lang: "sv" });
    expect(sv).toContain(';"attestations.customerKeyPolicies (inaktuellt, intygat 2024-03-01)";;;;Microsoft 365 Customer Key finns tillgängligt;');
    expect(sv).toContain(";attestations.m365DefaultGeo (saknas);;;;Microsoft 365-data lagras i tillåtna geografier;");
  });

  it("marks attested evidence in its own column, line for line with the evidence, without who attested it", () => {
    const fail = lines(renderCsv(makeAttestationDocument(), { lang: "en" })).find((r) => r.startsWith(`RES-10,fail,high,${TENANT_ID},default-geo,`));
    expect(fail).toBe(
      `RES-10,fail,high,${TENANT_ID},default-geo,microsoft.graph.organization,,,,,,` +
        "The tenant's default geo EUR (attested) is not allowed.," +
        'attestations.m365DefaultGeo.geo,EUR,"[""SWE""]",,,,' +
        `${attestationResults()[1]!.fingerprint},"attested on 2024-06-01, read at ${HOSTILE_SOURCE} (attestations.m365DefaultGeo)",,,,,` +
        "Microsoft 365 data is stored in allowed geos,Set the user's preferred data location to an allowed geo.",
    );
    for (const out of [renderCsv(makeAttestationDocument(), { lang: "en" }), renderCsv(both(true), { lang: "sv" }), renderCsv(makeAttestationDocument(), { lang: "sv" })]) {
      expect(out).not.toContain(ATTESTER);
      expect(out).not.toContain(ATTESTER_NAME);
    }
  });
});

describe("console summary: the count and the hint", () => {
  it("counts the parts that need attestation and says where to look", () => {
    const lines = renderConsoleSummary(both(), { lang: "en", files: [] }).split("\n");
    expect(lines.find((l) => l.startsWith("Results: "))).toBe("Results: 15  3 pass  8 fail  1 not assessed  2 need attestation  1 excepted");
    const at = lines.indexOf(
      "2 parts need attestation: see the report's section “Needs attestation” (report.html) for what to attest, where to read it and the lines to add to the configuration.",
    );
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 3)).toEqual([
      `  RES-10  /tenants/${TENANT} [default-geo] — attestations.m365DefaultGeo (missing)`,
      `  ACC-02  /tenants/${TENANT} [configured] — attestations.customerKeyPolicies (stale, attested on 2024-03-01)`,
    ]);
    const sv = renderConsoleSummary(makeAttestationDocument(), { lang: "sv", files: [] });
    expect(sv).toContain("1 del kräver intygande: se rapportens avsnitt ”Kräver intygande” (report.html)");
    expect(renderConsoleSummary(makeDocument(), { lang: "en", files: [] })).not.toContain("need attestation:");
    expect(renderConsoleSummary(both(true), { lang: "en", files: [] })).not.toContain(ATTESTER_NAME);
  });
});

describe("findings.json: valid against its schema with attestations and attested evidence", () => {
  it("validates, and keeps the needs, the attested evidence and the configuration's attestations whole", () => {
    const doc = both();
    // The fixture's fingerprints are full SHA-256 hex; findings.json keeps 32 characters of it.
    const short = (d: FindingsDocument): FindingsDocument => ({ ...d, results: d.results.map((f) => ({ ...f, fingerprint: f.fingerprint.slice(0, 32) })) });
    const text = renderJson(short(doc));
    const schema = JSON.parse(readFileSync(join(process.cwd(), "schemas/findings.schema.json"), "utf8")) as object;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const parsed = JSON.parse(text) as FindingsDocument;
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
    expect(parsed.attestations).toEqual(doc.attestations);
    expect(parsed.summary.byStatus["attestation-required"]).toBe(2);
    const need = parsed.results.find((f: Finding) => f.ruleId === "ACC-02" && f.status === "attestation-required");
    expect(need?.attestation?.example).toBe(HOSTILE_EXAMPLE);
    const withEvidence = JSON.parse(renderJson(short(makeAttestationDocument()))) as FindingsDocument;
    expect(validate(withEvidence), JSON.stringify(validate.errors)).toBe(true);
    const ev = withEvidence.results.find((f) => f.ruleId === "RES-10" && f.part === "default-geo")?.evidence?.[0];
    expect(ev).toEqual({
      path: "attestations.m365DefaultGeo.geo",
      actual: "EUR",
      expected: ["SWE"],
      kind: "attested",
      attestation: { key: "m365DefaultGeo", attestedBy: ATTESTER, attestedOn: "2024-06-01", source: HOSTILE_SOURCE },
    });
    // The schema check is real: a need without its example fails it.
    const broken = JSON.parse(text) as { results: { attestation?: Record<string, unknown> }[] };
    for (const r of broken.results) if (r.attestation) delete r.attestation.example;
    expect(validate(broken)).toBe(false);
  });
});
