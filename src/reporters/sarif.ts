/**
 * SARIF 2.1.0 reporter (findings.sarif) for GitHub code scanning, in the report language: one run,
 * one rule descriptor per (catalog rule, severity its results can have), one result per failing,
 * not-assessed, attestation-required or excepted finding. No personal names or UPNs, and never who
 * attested a fact.
 *
 * GitHub reads `security-severity` from the rule descriptor only, so a rule whose severity varies by
 * result (a by-level rule, ENC-02 `tde` critical) gets a descriptor per severity: the rule's own
 * severity (high for a by-level rule) keeps the rule id (`ENC-02`), every other one is
 * `<rule id>/<severity>` (`ENC-02/critical`), and each result names the descriptor of its severity.
 */
import { nameConcernNote, nameConcerns } from "../base/display.js";
import { GLOSSARY } from "../base/glossary.js";
import type { Lang } from "../base/lang.js";
import { REPOSITORY_URL } from "../paths.js";
import type { Finding, RuleMeta, Severity } from "../engine/types.js";
import { sarifOwnerProperties, sarifOwnerSentence } from "./owner.js";
import { compareBaselineEntries, compareFindings, compareText, evidenceLine, notAssessedReason, redactPersonal, resourceUri, severityRank } from "./common.js";
import { indentedElements, joinPieces, TEXT_ROWS_BATCH } from "./stream.js";
import { sarifText } from "./escape.js";
import type { FindingsDocument, UnverifiedEntry } from "../findings/types.js";
import type { ReportOptions, StreamedFormat, StreamedRun, StreamEnd } from "./types.js";
import type { BufferedWriter } from "../base/atomic.js";
import type { Part } from "../base/parts.js";
import {
  aggregateResult,
  type Candidate,
  candidateKey,
  candidateOf,
  GITHUB_SARIF_MAX_RULES,
  GITHUB_SARIF_SHOWN_TAGS,
  SARIF_LIMITS,
  type SarifLimits,
  type SarifSelection,
  selectionNotification,
  selectionProperties,
  selectSarif,
  unverifiedCandidateOf,
} from "./sarif-limits.js";

/** Where the tool is described (SARIF `tool.driver.informationUri`). */
export const HEMVIST_INFORMATION_URI = REPOSITORY_URL;

/** The schema URI written as `$schema`: the OASIS 2.1.0 errata 01 schema. */
export const SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** GitHub's `security-severity` per severity (GitHub: ≥9 critical, ≥7 high, ≥4 medium, >0 low). */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "1.0",
};

type SarifLevel = "error" | "warning" | "note" | "none";

/** SARIF level of a severity, as Prowler maps it: critical/high error, medium warning, low/info note. */
export function sarifLevel(severity: Severity): SarifLevel {
  if (severity === "critical" || severity === "high") return "error";
  if (severity === "medium") return "warning";
  return "note";
}

/**
 * The severity whose descriptor keeps the rule's id: the rule's own, high for a by-level rule
 * (what a level 3 or 4 store gets, and what the rule's single descriptor stated when it had no result).
 */
export function defaultSeverity(rule: Pick<RuleMeta, "severity">): Severity {
  return rule.severity === "by-level" ? "high" : rule.severity;
}

/**
 * The severities a rule gets descriptors for, most severe first: the document's (RuleMeta.severities),
 * or for a findings.json before 1.8.0 its own (a by-level rule's high, medium and low); always with
 * the default severity (defaultSeverity).
 */
export function descriptorSeverities(rule: Pick<RuleMeta, "severity" | "severities">): Severity[] {
  const own: readonly Severity[] = rule.severity === "by-level" ? ["high", "medium", "low"] : [rule.severity];
  const all = new Set<Severity>([...(rule.severities ?? own), defaultSeverity(rule)]);
  return [...all].sort((a, b) => severityRank(a) - severityRank(b));
}

