/**
 * KEY-01: Key Vaults and managed HSMs keep deleted keys recoverable (soft delete and purge protection on).
 */
import { bool, defineRule } from "../../../src/index.js";
import type { ArmResource, Evidence, RuleResult } from "../../../src/index.js";

export default defineRule({
  id: "KEY-01",
  name: "key-vault-purge-protection",
  title: {
    en: "Key Vaults and managed HSMs cannot be purged",
    sv: "Nyckelvalv och hanterade HSM:er kan inte rensas bort",
  },
  severity: "high",
  rationale: {
    en: "A customer-managed key that is deleted and purged makes every data store it protects unreadable for good, whether by mistake or by an attacker. Microsoft's guidance for Swedish public-sector customers asks for sensitive data to be encrypted with keys the organisation controls; that control only holds if the keys cannot be destroyed before the retention period ends, which soft delete together with purge protection guarantees.",
    sv: "En kundhanterad nyckel som tas bort och rensas gör all data den skyddar oläslig för alltid, vare sig det sker av misstag eller genom en angripare. Microsofts vägledning för svenska offentliga kunder säger att känslig data ska krypteras med nycklar som organisationen styr över; den kontrollen håller bara om nycklarna inte kan förstöras innan kvarhållningstiden löpt ut, vilket mjuk borttagning tillsammans med rensningsskydd garanterar.",
  },
  guidance: [
    { doc: "rules-catalog", id: "KEY-01" },
    { doc: "microsoft-faq-se", title: "Kryptering" },
    { doc: "cis-azure-3.0.0", id: "3.3.5" },
  ],
  reads: ["keyVaults", "managedHsms"],
  targets: [{ collection: "keyVaults" }, { collection: "managedHsms" }],
  messages: {
    protected: {
      en: "{{name}} has soft delete and purge protection turned on.",
      sv: "{{name}} har mjuk borttagning och rensningsskydd påslagna.",
    },
    noPurgeProtection: {
      en: "{{name}} has purge protection turned off, so it and its keys can be purged before the retention period ends.",
      sv: "{{name}} har rensningsskyddet avslaget, så valvet och dess nycklar kan rensas bort innan kvarhållningstiden löpt ut.",
    },
    noSoftDelete: {
      en: "{{name}} has soft delete turned off, so deleted keys cannot be recovered.",
      sv: "{{name}} har mjuk borttagning avslagen, så borttagna nycklar kan inte återställas.",
    },
  },
  evaluate({ inventory, each }, { pass, fail }) {
    const judge = (store: ArmResource): RuleResult => {
      const softDelete = bool(store, "properties.enableSoftDelete");
      const purgeProtection = bool(store, "properties.enablePurgeProtection");
      const evidence: Evidence[] = [
        { path: "properties.enableSoftDelete", actual: softDelete, expected: true, ...(softDelete === undefined ? { defaulted: true } : {}) },
        { path: "properties.enablePurgeProtection", actual: purgeProtection, expected: true, ...(purgeProtection === undefined ? { defaulted: true } : {}) },
      ];
      // Soft delete is on unless turned off; purge protection is off unless turned on.
      if ((softDelete ?? true) === false) return fail(store, "noSoftDelete", {}, { evidence });
      if ((purgeProtection ?? false) !== true) return fail(store, "noPurgeProtection", {}, { evidence });
      return pass(store, "protected", {}, { evidence });
    };
    return each([...inventory.all("keyVaults"), ...inventory.all("managedHsms")], judge);
  },
  remediation: {
    summary: {
      en: "Turn on purge protection (it cannot be turned off again) and keep soft delete on with a retention period of 90 days.",
      sv: "Slå på rensningsskydd (det går inte att slå av igen) och behåll mjuk borttagning med 90 dagars kvarhållning.",
    },
    portal: {
      en: "Key vault → Settings → Properties → Purge protection: Enable purge protection → Save. For a managed HSM: Managed HSM → Settings → Properties.",
      sv: "Nyckelvalv → Inställningar → Egenskaper → Rensningsskydd: Aktivera rensningsskydd → Spara. För en hanterad HSM: Managed HSM → Inställningar → Egenskaper.",
    },
    cli: "az keyvault update -g <rg> -n <vault> --enable-purge-protection true\naz keyvault update-hsm -g <rg> --hsm-name <hsm> --enable-purge-protection true",
    bicep: "resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = { ... properties: { enableSoftDelete: true, softDeleteRetentionInDays: 90, enablePurgeProtection: true } }",
  },
  references: [
    "https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview",
    "https://learn.microsoft.com/azure/key-vault/managed-hsm/soft-delete-overview",
  ],
});
