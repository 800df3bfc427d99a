/**
 * runRules: evaluates rules against an indexed snapshot and turns their results into findings —
 * classification, severity, messages, fingerprints, and coverage (unread scopes → not assessed).
 */
import { createHash } from "node:crypto";
import type { ResolvedConfig } from "../config/types.js";
import { type AzureCollection, type Collection, compareCoverage, type CoverageEntry, type Snapshot } from "../snapshot/types.js";
import { idKey, isUnder, parseArmId } from "./arm-id.js";
import { Classifier, severityForLevel } from "./classification.js";
import { OwnerFinder } from "./owner.js";
import { Inventory, NotReadyError } from "./inventory.js";
import { collectionType, parentCollection, TRACKED_TYPES } from "../snapshot/collections.js";
import { readCollection, readPart, ruleOptions } from "./rule.js";
import { guidanceLine } from "./guidance.js";
import { type Dependency, type Finding, type Localized, type RuleContext, SEVERITIES, type Severity, type RuleDefinition, type RuleHelpers, type RuleMeta, type RuleResult, type Target, type TargetSpec } from "./types.js";

/** Stable across runs and machines: rule id, lower-cased resource id and part. */
export function fingerprint(ruleId: string, resourceId: string, part?: string): string {
  return createHash("sha256")
    .update(`${ruleId.toUpperCase()}|${idKey(resourceId)}|${part ?? ""}`)
    .digest("hex")
    .slice(0, 32);
}