/** The descriptor id of a rule's severity: the rule id for its default severity, else `<rule id>/<severity>`. */
export function descriptorId(rule: Pick<RuleMeta, "id" | "severity">, severity: Severity): string {
  return severity === defaultSeverity(rule) ? rule.id : `${rule.id}/${severity}`;
}

/** The descriptors of the log, in order: rules by id, each rule's default severity first, then the others from the most severe. */
interface DescriptorIndex {
  /** Descriptor id → its index in the driver's rules. */
  index: Map<string, number>;
  /** Rule id → the severities it has descriptors for. */
  severities: Map<string, ReadonlySet<Severity>>;
  /** The (rule, severity) pairs, in descriptor order. */
  list: { rule: RuleMeta; severity: Severity }[];
}

function descriptorIndex(rules: readonly RuleMeta[]): DescriptorIndex {
  const sorted = [...rules].sort((a, b) => compareText(a.id, b.id));
  const list: DescriptorIndex["list"] = [];
  const severities = new Map<string, ReadonlySet<Severity>>();
  for (const rule of sorted) {
    const def = defaultSeverity(rule);
    const all = descriptorSeverities(rule);
    severities.set(rule.id, new Set(all));
    list.push({ rule, severity: def });
    for (const s of all) if (s !== def) list.push({ rule, severity: s });
  }
  const index = new Map(list.map((d, i) => [descriptorId(d.rule, d.severity), i]));
  return { index, severities, list };
}

/**
 * The descriptor a result of `ruleId` with `severity` names: the rule's descriptor of that severity,
 * or its default one when the rule has none for it (a severity the rule did not declare; the result
 * states its own security-severity); undefined index for a rule not in the run.
 */
function descriptorOf(d: DescriptorIndex, ruleId: string, severity: Severity): { id: string; index: number | undefined } {
  const known = d.severities.get(ruleId);
  if (!known) return { id: ruleId, index: undefined };
  const rule = d.list[d.index.get(ruleId) ?? -1]?.rule;
  const id = rule && known.has(severity) ? descriptorId(rule, severity) : ruleId;
  return { id, index: d.index.get(id) };
}

/** The log's own words in each language (rule texts and messages come from the rules). */
const SARIF_TEXT = {
  en: {
    remediation: "Remediation",
    portal: "Azure portal",
    references: "References",
    evidence: "Evidence",
    severity: "severity",
    exception: "exception",
    ruleWideException: "rule-wide exception",
    expires: "expires",
    exceptedByFile: "Excepted by the organisation's exception file.",
    unverified: "Unverified tonight",
    lastNight: "Last night",
    attestation: (key: string, state: string) => `Needs attestation in the configuration (attestations.${key}, ${state}).`,
    stale: (on: string | undefined) => `stale: attested on ${on ?? "an unknown day"}, more than 365 days ago`,
    missing: "missing",
    what: "What to attest",
    readAt: "Where to read it",
  },
  sv: {
    remediation: "Åtgärd",
    portal: "Azure-portalen",
    references: "Referenser",
    evidence: "Underlag",
    severity: "allvarlighetsgrad",
    exception: "undantag",
    ruleWideException: "undantag för hela regeln",
    expires: "går ut",
    exceptedByFile: "Undantagen i organisationens undantagsfil.",
    unverified: "Overifierad i natt",
    lastNight: "I går natt",
    attestation: (key: string, state: string) => `Kräver intygande i konfigurationen (attestations.${key}, ${state}).`,
    stale: (on: string | undefined) => `inaktuellt: intygat ${on ?? "okänt datum"}, för mer än 365 dagar sedan`,
    missing: "saknas",
    what: "Vad som ska intygas",
    readAt: "Var det läses",
  },
} satisfies Record<Lang, unknown>;

