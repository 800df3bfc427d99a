/**
 * runRules: evaluates rules against an indexed snapshot and turns their results into findings —
 * classification, severity, messages, fingerprints, and coverage (unread scopes → not assessed).
 */
import { createHash } from "node:crypto";
import type { ResolvedConfig } from "../config/types.js";
import type { CoverageEntry, Snapshot } from "../snapshot/types.js";
import { idKey, isUnder, parseArmId } from "./arm-id.js";
import { Classifier, severityForLevel } from "./classification.js";
import { Inventory, NotReadyError } from "./inventory.js";
import { readCollection, readPart } from "./rule.js";
import type { Finding, Localized, RuleContext, RuleDefinition, RuleHelpers, RuleMeta, RuleResult, Target } from "./types.js";

/** Stable across runs and machines: rule id, lower-cased resource id and part. */
export function fingerprint(ruleId: string, resourceId: string, part?: string): string {
  return createHash("sha256")
    .update(`${ruleId.toUpperCase()}|${idKey(resourceId)}|${part ?? ""}`)
    .digest("hex")
    .slice(0, 32);
}

/** Fills `{{name}}` placeholders; values are inserted as plain text. */
export function interpolate(template: string, data: Record<string, unknown>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => {
    const v = data[k];
    if (v === undefined || v === null) return "";
    return Array.isArray(v) ? v.join(", ") : String(v);
  });
}

const NOT_ASSESSED: Localized = {
  en: "{{target}} was not assessed: {{collection}} could not be read ({{code}}{{status}}).",
  sv: "{{target}} bedömdes inte: {{collection}} kunde inte läsas ({{code}}{{status}}).",
};

