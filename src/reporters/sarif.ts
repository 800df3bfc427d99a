/**
 * SARIF 2.1.0 reporter (findings.sarif) for GitHub code scanning: one run, one rule per catalog
 * rule, one result per failing, not-assessed, attestation-required or excepted finding. No personal
 * names or UPNs, and never who attested a fact.
 */
import { escapeControls, nameConcernNote, nameConcerns } from "../base/display.js";
import { REPOSITORY_URL } from "../paths.js";
import type { Finding, RuleMeta, Severity } from "../engine/types.js";
import { sarifOwnerProperties, sarifOwnerSentence } from "./owner.js";
import { compareBaselineEntries, compareFindings, compareText, evidenceLine, notAssessedReason, redactPersonal, resourceUri, severityRank } from "./common.js";
import { indentedElements, joinPieces, TEXT_ROWS_BATCH } from "./stream.js";
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
 * The severity a rule's descriptor states: its own, or for a "by-level" rule (whose severity
 * follows the data) the worst its results gave, high when it gave none.
 * @param rule the rule
 * @param worst the most severe severity among the rule's results (all statuses)
 */
export function ruleSeverity(rule: RuleMeta, worst: Severity | undefined): Severity {
  if (rule.severity !== "by-level") return rule.severity;
  return worst ?? "high";
}

/** The more severe of two severities (the first when equal); undefined counts as none. */
export function worseSeverity(a: Severity | undefined, b: Severity): Severity {
  return a === undefined || severityRank(b) < severityRank(a) ? b : a;
}

function ruleMarkdown(rule: RuleMeta): string {
  const r = rule.remediation;
  const parts = [`**${rule.title.en}**`, "", rule.rationale.en, "", "## Remediation", "", r.summary.en];
  if (r.portal) parts.push("", "### Portal", "", r.portal.en);
  if (r.cli) parts.push("", "### Azure CLI", "", "```sh", r.cli, "```");
  if (r.bicep) parts.push("", "### Bicep", "", "```bicep", r.bicep, "```");
  if (r.terraform) parts.push("", "### Terraform", "", "```hcl", r.terraform, "```");
  if (rule.references.length > 0) parts.push("", "## References", "", ...rule.references.map((u) => `- <${u}>`));
  return parts.join("\n");
}

function ruleText(rule: RuleMeta): string {
  const r = rule.remediation;
  const parts = [rule.rationale.en, "", `Remediation: ${r.summary.en}`];
  if (r.portal) parts.push(`Portal: ${r.portal.en}`);
  if (r.cli) parts.push(`Azure CLI: ${r.cli}`);
  if (r.bicep) parts.push(`Bicep: ${r.bicep}`);
  if (rule.references.length > 0) parts.push("", `References: ${rule.references.join(" ")}`);
  return parts.join("\n");
}

