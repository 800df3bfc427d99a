import rule from "../../rules/storage/storage-account-customer-managed-key.js";
import { storageAccount } from "../fixtures/storage.js";
import { failure, makeSnapshot, SUB, SUB2 } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";

const cmk = { properties: { encryption: { keySource: "Microsoft.Keyvault", keyvaultproperties: { keyvaulturi: "https://kv-exk.vault.azure.net/", keyname: "cmk" } } } };
const snap = (...accounts: ReturnType<typeof storageAccount>[]) => makeSnapshot({ subscriptions: [{ collections: { storageAccounts: accounts } }] });

ruleTester(rule, {
  valid: [
    { name: "key from Key Vault", snapshot: snap(storageAccount("sacmk", cmk)) },
    { name: "key source in other casing", snapshot: snap(storageAccount("sacase", { properties: { encryption: { keySource: "microsoft.keyvault" } } })) },
    { name: "no storage accounts", snapshot: snap(), results: [] },
  ],
  invalid: [
    {
      name: "platform key",
      snapshot: snap(storageAccount("saplat"), storageAccount("sacmk", cmk)),
      results: [
        { status: "fail", messageId: "platformKey", resource: "saplat", severity: "medium" },
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
      name: "storage list forbidden in one of two subscriptions",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { storageAccounts: [storageAccount("sacmk", cmk)] } }, { subscriptionId: SUB2, collections: {} }],
        coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`)],
      }),
      results: [
        { status: "pass", resource: "sacmk" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
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
      results: [{ status: "fail", messageId: "platformKey", resource: "sanokey" }],
    },
    {
      name: "encryption absent",
      snapshot: snap(storageAccount("sanoenc", { properties: { encryption: undefined } })),
      results: [{ status: "fail", messageId: "platformKey", resource: "sanoenc" }],
    },
  ],
});