/** A result's fingerprint: a part the rule keeps part-less ({@link RuleDefinition.partlessFingerprintParts}) hashes as no part. */
function resultFingerprint(rule: RuleDefinition, resourceId: string, part: string | undefined): string {
  return fingerprint(rule.id, resourceId, part !== undefined && rule.partlessFingerprintParts?.includes(part) ? undefined : part);
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
  attestationRequired: (target, messageId, need, data = {}, opts = {}) => ({ target, status: "attestation-required", messageId, data, attestation: need, ...opts }),
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
export function ruleMeta(rule: RuleDefinition, opts: Pick<RunOptions, "helpUri" | "config">): RuleMeta {
  return {
    id: rule.id,
    name: rule.name,
    title: rule.title,
    severity: rule.severity,
    severities: ruleSeverities(rule),
    rationale: rule.rationale,
    guidance: rule.guidance.map(guidanceLine),
    remediation: rule.remediation,
    references: rule.references,
    helpUri: opts.helpUri?.(rule) ?? "",
    ...(rule.options ? { options: ruleOptions(rule, opts.config) } : {}),
  };
}

/**
 * The severities a rule's results can have, most severe first: its own severity (a by-level rule's
 * are what severityForLevel gives: high, medium, low) and the severities its target kinds declare.
 */
export function ruleSeverities(rule: Pick<RuleDefinition, "severity" | "targets">): Severity[] {
  const own: readonly Severity[] = rule.severity === "by-level" ? (["high", "medium", "low"] as const) : [rule.severity];
  const all = new Set<Severity>([...own, ...(rule.targets ?? []).flatMap((t) => (t.severity ? [t.severity] : []))]);
  return SEVERITIES.filter((s) => all.has(s));
}

/** Where a coverage failure went: the rules whose results it made not assessed. */
export type BlindsIndex = Map<CoverageEntry, Set<string>>;

/**
 * Evaluates single rules against one inventory (complete or partial), sharing the classification
 * cache and the resources' lower-cased keys between them.
 */
export class RuleRunner {
  readonly classifier: Classifier;
  /** Subscription names and owners for results (not part of any verdict). */
  readonly owners: OwnerFinder;
  private readonly ctx: Omit<RuleContext, "each" | "options">;
  /** Per coverage entry, the rules whose results it blinded (filled as rules run). */
  readonly blinds: BlindsIndex = new Map();
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
    this.owners = new OwnerFinder(inventory, opts.config.ownerTags ?? [], this.classifier);
    this.ctx = { inventory, config: opts.config, now: opts.now, classify: (id) => this.classifier.classify(id) };
  }

  /**
   * One rule's findings, not-assessed results for unread scopes included.
   * @throws NotReadyError when a partial inventory cannot answer the rule yet (nothing is kept)
   * @throws RuleEvaluationError when the rule itself fails
   */
  run(rule: RuleDefinition): Finding[] {
    const inventory = this.inventory;
    const depsOf = new WeakMap<RuleResult, Dependency[]>();
    const ctx: RuleContext = {
      ...this.ctx,
      options: Object.freeze(ruleOptions(rule, this.ctx.config)),
      each<T>(items: Iterable<T>, judge: (item: T) => RuleResult | readonly RuleResult[] | undefined): RuleResult[] {
        const out: RuleResult[] = [];
        for (const item of items) {
          const { value, deps } = inventory.track(() => judge(item));
          if (value === undefined || value === null) continue;
          // The verdict depends on the item itself as read: at the result's own resource that is the
          // shared scope-less dependency of its collection (as findings.json stores it).
          const id = item && typeof item === "object" ? (item as { id?: unknown }).id : undefined;
          const collection = typeof id === "string" ? inventory.collectionOf(item as object) : undefined;
          let own: Dependency[] | undefined;
          const list = Array.isArray(value) ? (value as RuleResult[]) : [value as RuleResult];
          for (const r of list) {
            if (collection && typeof id === "string") {
              if (r.target.id === id) depsOf.set(r, (own ??= [ownDependency(collection), ...deps]));
              else depsOf.set(r, [{ collection, scope: id }, ...deps]);
            } else depsOf.set(r, deps);
            out.push(r);
          }
        }
        return out;
      },
    };
    let raw: RuleResult[];
    try {
      raw = rule.evaluate(ctx, helpers);
    } catch (err) {
      if (err instanceof NotReadyError) throw err;
      throw new RuleEvaluationError(rule.id, err);
    }
    if (!Array.isArray(raw)) throw new RuleEvaluationError(rule.id, new Error("evaluate did not return an array"));
    const out: Finding[] = [];
    // Coverage entries that blinded a result of this rule; kept only once the rule ran to the end.
    const noted: CoverageEntry[] = [];
    for (const r of raw) {
      const f = toFinding(rule, r, inventory, this.classifier, this.keyOf);
      // A result judged outside `each` (an older user rule) depends on the collections of its `reads` (for its part), at its target.
      const deps = depsOf.get(r) ?? readsAt(rule, f);
      this.blindByDependencies(f, deps, noted);
      out.push(f);
    }
    if (rule.targets) this.nameUnjudged(rule, rule.targets, out, ctx, noted);
    else this.scopeResults(rule, out, noted);
    for (const f of out) this.owners.describe(f);
    for (const entry of noted) {
      let set = this.blinds.get(entry);
      if (!set) this.blinds.set(entry, (set = new Set()));
      set.add(rule.id);
    }
    return out;
  }

  /**
   * Makes the finding not assessed when a failed read overlaps what its verdict read, and records
   * what it read (findings.json leaves out a scope at the finding's own resource: `stored`).
   */
  private blindByDependencies(f: Finding, deps: Dependency[], noted: CoverageEntry[]): void {
    if (deps.length === 0) return;
    f.dependsOn = deps;
    if (!this.inventory.hasFailures) return;
    for (const d of deps) {
      const failure = this.inventory.failureOverlapping(d.collection, d.scope ?? f.resourceId);
      if (!failure) continue;
      noted.push(failure);
      blindedBy.set(f, failure);
      // A failed read is the better reason, also for a result the rule itself could not judge.
      blind(f, reasonOf(failure));
      return;
    }
  }

  /**
   * Targets the rule could not see: for each failed read of a collection its targets come from (or
   * hang under), every resource of the target type that the generic inventory shows under the failed
   * scope gets a not-assessed result per part, unless the rule judged it. Where the generic
   * inventory cannot name them (it failed there too, or such targets never appear in it), the failed
   * scope itself gets one.
   */
  private nameUnjudged(rule: RuleDefinition, specs: readonly TargetSpec[], out: Finding[], ctx: RuleContext, noted: CoverageEntry[]): void {
    const inventory = this.inventory;
    const have = new Set(out.map((f) => `${f.resourceKey}|${f.part ?? ""}`));
    const scopeKeys = new Set<string>();
    for (const spec of specs) {
      const type = (spec.type ?? collectionType(spec.collection as AzureCollection))?.toLowerCase();
      const parts: (string | undefined)[] = spec.parts && spec.parts.length > 0 ? spec.parts : [undefined];
      // Failures of the collections the targets come from, and of the lists those hang under.
      const failures: CoverageEntry[] = [];
      for (const c of relevantCollections([spec.collection, ...(spec.via ?? [])])) failures.push(...inventory.untracked(() => inventory.failures(c)));
      if (failures.length === 0) continue;
      failures.sort(compareCoverage);
      for (const failure of failures) {
        const reason = reasonOf(failure);
        const nameable = type !== undefined && TRACKED_TYPES.has(type) && inventory.untracked(() => inventory.genericListRead(failure.scope));
        if (type === "microsoft.resources/tenants") {
          // A tenant-level target: the tenant itself, with the fingerprint of a night it was read.
          const tenant = `/tenants/${inventory.tenantId}`;
          for (const part of parts) {
            const k = `${this.keyOf(tenant)}|${part ?? ""}`;
            if (have.has(k)) continue;
            have.add(k);
            const f = this.scopeResult(rule, failure, part, spec.severity);
            Object.assign(f, { resourceId: tenant, resourceKey: this.keyOf(tenant), resourceType: "Microsoft.Resources/tenants", resourceName: inventory.tenantName ?? inventory.tenantId, fingerprint: resultFingerprint(rule, tenant, part) });
            f.message = notAssessedMessage(f.resourceName ?? tenant, reason);
            out.push(f);
            noted.push(failure);
          }
          continue;
        }
        if (nameable) {
          for (const r of inventory.untracked(() => inventory.genericOfType(type).filter((g) => isUnder(g.id, failure.scope)))) {
            if (spec.applies && !inventory.untracked(() => (spec.applies as NonNullable<TargetSpec["applies"]>)(r, ctx))) continue;
            for (const part of parts) {
              const k = `${this.keyOf(r.id)}|${part ?? ""}`;
              if (have.has(k)) continue;
              have.add(k);
              const f = toFinding(rule, helpers.notAssessed(r, reason, { ...(part ? { part } : {}), ...(spec.severity ? { severity: spec.severity } : {}) }), inventory, this.classifier, this.keyOf);
              f.dependsOn = [{ collection: failure.collection }];
              out.push(f);
              noted.push(failure);
            }
          }
          continue;
        }
        for (const part of parts) {
          const k = `${this.keyOf(failure.scope)}|${part ?? ""}`;
          if (have.has(k)) {
            // The scope's result stands for every failure there that hid this kind.
            if (scopeKeys.has(k)) noted.push(failure);
            continue;
          }
          // Results of the rule blinded by this failure say it was not read there; so do results of this kind under
          // its scope when the kind is the failed list's own items (a list cut off part-way). Targets derived from
          // the list (KEY-02's keys, found through the stores' references) could be any: the scope gets a result.
          const ownItems = spec.type === undefined;
          const shown = out.some(
            (f) =>
              (part === undefined || f.part === part) &&
              (blindedBy.get(f) === failure || (ownItems && isUnder(f.resourceId, failure.scope) && (type === undefined || f.resourceType?.toLowerCase() === type))),
          );
          if (shown) continue;
          have.add(k);
          scopeKeys.add(k);
          out.push(this.scopeResult(rule, failure, part, spec.severity));
          noted.push(failure);
        }
      }
    }
  }

  /**
   * A rule without target kinds: results at or under a failed scope of a collection it reads are not
   * assessed (done by its dependencies), and a failed scope with no result of the rule gets one.
   */
  private scopeResults(rule: RuleDefinition, out: Finding[], noted: CoverageEntry[]): void {
    for (const read of rule.reads) {
      const collection = readCollection(read);
      const part = readPart(read);
      for (const failure of this.inventory.untracked(() => this.inventory.failures(collection))) {
        const covered = out.some((f) => (part === undefined || f.part === part) && (isUnder(f.resourceId, failure.scope) || blindedBy.get(f) === failure));
        if (covered) continue;
        out.push(this.scopeResult(rule, failure, part));
        noted.push(failure);
      }
    }
  }

  private scopeResult(rule: RuleDefinition, failure: CoverageEntry, part: string | undefined, fixed?: Severity): Finding {
    const scopeId = failure.scope;
    const parsed = parseArmId(scopeId);
    const classification = this.classifier.classify(scopeId);
    const severity = fixed ?? (rule.severity === "by-level" ? severityForLevel(classification?.level) : rule.severity);
    const reason = reasonOf(failure);
    return {
      ruleId: rule.id,
      status: "not-assessed",
      severity,
      resourceId: scopeId,
      resourceKey: this.keyOf(scopeId),
      ...(part ? { part } : {}),
      ...(parsed.type ? { resourceType: parsed.type } : {}),
      resourceName: shortName(scopeId),
      ...(parsed.subscriptionId ? { subscriptionId: parsed.subscriptionId } : {}),
      ...(parsed.resourceGroup ? { resourceGroup: parsed.resourceGroup } : {}),
      ...(classification ? { classification } : {}),
      messageId: "__notAssessed",
      message: notAssessedMessage(shortName(scopeId), reason),
      fingerprint: resultFingerprint(rule, scopeId, part),
      notAssessed: reason,
      dependsOn: [{ collection: failure.collection }],
    };
  }
}

