import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import { failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { listedVirtualNetwork } from "../../../tests/fixtures/resources.js";
import { storageAccount } from "../../../tests/fixtures/storage.js";
import { failure, makeSnapshot, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const cmk = { properties: { encryption: { keySource: "Microsoft.Keyvault", keyvaultproperties: { keyvaulturi: "https://kv-exk.vault.azure.net/", keyname: "cmk" } } } };
const snap = (...accounts: ReturnType<typeof storageAccount>[]) => makeSnapshot({ subscriptions: [{ collections: { storageAccounts: accounts } }] });

// The storage list forbidden in SUB2: what its generic resource list shows there decides what is named.
const sacmk = storageAccount("sacmk", cmk);
const saArkiv = storageAccount("sa-arkiv", { sku: { name: "Standard_GRS", tier: "Standard" } }, "rg-app", SUB2);
const saHemlig = storageAccount("sa-hemlig", { tags: { Confidentiality: "3" } }, "rg-app", SUB2);
const vnet = listedVirtualNetwork("vnet-sub2", "swedencentral", "rg-net", SUB2);
const namedInSub2 = failedInSub2({ read: { storageAccounts: [sacmk] }, failed: ["storageAccounts"], unseen: [saArkiv, saHemlig, vnet] });
const noneInSub2 = failedInSub2({ read: { storageAccounts: [sacmk] }, failed: ["storageAccounts"], unseen: [vnet] });
const genericFailedInSub2 = failedInSub2({ read: { storageAccounts: [sacmk] }, failed: ["storageAccounts"], unseen: "failed" });

ruleTester(rule, {
  valid: [
    { name: "key from Key Vault", snapshot: snap(storageAccount("sacmk", cmk)) },
    {
      name: "exact message and evidence of a customer key",
      snapshot: snap(storageAccount("sacmk", cmk)),
      results: [
        {
          status: "pass",
          message: "sacmk encrypts with a customer-managed key.",
          evidence: [{ path: "properties.encryption.keySource", actual: "Microsoft.Keyvault", expected: "Microsoft.Keyvault" }],
        },
      ],
    },
    { name: "key source in other casing", snapshot: snap(storageAccount("sacase", { properties: { encryption: { keySource: "microsoft.keyvault" } } })) },
    { name: "no storage accounts", snapshot: snap(), results: [] },
    {
      name: "storage list forbidden in SUB2 whose generic list shows no storage account: nothing there to judge",
      snapshot: noneInSub2,
      results: [{ status: "pass", messageId: "customerKey", resource: "sacmk" }],
    },
  ],
  invalid: [
    {
      name: "platform key",
      snapshot: snap(storageAccount("saplat"), storageAccount("sacmk", cmk)),
      results: [
        {
          status: "fail",
          messageId: "platformKey",
          resource: "saplat",
          severity: "medium",
          message: "saplat encrypts with Microsoft-managed keys (Microsoft.Storage).",
          messageSv: "saplat krypterar med Microsofts nycklar (Microsoft.Storage).",
          evidence: [{ path: "properties.encryption.keySource", actual: "Microsoft.Storage", expected: "Microsoft.Keyvault" }],
        },
        { status: "pass", messageId: "customerKey", resource: "sacmk" },
      ],
    },
    {
      name: "severity follows an inherited level 3",
      snapshot: makeSnapshot({ subscriptions: [{ tags: { Confidentiality: "3" }, collections: { storageAccounts: [storageAccount("sasecret")] } }] }),
      results: [{ status: "fail", messageId: "platformKey", resource: "sasecret", severity: "high" }],
    },
  ],
  notAssessed: [
    {
      name: "storage list forbidden in SUB2: each account its generic list shows is named, severity from its tags",
      snapshot: namedInSub2,
      results: [
        { status: "pass", messageId: "customerKey", resource: "sacmk" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "sa-arkiv", severity: "medium" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "sa-hemlig", severity: "high" },
      ],
    },
    {
      name: "storage list and generic list forbidden in SUB2: one result on the subscription",
      snapshot: genericFailedInSub2,
      results: [
        { status: "pass", messageId: "customerKey", resource: "sacmk" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2, severity: "medium" },
      ],
    },
    {
      name: "a failure scope covering an account that was partly read",
      snapshot: makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [storageAccount("sacmk", cmk)] } }], coverage: [failure("storageAccounts", `/subscriptions/${SUB}`)] }),
      results: [{ status: "not-assessed", resource: "sacmk" }],
    },
  ],
  missingProperty: [
    {
      name: "keySource absent means Microsoft.Storage",
      snapshot: snap(storageAccount("sanokey", { properties: { encryption: { keySource: undefined } } })),
      results: [
        {
          status: "fail",
          messageId: "platformKey",
          resource: "sanokey",
          message: "sanokey encrypts with Microsoft-managed keys (Microsoft.Storage).",
          evidence: [{ path: "properties.encryption.keySource", expected: "Microsoft.Keyvault", defaulted: true }],
        },
      ],
    },
    {
      name: "encryption absent",
      snapshot: snap(storageAccount("sanoenc", { properties: { encryption: undefined } })),
      results: [{ status: "fail", messageId: "platformKey", resource: "sanoenc" }],
    },
  ],
});

describe("ENC-01 targets a failed storage list leaves unjudged", () => {
  it("names each account of SUB2's generic list with the failed read; the vnet and SUB's account are untouched", () => {
    const fs = findingsOf(rule, namedInSub2);
    expect(lines(fs)).toEqual(
      [
        verdict("pass", sacmk.id, "medium", "customerKey"),
        forbidden(saArkiv.id, "storageAccounts", "medium"),
        forbidden(saHemlig.id, "storageAccounts", "high"),
      ].sort(),
    );
    const arkiv = fs.find((f) => f.resourceId === saArkiv.id);
    expect(arkiv).toMatchObject({ resourceName: "sa-arkiv", resourceType: "Microsoft.Storage/storageAccounts", subscriptionId: SUB2, location: "swedencentral" });
    expect(arkiv?.message.en).toBe("sa-arkiv was not assessed: storageAccounts could not be read (AuthorizationFailed, HTTP 403).");
  });
  it("gives the subscription one result when its generic list failed too", () => {
    expect(lines(findingsOf(rule, genericFailedInSub2))).toEqual(
      [verdict("pass", sacmk.id, "medium", "customerKey"), forbidden(`/subscriptions/${SUB2}`, "storageAccounts", "medium")].sort(),
    );
  });
});
