/** Table tests for ENC-04 compute-disk-customer-managed-key (managed disks and disk snapshots). */
import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import { defaultConfig, runRules } from "../../../src/index.js";
import { failedInSub, failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { customerKeyEncryption, disk, diskEncryptionSet, diskSnapshot } from "../../../tests/fixtures/disks.js";
import { makeSnapshot, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const des = diskEncryptionSet("des-prod");
const TYPES = { en: "EncryptionAtRestWithCustomerKey or EncryptionAtRestWithPlatformAndCustomerKeys", sv: "EncryptionAtRestWithCustomerKey eller EncryptionAtRestWithPlatformAndCustomerKeys" };
const typeEvidence = (actual?: string) => ({ path: "properties.encryption.type", actual, expected: TYPES, ...(actual === undefined ? { defaulted: true } : {}) });
const setEvidence = (actual?: string) => ({ path: "properties.encryption.diskEncryptionSetId", actual, expected: { en: "a disk encryption set", sv: "en diskkrypteringsuppsättning (disk encryption set)" } });
const snap = (disks: ReturnType<typeof disk>[] = [], snapshots: ReturnType<typeof disk>[] = []) =>
  makeSnapshot({ subscriptions: [{ collections: { disks, diskSnapshots: snapshots, diskEncryptionSets: [des] } }] });

// Failed disk or snapshot lists: what the generic resource list shows decides what is named.
const cmkDisk = disk("disk-data01", customerKeyEncryption(des));
const nightly = diskSnapshot("snap-nightly", { tags: { confidentiality: "3" } });
const snapshotsForbidden = failedInSub({ read: { disks: [cmkDisk], diskEncryptionSets: [des] }, failed: ["diskSnapshots"], unseen: [nightly] });
const disk2 = disk("disk-os02", {}, "rg-app", SUB2);
const snap2 = diskSnapshot("snap-os02", {}, "rg-app", SUB2);
const disksForbiddenInSub2 = failedInSub2({ read: { disks: [cmkDisk], diskSnapshots: [], diskEncryptionSets: [des] }, failed: ["disks"], sub2: { diskSnapshots: [snap2] }, unseen: [disk2] });
const disksAndGenericForbidden = failedInSub({ read: { diskSnapshots: [] }, failed: ["disks"], unseen: "failed" });

ruleTester(rule, {
  valid: [
    { name: "disk and snapshot with a customer key", snapshot: snap([disk("disk-data01", customerKeyEncryption(des))], [diskSnapshot("snap-data01", customerKeyEncryption(des))]) },
    {
      name: "exact messages and evidence of a disk and a snapshot with a customer key",
      snapshot: snap([disk("disk-data01", customerKeyEncryption(des))], [diskSnapshot("snap-data01", customerKeyEncryption(des))]),
      results: [
        {
          status: "pass",
          resource: "disk-data01",
          message: "disk-data01 encrypts with a customer-managed key through a disk encryption set (EncryptionAtRestWithCustomerKey).",
          evidence: [typeEvidence("EncryptionAtRestWithCustomerKey"), setEvidence(des.id)],
        },
        { status: "pass", resource: "snap-data01", message: "snap-data01 encrypts with a customer-managed key through a disk encryption set (EncryptionAtRestWithCustomerKey)." },
      ],
    },
    { name: "double encryption with platform and customer keys", snapshot: snap([disk("disk-data02", customerKeyEncryption(des, "EncryptionAtRestWithPlatformAndCustomerKeys"))]) },
    { name: "encryption type in other casing", snapshot: snap([disk("disk-data03", customerKeyEncryption(des, "encryptionatrestwithcustomerkey"))]) },
    { name: "empty tenant", snapshot: snap(), results: [] },
    {
      name: "disk list forbidden where the generic list shows no disk: nothing to judge",
      snapshot: failedInSub({ read: { diskSnapshots: [], diskEncryptionSets: [des] }, failed: ["disks"], unseen: [] }),
      results: [],
    },
  ],
  invalid: [
    {
      name: "platform key on a disk and a snapshot",
      snapshot: snap([disk("disk-os01"), disk("disk-data01", customerKeyEncryption(des))], [diskSnapshot("snap-os01")]),
      results: [
        {
          status: "fail",
          messageId: "platformKey",
          resource: "disk-os01",
          severity: "medium",
          message: "disk-os01 encrypts with platform-managed keys (EncryptionAtRestWithPlatformKey).",
          evidence: [typeEvidence("EncryptionAtRestWithPlatformKey")],
        },
        { status: "pass", messageId: "customerKey", resource: "disk-data01" },
        { status: "fail", messageId: "platformKey", resource: "snap-os01" },
      ],
    },
    {
      name: "customer-key type without an encryption set",
      snapshot: snap([disk("disk-odd", { properties: { encryption: { type: "EncryptionAtRestWithCustomerKey" } } })]),
      results: [
        {
          status: "fail",
          messageId: "noEncryptionSet",
          resource: "disk-odd",
          message: "disk-odd claims EncryptionAtRestWithCustomerKey but names no disk encryption set.",
          messageSv: "disk-odd anger EncryptionAtRestWithCustomerKey men ingen diskkrypteringsuppsättning.",
          evidence: [typeEvidence("EncryptionAtRestWithCustomerKey"), setEvidence(undefined)],
        },
      ],
    },
    {
      name: "customer-key type with an empty encryption set id",
      snapshot: snap([disk("disk-empty", { properties: { encryption: { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: "" } } })]),
      results: [{ status: "fail", messageId: "noEncryptionSet", resource: "disk-empty" }],
    },
    {
      name: "severity follows a level-0 tag",
      snapshot: snap([disk("disk-public", { tags: { confidentiality: "0" } })]),
      results: [{ status: "fail", messageId: "platformKey", resource: "disk-public", severity: "low" }],
    },
  ],
  notAssessed: [
    {
      name: "snapshot list forbidden: the disk keeps its verdict, the snapshot the generic list shows is named",
      snapshot: snapshotsForbidden,
      results: [
        { status: "pass", messageId: "customerKey", resource: "disk-data01" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "snap-nightly", severity: "high" },
      ],
    },
    {
      name: "disk list forbidden in SUB2: its listed disk is named, its read snapshot judged",
      snapshot: disksForbiddenInSub2,
      results: [
        { status: "pass", messageId: "customerKey", resource: "disk-data01" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "disk-os02", severity: "medium" },
        { status: "fail", messageId: "platformKey", resource: "snap-os02", severity: "medium" },
      ],
    },
    {
      name: "disk list and generic list forbidden with nothing read: one result on the subscription",
      snapshot: disksAndGenericForbidden,
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: SUB }],
    },
  ],
  missingProperty: [
    {
      name: "encryption.type absent means platform key",
      snapshot: snap([disk("disk-old", { properties: { encryption: { type: undefined } } })], [diskSnapshot("snap-old", { properties: { encryption: undefined } })]),
      results: [
        { status: "fail", messageId: "platformKey", resource: "disk-old", message: "disk-old encrypts with platform-managed keys (EncryptionAtRestWithPlatformKey).", evidence: [typeEvidence(undefined)] },
        { status: "fail", messageId: "platformKey", resource: "snap-old", message: "snap-old encrypts with platform-managed keys (EncryptionAtRestWithPlatformKey).", evidence: [typeEvidence(undefined)] },
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

describe("ENC-04 targets a failed disk or snapshot list leaves unjudged", () => {
  it("names the snapshot the generic list shows, not the disk that was read", () => {
    expect(lines(findingsOf(rule, snapshotsForbidden))).toEqual(
      [verdict("pass", cmkDisk.id, "medium", "customerKey"), forbidden(nightly.id, "diskSnapshots", "high", { scope: `/subscriptions/${SUB}` })].sort(),
    );
  });
  it("names only the disks in SUB2, where the snapshot list was read", () => {
    expect(lines(findingsOf(rule, disksForbiddenInSub2))).toEqual(
      [verdict("pass", cmkDisk.id, "medium", "customerKey"), forbidden(disk2.id, "disks", "medium"), verdict("fail", snap2.id, "medium", "platformKey")].sort(),
    );
  });
  it("gives the subscription one result when its generic list failed too", () => {
    expect(lines(findingsOf(rule, disksAndGenericForbidden))).toEqual([forbidden(`/subscriptions/${SUB}`, "disks", "medium", { scope: `/subscriptions/${SUB}` })]);
  });
});
