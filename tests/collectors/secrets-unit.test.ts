/**
 * stripSecrets on the shapes a secret takes in ARM answers, in-process: properties named as
 * secrets, key lists `{ keyName, value }`, connection strings and SAS URLs in any property or list,
 * and the maps whose keys are free text (tags) or only metadata about keys, which stay as they are.
 */
import { describe, expect, it } from "vitest";
import { isSecretValue, SECRET_MARKER, stripSecrets } from "../../src/collectors/secrets.js";

const M = SECRET_MARKER;

describe("isSecretValue", () => {
  it("connection strings with a key, password or signature, and URLs or queries carrying sig=", () => {
    expect(isSecretValue("DefaultEndpointsProtocol=https;AccountName=stsocial;AccountKey=bXlrZXk=")).toBe(true);
    expect(isSecretValue("Endpoint=sb://ns.servicebus.windows.net/; SharedAccessKeyName=root;SharedAccessKey=abc=")).toBe(true);
    expect(isSecretValue("password=hemligt")).toBe(true);
    expect(isSecretValue("Server=tcp:sql1.database.windows.net;Pwd = x")).toBe(true);
    expect(isSecretValue("https://stsocial.blob.core.windows.net/arkiv?sv=2022-11-02&sig=abc%3D")).toBe(true);
    expect(isSecretValue("?sig=abc")).toBe(true);
    expect(isSecretValue("sv=2022-11-02&ss=b&sig=abc")).toBe(false);
    expect(isSecretValue("DefaultEndpointsProtocol=https;AccountName=stsocial;EndpointSuffix=core.windows.net")).toBe(false);
    expect(isSecretValue("MyAccountKey=x")).toBe(false);
    expect(isSecretValue("https://stsocial.blob.core.windows.net/arkiv?sv=2022-11-02&signature=x")).toBe(false);
    expect(isSecretValue("AccountKey")).toBe(false);
  });
});

describe("stripSecrets", () => {
  it("a key list (shape of Storage listKeys, azure-rest-api-specs specification/storage/resource-manager/Microsoft.Storage/stable/2023-05-01/examples/StorageAccountListKeys.json)", () => {
    const item = { id: "/x", keys: [{ keyName: "key1", value: "bXlrZXkx", permissions: "FULL" }, { keyName: "key2", value: "bXlrZXky", permissions: "FULL" }] };
    expect(stripSecrets([item])).toStrictEqual([{ id: "/x", keys: [{ keyName: "key1", value: M, permissions: "FULL" }, { keyName: "key2", value: M, permissions: "FULL" }] }]);
  });

  it("properties named as secrets, whatever their casing, and a list of them, are replaced whole", () => {
    const item = { properties: { PrimaryKey: "k1", administratorLoginPassword: "pw", connectionStrings: [{ name: "db", connectionString: "Server=x" }], password: null, sasToken: undefined } };
    expect(stripSecrets([item])).toStrictEqual([{ properties: { PrimaryKey: M, administratorLoginPassword: M, connectionStrings: M, password: null, sasToken: undefined } }]);
  });

  it("an object under a secret name keeps its shape, only its value is removed", () => {
    const item = { properties: { customData: { value: "c2VjcmV0", type: "Base64" } } };
    expect(stripSecrets([item])).toStrictEqual([{ properties: { customData: { value: M, type: "Base64" } } }]);
  });

  it("a connection string or SAS URL in any property or list is removed; other text stays", () => {
    const item = {
      properties: {
        appSettings: ["WEBSITE_RUN_FROM_PACKAGE=1", "AzureWebJobsStorage=DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc="],
        packageUri: "https://st.blob.core.windows.net/p/app.zip?sv=2022-11-02&sig=abc",
        nested: [{ uri: "https://st.blob.core.windows.net/p/app.zip?sv=2022-11-02&sig=abc", name: "kept" }, 3, null],
        value: "not a key list's value",
      },
    };
    expect(stripSecrets([item])).toStrictEqual([
      { properties: { appSettings: ["WEBSITE_RUN_FROM_PACKAGE=1", M], packageUri: M, nested: [{ uri: M, name: "kept" }, 3, null], value: "not a key list's value" } },
    ]);
  });

  it("tags and metadata about keys are not secrets, even when named like them", () => {
    const item = {
      tags: { password: "rotated-2026-11", key1: "owner" },
      properties: { keyCreationTime: { key1: "2026-01-02T03:04:05Z", key2: "2026-01-02T03:04:05Z" }, keysMetadata: { primaryMasterKey: { generationTime: "2026-01-02T03:04:05Z" } } },
      identity: { userAssignedIdentities: { "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/password": { principalId: "p" } } },
    };
    const copy = structuredClone(item);
    expect(stripSecrets([item])).toStrictEqual([copy]);
  });

  it("a secret-looking value inside a tag is still removed", () => {
    expect(stripSecrets([{ tags: { note: "AccountKey=abc=" } }])).toStrictEqual([{ tags: { note: M } }]);
  });

  it("an item's own top-level fields are judged like nested ones; null and primitive items pass untouched", () => {
    expect(stripSecrets([{ id: "/x", primaryKey: "k1", value: "plain text" }, null, "text", 3])).toStrictEqual([{ id: "/x", primaryKey: M, value: "plain text" }, null, "text", 3]);
  });
});
