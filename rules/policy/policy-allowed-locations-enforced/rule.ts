/**
 * RES-09: every subscription is guarded by enforced "Allowed locations" policies (resources and
 * resource groups) whose lists stay within the profile's regions.
 */
import { arr, defineRule, eqi, idKey, normalizeRegion, regionAllowed, str } from "../../../src/index.js";
import type { ArmResource, Evidence, RuleResult, SubscriptionSnapshot } from "../../../src/index.js";

interface Builtin {
  guid: string;
  label: string;
}

/** The two built-ins, by definition name (GUID): the same in every cloud and tenant. */
const BUILTINS: Builtin[] = [
  { guid: "e56962a6-4747-49cd-b67b-bf8b01975c4c", label: "'Allowed locations'" },
  { guid: "e765b5de-1225-4ba3-bd56-1ac6695af988", label: "'Allowed locations for resource groups'" },
];

/** What keeps a built-in from guarding the subscription, worst first. */
const KINDS = ["missing", "excluded", "notEnforced", "narrowed", "exempted", "partlyExempted", "listUnknown", "tooWide"] as const;
type Kind = (typeof KINDS)[number];

interface Candidate {
  assignment: ArmResource;
  /** `direct`, or the id of the initiative that contains the built-in. */
  via: string;
  list: string[] | undefined;
  excluded: boolean | "unknown";
  enforced: boolean;
  /** What narrows the assignment for this built-in (resource selectors, an effect override), if anything. */
  narrowed: string | undefined;
  /** The initiative member's `policyDefinitionReferenceId` (undefined for a direct assignment). */
  referenceId: string | undefined;
}

/** An exemption that applies to a candidate, and how far it reaches. */
interface Exemption {
  id: string;
  name: string;
  category: string;
  /** The part of its id before `/providers/Microsoft.Authorization/policyExemptions/`. */
  scope: string;
  expiresOn: string | undefined;
  /** Whether `policyDefinitionReferenceIds` was absent or empty (the whole assignment is exempted). */
  allMembers: boolean;
  /** Whether resource selectors pick what it exempts. */
  selectors: boolean;
  /** `whole`: the subscription (itself or a management group above it); `part`: a resource group, a resource, or only what its resource selectors pick. */
  reach: "whole" | "part";
}

/**
 * Only `Default` (or no mode) enforces: `DoNotEnforce` denies nothing, and `Enroll` (api-version
 * 2025-03-01) denies nothing until resources are enrolled. Compared case-insensitively.
 */
function enforces(a: ArmResource): boolean {
  const mode = str(a, "properties.enforcementMode");
  return mode === undefined || eqi(mode, "Default");
}

/**
 * What keeps the assignment from guarding every resource for the built-in reached through it
 * (`referenceId`: its member reference in an initiative): any resource selector limits the
 * resources it evaluates, and an override of the policy effect to anything but Deny that applies
 * to the built-in turns the guard off where it applies.
 */
function narrowing(a: ArmResource, referenceId: string | undefined): string | undefined {
  if (arr(a, "properties.resourceSelectors").length > 0) return "resourceSelectors";
  for (const o of arr(a, "properties.overrides")) {
    if (!eqi(str(o, "kind"), "policyEffect") || eqi(str(o, "value"), "Deny")) continue;
    const byReference = arr(o, "selectors").filter((sel) => eqi(str(sel, "kind"), "policyDefinitionReferenceId"));
    const applies = byReference.every((sel) => {
      if (referenceId === undefined) return false; // reference ids name initiative members only
      const inList = asList(field(sel, "in"));
      const notIn = asList(field(sel, "notIn"));
      return (!inList || inList.some((r) => eqi(r, referenceId))) && !notIn?.some((r) => eqi(r, referenceId));
    });
    if (applies) return `overrides (policyEffect ${str(o, "value") ?? "?"})`;
  }
  return undefined;
}

/** A key of an object, compared case-insensitively (parameter names are not case-sensitive). */
function field(obj: unknown, key: string): unknown {
  if (!obj || typeof obj !== "object") return undefined;
  const rec = obj as Record<string, unknown>;
  if (key in rec) return rec[key];
  const k = Object.keys(rec).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : rec[k];
}

function asList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined;
}

/** The assignment's scope: `properties.scope`, else the part of its id before the provider segment. */
function scopeOf(a: ArmResource): string {
  const declared = str(a, "properties.scope");
  if (declared) return declared;
  const at = a.id.toLowerCase().lastIndexOf("/providers/microsoft.authorization/policyassignments/");
  return at >= 0 ? a.id.slice(0, at) || "/" : a.id;
}