function ruleMarkdown(rule: RuleMeta, lang: Lang): string {
  const r = rule.remediation;
  const t = SARIF_TEXT[lang];
  const parts = [`**${rule.title[lang]}**`, "", rule.rationale[lang], "", `## ${t.remediation}`, "", r.summary[lang]];
  if (r.portal) parts.push("", `### ${t.portal}`, "", r.portal[lang]);
  if (r.cli) parts.push("", "### Azure CLI", "", "```sh", r.cli, "```");
  if (r.bicep) parts.push("", "### Bicep", "", "```bicep", r.bicep, "```");
  if (r.terraform) parts.push("", "### Terraform", "", "```hcl", r.terraform, "```");
  if (rule.references.length > 0) parts.push("", `## ${t.references}`, "", ...rule.references.map((u) => `- <${u}>`));
  return parts.join("\n");
}

function ruleText(rule: RuleMeta, lang: Lang): string {
  const r = rule.remediation;
  const t = SARIF_TEXT[lang];
  const parts = [rule.rationale[lang], "", `${t.remediation}: ${r.summary[lang]}`];
  if (r.portal) parts.push(`${t.portal}: ${r.portal[lang]}`);
  if (r.cli) parts.push(`Azure CLI: ${r.cli}`);
  if (r.bicep) parts.push(`Bicep: ${r.bicep}`);
  if (rule.references.length > 0) parts.push("", `${t.references}: ${rule.references.join(" ")}`);
  return parts.join("\n");
}

