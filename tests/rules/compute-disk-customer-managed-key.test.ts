/** Table tests for ENC-04 compute-disk-customer-managed-key (managed disks and disk snapshots). */
import { describe, expect, it } from "vitest";
import rule from "../../rules/compute/compute-disk-customer-managed-key.js";
import { defaultConfig, runRules } from "../../src/index.js";
import { customerKeyEncryption, disk, diskEncryptionSet, diskSnapshot } from "../fixtures/disks.js";
import { failure, makeSnapshot, SUB } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";

const des = diskEncryptionSet("des-prod");
const snap = (disks: ReturnType<typeof disk>[] = [], snapshots: ReturnType<typeof disk>[] = []) =>
  makeSnapshot({ subscriptions: [{ collections: { disks, diskSnapshots: snapshots, diskEncryptionSets: [des] } }] });

ruleTester(rule, {
  valid: [
    { name: "disk and snapshot with a customer key", snapshot: snap([disk("disk-data01", customerKeyEncryption(des))], [diskSnapshot("snap-data01", customerKeyEncryption(des))]) },
    { name: "double encryption with platform and customer keys", snapshot: snap([disk("disk-data02", customerKeyEncryption(des, "EncryptionAtRestWithPlatformAndCustomerKeys"))]) },
    { name: "encryption type in other casing", snapshot: snap([disk("disk-data03", customerKeyEncryption(des, "encryptionatrestwithcustomerkey"))]) },
    { name: "empty tenant", snapshot: snap(), results: [] },
  ],
  invalid: [
    {
      name: "platform key on a disk and a snapshot",
      snapshot: snap([disk("disk-os01"), disk("disk-data01", customerKeyEncryption(des))], [diskSnapshot("snap-os01")]),
      results: [
        { status: "fail", messageId: "platformKey", resource: "disk-os01", severity: "medium" },
        { status: "pass", messageId: "customerKey", resource: "disk-data01" },
        { status: "fail", messageId: "platformKey", resource: "snap-os01" },
      ],
    },
    {
      name: "customer-key type without an encryption set",
      snapshot: snap([disk("disk-odd", { properties: { encryption: { type: "EncryptionAtRestWithCustomerKey" } } })]),
      results: [{ status: "fail", messageId: "noEncryptionSet", resource: "disk-odd" }],
    },
    {
      name: "severity follows a level-0 tag",
      snapshot: snap([disk("disk-public", { tags: { confidentiality: "0" } })]),
      results: [{ status: "fail", messageId: "platformKey", resource: "disk-public", severity: "low" }],
    },
  ],
  notAssessed: [
    {
      name: "snapshot list forbidden: the whole subscription is blinded for this rule",
      snapshot: makeSnapshot({ subscriptions: [{ collections: { disks: [disk("disk-data01", customerKeyEncryption(des))] } }], coverage: [failure("diskSnapshots", `/subscriptions/${SUB}`)] }),
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: "disk-data01" }],
    },
    {
      name: "disk list forbidden with nothing read",
      snapshot: makeSnapshot({ subscriptions: [{ collections: {} }], coverage: [failure("disks", `/subscriptions/${SUB}`)] }),
      results: [{ status: "not-assessed", resource: SUB }],
    },
  ],
  missingProperty: [
    {
      name: "encryption.type absent means platform key",
      snapshot: snap([disk("disk-old", { properties: { encryption: { type: undefined } } })], [diskSnapshot("snap-old", { properties: { encryption: undefined } })]),
      results: [
        { status: "fail", messageId: "platformKey", resource: "disk-old" },
        { status: "fail", messageId: "platformKey", resource: "snap-old" },
      ],
    },
  ],
});

describe("ENC-04 evidence", () => {
  it("records the defaulted type and the encryption set", () => {
    const fs = runRules(snap([disk("disk-old", { properties: { encryption: undefined } }), disk("disk-data01", customerKeyEncryption(des))]), [rule], { config: defaultConfig(), now: new Date() }).findings;
    const old = fs.find((f) => f.resourceName === "disk-old");
    expect(old?.evidence?.[0]).toMatchObject({ path: "properties.encryption.type", defaulted: true });
    expect(old?.message.en).toBe("disk-old encrypts with platform-managed keys (EncryptionAtRestWithPlatformKey).");
    const good = fs.find((f) => f.resourceName === "disk-data01");
    expect(good?.evidence?.[1]).toMatchObject({ path: "properties.encryption.diskEncryptionSetId", actual: des.id });
  });
});
