/**
 * defineRule and the checks every rule module passes at load (built-in and `--rules DIR` alike).
 */
import { valueProblems } from "../base/files.js";
import type { ResolvedConfig } from "../config/types.js";
import { guidanceProblems } from "./guidance.js";
import type { RuleDefinition, RuleRead } from "./types.js";
import { SEVERITIES } from "./types.js";
import { AZURE_COLLECTIONS, TENANT_COLLECTIONS, type Collection } from "../snapshot/types.js";

const COLLECTIONS = new Set<string>([...AZURE_COLLECTIONS, ...TENANT_COLLECTIONS]);

/** Declares a rule. Returns it unchanged (typed); validation happens in {@link validateRule}. */
export function defineRule(rule: RuleDefinition): RuleDefinition {
  return rule;
}

export function readCollection(r: RuleRead): Collection {
  return typeof r === "string" ? r : r.collection;
}
export function readPart(r: RuleRead): string | undefined {
  return typeof r === "string" ? undefined : r.part;
}

/**
 * Checks a rule's shape. Returns a list of problems (empty when valid), each naming the field and
 * what was expected.
 */
export function validateRule(rule: unknown): string[] {
  const p: string[] = [];
  if (!rule || typeof rule !== "object") return ["the module's default export is not a rule object (expected defineRule({...}))"];
  const r = rule as Partial<RuleDefinition> & Record<string, unknown>;
  const loc = (v: unknown) => !!v && typeof v === "object" && typeof (v as { en?: unknown }).en === "string" && typeof (v as { sv?: unknown }).sv === "string";
  if (typeof r.id !== "string" || !/^[A-Z][A-Z0-9]*-\d{2,}$/.test(r.id)) p.push(`id: expected a catalog id like "ENC-01", found ${JSON.stringify(r.id)}`);
  if (typeof r.name !== "string" || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(r.name)) p.push(`name: expected a kebab-case name, found ${JSON.stringify(r.name)}`);
  if (!loc(r.title)) p.push("title: expected { en, sv } strings");
  else if ((r.title as { en: string }).en.length >= 150) p.push("title.en: expected under 150 characters");
  if (!loc(r.rationale)) p.push("rationale: expected { en, sv } strings");
  if (r.severity !== "by-level" && !SEVERITIES.includes(r.severity as never)) p.push(`severity: expected one of ${SEVERITIES.join(", ")} or "by-level", found ${JSON.stringify(r.severity)}`);
  if (!Array.isArray(r.reads) || r.reads.length === 0) p.push("reads: expected a non-empty list of snapshot collections");
  else for (const x of r.reads) if (!COLLECTIONS.has(readCollection(x as RuleRead))) p.push(`reads: unknown collection ${JSON.stringify(readCollection(x as RuleRead))}`);
  if (r.targets !== undefined) {
    if (!Array.isArray(r.targets)) p.push("targets: expected a list of { collection, type?, parts?, via?, applies? }");
    else
      for (const [i, t] of (r.targets as unknown[]).entries()) {
        const spec = t as Record<string, unknown> | null;
        if (!spec || typeof spec !== "object") {
          p.push(`targets[${i}]: expected { collection, type?, parts?, via?, applies? }`);
          continue;
        }
        if (!COLLECTIONS.has(spec.collection as string)) p.push(`targets[${i}].collection: unknown collection ${JSON.stringify(spec.collection)}`);
        for (const v of Array.isArray(spec.via) ? spec.via : []) if (!COLLECTIONS.has(v as string)) p.push(`targets[${i}].via: unknown collection ${JSON.stringify(v)}`);
        if (spec.via !== undefined && !Array.isArray(spec.via)) p.push(`targets[${i}].via: expected a list of collections`);
        if (spec.type !== undefined && typeof spec.type !== "string") p.push(`targets[${i}].type: expected an ARM type string`);
        if (spec.parts !== undefined && (!Array.isArray(spec.parts) || spec.parts.some((x) => typeof x !== "string"))) p.push(`targets[${i}].parts: expected a list of part names`);
        if (spec.applies !== undefined && typeof spec.applies !== "function") p.push(`targets[${i}].applies: expected a function (resource, ctx) => boolean`);
      }
  }
  if (r.partlessFingerprintParts !== undefined) {
    const parts = Array.isArray(r.parts) ? r.parts : [];
    if (!Array.isArray(r.partlessFingerprintParts) || r.partlessFingerprintParts.some((x) => typeof x !== "string" || !parts.includes(x))) {
      p.push(`partlessFingerprintParts: expected a list of the rule's parts (${parts.join(", ") || "it has none"})`);
    }
  }
  if (!r.messages || typeof r.messages !== "object" || Object.keys(r.messages).length === 0) p.push("messages: expected at least one { en, sv } message");
  else for (const [k, v] of Object.entries(r.messages)) if (!loc(v)) p.push(`messages.${k}: expected { en, sv } strings`);
  if (typeof r.evaluate !== "function") p.push("evaluate: expected a function (ctx, helpers) => results");
  if (!r.remediation || !loc((r.remediation as { summary?: unknown }).summary)) p.push("remediation.summary: expected { en, sv } strings");
  if (!Array.isArray(r.references)) p.push("references: expected a list of URLs");
  p.push(...guidanceProblems(r.guidance));
  if (r.options !== undefined) {
    const o = r.options as { schema?: unknown; defaults?: unknown } | null;
    const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
    if (!isObject(o) || !isObject(o.schema) || o.schema.type !== "object" || !isObject(o.defaults)) {
      p.push('options: expected { schema: a JSON Schema with type "object", defaults: an object }');
    } else p.push(...valueProblems(o.schema, o.defaults, "options.defaults"));
  }
  return p;
}

/** The options a rule runs with: its defaults, with the configuration's `rules.options.<id>` over them. */
export function ruleOptions(rule: RuleDefinition, config: ResolvedConfig): Record<string, unknown> {
  if (!rule.options) return {};
  const given = [rule.id, ...(rule.aliases ?? [])].map((x) => config.ruleOptions?.[x.toUpperCase()]).find((o) => o !== undefined);
  return { ...rule.options.defaults, ...(given ?? {}) };
}

/**
 * What is wrong with the configuration's `rules.options`: options for a rule that is not loaded or
 * has none, and values its schema refuses. Each problem names `rules.options.<id>.<field>`.
 */
export function ruleOptionsProblems(rules: readonly RuleDefinition[], config: ResolvedConfig): string[] {
  const out: string[] = [];
  for (const id of Object.keys(config.ruleOptions ?? {})) {
    const rule = rules.find((r) => [r.id, ...(r.aliases ?? [])].some((x) => x.toUpperCase() === id));
    if (!rule) out.push(`rules.options.${id}: found options for a rule that is not loaded; expected the id of a loaded rule`);
    else if (!rule.options) out.push(`rules.options.${id}: found options, but ${rule.id} takes none`);
  }
  for (const rule of rules) {
    if (!rule.options || ![rule.id, ...(rule.aliases ?? [])].some((x) => config.ruleOptions?.[x.toUpperCase()])) continue;
    out.push(...valueProblems(rule.options.schema, ruleOptions(rule, config), `rules.options.${rule.id}`));
  }
  return out;
}