function endWithPeriod(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function descriptor(rule: RuleMeta, severity: Severity, lang: Lang): Record<string, unknown> {
  // A rule with descriptors for several severities says which one each is (GitHub lists them by their short description).
  const which = descriptorSeverities(rule).length > 1 ? ` (${SARIF_TEXT[lang].severity} ${GLOSSARY[lang].severity[severity]})` : "";
  const d: Record<string, unknown> = {
    id: descriptorId(rule, severity),
    name: rule.name,
    shortDescription: { text: endWithPeriod(`${rule.title[lang].trim().replace(/\.$/, "")}${which}`) },
    fullDescription: { text: endWithPeriod(rule.rationale[lang]) },
    help: { text: ruleText(rule, lang), markdown: ruleMarkdown(rule, lang) },
    defaultConfiguration: { level: sarifLevel(severity) },
    properties: {
      // GitHub shows GITHUB_SARIF_SHOWN_TAGS tags per rule.
      tags: ["security", "data-residency", rule.id.split("-")[0]?.toLowerCase() ?? "hemvist"].slice(0, GITHUB_SARIF_SHOWN_TAGS),
      precision: "very-high",
      "security-severity": SECURITY_SEVERITY[severity],
    },
  };
  if (rule.helpUri) d.helpUri = rule.helpUri;
  return d;
}

/**
 * What an attestation-required result asks for, in the report language: the key, missing or stale,
 * what to attest and where to read it. The example lines are left to the HTML report (a log message
 * is one paragraph); the key names where they go.
 */
function attestationText(f: Finding, lang: Lang): string {
  const a = f.attestation;
  if (!a) return "";
  const t = SARIF_TEXT[lang];
  const state = a.state === "stale" ? t.stale(a.attestedOn) : t.missing;
  return ` ${t.attestation(a.key, state)} ${t.what}: ${endWithPeriod(a.what[lang])} ${t.readAt}: ${endWithPeriod(a.readAt[lang])}`;
}

function message(f: Finding, lang: Lang): string {
  const text = f.status === "not-assessed" ? notAssessedReason(f, lang) : f.message[lang];
  const evidence = f.status === "not-assessed" ? [] : (f.evidence ?? []).map((e) => evidenceLine(e, lang));
  const head = `${endWithPeriod(text)}${f.status === "attestation-required" ? attestationText(f, lang) : ""}`;
  const full = evidence.length > 0 ? `${head} ${SARIF_TEXT[lang].evidence}: ${evidence.join("; ")}.` : head;
  // The resource name is not read (it may be a person's display name); the id holds it for resources.
  return sarifText(redactPersonal(full + sarifOwnerSentence(f, lang))) + nameConcernNote(nameConcerns(f.resourceGroup, f.resourceId), lang);
}

/**
 * SARIF kind and level of a status. A not-assessed result is `review` but keeps `warning`: SARIF
 * §3.27.10 wants level "none" on a non-"fail" kind, GitHub reads only `level` (and shows "none" as
 * a note), and an unread scope must not look minor. An attestation-required result is `review` with
 * level `none`, as the specification asks: nothing was found wrong, a person has to state a fact no
 * API shows; it never fails the run, so it should not rank with the failures (GitHub lists it lowest).
 */
function kindAndLevel(status: Finding["status"], severity: Severity): { kind: "fail" | "review"; level: SarifLevel } {
  if (status === "not-assessed") return { kind: "review", level: "warning" };
  if (status === "attestation-required") return { kind: "review", level: "none" };
  return { kind: "fail", level: sarifLevel(severity) };
}

/** The attested evidence of a result, for its properties: path, configuration key, day (never who). */
function attestedEvidence(f: Finding): { path: string; key: string; attestedOn: string }[] {
  const out: { path: string; key: string; attestedOn: string }[] = [];
  for (const e of f.evidence ?? []) if (e.kind === "attested" && e.attestation) out.push({ path: e.path, key: e.attestation.key, attestedOn: e.attestation.attestedOn });
  return out;
}

function result(f: Finding, descriptors: DescriptorIndex, withBaseline: boolean, lang: Lang): Record<string, unknown> {
  const attested = attestedEvidence(f);
  const rule = descriptorOf(descriptors, f.ruleId, f.severity);
  const r: Record<string, unknown> = {
    ruleId: rule.id,
    ...(rule.index !== undefined ? { ruleIndex: rule.index } : {}),
    ...kindAndLevel(f.status, f.severity),
    message: { text: message(f, lang) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: resourceUri(f.resourceId) },
          // GitHub code scanning requires a region with a start line.
          region: { startLine: 1 },
        },
        logicalLocations: [{ fullyQualifiedName: f.resourceId, kind: "resource" }],
      },
    ],
    partialFingerprints: { "hemvist/v1": f.fingerprint },
    properties: {
      status: f.status,
      severity: f.severity,
      "security-severity": SECURITY_SEVERITY[f.severity],
      ...(f.part !== undefined ? { part: f.part } : {}),
      ...(f.resourceType !== undefined ? { resourceType: f.resourceType } : {}),
      ...(f.subscriptionId !== undefined ? { subscriptionId: f.subscriptionId } : {}),
      ...(f.location !== undefined ? { location: f.location } : {}),
      ...(f.classification !== undefined ? { classification: f.classification.label } : {}),
      ...(f.attestation !== undefined
        ? { attestation: { key: f.attestation.key, state: f.attestation.state, ...(f.attestation.attestedOn !== undefined ? { attestedOn: f.attestation.attestedOn } : {}) } }
        : {}),
      ...(attested.length > 0 ? { attestedEvidence: attested } : {}),
      ...sarifOwnerProperties(f),
    },
  };
  // SARIF's baselineState has no "unverified": such a result still stands, so "unchanged".
  if (withBaseline && f.baselineState !== undefined) r.baselineState = f.baselineState === "unverified" ? "unchanged" : f.baselineState;
  if (f.status === "excepted") {
    const t = SARIF_TEXT[lang];
    const justification = f.exception
      ? redactPersonal(`${f.exception.justification} (${f.exception.ruleWide ? t.ruleWideException : t.exception} ${f.exception.id}, ${t.expires} ${f.exception.expires})`)
      : t.exceptedByFile;
    r.suppressions = [{ kind: "external", status: "accepted", justification }];
  }
  return r;
}

/** The message of a re-emitted unverified result: starts "Unverified tonight" ("Overifierad i natt"), then why, then last night's message. */
function unverifiedMessage(e: UnverifiedEntry, lang: Lang): string {
  const t = SARIF_TEXT[lang];
  const reason = e.reason[lang].replace(/\.$/, "");
  return sarifText(redactPersonal(`${t.unverified} (${e.reason.code}): ${reason}. ${t.lastNight}: ${endWithPeriod(e.message[lang])}`)) + nameConcernNote(nameConcerns(e.resourceId), lang);
}