/** Whether an assignment at `scope` covers the whole subscription (the subscription itself, or above it). */
function coversSubscription(scope: string, sub: SubscriptionSnapshot): boolean {
  const s = idKey(scope);
  // Subscription-scoped ids: only the subscription itself covers it (a resource group covers a part).
  if (s.startsWith("/subscriptions/")) return s === idKey(sub.id);
  return true; // management group or tenant root: the collector lists only those above the subscription
}

/**
 * Whether `notScopes` removes the subscription: itself, or a management group it sits under.
 * `unknown` when a management group is excluded but the subscription's place in the hierarchy was
 * not read (then the answer could go either way).
 */
function excludes(notScopes: unknown[], sub: SubscriptionSnapshot): boolean | "unknown" {
  const known = sub.managementGroupAncestors !== undefined;
  const ancestors = (sub.managementGroupAncestors ?? []).map((m) => (m.split("/").filter(Boolean).pop() ?? m).toLowerCase());
  let unknown = false;
  for (const ns of notScopes) {
    if (typeof ns !== "string") continue;
    const n = idKey(ns);
    if (n === idKey(sub.id)) return true;
    const mg = /^\/providers\/microsoft\.management\/managementgroups\/([^/]+)$/.exec(n)?.[1];
    if (mg && ancestors.includes(mg)) return true;
    if (mg && !known) unknown = true;
  }
  return unknown ? "unknown" : false;
}

function endsWithDefinition(id: string | undefined, guid: string): boolean {
  return !!id && id.toLowerCase().endsWith(`/policydefinitions/${guid}`);
}

/** The `listOfAllowedLocations` an initiative member receives, resolving `[parameters('x')]`. */
function memberList(member: unknown, assignment: ArmResource, set: ArmResource): string[] | undefined {
  const value = field(field(field(member, "parameters"), "listOfAllowedLocations"), "value");
  const literal = asList(value);
  if (literal) return literal;
  if (typeof value !== "string") return undefined;
  const name = /^\[\s*parameters\(\s*'([^']+)'\s*\)\s*\]$/i.exec(value.trim())?.[1];
  if (!name) return undefined;
  const given = field(field(field(assignment.properties, "parameters"), name), "value");
  if (given !== undefined) return asList(given);
  return asList(field(field(field(set.properties, "parameters"), name), "defaultValue"));
}

const EXEMPTION_SEGMENT = "/providers/microsoft.authorization/policyexemptions/";

/** An exemption's scope: the part of its id before `/providers/Microsoft.Authorization/policyExemptions/`. */
function exemptionScope(e: ArmResource): string {
  const at = e.id.toLowerCase().lastIndexOf(EXEMPTION_SEGMENT);
  return at >= 0 ? e.id.slice(0, at) || "/" : e.id;
}

/**
 * The exemptions that take the candidate's assignment off the subscription or part of it: same
 * `policyAssignmentId` (case-insensitive), `policyDefinitionReferenceIds` absent or empty (the whole
 * assignment) or naming the candidate's initiative member, and `expiresOn` absent (never expires)
 * or after `now`; any `exemptionCategory` (Waiver and Mitigated both stop enforcement). One at the
 * subscription or a management group (the unfiltered list holds only the groups above it) reaches
 * the whole subscription unless resource selectors pick only some resources; one at a resource
 * group or resource inside it reaches a part. Another subscription's exemption is ignored.
 */
function exemptionsFor(c: Candidate, exemptions: readonly ArmResource[], sub: SubscriptionSnapshot, now: Date): Exemption[] {
  const out: Exemption[] = [];
  const subKey = idKey(sub.id);
  for (const e of exemptions) {
    const assignmentId = str(e, "properties.policyAssignmentId");
    if (!assignmentId || idKey(assignmentId) !== idKey(c.assignment.id)) continue;
    const refs = arr(e, "properties.policyDefinitionReferenceIds").filter((r): r is string => typeof r === "string");
    if (refs.length > 0 && !refs.some((r) => c.referenceId !== undefined && eqi(r, c.referenceId))) continue;
    const expiresOn = str(e, "properties.expiresOn");
    // An expiry Hemvist cannot read as a date is not taken as past: the exemption counts.
    if (expiresOn !== undefined && Date.parse(expiresOn) <= now.getTime()) continue;
    const scope = exemptionScope(e);
    const s = idKey(scope);
    let reach: Exemption["reach"];
    if (s === subKey || s === "/" || /^\/providers\/microsoft\.management\/managementgroups\/[^/]+$/.test(s)) reach = "whole";
    else if (s.startsWith(`${subKey}/`)) reach = "part";
    else continue;
    const selectors = arr(e, "properties.resourceSelectors").length > 0;
    if (selectors) reach = "part";
    out.push({ id: e.id, name: e.name ?? e.id.split("/").pop() ?? e.id, category: str(e, "properties.exemptionCategory") ?? "?", scope, expiresOn, allMembers: refs.length === 0, selectors, reach });
  }
  return out;
}

