/**
 * One language at a time: a Swedish demo run says everything in Swedish, with the glossary's words
 * (src/base/glossary.ts). Every text a reader sees — the report page's own texts and the Swedish
 * texts of the document it shows, summary.md, findings.csv (read by csv-parse with `;`),
 * findings.sarif's descriptors and messages, the console and the demo's closing lines — is scanned
 * for the variants the glossary replaced ("Fel" for a fail, "etikett", "avslutningskod", …) and
 * for English words that used to leak. Also `--csv-delimiter` on the command line.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { FORBIDDEN_SV } from "../../src/base/glossary.js";
import { htmlLabels } from "../../src/reporters/html/labels.js";
import { type CliRun, readJson, runCli, tempDir } from "./helpers.js";

/** English that leaked into Swedish outputs before the glossary (whole words or phrases, case-sensitive where a capital marks a label). */
const ENGLISH = [
  /\bEvidence\b/,
  /\bexpected\b/,
  /\bRemediation\b/,
  /\bReferences\b/,
  /\bNeeds attestation\b/i,
  /\bnot assessed\b/i,
  /\bUnverified\b/,
  /\bLast night\b/,
  /\bfailing\b/i,
  /\bexit code\b/i,
  /\bwould exit\b/,
  /\bThe demo\b/,
  /\brequests to\b/,
  /\bdefault assumed\b/,
  /\battested on\b/,
  /\bor newer\b/,
  /\ban allowed pair\b/,
  /\btag on the resource\b/,
  /\b(critical|medium) \d/,
  /^\s+(critical|high|medium|low) /m,
];

/** The findings in a text: each forbidden variant or English phrase found, with a little context. */
function problems(where: string, text: string): string[] {
  const out: string[] = [];
  for (const { word, use } of FORBIDDEN_SV) {
    const m = new RegExp(`(?<![\\p{L}\\p{N}_-])${word}(?![\\p{L}\\p{N}_])`, "iu").exec(text);
    if (m) out.push(`${where}: "${word}" (use "${use}") in …${text.slice(Math.max(0, m.index - 40), m.index + 40)}…`);
  }
  for (const re of ENGLISH) {
    const m = re.exec(text);
    if (m) out.push(`${where}: English ${re} in …${text.slice(Math.max(0, m.index - 40), m.index + 40)}…`);
  }
  return out;
}

/** Every string inside a value (labels, nested records). */
function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === "object") return Object.values(v).flatMap(strings);
  return [];
}

let out = "";
let run: CliRun;

beforeAll(async () => {
  out = await tempDir("hemvist-sv-");
  run = await runCli(["demo", "--out", out, "--lang", "sv"]);
}, 120_000);