/**
 * A baseline result tonight could not verify, re-emitted as last night's SARIF result (its rule
 * id, fingerprint, kind and level) so code scanning keeps its alert open instead of closing it.
 */
function unverifiedResult(e: UnverifiedEntry, descriptors: DescriptorIndex, lang: Lang): Record<string, unknown> {
  const rule = descriptorOf(descriptors, e.ruleId, e.severity);
  return {
    ruleId: rule.id,
    ...(rule.index !== undefined ? { ruleIndex: rule.index } : {}),
    ...kindAndLevel(e.status, e.severity),
    message: { text: unverifiedMessage(e, lang) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: resourceUri(e.resourceId) },
          region: { startLine: 1 },
        },
        logicalLocations: [{ fullyQualifiedName: e.resourceId, kind: "resource" }],
      },
    ],
    partialFingerprints: { "hemvist/v1": e.fingerprint },
    properties: {
      status: "unverified",
      lastStatus: e.status,
      unverifiedReason: e.reason.code,
      severity: e.severity,
      "security-severity": SECURITY_SEVERITY[e.severity],
      ...(e.part !== undefined ? { part: e.part } : {}),
      ...(e.resourceType !== undefined ? { resourceType: e.resourceType } : {}),
      ...(e.subscriptionId !== undefined ? { subscriptionId: e.subscriptionId } : {}),
      ...(e.location !== undefined ? { location: e.location } : {}),
    },
    // SARIF's baselineState has no "unverified": the alert stands, so "unchanged".
    baselineState: "unchanged",
  };
}

/** Whether a result of tonight's goes into the log (attestation-required ones too, as `review`): not passes, and not the unverified ones (the log re-emits the baseline's unverified results as last night's: renderedUnverified). */
export function sarifReported(f: Finding): boolean {
  return f.status !== "pass" && f.baselineState !== "unverified";
}

/**
 * Renders the document as a SARIF 2.1.0 log for GitHub code scanning.
 *
 * Texts are in the report language (`opts.lang`): descriptors, messages, justifications. Passing results
 * are left out; a not-assessed result that failed last night is reported as last night's
 * unverified result (renderedUnverified). The result's artifact location is the resource id without its leading slash,
 * percent-encoded per segment; the fingerprint is `partialFingerprints["hemvist/v1"]`.
 * `resourceName` is never read, so no display name or UPN reaches the log. A log with more
 * results than `limits` allow lists the most important and summarises the rest (sarif-limits.ts).
 *
 * @param doc the findings document
 * @param opts `lang` picks the language of the log's texts
 * @param limits how many results and bytes the log may hold (GitHub's, SARIF_LIMITS, unless a test says otherwise)
 * @returns the SARIF log as pretty-printed JSON
 */
export function renderSarif(doc: FindingsDocument, opts: ReportOptions, limits: SarifLimits = SARIF_LIMITS): string {
  return joinPieces(sarifChunks(doc, opts, limits));
}

/** Where the results go in the pretty-printed log: runs[0].results, written as `[]` in the head. */
const RESULTS_SLOT = '\n      "results": []';
/** Bytes kept free in the log for what the run says it summarised (notification and properties). */
const SUMMARY_NOTE_BYTES = 4_096;

/** One result of the log, rendered, with what selection needs to know of it. */
interface Rendered {
  candidate: Candidate;
  text: string;
}

/** The baseline's unverified results, rendered, in log order (compareBaselineEntries). */
function renderedUnverified(doc: FindingsDocument, descriptors: DescriptorIndex, lang: Lang): Rendered[] {
  const unverified = [...(doc.baseline?.unverified ?? [])].sort(compareBaselineEntries);
  return unverified.map((e, i) => {
    const text = indentedElements([unverifiedResult(e, descriptors, lang)], 2, 4);
    return { candidate: unverifiedCandidateOf(e, i, Buffer.byteLength(text)), text };
  });
}