/** How an exemption is named in a message: `'name' (Category, at scope)`, in English and Swedish. */
function describeExemption(e: Exemption): { en: string; sv: string } {
  return {
    en: `'${e.name}' (${e.category}, at ${e.scope}${e.selectors ? ", resource selectors" : ""})`,
    sv: `'${e.name}' (${e.category}, på ${e.scope}${e.selectors ? ", resursväljare" : ""})`,
  };
}

export default defineRule({
  id: "RES-09",
  name: "policy-allowed-locations-enforced",
  title: {
    en: "An enforced \"Allowed locations\" policy guards every subscription",
    sv: "En tvingande princip \"Allowed locations\" skyddar varje prenumeration",
  },
  severity: "medium",
  rationale: {
    en: "Checking where resources are after the fact finds mistakes; an enforced 'Allowed locations' policy prevents them, for resources and for resource groups alike. Microsoft's FAQ for Swedish customers ('Var finns den data som jag lagrar') leaves the choice of geography to the organisation, and SKR's cloud guidance asks for requirements to be set before data moves: the policy turns that choice into a control Azure itself applies. It helps only if it reaches every subscription, is enforced rather than audit-only, and its list is no wider than the profile.",
    sv: "Att i efterhand kontrollera var resurser finns hittar misstag; en tvingande princip 'Allowed locations' förhindrar dem, för resurser och resursgrupper. Microsofts vanliga frågor för svenska kunder ('Var finns den data som jag lagrar') lämnar valet av geografi till organisationen, och SKR:s vägledning om molntjänster kräver att kraven ställs innan data flyttas: principen gör det valet till en kontroll som Azure själv tillämpar. Den hjälper bara om den når varje prenumeration, tillämpas i stället för att bara granska, och dess lista inte är bredare än profilen.",
  },
  guidance: [
    { doc: "rules-catalog", id: "RES-09" },
    { doc: "microsoft-faq-se", title: "Var finns den data som jag lagrar" },
    { doc: "skr-cloud-2019" },
  ],
  reads: ["policyAssignments", "policySetDefinitions", "policyExemptions", "managementGroups"],
  // A subscription the identity cannot see (named in the configuration or in the management-group
  // tree) is named not assessed from its coverage entry.
  targets: [{ collection: "subscriptions", via: ["policyAssignments", "policySetDefinitions", "policyExemptions"] }],
  messages: {
    enforced: {
      en: "{{name}} is guarded by enforced 'Allowed locations' policies for resources and resource groups within the allowed regions.",
      sv: "{{name}} skyddas av tvingande principer 'Allowed locations' för resurser och resursgrupper inom de tillåtna regionerna.",
    },
    missing: {
      en: "{{name}} has no assignment of {{policies}}.",
      sv: "{{name}} saknar en tilldelning av {{policiesSv}}.",
    },
    excluded: {
      en: "{{name}} is excluded by notScopes from every assignment of {{policies}}.",
      sv: "{{name}} är undantagen genom notScopes från varje tilldelning av {{policiesSv}}.",
    },
    notEnforced: {
      en: "{{name}} is reached by {{policies}} only with enforcement mode {{modes}}, which denies nothing (only Default enforces).",
      sv: "{{name}} nås av {{policiesSv}} bara med tillämpningsläget {{modes}}, som inte nekar något (bara Default tillämpas).",
    },
    narrowed: {
      en: "{{name}} is reached by {{policies}} only through assignments narrowed by resource selectors or an effect override, which leave resources unguarded.",
      sv: "{{name}} nås av {{policiesSv}} bara genom tilldelningar som begränsas av resursväljare eller en åsidosatt effekt, vilket lämnar resurser utan skydd.",
    },
    exempted: {
      en: "{{name}} is exempted from {{policies}} by {{exemptions}}, so the policy denies nothing there.",
      sv: "{{name}} är undantagen från {{policiesSv}} genom {{exemptionsSv}}, så principen nekar inget där.",
    },
    partlyExempted: {
      en: "{{name}} is only partly guarded by {{policies}}: the exemptions {{exemptions}} leave resources there unguarded.",
      sv: "{{name}} skyddas bara delvis av {{policiesSv}}: undantagen {{exemptionsSv}} lämnar resurser där utan skydd.",
    },
    listUnknown: {
      en: "{{name}} is reached by {{policies}}, but Hemvist could not determine its list of allowed locations.",
      sv: "{{name}} nås av {{policiesSv}}, men Hemvist kunde inte avgöra dess lista över tillåtna platser.",
    },
    tooWide: {
      en: "{{name}} is guarded by {{policies}}, but the allowed list also includes {{regions}}, outside the profile.",
      sv: "{{name}} skyddas av {{policiesSv}}, men listan över tillåtna platser innehåller även {{regions}}, utanför profilen.",
    },
  },
  evaluate({ inventory, config, each, now }, { pass, fail, notAssessed }) {
    return each(inventory.subscriptions, (sub): RuleResult => {
      inventory.depend("subscriptions", sub.id);
      const target = { id: sub.id, type: "Microsoft.Resources/subscriptions", name: sub.displayName ?? sub.subscriptionId };
      const assignments = inventory.inSubscription("policyAssignments", sub.subscriptionId);
      if (!assignments) {
        // A failed read there is the engine's better reason (it sees this lookup).
        return notAssessed(target, {
          scope: sub.id,
          collection: "policyAssignments",
          code: "NotCollected",
          message: "Policy assignments were not collected for this subscription.",
        });
      }
      const sets = new Map<string, ArmResource>();
      for (const s of inventory.inSubscription("policySetDefinitions", sub.subscriptionId) ?? []) sets.set(idKey(s.id), s);

      const candidates = new Map<string, Candidate[]>(BUILTINS.map((b) => [b.guid, []]));
      for (const a of assignments) {
        if (!coversSubscription(scopeOf(a), sub)) continue;
        const defId = str(a, "properties.policyDefinitionId");
        const notScopes = arr(a, "properties.notScopes");
        // Whether a management group in notScopes holds the subscription is read from the hierarchy.
        if (notScopes.some((n) => typeof n === "string" && /\/managementgroups\//i.test(n))) inventory.depend("managementGroups", `/tenants/${inventory.tenantId}/managementGroups`);
        const excluded = excludes(notScopes, sub);
        const enforced = enforces(a);
        for (const b of BUILTINS) {
          const list = candidates.get(b.guid) as Candidate[];
          if (endsWithDefinition(defId, b.guid)) {
            list.push({ assignment: a, via: "direct", list: asList(field(field(field(a.properties, "parameters"), "listOfAllowedLocations"), "value")), excluded, enforced, narrowed: narrowing(a, undefined), referenceId: undefined });
            continue;
          }
          if (!defId?.toLowerCase().includes("/policysetdefinitions/")) continue;
          const set = sets.get(idKey(defId)) ?? inventory.get(defId);
          if (!set) continue;
          for (const member of arr(set, "properties.policyDefinitions")) {
            if (!endsWithDefinition(str(member, "policyDefinitionId"), b.guid)) continue;
            const referenceId = str(member, "policyDefinitionReferenceId");
            list.push({ assignment: a, via: set.id, list: memberList(member, a, set), excluded, enforced, narrowed: narrowing(a, referenceId), referenceId });
          }
        }
      }

      // A management group in notScopes, but the hierarchy unread: whether it excludes this
      // subscription cannot be known, so neither a pass nor a fail.
      if ([...candidates.values()].flat().some((c) => c.enforced && c.excluded === "unknown")) {
        const scope = `/tenants/${inventory.tenantId}/managementGroups`;
        return notAssessed(target, {
          scope,
          collection: "managementGroups",
          code: "NotCollected",
          message: "An Allowed-locations assignment excludes a management group (notScopes), and the management-group hierarchy was not read: whether it excludes this subscription is unknown.",
          permission: "Microsoft.Management/managementGroups/read",
        });
      }
      const effectiveOf = (cands: Candidate[]) => cands.filter((c) => c.enforced && !c.excluded && !c.narrowed);
      /** What keeps a built-in from guarding, as far as the assignments alone tell. */
      const kindWithoutExemptions = (cands: Candidate[]): Kind | undefined =>
        effectiveOf(cands).length > 0 ? undefined : cands.length === 0 ? "missing" : cands.some((c) => c.excluded === true) ? "excluded" : cands.some((c) => c.enforced) ? "narrowed" : "notEnforced";
      // Exemptions can only take a guard away: when the assignments alone already fail a built-in,
      // the verdict is that fail whatever they say, and it does not depend on them being read.
      const exemptionsMatter = BUILTINS.every((b) => kindWithoutExemptions(candidates.get(b.guid) as Candidate[]) === undefined);
      let exemptions: ArmResource[] = [];
      if (exemptionsMatter) {
        const read = inventory.inSubscription("policyExemptions", sub.subscriptionId);
        if (!read) {
          // A failed read there is the engine's better reason (it sees this lookup).
          return notAssessed(target, {
            scope: sub.id,
            collection: "policyExemptions",
            code: "NotCollected",
            message: "Policy exemptions were not collected for this subscription: whether one exempts it from the Allowed-locations assignments is unknown.",
            permission: "Microsoft.Authorization/policyExemptions/read",
          });
        }
        exemptions = read;
      }
      const exemptionsOf = new Map<Candidate, Exemption[]>();
      if (exemptionsMatter) for (const c of [...candidates.values()].flat()) if (c.enforced && !c.excluded && !c.narrowed) exemptionsOf.set(c, exemptionsFor(c, exemptions, sub, now));

      const problems: { builtin: Builtin; kind: Kind; extras?: string[]; modes?: string[]; exemptions?: Exemption[] }[] = [];
      const evidence: Evidence[] = [];
      for (const b of BUILTINS) {
        const cands = candidates.get(b.guid) as Candidate[];
        evidence.push({
          path: `properties.policyDefinitionId = …/policyDefinitions/${b.guid}`,
          actual: cands.map((c) => {
            const ex = exemptionsOf.get(c);
            return {
              assignment: c.assignment.id,
              via: c.via,
              enforcementMode: str(c.assignment, "properties.enforcementMode") ?? "Default",
              excludedByNotScopes: c.excluded,
              ...(c.narrowed ? { narrowedBy: c.narrowed } : {}),
              ...(ex ? { exemptedBy: ex.map((e) => ({ exemption: e.id, exemptionCategory: e.category, scope: e.scope, reach: e.reach, expiresOn: e.expiresOn ?? null })) } : {}),
              listOfAllowedLocations: c.list ?? null,
            };
          }),
          expected: { en: "an enforced assignment reaching the subscription, not exempted there, listing only allowed regions", sv: "en tillämpad tilldelning som når prenumerationen, utan undantag där, som bara listar tillåtna regioner" },
        });
        const before = kindWithoutExemptions(cands);
        if (before) {
          problems.push({ builtin: b, kind: before, modes: [...new Set(cands.map((c) => str(c.assignment, "properties.enforcementMode") ?? "Default"))] });
          continue;
        }
        const effective = effectiveOf(cands);
        // Exempted for the whole subscription: the assignment denies nothing there.
        const guarding = effective.filter((c) => !(exemptionsOf.get(c) ?? []).some((e) => e.reach === "whole"));
        if (guarding.length === 0) {
          problems.push({ builtin: b, kind: "exempted", exemptions: effective.flatMap((c) => (exemptionsOf.get(c) ?? []).filter((e) => e.reach === "whole")) });
          continue;
        }
        // Only assignments exempted nowhere in the subscription guard all of it.
        const clean = guarding.filter((c) => (exemptionsOf.get(c) ?? []).length === 0);
        if (clean.length === 0) {
          problems.push({ builtin: b, kind: "partlyExempted", exemptions: guarding.flatMap((c) => exemptionsOf.get(c) ?? []) });
          continue;
        }
        const resolved = clean.filter((c) => c.list !== undefined);
        if (resolved.length === 0) {
          problems.push({ builtin: b, kind: "listUnknown" });
          continue;
        }
        // Every enforced assignment must be satisfied: the effective list is their intersection.
        const lists = resolved.map((c) => new Set((c.list as string[]).map(normalizeRegion).filter((r) => r !== "global")));
        const first = lists[0] as Set<string>;
        const intersection = [...first].filter((r) => lists.every((l) => l.has(r)));
        const extras = intersection.filter((r) => !regionAllowed(config, r));
        if (extras.length === 0) continue;
        if (resolved.length < clean.length) problems.push({ builtin: b, kind: "listUnknown" });
        else {
          problems.push({ builtin: b, kind: "tooWide", extras });
          evidence.push({ path: `listOfAllowedLocations (${b.label})`, actual: extras, expected: config.profile.allowedRegions });
        }
      }

      if (problems.length === 0) return pass(target, "enforced", {}, { evidence });
      const worst = KINDS.find((k) => problems.some((p) => p.kind === k)) as Kind;
      const hit = problems.filter((p) => p.kind === worst);
      const labels = hit.map((p) => p.builtin.label);
      const policies = labels.join(" and ");
      const policiesSv = labels.join(" och ");
      const regions = [...new Set(hit.flatMap((p) => p.extras ?? []))];
      const modes = [...new Set(hit.flatMap((p) => p.modes ?? []))].join(", ");
      const named = new Map(hit.flatMap((p) => p.exemptions ?? []).map((e) => [idKey(e.id), e]));
      const described = [...named.values()].map(describeExemption);
      const exemptionNames = described.map((d) => d.en).join(", ");
      const exemptionNamesSv = described.map((d) => d.sv).join(", ");
      for (const e of named.values()) {
        // Absent properties of a counted exemption take the platform's meaning.
        if (e.expiresOn === undefined) evidence.push({ path: `${e.id}: properties.expiresOn`, expected: { en: "absent: the exemption never expires", sv: "saknas: undantaget löper aldrig ut" }, defaulted: true });
        if (e.allMembers) evidence.push({ path: `${e.id}: properties.policyDefinitionReferenceIds`, expected: { en: "absent or empty: the whole assignment is exempted", sv: "saknas eller tom: hela tilldelningen är undantagen" }, defaulted: true });
      }
      return fail(target, worst, { policies, policiesSv, regions, modes, exemptions: exemptionNames, exemptionsSv: exemptionNamesSv }, { evidence });
    });
  },
  remediation: {
    summary: {
      en: "Assign the built-ins 'Allowed locations' and 'Allowed locations for resource groups' (or an initiative containing them) at the top management group with only the allowed regions, enforcement mode Default, no notScopes covering subscriptions with data, and no policy exemption from them that is still in force.",
      sv: "Tilldela de inbyggda principerna 'Allowed locations' och 'Allowed locations for resource groups' (eller ett initiativ som innehåller dem) på den översta hanteringsgruppen med bara de tillåtna regionerna, tillämpningsläge Default, inga notScopes som täcker prenumerationer med data och inget principundantag från dem som fortfarande gäller.",
    },
    portal: {
      en: "Policy → Definitions → 'Allowed locations' → Assign → Scope: the root management group → Parameters: the allowed regions → Policy enforcement: Enabled; repeat for 'Allowed locations for resource groups'.",
      sv: "Policy → Definitioner → 'Allowed locations' → Tilldela → Omfång: rothanteringsgruppen → Parametrar: de tillåtna regionerna → Principtillämpning: Aktiverad; upprepa för 'Allowed locations for resource groups'.",
    },
    cli: "az policy exemption delete --name <exemption> --scope <scope>\naz policy assignment create --name allowed-locations --scope /providers/Microsoft.Management/managementGroups/<mg> --policy e56962a6-4747-49cd-b67b-bf8b01975c4c --params '{\"listOfAllowedLocations\":{\"value\":[\"swedencentral\",\"swedensouth\"]}}'\naz policy assignment create --name allowed-rg-locations --scope /providers/Microsoft.Management/managementGroups/<mg> --policy e765b5de-1225-4ba3-bd56-1ac6695af988 --params '{\"listOfAllowedLocations\":{\"value\":[\"swedencentral\",\"swedensouth\"]}}'",
    bicep: "targetScope = 'managementGroup'\nresource allowed 'Microsoft.Authorization/policyAssignments@2024-04-01' = { name: 'allowed-locations', properties: { policyDefinitionId: tenantResourceId('Microsoft.Authorization/policyDefinitions', 'e56962a6-4747-49cd-b67b-bf8b01975c4c'), enforcementMode: 'Default', parameters: { listOfAllowedLocations: { value: [ 'swedencentral', 'swedensouth' ] } } } }",
  },
  references: [
    "https://learn.microsoft.com/azure/governance/policy/samples/built-in-policies#general",
    "https://learn.microsoft.com/azure/governance/policy/concepts/assignment-structure",
    "https://learn.microsoft.com/azure/governance/policy/tutorials/create-and-manage",
  ],
});
