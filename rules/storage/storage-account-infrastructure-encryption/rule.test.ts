/** Table tests for ENC-05 storage-account-infrastructure-encryption (level-3 storage accounts only). */
import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import { defaultConfig, runRules } from "../../../src/index.js";
import { failedInSub, failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { makeSnapshot, resourceGroup, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { storageAccount } from "../../../tests/fixtures/storage.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const double = { properties: { encryption: { requireInfrastructureEncryption: true } } };
const l3 = { tags: { confidentiality: "3" } };
const PATH = "properties.encryption.requireInfrastructureEncryption";
const appliesAt = (label: string) => ({ path: "classification", actual: label, expected: { en: "level 3 or above: this rule applies", sv: "nivå 3 eller högre: regeln gäller" } });
const snap = (...accounts: ReturnType<typeof storageAccount>[]) => makeSnapshot({ subscriptions: [{ collections: { storageAccounts: accounts } }] });

// The storage list forbidden in SUB2: only the accounts its generic list shows at level 3 or above are named.
const sahemlig = storageAccount("sahemlig", { ...double, ...l3 });
const rgHemlig = resourceGroup("rg-hemlig", "swedencentral", { Confidentiality: "3" }, SUB2);
const saL3 = storageAccount("sa-l3", l3, "rg-app", SUB2);
const saSkydd = storageAccount("sa-skydd", { tags: { Konfidentialitet: "Säkerhetsskydd" } }, "rg-app", SUB2);
const saRg3 = storageAccount("sa-rg3", {}, "rg-hemlig", SUB2);
const saL2 = storageAccount("sa-l2", { tags: { confidentiality: "2" } }, "rg-app", SUB2);
const saNone = storageAccount("sa-none", {}, "rg-app", SUB2);
const sub2Groups = { resourceGroups: [resourceGroup("rg-app", "swedencentral", {}, SUB2), rgHemlig] };
const namedInSub2 = failedInSub2({ read: { storageAccounts: [sahemlig] }, failed: ["storageAccounts"], sub2: sub2Groups, unseen: [saL3, saSkydd, saRg3, saL2, saNone] });
const subTaggedL3 = failedInSub2({ read: { storageAccounts: [sahemlig] }, failed: ["storageAccounts"], sub2Tags: { konfidentialitet: "3" }, unseen: [saNone] });
const groupsUnread = failedInSub2({ read: { storageAccounts: [sahemlig] }, failed: ["storageAccounts", "resourceGroups"], unseen: [saL2, saNone] });
const genericFailedInSub2 = failedInSub2({ read: { storageAccounts: [sahemlig] }, failed: ["storageAccounts"], unseen: "failed" });

ruleTester(rule, {
  valid: [
    { name: "level 3 with infrastructure encryption", snapshot: snap(storageAccount("sahemlig", { ...double, ...l3 })) },
    {
      name: "exact message and evidence of a double-encrypted level 3 account",
      snapshot: snap(storageAccount("sahemlig", { ...double, ...l3 })),
      results: [
        {
          status: "pass",
          message: "sahemlig holds level 3 information and uses infrastructure encryption.",
          messageSv: "sahemlig innehåller information på nivå 3 och använder infrastrukturkryptering.",
          evidence: [{ path: PATH, actual: true, expected: true }, appliesAt("3")],
        },
      ],
    },
    { name: "sakerhetsskydd ranks above 3", snapshot: snap(storageAccount("saskydd", { ...double, tags: { CONFIDENTIALITY: "Sakerhetsskydd" } })) },
    { name: "level inherited from the subscription, alias tag key", snapshot: makeSnapshot({ subscriptions: [{ tags: { konfidentialitet: "3" }, collections: { storageAccounts: [storageAccount("saarv", double)] } }] }) },
    { name: "levels 0-2 and unclassified get no result", snapshot: snap(storageAccount("sapub", { tags: { confidentiality: "0" } }), storageAccount("saint", { tags: { confidentiality: "2" } }), storageAccount("sanone")), results: [] },
    { name: "empty tenant", snapshot: snap(), results: [] },
    {
      name: "storage list forbidden where the generic list shows only accounts below level 3: nothing to judge",
      snapshot: failedInSub({ failed: ["storageAccounts"], unseen: [storageAccount("sapub", { tags: { confidentiality: "0" } }), storageAccount("sanone")] }),
      results: [],
    },
    {
      name: "storage list forbidden in SUB2 whose generic list shows no account: nothing there to judge",
      snapshot: failedInSub2({ read: { storageAccounts: [sahemlig] }, failed: ["storageAccounts"], unseen: [] }),
      results: [{ status: "pass", messageId: "doubleEncrypted", resource: "sahemlig" }],
    },
  ],
  invalid: [
    {
      name: "level 3 without infrastructure encryption; level 2 ignored",
      snapshot: snap(storageAccount("sahemlig", l3), storageAccount("saint", { tags: { confidentiality: "2" } })),
      results: [{ status: "fail", messageId: "singleEncrypted", resource: "sahemlig", severity: "medium" }],
    },
    {
      name: "level 3 from the resource group, setting false",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { resourceGroups: [resourceGroup("rg-app", "swedencentral", { Confidentiality: "3" })], storageAccounts: [storageAccount("sarg")] } }],
      }),
      results: [
        {
          status: "fail",
          messageId: "singleEncrypted",
          resource: "sarg",
          message: "sarg holds level 3 information without infrastructure encryption.",
          evidence: [{ path: PATH, actual: false, expected: true }, appliesAt("3")],
        },
      ],
    },
    {
      name: "the default level raised to 3 by configuration",
      snapshot: snap(storageAccount("sanone")),
      config: (c) => {
        c.classification.defaultLevel = 3;
      },
      results: [{ status: "fail", messageId: "singleEncrypted", resource: "sanone" }],
    },
  ],
  notAssessed: [
    {
      name: "storage list forbidden in SUB2: the listed accounts at level 3 or above by own or resource-group tag are named",
      snapshot: namedInSub2,
      results: [
        { status: "pass", messageId: "doubleEncrypted", resource: "sahemlig" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "sa-l3", severity: "medium" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "sa-skydd", severity: "medium" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "sa-rg3", severity: "medium" },
      ],
    },
    {
      name: "storage list forbidden in a SUB2 tagged level 3: an untagged listed account inherits it and is named",
      snapshot: subTaggedL3,
      results: [
        { status: "pass", messageId: "doubleEncrypted", resource: "sahemlig" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "sa-none" },
      ],
    },
    {
      name: "storage and resource-group lists forbidden in SUB2: an account without its own tag could be level 3 and is named",
      snapshot: groupsUnread,
      results: [
        { status: "pass", messageId: "doubleEncrypted", resource: "sahemlig" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "sa-none" },
      ],
    },
    {
      name: "storage list and generic list forbidden in SUB2: one result on the subscription",
      snapshot: genericFailedInSub2,
      results: [
        { status: "pass", messageId: "doubleEncrypted", resource: "sahemlig" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
  ],
  missingProperty: [
    {
      name: "requireInfrastructureEncryption absent means false",
      snapshot: snap(storageAccount("saold", { ...l3, properties: { encryption: { requireInfrastructureEncryption: undefined } } })),
      results: [{ status: "fail", messageId: "singleEncrypted", resource: "saold", evidence: [{ path: PATH, expected: true, defaulted: true }, appliesAt("3")] }],
    },
  ],
});

describe("ENC-05 evidence", () => {
  it("names the level and marks the default", () => {
    const [f] = runRules(snap(storageAccount("saold", { ...l3, properties: { encryption: undefined } })), [rule], { config: defaultConfig(), now: new Date() }).findings;
    expect(f?.evidence?.[0]).toMatchObject({ path: "properties.encryption.requireInfrastructureEncryption", defaulted: true, expected: true });
    expect(f?.message.en).toBe("saold holds level 3 information without infrastructure encryption.");
    expect(f?.severity).toBe("medium");
  });
});

describe("ENC-05 targets a failed storage list leaves unjudged", () => {
  it("names only the listed accounts classified level 3 or above", () => {
    expect(lines(findingsOf(rule, namedInSub2))).toEqual(
      [
        verdict("pass", sahemlig.id, "medium", "doubleEncrypted"),
        forbidden(saL3.id, "storageAccounts", "medium"),
        forbidden(saSkydd.id, "storageAccounts", "medium"),
        forbidden(saRg3.id, "storageAccounts", "medium"),
      ].sort(),
    );
  });
  it("follows the subscription's tag", () => {
    expect(lines(findingsOf(rule, subTaggedL3))).toEqual([verdict("pass", sahemlig.id, "medium", "doubleEncrypted"), forbidden(saNone.id, "storageAccounts", "medium")].sort());
  });
  it("treats an account whose resource group could not be read as possibly level 3, unless its own tag says otherwise", () => {
    expect(lines(findingsOf(rule, groupsUnread))).toEqual([verdict("pass", sahemlig.id, "medium", "doubleEncrypted"), forbidden(saNone.id, "storageAccounts", "medium")].sort());
  });
  it("gives the subscription one result when its generic list failed too", () => {
    expect(lines(findingsOf(rule, genericFailedInSub2))).toEqual([verdict("pass", sahemlig.id, "medium", "doubleEncrypted"), forbidden(`/subscriptions/${SUB2}`, "storageAccounts", "medium")].sort());
  });
});