/** A rule crashed while evaluating: a bug in the rule, reported with the rule id. */
export class RuleEvaluationError extends Error {
  constructor(
    readonly ruleId: string,
    readonly cause: unknown,
  ) {
    super(`Rule ${ruleId} failed while evaluating the snapshot: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "RuleEvaluationError";
  }
}

export interface RunOptions {
  config: ResolvedConfig;
  now: Date;
  /** The address of a rule's page (helpUri); default: none. */
  helpUri?: (rule: RuleDefinition) => string;
}

export interface RunOutput {
  findings: Finding[];
  rules: RuleMeta[];
  inventory: Inventory;
}

const helpers: RuleHelpers = {
  pass: (target, messageId, data = {}, opts = {}) => ({ target, status: "pass", messageId, data, ...opts }),
  fail: (target, messageId, data = {}, opts = {}) => ({ target, status: "fail", messageId, data, ...opts }),
  notAssessed: (target, reason, opts = {}) => ({ target, status: "not-assessed", messageId: "__notAssessed", data: {}, notAssessed: reason, ...opts }),
};

function shortName(id: string): string {
  const seg = id.split("/").filter(Boolean);
  return seg[seg.length - 1] ?? id;
}

/** The rules that run: not disabled by the configuration, not deprecated. */
export function enabledRules(rules: readonly RuleDefinition[], config: ResolvedConfig): RuleDefinition[] {
  const disabled = new Set(config.disabledRules.map((r) => r.toUpperCase()));
  return rules.filter((rule) => !disabled.has(rule.id.toUpperCase()) && !rule.deprecated);
}

/** A rule's texts as stored once in findings.json. */
export function ruleMeta(rule: RuleDefinition, opts: Pick<RunOptions, "helpUri">): RuleMeta {
  return {
    id: rule.id,
    name: rule.name,
    title: rule.title,
    severity: rule.severity,
    rationale: rule.rationale,
    guidance: rule.guidance,
    remediation: rule.remediation,
    references: rule.references,
    helpUri: opts.helpUri?.(rule) ?? "",
  };
}

/**
 * Evaluates single rules against one inventory (complete or partial), sharing the classification
 * cache and the resources' lower-cased keys between them.
 */
export class RuleRunner {
  readonly classifier: Classifier;
  private readonly ctx: RuleContext;
  // Several rules report on one resource: its lower-cased key is made once and shared.
  private readonly keys = new Map<string, string>();
  private readonly keyOf = (id: string): string => {
    let k = this.keys.get(id);
    if (k === undefined) this.keys.set(id, (k = idKey(id)));
    return k;
  };

  constructor(
    readonly inventory: Inventory,
    opts: RunOptions,
  ) {
    this.classifier = new Classifier(inventory, opts.config.classification);
    this.ctx = { inventory, config: opts.config, now: opts.now, classify: (id) => this.classifier.classify(id) };
  }

  /**
   * One rule's findings, not-assessed results for unread scopes included.
   * @throws NotReadyError when a partial inventory cannot answer the rule yet (nothing is kept)
   * @throws RuleEvaluationError when the rule itself fails
   */
  run(rule: RuleDefinition): Finding[] {
    let raw: RuleResult[];
    try {
      raw = rule.evaluate(this.ctx, helpers);
    } catch (err) {
      if (err instanceof NotReadyError) throw err;
      throw new RuleEvaluationError(rule.id, err);
    }
    if (!Array.isArray(raw)) throw new RuleEvaluationError(rule.id, new Error("evaluate did not return an array"));
    const out = raw.map((r) => toFinding(rule, r, this.inventory, this.classifier, this.keyOf));
    applyCoverage(rule, out, this.inventory, this.classifier, this.keyOf);
    return out;
  }
}

/** Evaluates every enabled rule. Pure: the same snapshot, config and `now` give the same findings. */
export function runRules(snapshot: Snapshot | Inventory, rules: RuleDefinition[], opts: RunOptions): RunOutput {
  const inventory = snapshot instanceof Inventory ? snapshot : new Inventory(snapshot);
  const runner = new RuleRunner(inventory, opts);
  const findings: Finding[] = [];
  const metas: RuleMeta[] = [];
  for (const rule of enabledRules(rules, opts.config)) {
    metas.push(ruleMeta(rule, opts));
    const out = runner.run(rule);
    for (const f of out) findings.push(f);
  }
  return { findings, rules: metas, inventory };
}

function toFinding(rule: RuleDefinition, r: RuleResult, inventory: Inventory, classifier: Classifier, keyOf: (id: string) => string): Finding {
  const target: Target = r.target;
  const parsed = parseArmId(target.id);
  const classification = classifier.classify(target.id);
  const severity = r.severity ?? (rule.severity === "by-level" ? severityForLevel(classification?.level) : rule.severity);
  const described = target.name === undefined || target.location === undefined ? inventory.describe(target.id) : undefined;
  const name = target.name ?? (typeof described?.name === "string" ? described.name : shortName(target.id));
  let message: Localized;
  if (r.status === "not-assessed" && r.notAssessed && !rule.messages[r.messageId]) {
    message = notAssessedMessage(name, r.notAssessed);
  } else {
    const tpl = rule.messages[r.messageId];
    if (!tpl) throw new RuleEvaluationError(rule.id, new Error(`unknown messageId "${r.messageId}"`));
    const data = { name, ...r.data };
    message = { en: interpolate(tpl.en, data), sv: interpolate(tpl.sv, data) };
  }
  const location = target.location ?? (described?.location as string | undefined);
  const f: Finding = {
    ruleId: rule.id,
    status: r.status,
    severity,
    resourceId: target.id,
    resourceKey: keyOf(target.id),
    ...(r.part ? { part: r.part } : {}),
    ...(target.type || parsed.type ? { resourceType: target.type ?? parsed.type } : {}),
    resourceName: name,
    ...(parsed.subscriptionId ? { subscriptionId: parsed.subscriptionId } : {}),
    ...(parsed.resourceGroup ? { resourceGroup: parsed.resourceGroup } : {}),
    ...(typeof location === "string" ? { location } : {}),
    ...(classification ? { classification } : {}),
    messageId: r.messageId,
    message,
    ...(r.evidence && r.evidence.length > 0 ? { evidence: r.evidence } : {}),
    fingerprint: fingerprint(rule.id, target.id, r.part),
    ...(r.notAssessed ? { notAssessed: r.notAssessed } : {}),
  };
  return f;
}

function notAssessedMessage(name: string, na: NonNullable<Finding["notAssessed"]>): Localized {
  const data = { target: name, collection: na.collection, code: na.code, status: na.httpStatus ? `, HTTP ${na.httpStatus}` : "" };
  return { en: interpolate(NOT_ASSESSED.en, data), sv: interpolate(NOT_ASSESSED.sv, data) };
}

/** The not-assessed reason a coverage entry gives a result. */
export function reasonOf(c: CoverageEntry): NonNullable<Finding["notAssessed"]> {
  return {
    scope: c.scope,
    collection: c.collection,
    ...(c.httpStatus !== undefined ? { httpStatus: c.httpStatus } : {}),
    code: c.code,
    message: c.message,
    ...(c.permission ? { permission: c.permission } : {}),
  };
}

/**
 * Unread scopes never pass: results at or under a failed scope of a collection the rule reads become
 * not assessed, and a failed scope with no result of the rule gets one not-assessed result of its own.
 */
function applyCoverage(rule: RuleDefinition, out: Finding[], inventory: Inventory, classifier: Classifier, keyOf: (id: string) => string): void {
  for (const read of rule.reads) {
    const collection = readCollection(read);
    const part = readPart(read);
    for (const failure of inventory.failures(collection)) {
      const reason = reasonOf(failure);
      let covered = false;
      for (const f of out) {
        if (part !== undefined && f.part !== part) continue;
        if (!isUnder(f.resourceId, failure.scope)) continue;
        covered = true;
        if (f.status === "not-assessed") continue;
        f.status = "not-assessed";
        f.messageId = "__notAssessed";
        f.message = notAssessedMessage(f.resourceName ?? shortName(f.resourceId), reason);
        f.notAssessed = reason;
        delete f.evidence;
      }
      if (covered) continue;
      const scopeId = failure.scope;
      const parsed = parseArmId(scopeId);
      const classification = classifier.classify(scopeId);
      const severity = rule.severity === "by-level" ? severityForLevel(classification?.level) : rule.severity;
      out.push({
        ruleId: rule.id,
        status: "not-assessed",
        severity,
        resourceId: scopeId,
        resourceKey: keyOf(scopeId),
        ...(part ? { part } : {}),
        ...(parsed.type ? { resourceType: parsed.type } : {}),
        resourceName: shortName(scopeId),
        ...(parsed.subscriptionId ? { subscriptionId: parsed.subscriptionId } : {}),
        ...(parsed.resourceGroup ? { resourceGroup: parsed.resourceGroup } : {}),
        ...(classification ? { classification } : {}),
        messageId: "__notAssessed",
        message: notAssessedMessage(shortName(scopeId), reason),
        fingerprint: fingerprint(rule.id, scopeId, part),
        notAssessed: reason,
      });
    }
  }
}