function endWithPeriod(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function descriptor(rule: RuleMeta, severity: Severity): Record<string, unknown> {
  const d: Record<string, unknown> = {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: endWithPeriod(rule.title.en) },
    fullDescription: { text: endWithPeriod(rule.rationale.en) },
    help: { text: ruleText(rule), markdown: ruleMarkdown(rule) },
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
 * What an attestation-required result asks for, in English: the key, missing or stale, what to
 * attest and where to read it. The example lines are left to the HTML report (a log message is one
 * paragraph); the key names where they go.
 */
function attestationText(f: Finding): string {
  const a = f.attestation;
  if (!a) return "";
  const state = a.state === "stale" ? `stale: attested on ${a.attestedOn ?? "an unknown day"}, more than 365 days ago` : "missing";
  return ` Needs attestation in the configuration (attestations.${a.key}, ${state}). What to attest: ${endWithPeriod(a.what.en)} Where to read it: ${endWithPeriod(a.readAt.en)}`;
}

/**
 * Message text as SARIF plain text that can never form a link: SARIF 2.1.0 §3.11.6 reads
 * `[text](target)` in a plain-text message as an embedded link and wants literal brackets escaped
 * with a backslash (`\[`, `\]`; backslashes just before a bracket are doubled, so a literal `\[`
 * stays literal), and GitHub renders such links. Control and bidi characters are escaped visibly (`\u202e`).
 * @param text the message, personal data already redacted
 */
export function sarifText(text: string): string {
  return escapeControls(text).replace(/(\\*)([[\]])/g, "$1$1\\$2");
}

function message(f: Finding): string {
  const text = f.status === "not-assessed" ? notAssessedReason(f, "en") : f.message.en;
  const evidence = f.status === "not-assessed" ? [] : (f.evidence ?? []).map((e) => evidenceLine(e, "en"));
  const head = `${endWithPeriod(text)}${f.status === "attestation-required" ? attestationText(f) : ""}`;
  const full = evidence.length > 0 ? `${head} Evidence: ${evidence.join("; ")}.` : head;
  // The resource name is not read (it may be a person's display name); the id holds it for resources.
  return sarifText(redactPersonal(full + sarifOwnerSentence(f))) + nameConcernNote(nameConcerns(f.resourceGroup, f.resourceId), "en");
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

function result(f: Finding, ruleIndex: number | undefined, withBaseline: boolean): Record<string, unknown> {
  const attested = attestedEvidence(f);
  const r: Record<string, unknown> = {
    ruleId: f.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    ...kindAndLevel(f.status, f.severity),
    message: { text: message(f) },
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
    const justification = f.exception
      ? redactPersonal(`${f.exception.justification} (${f.exception.ruleWide ? "rule-wide exception" : "exception"} ${f.exception.id}, expires ${f.exception.expires})`)
      : "Excepted by the organisation's exception file.";
    r.suppressions = [{ kind: "external", status: "accepted", justification }];
  }
  return r;
}

/** The message of a re-emitted unverified result: starts "Unverified tonight", then why, then last night's message. */
function unverifiedMessage(e: UnverifiedEntry): string {
  const reason = e.reason.en.replace(/\.$/, "");
  return sarifText(redactPersonal(`Unverified tonight (${e.reason.code}): ${reason}. Last night: ${endWithPeriod(e.message.en)}`)) + nameConcernNote(nameConcerns(e.resourceId), "en");
}

/**
 * A baseline result tonight could not verify, re-emitted as last night's SARIF result (its rule
 * id, fingerprint, kind and level) so code scanning keeps its alert open instead of closing it.
 */
function unverifiedResult(e: UnverifiedEntry, ruleIndex: number | undefined): Record<string, unknown> {
  return {
    ruleId: e.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    ...kindAndLevel(e.status, e.severity),
    message: { text: unverifiedMessage(e) },
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
 * Texts are English whatever `opts.lang` says (GitHub's interface is English). Passing results
 * are left out; a not-assessed result that failed last night is reported as last night's
 * unverified result (renderedUnverified). The result's artifact location is the resource id without its leading slash,
 * percent-encoded per segment; the fingerprint is `partialFingerprints["hemvist/v1"]`.
 * `resourceName` is never read, so no display name or UPN reaches the log. A log with more
 * results than `limits` allow lists the most important and summarises the rest (sarif-limits.ts).
 *
 * @param doc the findings document
 * @param _opts report options (unused: SARIF is always English)
 * @param limits how many results and bytes the log may hold (GitHub's, SARIF_LIMITS, unless a test says otherwise)
 * @returns the SARIF log as pretty-printed JSON
 */
export function renderSarif(doc: FindingsDocument, _opts: ReportOptions, limits: SarifLimits = SARIF_LIMITS): string {
  return joinPieces(sarifChunks(doc, _opts, limits));
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
function renderedUnverified(doc: FindingsDocument, ruleIndex: ReadonlyMap<string, number>): Rendered[] {
  const unverified = [...(doc.baseline?.unverified ?? [])].sort(compareBaselineEntries);
  return unverified.map((e, i) => {
    const text = indentedElements([unverifiedResult(e, ruleIndex.get(e.ruleId))], 2, 4);
    return { candidate: unverifiedCandidateOf(e, i, Buffer.byteLength(text)), text };
  });
}

/** The log's frame once selection is known: as it was when every result is listed, else with the summary's notes. */
function selectedFrame(doc: FindingsDocument, worst: (rule: RuleMeta) => Severity | undefined, plain: ReturnType<typeof sarifFrame>, sel: SarifSelection, limits: SarifLimits): ReturnType<typeof sarifFrame> {
  return sel.all ? plain : sarifFrame(doc, worst, { selection: sel, limits });
}

/** The aggregates' results, rendered. */
function aggregateTexts(doc: FindingsDocument, sel: SarifSelection, ruleIndex: ReadonlyMap<string, number>): string[] {
  return sel.aggregates.map((a) => indentedElements([aggregateResult(a, doc.tenantId, ruleIndex.get(a.ruleId))], 2, 4));
}

/**
 * Yields the SARIF log of `renderSarif` in chunks: each result is rendered once, selection
 * (selectSarif) decides which are listed, and the frame is stringified once. The chunks joined
 * are exactly `renderSarif(doc, opts, limits)`.
 *
 * @param doc the findings document
 * @param _opts report options (unused: SARIF is always English)
 */
export function* sarifChunks(doc: FindingsDocument, _opts: ReportOptions, limits: SarifLimits = SARIF_LIMITS): Generator<string> {
  const worst = new Map<string, Severity>();
  for (const f of doc.results) worst.set(f.ruleId, worseSeverity(worst.get(f.ruleId), f.severity));
  const worstOf = (r: RuleMeta) => worst.get(r.id);
  const plain = sarifFrame(doc, worstOf);
  const withBaseline = doc.baseline !== undefined;
  const tonight: Rendered[] = doc.results
    .filter(sarifReported)
    .sort(compareFindings)
    .map((f, i) => {
      const text = sarifResults([f], plain.ruleIndex, withBaseline);
      return { candidate: candidateOf(f, i, Buffer.byteLength(text)), text };
    });
  const unverified = renderedUnverified(doc, plain.ruleIndex);
  if (tonight.length === 0 && unverified.length === 0) {
    yield plain.empty;
    return;
  }
  const sel = selectSarif([...tonight, ...unverified].map((r) => r.candidate), Buffer.byteLength(plain.empty) + SUMMARY_NOTE_BYTES, limits);
  const frame = selectedFrame(doc, worstOf, plain, sel, limits);
  yield frame.head;
  let first = true;
  for (const r of [...tonight, ...unverified]) {
    if (!sel.all && !sel.individual.has(candidateKey(r.candidate))) continue;
    yield first ? r.text : `,\n${r.text}`;
    first = false;
  }
  for (const text of aggregateTexts(doc, sel, plain.ruleIndex)) {
    yield first ? text : `,\n${text}`;
    first = false;
  }
  yield frame.tail;
}

/**
 * The SARIF log around its results, for writing the results separately: `empty` is the log with no
 * result; with results it is `head`, the results (`sarifResults`, batches joined by `,\n`), `tail`.
 * `ruleIndex` gives a rule's index in the driver's rules (sorted by id).
 * @param doc the document; its results are ignored
 * @param worst per rule id, the most severe severity among its results (for "by-level" rules)
 * @param summary when the log summarises results: the selection, said in a notification of the invocation and in run.properties.sarifLimits
 */
export function sarifFrame(
  doc: FindingsDocument,
  worst: (rule: RuleMeta) => Severity | undefined,
  summary?: { selection: SarifSelection; limits: SarifLimits },
): { empty: string; head: string; tail: string; ruleIndex: Map<string, number> } {
  const rules = [...doc.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (rules.length > GITHUB_SARIF_MAX_RULES) throw new Error(`findings.sarif: ${rules.length} rules, more than GitHub code scanning accepts in a run (${GITHUB_SARIF_MAX_RULES})`);
  const ruleIndex = new Map<string, number>(rules.map((r, i) => [r.id, i]));
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
            rules: rules.map((r) => descriptor(r, ruleSeverity(r, worst(r)))),
          },
        },
        invocations: [
          {
            executionSuccessful: doc.exit.code !== 2,
            endTimeUtc: doc.generatedAt,
            ...(summary ? { toolExecutionNotifications: [selectionNotification(summary.selection, summary.limits)] } : {}),
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
 * @param ruleIndex a rule's index in the driver's rules (sarifFrame)
 * @param withBaseline whether the run had a baseline (each result then carries its baselineState)
 */
export function sarifResults(reported: readonly Finding[], ruleIndex: ReadonlyMap<string, number>, withBaseline: boolean): string {
  return indentedElements(
    reported.map((f) => result(f, ruleIndex.get(f.ruleId), withBaseline)),
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
  /** A rule's index in the driver's rules (sorted by id), rendered into each result. */
  private readonly ruleIndex: Map<string, number>;
  /** Per rule, its most severe result (a "by-level" rule's descriptor states it). */
  private readonly worst = new Map<string, Severity>();
  /** A non-pass result carried a baselineState (the rows include it, so the document must have a baseline). */
  private sawBaselineState = false;
  /** Every result spooled, in the order rows were rendered. */
  private readonly candidates: Candidate[] = [];

  constructor(
    private readonly rules: readonly RuleMeta[],
    private readonly limits: SarifLimits,
  ) {
    const ids = rules.map((r) => r.id).sort(compareText);
    this.ruleIndex = new Map(ids.map((id, i) => [id, i]));
  }

  select(sorted: readonly Finding[]): readonly Finding[] {
    let worst: Severity | undefined;
    for (const f of sorted) {
      worst = worseSeverity(worst, f.severity);
      if (f.status !== "pass" && f.baselineState !== undefined) this.sawBaselineState = true;
    }
    if (sorted[0] && worst) this.worst.set(sorted[0].ruleId, worst);
    // The log's order compares texts by code point (compareFindings), not by locale.
    return sorted.filter(sarifReported).sort(compareFindings);
  }

  rows(batch: readonly Finding[]): Uint8Array {
    const chunks: Buffer[] = [];
    for (const f of batch) {
      // Every result carries its baselineState (check: only a document with a baseline has one).
      const text = Buffer.from(sarifResults([f], this.ruleIndex, true));
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
    if (!doc.baseline && this.sawBaselineState) throw new Error("findings.sarif: results carry a baselineState but the document has no baseline");
  }

  head(end: StreamEnd): string {
    return this.plain(end).empty;
  }

  tail(): string {
    return "";
  }

  async write(end: StreamEnd, parts: readonly Part[], out: BufferedWriter): Promise<void> {
    const worstOf = (r: RuleMeta) => this.worst.get(r.id);
    const plain = this.plain(end);
    const unverified = renderedUnverified(end.doc, this.ruleIndex);
    if (this.candidates.length === 0 && unverified.length === 0) {
      await out.text(plain.empty);
      return;
    }
    const sel = selectSarif([...this.candidates, ...unverified.map((r) => r.candidate)], Buffer.byteLength(plain.empty) + SUMMARY_NOTE_BYTES, this.limits);
    const frame = selectedFrame(end.doc, worstOf, plain, sel, this.limits);
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
    for (const text of aggregateTexts(end.doc, sel, this.ruleIndex)) {
      await out.text(first ? text : `,\n${text}`);
      first = false;
    }
    await out.text(frame.tail);
  }

  private plain({ doc }: StreamEnd): ReturnType<typeof sarifFrame> {
    return sarifFrame(doc, (r) => this.worst.get(r.id));
  }
}

export const sarifStream: StreamedFormat = {
  start: ({ rules, sarifLimits }) => new SarifRun(rules, sarifLimits ?? SARIF_LIMITS),
};