/** One frozen `{ collection }` per collection: a dependency at the result's own resource, shared by every result. */
const OWN = new Map<Collection, Dependency>();
function ownDependency(collection: Collection): Dependency {
  let d = OWN.get(collection);
  if (!d) OWN.set(collection, (d = Object.freeze({ collection })));
  return d;
}

/** The failure that made a finding not assessed (set once per finding, while its rule runs). */
const blindedBy = new WeakMap<Finding, CoverageEntry>();


/** The collections given and every list they hang under. */
function relevantCollections(collections: readonly Collection[]): Collection[] {
  const out = new Set<Collection>();
  for (let c of collections) {
    for (let i = 0; i < 8; i++) {
      out.add(c);
      const parent = parentCollection(c as AzureCollection);
      if (!parent) break;
      c = parent;
    }
  }
  return [...out];
}

/** What a result judged outside `each` depends on: the rule's `reads` that feed its part, at its target. */
function readsAt(rule: RuleDefinition, f: Finding): Required<Dependency>[] {
  const deps: Required<Dependency>[] = [];
  for (const read of rule.reads) {
    const part = readPart(read);
    if (part === undefined || part === f.part) deps.push({ collection: readCollection(read), scope: f.resourceId });
  }
  return deps;
}

/** Turns a finding into a not-assessed one for this reason (its verdict's evidence is dropped). */
function blind(f: Finding, reason: NonNullable<Finding["notAssessed"]>): void {
  f.status = "not-assessed";
  f.messageId = "__notAssessed";
  f.message = notAssessedMessage(f.resourceName ?? shortName(f.resourceId), reason);
  f.notAssessed = reason;
  delete f.evidence;
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
    fingerprint: resultFingerprint(rule, target.id, r.part),
    ...(r.notAssessed ? { notAssessed: r.notAssessed } : {}),
    ...(r.attestation ? { attestation: r.attestation } : {}),
  };
  return f;
}

/**
 * The longest error code a result's message repeats. ARM and Graph codes are short names (under 40
 * characters); a longer one (a server's hostile or broken answer, up to 256 after the edge's
 * bound) is named by its start only: it is kept whole once per result in `notAssessed.code` and
 * in the coverage entry, not copied into every message in both languages.
 */
const MESSAGE_CODE_MAX = 64;

function notAssessedMessage(name: string, na: NonNullable<Finding["notAssessed"]>): Localized {
  const code = na.code.length <= MESSAGE_CODE_MAX ? na.code : `${na.code.slice(0, MESSAGE_CODE_MAX - 1)}…`;
  const data = { target: name, collection: na.collection, code, status: na.httpStatus ? `, HTTP ${na.httpStatus}` : "" };
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