/** The log's frame once selection is known: as it was when every result is listed, else with the summary's notes. */
function selectedFrame(doc: FindingsDocument, lang: Lang, plain: ReturnType<typeof sarifFrame>, sel: SarifSelection, limits: SarifLimits): ReturnType<typeof sarifFrame> {
  return sel.all ? plain : sarifFrame(doc, lang, { selection: sel, limits });
}

/** The aggregates' results, rendered (each names its rule's default descriptor: it spans severities). */
function aggregateTexts(doc: FindingsDocument, sel: SarifSelection, ruleIndex: ReadonlyMap<string, number>, lang: Lang): string[] {
  return sel.aggregates.map((a) => indentedElements([aggregateResult(a, doc.tenantId, ruleIndex.get(a.ruleId), lang)], 2, 4));
}

/**
 * Yields the SARIF log of `renderSarif` in chunks: each result is rendered once, selection
 * (selectSarif) decides which are listed, and the frame is stringified once. The chunks joined
 * are exactly `renderSarif(doc, opts, limits)`.
 *
 * @param doc the findings document
 * @param opts `lang` picks the language of the log's texts
 */
export function* sarifChunks(doc: FindingsDocument, opts: ReportOptions, limits: SarifLimits = SARIF_LIMITS): Generator<string> {
  const lang = opts.lang;
  const plain = sarifFrame(doc, lang);
  const descriptors = descriptorIndex(doc.rules);
  const withBaseline = doc.baseline !== undefined;
  const tonight: Rendered[] = doc.results
    .filter(sarifReported)
    .sort(compareFindings)
    .map((f, i) => {
      const text = sarifResults([f], descriptors, withBaseline, lang);
      return { candidate: candidateOf(f, i, Buffer.byteLength(text)), text };
    });
  const unverified = renderedUnverified(doc, descriptors, lang);
  if (tonight.length === 0 && unverified.length === 0) {
    yield plain.empty;
    return;
  }
  const sel = selectSarif([...tonight, ...unverified].map((r) => r.candidate), Buffer.byteLength(plain.empty) + SUMMARY_NOTE_BYTES, limits);
  const frame = selectedFrame(doc, lang, plain, sel, limits);
  yield frame.head;
  let first = true;
  for (const r of [...tonight, ...unverified]) {
    if (!sel.all && !sel.individual.has(candidateKey(r.candidate))) continue;
    yield first ? r.text : `,\n${r.text}`;
    first = false;
  }
  for (const text of aggregateTexts(doc, sel, plain.ruleIndex, lang)) {
    yield first ? text : `,\n${text}`;
    first = false;
  }
  yield frame.tail;
}

/**
 * The SARIF log around its results, for writing the results separately: `empty` is the log with no
 * result; with results it is `head`, the results (`sarifResults`, batches joined by `,\n`), `tail`.
 * `ruleIndex` gives a descriptor's index in the driver's rules (descriptorIndex: rules by id, each
 * rule's default severity first), by descriptor id (the rule id for the rule's default severity).
 * @param doc the document; its results are ignored
 * @param lang the language of the descriptors and notifications
 * @param summary when the log summarises results: the selection, said in a notification of the invocation and in run.properties.sarifLimits
 */