describe("a Swedish demo run is Swedish in every format", () => {
  it("the demo exits 0 and its closing lines are Swedish, with slutkod", () => {
    expect(run.stderr).not.toMatch(/crashed/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^En riktig granskning av den här klientorganisationen skulle avslutas med slutkod 1 \(underkända resultat\)\. Själva demon avslutas med slutkod 0\.$/m);
    expect(run.stdout).toMatch(/^Demogranskningen gjorde \d+ anrop till emulatorn \(endast GET\); anropslogg: /m);
    expect(run.stderr).toMatch(/^Emulatorn serverar Exempelkommun \(3 prenumerationer\) på https:\/\/127\.0\.0\.1:\d+$/m);
  });

  it("the console uses the glossary: severities, statuses, klientorganisation, slutkod", () => {
    expect(run.stdout).toMatch(/^Klientorganisation: /m);
    expect(run.stdout).toMatch(/^Resultat: \d+ {2}\d+ godkända {2}\d+ underkända {2}\d+ ej bedömda {2}\d+ kräver intygande {2}\d+ undantagna$/m);
    expect(run.stdout).toMatch(/^Underkända per allvarlighetsgrad: kritisk \d+, hög \d+, medel \d+, låg \d+, info \d+$/m);
    expect(run.stdout).toMatch(/^ {2}kritisk {2}CLS-01 /m);
    expect(run.stdout).toMatch(/^Slutkod: 1 — \d+ underkända resultat med allvarlighetsgrad hög eller högre$/m);
    expect(problems("console", run.stdout)).toEqual([]);
  });

  it("summary.md has no forbidden variant and no English", async () => {
    const md = await readFile(join(out, "summary.md"), "utf8");
    expect(md).toContain("| Underkänd |");
    expect(md).toContain("(slutkod 1)");
    expect(problems("summary.md", md)).toEqual([]);
  });

  it("findings.csv, read by csv-parse with ';', has no forbidden variant and no English in any cell", async () => {
    const text = await readFile(join(out, "findings.csv"), "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(text, { delimiter: ";", bom: true }) as string[][];
    const header = rows[0] ?? [];
    expect(header.slice(0, 3)).toEqual(["Regel", "Status", "Allvarlighetsgrad"]);
    for (const r of rows) expect(r).toHaveLength(header.length);
    const status = header.indexOf("Status");
    expect(new Set(rows.slice(1).map((r) => r[status]))).toEqual(new Set(["underkänd", "godkänd", "kräver intygande"]));
    // Å, ä, ö intact in a message cell.
    expect(rows.some((r) => r[header.indexOf("Meddelande")]?.includes("säkerhetsskyddsklassificerad"))).toBe(true);
    // Every cell but the technical ones (ids, types, part names, fingerprints, property paths).
    const technical = new Set(["Regel", "Resurs-id", "Del", "Resurstyp", "Prenumerations-id", "Fingeravtryck", "Underlag: egenskap"]);
    const found = rows.flatMap((r, i) => r.flatMap((cell, j) => (technical.has(header[j] ?? "") ? [] : problems(`findings.csv row ${i + 1} ${header[j]}`, cell))));
    expect(found).toEqual([]);
  });

  it("findings.sarif's rule descriptors, messages and justifications are Swedish", async () => {
    const log = await readJson(join(out, "findings.sarif"));
    const rules = log.runs[0].tool.driver.rules as { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string; markdown: string } }[];
    const results = log.runs[0].results as { ruleId: string; message: { text: string }; suppressions?: { justification: string }[] }[];
    // ENC-02's tde part is critical: its own descriptor, so GitHub shows it as critical.
    expect(rules.some((r) => r.id === "ENC-02/critical")).toBe(true);
    expect(results.some((r) => r.ruleId === "ENC-02/critical")).toBe(true);
    expect(rules.find((r) => r.id === "RES-01")?.help.markdown).toContain("## Åtgärd");
    const found = [
      // The help's prose lines (its Azure CLI and Bicep lines are code).
      ...rules.flatMap((r) =>
        [r.shortDescription.text, r.fullDescription.text, r.help.text.split("\n").filter((l) => !/^(Azure CLI|Bicep): /.test(l)).join("\n")].flatMap((t) => problems(`findings.sarif rule ${r.id}`, t)),
      ),
      ...results.flatMap((r) => [r.message.text, ...(r.suppressions ?? []).map((s) => s.justification)].flatMap((t) => problems(`findings.sarif result ${r.ruleId}`, t))),
    ];
    expect(found).toEqual([]);
  });

  it("report.html: the page's own texts and the document's Swedish texts it shows", async () => {
    const doc = await readJson(join(out, "findings.json"));
    const labels = strings(htmlLabels("sv"));
    const shown = [
      doc.exit.reason.sv,
      ...doc.rules.flatMap((r: { title: { sv: string }; rationale: { sv: string }; remediation: { summary: { sv: string }; portal?: { sv: string } } }) => [r.title.sv, r.rationale.sv, r.remediation.summary.sv, r.remediation.portal?.sv ?? ""]),
      ...doc.results.map((f: { message: { sv: string } }) => f.message.sv),
      // Evidence as the page shows it: prose in both languages ({ en, sv }) in Swedish.
      ...doc.results.flatMap((f: { evidence?: { expected?: unknown; actual?: unknown }[] }) =>
        (f.evidence ?? []).flatMap((e) => [e.expected, e.actual].map((v) => (v && typeof v === "object" && "sv" in v ? String((v as { sv: unknown }).sv) : typeof v === "string" ? v : ""))),
      ),
    ];
    const found = [...labels.flatMap((t) => problems("report.html label", t)), ...shown.flatMap((t) => problems("report.html text", t))];
    expect(found).toEqual([]);
  });

  it("the guard is real: a forbidden variant and an English word are found", () => {
    expect(problems("x", "3 fel hittades")).toHaveLength(1);
    expect(problems("x", "Avslutningskod 1")).toHaveLength(1);
    expect(problems("x", "märkt med en etikett")).toHaveLength(1);
    expect(problems("x", "Underlag: a, expected b")).toHaveLength(1);
    expect(problems("x", "Felmeddelande från klientorganisationen, slutkod 1")).toEqual([]);
  });
});

describe("--csv-delimiter on the command line", () => {
  it("refuses a separator it does not know with one line naming the flag and exits 2", async () => {
    const snapshot = join(out, "snapshot.json");
    const dir = await tempDir("hemvist-csvdelim-");
    const bad = await runCli(["evaluate", snapshot, "--out", dir, "--csv-delimiter", "|"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('hemvist: --csv-delimiter: found "|", expected one of , (comma), ; (semicolon) or tab.\n');
  }, 60_000);

  it("tab gives a tab-separated file, in English too", async () => {
    const dir = await tempDir("hemvist-csvtab-");
    const ok = await runCli(["evaluate", join(out, "snapshot.json"), "--out", dir, "--format", "csv", "--lang", "en", "--csv-delimiter", "tab", "--quiet"]);
    expect(ok.code).toBe(1);
    const text = await readFile(join(dir, "findings.csv"), "utf8");
    expect(text.slice(1, text.indexOf("\r\n")).split("\t").slice(0, 3)).toEqual(["ruleId", "status", "severity"]);
    const rows = parse(text, { delimiter: "\t", bom: true }) as string[][];
    for (const r of rows) expect(r).toHaveLength(rows[0]?.length ?? 0);
  }, 60_000);
});
