/**
 * KEY-03: every Key Vault key and managed HSM key has an expiry date or a rotation policy that rotates it.
 */
import { arr, defineRule, eqi, prop } from "../../../src/index.js";
import type { Evidence } from "../../../src/index.js";

/** `attributes.exp` is seconds since 1970 (ARM), occasionally a date string. */
function expiryDate(exp: unknown): string | undefined {
  if (typeof exp === "number" && Number.isFinite(exp)) return new Date(exp * 1000).toISOString().slice(0, 10);
  if (typeof exp === "string" && exp.trim() !== "") {
    const t = /^\d+$/.test(exp) ? Number(exp) * 1000 : Date.parse(exp);
    return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : undefined;
  }
  return undefined;
}

export default defineRule({
  id: "KEY-03",
  name: "key-vault-key-expiry-or-rotation",
  title: {
    en: "Keys expire or rotate",
    sv: "Nycklar har ett utgångsdatum eller roteras",
  },
  severity: "medium",
  rationale: {
    en: "A key that is never replaced protects more data the longer it lives and stays useful to anyone who copies it. An expiry date forces a decision, and a rotation policy replaces the key without anyone remembering to. Microsoft's guidance for Swedish public-sector customers ties encryption of sensitive information to keys the organisation manages, and managing a key includes its life cycle.",
    sv: "En nyckel som aldrig byts ut skyddar mer data ju längre den lever och förblir användbar för den som kopierar den. Ett utgångsdatum tvingar fram ett beslut, och en rotationspolicy byter nyckeln utan att någon behöver komma ihåg det. Microsofts vägledning för svenska offentliga kunder knyter kryptering av känslig information till nycklar som organisationen förvaltar, och att förvalta en nyckel omfattar dess livscykel.",
  },
  guidance: [
    { doc: "rules-catalog", id: "KEY-03" },
    { doc: "microsoft-faq-se", title: "Kryptering" },
    { doc: "cis-azure-3.0.0", id: "3.3.1" },
    { doc: "cis-azure-3.0.0", id: "3.3.8" },
  ],
  reads: ["keyVaults", "vaultKeys", "managedHsms", "managedHsmKeys"],
  // Keys never appear in the generic resource list: a failed vault, HSM or key list leaves its scope one result.
  targets: [{ collection: "vaultKeys" }, { collection: "managedHsmKeys" }],
  messages: {
    rotates: {
      en: "{{name}} has a rotation policy that rotates it.",
      sv: "{{name}} har en rotationspolicy som roterar nyckeln.",
    },
    expires: {
      en: "{{name}} expires on {{expires}}.",
      sv: "{{name}} upphör att gälla {{expires}}.",
    },
    neither: {
      en: "{{name}} has neither an expiry date nor a rotation policy that rotates it.",
      sv: "{{name}} har varken ett utgångsdatum eller en rotationspolicy som roterar nyckeln.",
    },
  },
  evaluate({ inventory, each }, { pass, fail }) {
    // Managed HSM keys (ManagedHsmKeys_Get) carry `attributes.exp` and `rotationPolicy` in the same shape as vault keys.
    return each([...inventory.all("vaultKeys"), ...inventory.all("managedHsmKeys")], (key) => {
      const exp = prop(key, "properties.attributes.exp");
      const actions = arr(key, "properties.rotationPolicy.lifetimeActions").map((a) => prop(a, "action.type"));
      const rotates = actions.some((t) => eqi(t, "Rotate"));
      const expires = exp === null || exp === undefined ? undefined : expiryDate(exp);
      const evidence: Evidence[] = [
        { path: "properties.attributes.exp", actual: exp, expected: { en: "an expiry date", sv: "ett utgångsdatum" }, ...(exp === undefined ? { defaulted: true } : {}) },
        {
          path: "properties.rotationPolicy.lifetimeActions[].action.type",
          actual: actions,
          expected: "Rotate",
          ...(prop(key, "properties.rotationPolicy") === undefined ? { defaulted: true } : {}),
        },
      ];
      if (rotates) return pass(key, "rotates", {}, { evidence });
      if (expires) return pass(key, "expires", { expires }, { evidence });
      return fail(key, "neither", {}, { evidence });
    });
  },
  remediation: {
    summary: {
      en: "Give the key a rotation policy with a Rotate action (for example 18 months after creation, expiring after two years), or at least an expiry date; customer-managed-key settings that use a versionless key URI pick up the new version automatically.",
      sv: "Ge nyckeln en rotationspolicy med en Rotate-åtgärd (till exempel 18 månader efter skapandet, med utgångstid två år), eller åtminstone ett utgångsdatum; inställningar för kundhanterade nycklar som använder en versionslös nyckel-URI tar automatiskt den nya versionen.",
    },
    portal: {
      en: "Key vault → Objects → Keys → select the key → Rotation policy → Enable auto rotation, set Rotation time and Expiry time → Save.",
      sv: "Nyckelvalv → Objekt → Nycklar → välj nyckeln → Rotationspolicy → Aktivera automatisk rotation, ange rotationstid och utgångstid → Spara.",
    },
    // A managed HSM key: --hsm-name <hsm> instead of --vault-name.
    cli: "az keyvault key rotation-policy update --vault-name <vault> -n <key> --value '{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P18M\"},\"action\":{\"type\":\"Rotate\"}},{\"trigger\":{\"timeBeforeExpiry\":\"P30D\"},\"action\":{\"type\":\"Notify\"}}],\"attributes\":{\"expiryTime\":\"P2Y\"}}'",
    bicep: "resource key 'Microsoft.KeyVault/vaults/keys@2024-11-01' = { parent: vault, name: 'cmk', properties: { kty: 'RSA-HSM', keySize: 3072, rotationPolicy: { attributes: { expiryTime: 'P2Y' }, lifetimeActions: [ { trigger: { timeAfterCreate: 'P18M' }, action: { type: 'rotate' } } ] } } }",
  },
  references: [
    "https://learn.microsoft.com/azure/key-vault/managed-hsm/key-rotation",
    "https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation",
    "https://learn.microsoft.com/azure/key-vault/keys/about-keys-details",
  ],
});