export function sarifFrame(
  doc: FindingsDocument,
  lang: Lang,
  summary?: { selection: SarifSelection; limits: SarifLimits },
): { empty: string; head: string; tail: string; ruleIndex: Map<string, number> } {
  const descriptors = descriptorIndex(doc.rules);
  if (descriptors.list.length > GITHUB_SARIF_MAX_RULES) throw new Error(`findings.sarif: ${descriptors.list.length} rule descriptors, more than GitHub code scanning accepts in a run (${GITHUB_SARIF_MAX_RULES})`);
  const ruleIndex = descriptors.index;
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "Hemvist",
            informationUri: HEMVIST_INFORMATION_URI,
            version: doc.tool.version,
            semanticVersion: doc.tool.version,
            rules: descriptors.list.map((d) => descriptor(d.rule, d.severity, lang)),
          },
        },
        invocations: [
          {
            executionSuccessful: doc.exit.code !== 2,
            endTimeUtc: doc.generatedAt,
            ...(summary ? { toolExecutionNotifications: [selectionNotification(summary.selection, summary.limits, lang)] } : {}),
          },
        ],
        results: [] as unknown[],
        properties: {
          tenantId: doc.tenantId,
          collectedAt: doc.collectedAt,
          generatedAt: doc.generatedAt,
          snapshotSha256: doc.snapshotSha256,
          profile: doc.profile.name,
          exitCode: doc.exit.code,
          ...(doc.disabledRules && doc.disabledRules.length > 0 ? { disabledRules: doc.disabledRules.map((r) => r.id) } : {}),
          ...(summary ? { sarifLimits: selectionProperties(summary.selection, summary.limits) } : {}),
        },
      },
    ],
  };
  const empty = `${JSON.stringify(log, null, 2)}\n`;
  // Keys are written as `"key":` with the quote escaped inside strings, so the slot is unique.
  const at = empty.indexOf(RESULTS_SLOT);
  if (at < 0 || empty.indexOf(RESULTS_SLOT, at + 1) >= 0) throw new Error("SARIF: the results slot is not unique");
  const open = at + RESULTS_SLOT.length - 1; // the "]" of "[]"
  return { empty, head: `${empty.slice(0, open)}\n`, tail: `\n      ${empty.slice(open)}`, ruleIndex };
}

/**
 * Results as the SARIF log writes them (runs[0].results, indented for their depth), joined by `,\n`.
 * @param reported failing, not-assessed and excepted results (sarifReported), in log order (compareFindings)
 * @param descriptors the log's rule descriptors (descriptorIndex)
 * @param withBaseline whether the run had a baseline (each result then carries its baselineState)
 * @param lang the language of the messages
 */
function sarifResults(reported: readonly Finding[], descriptors: DescriptorIndex, withBaseline: boolean, lang: Lang): string {
  return indentedElements(
    reported.map((f) => result(f, descriptors, withBaseline, lang)),
    2,
    4,
  );
}

/** Appends one framed row to `chunks`: key length, text length (u32 LE), key, text. */
function frameRow(chunks: Buffer[], key: string, text: Buffer): void {
  const k = Buffer.from(key);
  const header = Buffer.alloc(8);
  header.writeUInt32LE(k.length, 0);
  header.writeUInt32LE(text.length, 4);
  chunks.push(header, k, text);
}

/** The framed rows of a part (frameRow), in order. */
function* unframeRows(buf: Buffer): Generator<{ key: string; text: Buffer }> {
  for (let at = 0; at < buf.length; ) {
    const k = buf.readUInt32LE(at);
    const t = buf.readUInt32LE(at + 4);
    const key = buf.toString("utf8", at + 8, at + 8 + k);
    yield { key, text: buf.subarray(at + 8 + k, at + 8 + k + t) };
    at += 8 + k + t;
  }
}

/**
 * findings.sarif streamed: each of tonight's reported results (sarifReported) is rendered into the
 * spool as a framed row (its selection key and its text) in log order (compareFindings), and
 * remembered as a Candidate (a few fields: no texts); at finish selection (selectSarif) decides
 * which are listed, and `write` copies those, then the baseline's unverified ones and the
 * aggregates, between the log's head and tail (sarifFrame); the log with no result is the frame's `empty`.
 */
class SarifRun implements StreamedRun {
  readonly order = "code-point";
  readonly separator = "";
  readonly batch = TEXT_ROWS_BATCH;
  /** The log's rule descriptors (one per rule and severity), whose indexes are rendered into each result. */
  private readonly descriptors: DescriptorIndex;
  /** A non-pass result carried a baselineState (the rows include it, so the document must have a baseline). */
  private sawBaselineState = false;
  /** Every result spooled, in the order rows were rendered. */
  private readonly candidates: Candidate[] = [];

