/**
 * KEY-02: keys that protect confidential data (customer-managed keys of level 2 and above) live in hardware (HSM).
 */
import { defineRule, eqi, KEY_REFERENCE_COLLECTIONS, keyReferences, levelLabel, nameOf, resolveKeyUri, str } from "../../../src/index.js";
import type { ArmResource, Evidence, KeyHolder, KeyReference, Level, RuleResult, Target } from "../../../src/index.js";

const HSM_KEY_TYPES = ["RSA-HSM", "EC-HSM"];

/** One key used as a customer key, with the data stores that depend on it. */
interface KeyUse {
  target: Target;
  holder: KeyHolder;
  level: Level;
  dataStores: { id: string; level: Level }[];
  /** The references that make it a customer key of level-2 data (what its verdict depends on). */
  refs: KeyReference[];
}

export default defineRule({
  id: "KEY-02",
  name: "key-vault-key-hsm-protected",
  title: {
    en: "Keys protecting confidential data live in hardware (HSM)",
    sv: "Nycklar som skyddar konfidentiell data förvaras i hårdvara (HSM)",
  },
  severity: "medium",
  rationale: {
    en: "A customer-managed key is only as strong as the place it is kept. A software-protected key can in principle be handled outside a hardware boundary; an RSA-HSM or EC-HSM key in a premium vault, or any key in a managed HSM, never leaves validated hardware. Microsoft's guidance for Swedish public-sector customers names keys kept in protected hardware as the measure for sensitive information, and Danderyd municipality's Office 365 assessment lists encryption among the risk-reducing measures.",
    sv: "En kundhanterad nyckel är aldrig starkare än platsen där den förvaras. En mjukvaruskyddad nyckel kan i princip hanteras utanför en hårdvarugräns; en RSA-HSM- eller EC-HSM-nyckel i ett premium-nyckelvalv, eller en nyckel i en hanterad HSM, lämnar aldrig validerad hårdvara. Microsofts vägledning för svenska offentliga kunder anger nycklar i skyddad hårdvara som åtgärden för känslig information, och Danderyds kommuns bedömning av Office 365 räknar kryptering till de riskreducerande åtgärderna.",
  },
  guidance: [
    { doc: "rules-catalog", id: "KEY-02" },
    { doc: "microsoft-faq-se", title: "Kryptering" },
    { doc: "danderyd-o365-2019" },
  ],
  options: {
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        minimumLevel: { type: "integer", minimum: 0, maximum: 4, description: "The lowest classification level whose customer keys must be HSM-protected (4 = säkerhetsskydd)." },
      },
    },
    defaults: { minimumLevel: 2 },
  },
  // The data stores' key references decide which keys protect level-2 data.
  reads: ["keyVaults", "managedHsms", "vaultKeys", ...KEY_REFERENCE_COLLECTIONS],
  // Its targets are keys, which no generic list shows: where a vault, HSM or data store's key
  // reference could not be read, the failed scope is named not assessed.
  targets: [
    { collection: "managedHsms", type: "Microsoft.KeyVault/managedHSMs/keys" },
    ...(["keyVaults", ...KEY_REFERENCE_COLLECTIONS] as const).map((collection) => ({ collection, type: "Microsoft.KeyVault/vaults/keys" })),
  ],
  messages: {
    hsmKey: {
      en: "{{name}} in {{vault}} is an HSM-protected {{kty}} key.",
      sv: "{{name}} i {{vault}} är en HSM-skyddad {{kty}}-nyckel.",
    },
    managedHsmKey: {
      en: "{{name}} is held in the managed HSM {{vault}}, so it never leaves hardware.",
      sv: "{{name}} förvaras i den hanterade HSM:en {{vault}} och lämnar aldrig hårdvaran.",
    },
    softwareKey: {
      en: "{{name}} in {{vault}} is a software-protected {{kty}} key although it protects level {{level}} data ({{dataStores}}).",
      sv: "{{name}} i {{vault}} är en mjukvaruskyddad {{kty}}-nyckel trots att den skyddar data på nivå {{level}} ({{dataStores}}).",
    },
    softwareKeyStandardVault: {
      en: "{{name}} in {{vault}} is a software-protected {{kty}} key protecting level {{level}} data ({{dataStores}}), and the vault's standard SKU cannot hold HSM keys.",
      sv: "{{name}} i {{vault}} är en mjukvaruskyddad {{kty}}-nyckel som skyddar data på nivå {{level}} ({{dataStores}}), och valvets standard-SKU kan inte rymma HSM-nycklar.",
    },
    keyTypeMissing: {
      en: "{{name}} in {{vault}} does not state its key type, so HSM protection of level {{level}} data ({{dataStores}}) cannot be shown.",
      sv: "{{name}} i {{vault}} anger inte sin nyckeltyp, så HSM-skydd för data på nivå {{level}} ({{dataStores}}) kan inte visas.",
    },
  },
  evaluate({ inventory, config, classify, each, options }, { pass, fail, notAssessed }) {
    const minimumLevel = options.minimumLevel as Level;
    const uses = new Map<string, KeyUse>();
    for (const ref of keyReferences(inventory)) {
      const level = classify(ref.dataStoreId)?.level ?? config.classification.defaultLevel;
      if (level < minimumLevel) continue; // applies only to keys protecting data at or above the minimum level (2 unless configured)
      const holder = resolveKeyUri(inventory, ref.uri, ref.keyName);
      // A key outside the inventory is ENC-07's finding; a URI without a key name names no key to judge.
      if (!holder?.keyName) continue;
      const id = holder.key?.id ?? `${holder.resource.id}/keys/${holder.keyName}`;
      const k = id.toLowerCase();
      const use = uses.get(k);
      if (use) {
        if (level > use.level) use.level = level;
        use.refs.push(ref);
        if (!use.dataStores.some((d) => d.id.toLowerCase() === ref.dataStoreId.toLowerCase())) use.dataStores.push({ id: ref.dataStoreId, level });
        continue;
      }
      const type = holder.kind === "vault" ? "Microsoft.KeyVault/vaults/keys" : "Microsoft.KeyVault/managedHSMs/keys";
      const location = typeof holder.resource.location === "string" ? holder.resource.location : undefined;
      uses.set(k, {
        target: { id, type, name: holder.key ? nameOf(holder.key) : holder.keyName, ...(location ? { location } : {}) },
        holder,
        level,
        dataStores: [{ id: ref.dataStoreId, level }],
        refs: [ref],
      });
    }

    return each(uses.values(), (use): RuleResult => {
      // What made it a customer key of level-2 data: the references, their stores' classification, the key.
      for (const ref of use.refs) {
        inventory.uses(ref.holder);
        classify(ref.dataStoreId);
        resolveKeyUri(inventory, ref.uri, ref.keyName);
      }
      const vault: ArmResource = use.holder.resource;
      const storeNames = use.dataStores.map((d) => nameOf(inventory.get(d.id) ?? { id: d.id }));
      const data = { vault: nameOf(vault), level: levelLabel(use.level), dataStores: storeNames };
      const usedBy: Evidence = { path: "customerKeyFor", actual: use.dataStores.map((d) => ({ dataStore: d.id, level: levelLabel(d.level) })), expected: { en: "level 2 or above", sv: "nivå 2 eller högre" } };
      if (use.holder.kind === "managedHsm") {
        const evidence: Evidence[] = [{ path: "managedHsm.properties.hsmUri", actual: str(vault, "properties.hsmUri"), expected: { en: "a managed HSM or an RSA-HSM/EC-HSM key", sv: "en Managed HSM eller en RSA-HSM/EC-HSM-nyckel" } }, usedBy];
        return pass(use.target, "managedHsmKey", data, { evidence });
      }
      const key = use.holder.key;
      if (!key) {
        // A failed key list there makes this not assessed with that failure (the engine sees the lookup).
        return notAssessed(use.target, { scope: vault.id, collection: "vaultKeys", code: "KeyNotListed", message: `The key ${use.holder.keyName ?? ""} is referenced as a customer key but the vault's key list does not contain it.` });
      }
      const kty = str(key, "properties.kty");
      const sku = str(vault, "properties.sku.name") ?? str(vault, "sku.name");
      const evidence: Evidence[] = [
        { path: "properties.kty", actual: kty, expected: HSM_KEY_TYPES },
        { path: "vault.properties.sku.name", actual: sku, expected: "premium" },
        usedBy,
      ];
      if (kty !== undefined && HSM_KEY_TYPES.some((t) => eqi(kty, t))) return pass(use.target, "hsmKey", { ...data, kty }, { evidence });
      if (kty === undefined) return fail(use.target, "keyTypeMissing", data, { evidence });
      if (eqi(sku, "standard")) return fail(use.target, "softwareKeyStandardVault", { ...data, kty }, { evidence });
      return fail(use.target, "softwareKey", { ...data, kty }, { evidence });
    });
  },
  remediation: {
    summary: {
      en: "Create an RSA-HSM key (3072 bits or more) in a premium Key Vault or a managed HSM in an allowed region, point the data store's encryption at it, and retire the software key once the data store has rotated to the new key.",
      sv: "Skapa en RSA-HSM-nyckel (minst 3072 bitar) i ett premium-nyckelvalv eller en hanterad HSM i en tillåten region, peka datalagrets kryptering mot den och avveckla mjukvarunyckeln när datalagret har bytt till den nya nyckeln.",
    },
    portal: {
      en: "Key vault (Premium tier) → Objects → Keys → Generate/Import → Key type RSA, RSA key size 3072, HSM-protected → Create; then update the data store's encryption settings to the new key.",
      sv: "Nyckelvalv (Premium-nivå) → Objekt → Nycklar → Generera/importera → Nyckeltyp RSA, nyckelstorlek 3072, HSM-skyddad → Skapa; uppdatera sedan datalagrets krypteringsinställningar till den nya nyckeln.",
    },
    cli: "az keyvault update -g <rg> -n <vault> --sku premium\naz keyvault key create --vault-name <vault> -n <key> --kty RSA-HSM --size 3072",
    bicep: "resource key 'Microsoft.KeyVault/vaults/keys@2024-11-01' = { parent: vault, name: 'cmk', properties: { kty: 'RSA-HSM', keySize: 3072 } } // vault: properties.sku.name 'premium'",
  },
  references: [
    "https://learn.microsoft.com/azure/key-vault/keys/about-keys",
    "https://learn.microsoft.com/azure/key-vault/keys/hsm-protected-keys",
    "https://learn.microsoft.com/azure/key-vault/managed-hsm/overview",
  ],
});
