/**
 * ENC-04: managed disks and disk snapshots encrypt at rest with a customer-managed key through a
 * disk encryption set.
 */

import type { ArmResource, Evidence, RuleHelpers, RuleResult } from "../../../src/index.js";
import { defineRule, eqi, prop, str } from "../../../src/index.js";

const TYPE_PATH = "properties.encryption.type";
const DES_PATH = "properties.encryption.diskEncryptionSetId";
const CUSTOMER_TYPES = ["EncryptionAtRestWithCustomerKey", "EncryptionAtRestWithPlatformAndCustomerKeys"];

function judge(resource: ArmResource, { pass, fail }: RuleHelpers): RuleResult {
  const type = prop(resource, TYPE_PATH);
  const des = str(resource, DES_PATH);
  const evidence: Evidence[] = [
    { path: TYPE_PATH, actual: type, expected: { en: CUSTOMER_TYPES.join(" or "), sv: CUSTOMER_TYPES.join(" eller ") }, ...(type === undefined ? { defaulted: true } : {}) },
  ];
  if (CUSTOMER_TYPES.some((t) => eqi(type, t))) {
    evidence.push({ path: DES_PATH, actual: des, expected: { en: "a disk encryption set", sv: "en diskkrypteringsuppsättning (disk encryption set)" } });
    return des && des.trim() !== ""
      ? pass(resource, "customerKey", { encryptionType: type }, { evidence })
      : fail(resource, "noEncryptionSet", { encryptionType: type }, { evidence });
  }
  return fail(resource, "platformKey", { encryptionType: typeof type === "string" ? type : "EncryptionAtRestWithPlatformKey" }, { evidence });
}

export default defineRule({
  id: "ENC-04",
  name: "compute-disk-customer-managed-key",
  title: {
    en: "Managed disks and disk snapshots encrypt with a customer-managed key",
    sv: "Hanterade diskar och ögonblicksbilder av diskar krypteras med en kundhanterad nyckel",
  },
  severity: "by-level",
  rationale: {
    en: "A virtual machine's disks and their snapshots hold the same information as the applications that run on them. With platform-managed keys Microsoft alone can decrypt them; a disk encryption set pointing at the organisation's own key keeps that decision with the organisation. Microsoft's FAQ for Swedish public-sector customers describes encryption with customer-held keys in protected hardware, and Danderyd municipality's 2019 Office 365 assessment lists encryption among the measures that reduce risk.",
    sv: "En virtuell dators diskar och deras ögonblicksbilder innehåller samma information som programmen som körs på dem. Med plattformshanterade nycklar kan bara Microsoft dekryptera dem; en diskkrypteringsuppsättning som pekar på organisationens egen nyckel låter organisationen behålla det beslutet. Microsofts vanliga frågor för svenska offentliga kunder beskriver kryptering med kundägda nycklar i skyddad hårdvara, och Danderyds kommuns bedömning av Office 365 från 2019 nämner kryptering bland de riskreducerande åtgärderna.",
  },
  guidance: [
    { doc: "rules-catalog", id: "ENC-04" },
    { doc: "microsoft-faq-se", title: "Kryptering" },
    { doc: "danderyd-o365-2019", title: "Risk-reducing measures: encryption" },
  ],
  reads: ["disks", "diskSnapshots"],
  targets: [{ collection: "disks" }, { collection: "diskSnapshots" }],
  messages: {
    customerKey: {
      en: "{{name}} encrypts with a customer-managed key through a disk encryption set ({{encryptionType}}).",
      sv: "{{name}} krypteras med en kundhanterad nyckel via en diskkrypteringsuppsättning ({{encryptionType}}).",
    },
    platformKey: {
      en: "{{name}} encrypts with platform-managed keys ({{encryptionType}}).",
      sv: "{{name}} krypteras med plattformshanterade nycklar ({{encryptionType}}).",
    },
    noEncryptionSet: {
      en: "{{name}} claims {{encryptionType}} but names no disk encryption set.",
      sv: "{{name}} anger {{encryptionType}} men ingen diskkrypteringsuppsättning.",
    },
  },
  evaluate({ inventory, each }, helpers) {
    return each([...inventory.all("disks"), ...inventory.all("diskSnapshots")], (r) => judge(r, helpers));
  },
  remediation: {
    summary: {
      en: "Create a disk encryption set that uses a key in a Key Vault or Managed HSM in an allowed region (with purge protection), grant its identity access to the key, and switch each disk and snapshot to it; a disk attached to a running VM must be detached or the VM deallocated first.",
      sv: "Skapa en diskkrypteringsuppsättning som använder en nyckel i ett nyckelvalv eller Managed HSM i en tillåten region (med rensningsskydd), ge dess identitet åtkomst till nyckeln och byt varje disk och ögonblicksbild till den; en disk som sitter på en körande virtuell dator måste kopplas loss eller datorn frigöras först.",
    },
    portal: {
      en: "Disk → Settings → Encryption → Key management: Customer-managed key → select the disk encryption set → Save.",
      sv: "Disk → Inställningar → Kryptering → Nyckelhantering: Kundhanterad nyckel → välj diskkrypteringsuppsättningen → Spara.",
    },
    cli: "az disk update -g <rg> -n <disk> --encryption-type EncryptionAtRestWithCustomerKey --disk-encryption-set <des-id>",
    bicep: "properties: { encryption: { type: 'EncryptionAtRestWithCustomerKey', diskEncryptionSetId: des.id } }",
  },
  references: [
    "https://learn.microsoft.com/azure/virtual-machines/disk-encryption",
    "https://learn.microsoft.com/azure/virtual-machines/disks-enable-customer-managed-keys-portal",
  ],
});