  constructor(
    private readonly rules: readonly RuleMeta[],
    private readonly limits: SarifLimits,
    private readonly lang: Lang,
  ) {
    this.descriptors = descriptorIndex(rules);
  }

  select(sorted: readonly Finding[]): readonly Finding[] {
    for (const f of sorted) if (f.status !== "pass" && f.baselineState !== undefined) this.sawBaselineState = true;
    // The log's order compares texts by code point (compareFindings), not by locale.
    return sorted.filter(sarifReported).sort(compareFindings);
  }

  rows(batch: readonly Finding[]): Uint8Array {
    const chunks: Buffer[] = [];
    for (const f of batch) {
      // Every result carries its baselineState (check: only a document with a baseline has one).
      const text = Buffer.from(sarifResults([f], this.descriptors, true, this.lang));
      // Within a (status, severity, rule) the spool renders rows in log order, so the count is the log order there.
      const c = candidateOf(f, this.candidates.length, text.length);
      this.candidates.push(c);
      frameRow(chunks, candidateKey(c), text);
    }
    return Buffer.concat(chunks);
  }

  check({ doc }: StreamEnd): void {
    const want = new Set(this.rules.map((r) => r.id));
    if (doc.rules.length !== want.size || doc.rules.some((r) => !want.has(r.id))) throw new Error("findings.sarif: the document's rules differ from the spool's (rule indexes would be wrong)");
    const ids = (d: DescriptorIndex) => d.list.map((x) => descriptorId(x.rule, x.severity)).join("\n");
    if (ids(descriptorIndex(doc.rules)) !== ids(this.descriptors)) throw new Error("findings.sarif: the document's rule severities differ from the spool's (rule indexes would be wrong)");
    if (!doc.baseline && this.sawBaselineState) throw new Error("findings.sarif: results carry a baselineState but the document has no baseline");
  }

  head(end: StreamEnd): string {
    return this.plain(end).empty;
  }

  tail(): string {
    return "";
  }

  async write(end: StreamEnd, parts: readonly Part[], out: BufferedWriter): Promise<void> {
    const plain = this.plain(end);
    const unverified = renderedUnverified(end.doc, this.descriptors, this.lang);
    if (this.candidates.length === 0 && unverified.length === 0) {
      await out.text(plain.empty);
      return;
    }
    const sel = selectSarif([...this.candidates, ...unverified.map((r) => r.candidate)], Buffer.byteLength(plain.empty) + SUMMARY_NOTE_BYTES, this.limits);
    const frame = selectedFrame(end.doc, this.lang, plain, sel, this.limits);
    await out.text(frame.head);
    let first = true;
    for (const part of parts) {
      const buf = Buffer.alloc(part.size);
      await part.read(buf);
      await part.remove();
      for (const row of unframeRows(buf)) {
        if (!sel.all && !sel.individual.has(row.key)) continue;
        if (!first) await out.text(",\n");
        await out.bytes(row.text);
        first = false;
      }
    }
    for (const r of unverified) {
      if (!sel.all && !sel.individual.has(candidateKey(r.candidate))) continue;
      await out.text(first ? r.text : `,\n${r.text}`);
      first = false;
    }
    for (const text of aggregateTexts(end.doc, sel, this.descriptors.index, this.lang)) {
      await out.text(first ? text : `,\n${text}`);
      first = false;
    }
    await out.text(frame.tail);
  }

  private plain({ doc }: StreamEnd): ReturnType<typeof sarifFrame> {
    return sarifFrame(doc, this.lang);
  }
}

export const sarifStream: StreamedFormat = {
  start: ({ rules, sarifLimits, lang }) => new SarifRun(rules, sarifLimits ?? SARIF_LIMITS, lang),
};
