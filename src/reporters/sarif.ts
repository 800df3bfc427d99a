/**
 * SARIF 2.1.0 reporter (findings.sarif) for GitHub code scanning: one run, one rule per catalog
 * rule, one result per failing, not-assessed, attestation-required or excepted finding. No personal
 * names or UPNs, and never who attested a fact.
 */
import { REPOSITORY_URL } from "../paths.js";
import type { Finding, RuleMeta, Severity } from "../engine/types.js";
import { compareBaselineEntries, compareFindings, compareText, evidenceLine, notAssessedReason, redactPersonal, resourceUri, severityRank } from "./common.js";
import { indentedElements, joinPieces, TEXT_ROWS_BATCH } from "./stream.js";
import type { FindingsDocument, UnverifiedEntry } from "../findings/types.js";
import type { ReportOptions, StreamedFormat, StreamedRun, StreamEnd } from "./types.js";

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
      tags: ["security", "data-residency", rule.id.split("-")[0]?.toLowerCase() ?? "hemvist"],
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

function message(f: Finding): string {
  const text = f.status === "not-assessed" ? notAssessedReason(f, "en") : f.message.en;
  const evidence = f.status === "not-assessed" ? [] : (f.evidence ?? []).map((e) => evidenceLine(e, "en"));
  const head = `${endWithPeriod(text)}${f.status === "attestation-required" ? attestationText(f) : ""}`;
  const full = evidence.length > 0 ? `${head} Evidence: ${evidence.join("; ")}.` : head;
  return redactPersonal(full);
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
  return redactPersonal(`Unverified tonight (${e.reason.code}): ${reason}. Last night: ${endWithPeriod(e.message.en)}`);
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

/**
 * The results the SARIF log has after tonight's, from the document: each baseline result tonight
 * could not verify (`baseline.unverified`, severity order), re-emitted with last night's rule id,
 * fingerprint and level and a message starting "Unverified tonight". Resolved ones are not
 * emitted (their alerts close). Empty when there are none.
 * @param doc the findings document (its results are not read)
 * @param ruleIndex a rule's index in the driver's rules (sarifFrame); a rule that did not run tonight has none
 */
export function sarifDocumentResults(doc: FindingsDocument, ruleIndex: ReadonlyMap<string, number>): string {
  const unverified = [...(doc.baseline?.unverified ?? [])].sort(compareBaselineEntries);
  if (unverified.length === 0) return "";
  return indentedElements(
    unverified.map((e) => unverifiedResult(e, ruleIndex.get(e.ruleId))),
    2,
    4,
  );
}

/** Whether a result of tonight's goes into the log (attestation-required ones too, as `review`): not passes, and not the unverified ones (sarifDocumentResults re-emits them as last night's). */
export function sarifReported(f: Finding): boolean {
  return f.status !== "pass" && f.baselineState !== "unverified";
}

/**
 * Renders the document as a SARIF 2.1.0 log for GitHub code scanning.
 *
 * Texts are English whatever `opts.lang` says (GitHub's interface is English). Passing results
 * are left out; a not-assessed result that failed last night is reported as last night's
 * unverified result (sarifDocumentResults). The result's artifact location is the resource id without its leading slash,
 * percent-encoded per segment; the fingerprint is `partialFingerprints["hemvist/v1"]`.
 * `resourceName` is never read, so no display name or UPN reaches the log.
 *
 * @param doc the findings document
 * @param _opts report options (unused: SARIF is always English)
 * @returns the SARIF log as pretty-printed JSON
 */
export function renderSarif(doc: FindingsDocument, _opts: ReportOptions): string {
  return joinPieces(sarifChunks(doc, _opts));
}

/** Where the results go in the pretty-printed log: runs[0].results, written as `[]` in the head. */
const RESULTS_SLOT = '\n      "results": []';
/** Results stringified per chunk. */
const SARIF_BATCH = 200;

/**
 * Yields the SARIF log of `renderSarif` in chunks: the log's head and tail are stringified once
 * with an empty results list, and each result is built and stringified only when its chunk is
 * due, so the full object tree never exists. The chunks joined are exactly `renderSarif(doc, opts)`.
 *
 * @param doc the findings document
 * @param _opts report options (unused: SARIF is always English)
 */
export function* sarifChunks(doc: FindingsDocument, _opts: ReportOptions): Generator<string> {
  const worst = new Map<string, Severity>();
  for (const f of doc.results) worst.set(f.ruleId, worseSeverity(worst.get(f.ruleId), f.severity));
  const frame = sarifFrame(doc, (r) => worst.get(r.id));
  const reported = doc.results.filter(sarifReported).sort(compareFindings);
  const unverified = sarifDocumentResults(doc, frame.ruleIndex);
  if (reported.length === 0 && !unverified) {
    yield frame.empty;
    return;
  }
  const withBaseline = doc.baseline !== undefined;
  yield frame.head;
  for (let i = 0; i < reported.length; i += SARIF_BATCH) {
    yield `${i > 0 ? ",\n" : ""}${sarifResults(reported.slice(i, i + SARIF_BATCH), frame.ruleIndex, withBaseline)}`;
  }
  if (unverified) yield `${reported.length > 0 ? ",\n" : ""}${unverified}`;
  yield frame.tail;
}

/**
 * The SARIF log around its results, for writing the results separately: `empty` is the log with no
 * result; with results it is `head`, the results (`sarifResults`, batches joined by `,\n`), `tail`.
 * `ruleIndex` gives a rule's index in the driver's rules (sorted by id).
 * @param doc the document; its results are ignored
 * @param worst per rule id, the most severe severity among its results (for "by-level" rules)
 */
export function sarifFrame(
  doc: FindingsDocument,
  worst: (rule: RuleMeta) => Severity | undefined,
): { empty: string; head: string; tail: string; ruleIndex: Map<string, number> } {
  const rules = [...doc.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
        invocations: [{ executionSuccessful: doc.exit.code !== 2, endTimeUtc: doc.generatedAt }],
        results: [] as unknown[],
        properties: {
          tenantId: doc.tenantId,
          collectedAt: doc.collectedAt,
          generatedAt: doc.generatedAt,
          snapshotSha256: doc.snapshotSha256,
          profile: doc.profile.name,
          exitCode: doc.exit.code,
          ...(doc.disabledRules && doc.disabledRules.length > 0 ? { disabledRules: doc.disabledRules.map((r) => r.id) } : {}),
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

/**
 * findings.sarif streamed: tonight's reported results (sarifReported) in log order
 * (compareFindings), then the baseline's unverified ones (sarifDocumentResults), between the
 * log's head and tail (sarifFrame); the log with neither is the frame's `empty`.
 */
class SarifRun implements StreamedRun {
  readonly order = "code-point";
  readonly separator = ",\n";
  readonly batch = TEXT_ROWS_BATCH;
  /** A rule's index in the driver's rules (sorted by id), rendered into each result. */
  private readonly ruleIndex: Map<string, number>;
  /** Per rule, its most severe result (a "by-level" rule's descriptor states it). */
  private readonly worst = new Map<string, Severity>();
  /** A non-pass result carried a baselineState (the rows include it, so the document must have a baseline). */
  private sawBaselineState = false;
  private frame: { frame: ReturnType<typeof sarifFrame>; unverified: string } | undefined;

  constructor(private readonly rules: readonly RuleMeta[]) {
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

  rows(batch: readonly Finding[]): string {
    // Every result carries its baselineState (check: only a document with a baseline has one).
    return sarifResults(batch, this.ruleIndex, true);
  }

  check({ doc }: StreamEnd): void {
    const want = new Set(this.rules.map((r) => r.id));
    if (doc.rules.length !== want.size || doc.rules.some((r) => !want.has(r.id))) throw new Error("findings.sarif: the document's rules differ from the spool's (rule indexes would be wrong)");
    if (!doc.baseline && this.sawBaselineState) throw new Error("findings.sarif: results carry a baselineState but the document has no baseline");
  }

  head(end: StreamEnd): string {
    const { frame, unverified } = this.frameOf(end);
    return end.rows === 0 && !unverified ? frame.empty : frame.head;
  }

  tail(end: StreamEnd): string {
    const { frame, unverified } = this.frameOf(end);
    if (end.rows === 0 && !unverified) return "";
    // The baseline results tonight could not verify follow tonight's.
    return `${unverified ? `${end.rows > 0 ? this.separator : ""}${unverified}` : ""}${frame.tail}`;
  }

  private frameOf({ doc }: StreamEnd): { frame: ReturnType<typeof sarifFrame>; unverified: string } {
    return (this.frame ??= { frame: sarifFrame(doc, (r) => this.worst.get(r.id)), unverified: sarifDocumentResults(doc, this.ruleIndex) });
  }
}

export const sarifStream: StreamedFormat = {
  start: ({ rules }) => new SarifRun(rules),
};
