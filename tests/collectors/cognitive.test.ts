/** Tests the Cognitive Services / Azure OpenAI collector against nock-recorded ARM answers. */
import { describe, expect, it } from "vitest";
import { cognitiveCollector } from "../../src/collectors/azure/cognitive.js";
import { ARM, SUB, SUB_ID, arm, armError, coverageSummary, forbidden, harness, notRegistered, requestPaths, requests, useNock } from "./helpers.js";

useNock();

const V = "2025-09-01";
const LIST = `${SUB_ID}/providers/Microsoft.CognitiveServices/accounts`;
const accountId = (name: string) => `${SUB_ID}/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/${name}`;

function account(name: string, kind: string, keySource: "Microsoft.KeyVault" | "Microsoft.CognitiveServices") {
  return {
    id: accountId(name),
    name,
    type: "Microsoft.CognitiveServices/accounts",
    location: "swedencentral",
    kind,
    sku: { name: "S0" },
    tags: { confidentiality: "2" },
    etag: '"0d00c3a1-0000-0c00-0000-6745f1a20000"',
    identity: { type: "SystemAssigned", principalId: "2b3c4d5e-6f70-4812-93a4-b5c6d7e8f901", tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47" },
    systemData: { createdBy: "ops@contoso.se", createdByType: "User", createdAt: "2025-01-15T10:00:00.000Z" },
    properties: {
      endpoint: `https://${name}.openai.azure.com/`,
      internalId: "a1b2c3d4e5f60718293a4b5c6d7e8f90",
      dateCreated: "2025-01-15T10:00:00.000Z",
      customSubDomainName: name,
      provisioningState: "Succeeded",
      publicNetworkAccess: "Disabled",
      networkAcls: { defaultAction: "Deny", virtualNetworkRules: [], ipRules: [] },
      encryption:
        keySource === "Microsoft.KeyVault"
          ? { keySource, keyVaultProperties: { keyName: "aikey", keyVersion: "0123456789abcdef0123456789abcdef", keyVaultUri: "https://kv-se-01.vault.azure.net/" } }
          : { keySource },
      disableLocalAuth: true,
      restrictOutboundNetworkAccess: false,
    },
  };
}

function deployment(acct: string, name: string, skuName: string, model: string, version: string) {
  return {
    id: `${accountId(acct)}/deployments/${name}`,
    name,
    type: "Microsoft.CognitiveServices/accounts/deployments",
    sku: { name: skuName, capacity: 50 },
    etag: '"1e11d4b2-0000-0c00-0000-6745f1a30000"',
    systemData: { createdBy: "ops@contoso.se", createdByType: "User", createdAt: "2025-02-01T09:00:00.000Z" },
    properties: {
      model: { format: "OpenAI", name: model, version },
      versionUpgradeOption: "OnceNewDefaultVersionAvailable",
      currentCapacity: 50,
      capabilities: { chatCompletion: "true" },
      provisioningState: "Succeeded",
      rateLimits: [{ key: "request", renewalPeriod: 10, count: 50 }],
      raiPolicyName: "Microsoft.DefaultV2",
    },
  };
}

describe("cognitiveCollector", () => {
  it("reads accounts and each account's deployments across pages, keeping sku.name raw", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(LIST)
      .query({ "api-version": V })
      .reply(200, { value: [account("oai-se-01", "OpenAI", "Microsoft.KeyVault")], nextLink: `${ARM}${LIST}?api-version=${V}&$skipToken=MQ` })
      .get(LIST)
      .query({ "api-version": V, $skipToken: "MQ" })
      .reply(200, { value: [account("lang-se-01", "TextAnalytics", "Microsoft.CognitiveServices")] });
    arm()
      .get(`${accountId("oai-se-01")}/deployments`)
      .query({ "api-version": V })
      .reply(200, {
        value: [deployment("oai-se-01", "gpt-4o", "GlobalStandard", "gpt-4o", "2024-11-20")],
        nextLink: `${ARM}${accountId("oai-se-01")}/deployments?api-version=${V}&$skipToken=Mg`,
      })
      .get(`${accountId("oai-se-01")}/deployments`)
      .query({ "api-version": V, $skipToken: "Mg" })
      .reply(200, { value: [deployment("oai-se-01", "embeddings", "Standard", "text-embedding-3-large", "1")] });
    // lang-se-01 (TextAnalytics) hosts no deployments: nothing is requested for it.

    await cognitiveCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    expect(sub.collections.cognitiveAccounts?.map((a) => [a.name, a.kind])).toEqual([
      ["oai-se-01", "OpenAI"],
      ["lang-se-01", "TextAnalytics"],
    ]);
    expect(sub.collections.cognitiveAccounts?.[0]?.properties?.encryption).toMatchObject({ keySource: "Microsoft.KeyVault" });
    expect(sub.collections.cognitiveDeployments?.map((d) => [d.name, d.sku?.name])).toEqual([
      ["gpt-4o", "GlobalStandard"],
      ["embeddings", "Standard"],
    ]);
    expect(snap.apiVersions).toMatchObject({ cognitiveAccounts: V, cognitiveDeployments: V });
  });

  it("records a 403 on one account's deployments; the other account's are still read", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(LIST)
      .query({ "api-version": V })
      .reply(200, { value: [account("oai-se-01", "OpenAI", "Microsoft.KeyVault"), account("ais-se-02", "AIServices", "Microsoft.CognitiveServices")] });
    arm()
      .get(`${accountId("oai-se-01")}/deployments`)
      .query({ "api-version": V })
      .reply(200, { value: [deployment("oai-se-01", "gpt-4o-mini", "DataZoneStandard", "gpt-4o-mini", "2024-07-18")] });
    arm()
      .get(`${accountId("ais-se-02")}/deployments`)
      .query({ "api-version": V })
      .reply(403, forbidden("Microsoft.CognitiveServices/accounts/deployments/read", accountId("ais-se-02")));

    await cognitiveCollector.collect(ctx, sub);

    expect(coverageSummary(snap)).toEqual([
      { scope: accountId("ais-se-02"), collection: "cognitiveDeployments", httpStatus: 403, code: "AuthorizationFailed" },
    ]);
    expect(sub.collections.cognitiveDeployments?.map((d) => d.sku?.name)).toEqual(["DataZoneStandard"]);
    expect(sub.collections.cognitiveAccounts).toHaveLength(2);
  });

  it("requests no deployments for a kind without any; a 400 or 404 from an OpenAI or AIServices account is a gap", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(LIST)
      .query({ "api-version": V })
      .reply(200, {
        value: [
          account("speech-se-01", "SpeechServices", "Microsoft.CognitiveServices"),
          account("fr-se-01", "FormRecognizer", "Microsoft.CognitiveServices"),
          // Kinds compare case-insensitively.
          account("oai-se-01", "openai", "Microsoft.KeyVault"),
          account("ais-se-02", "AIServices", "Microsoft.CognitiveServices"),
        ],
      });
    arm()
      .get(`${accountId("oai-se-01")}/deployments`)
      .query({ "api-version": V })
      .reply(400, armError("BadRequest", "The request is not supported for this account."));
    arm()
      .get(`${accountId("ais-se-02")}/deployments`)
      .query({ "api-version": V })
      .reply(404, armError("ResourceNotFound", `The Resource 'Microsoft.CognitiveServices/accounts/ais-se-02' under resource group 'rg-ai' was not found.`));

    await cognitiveCollector.collect(ctx, sub);

    expect(requestPaths().map((p) => p.split("?")[0])).toEqual([LIST, `${accountId("oai-se-01")}/deployments`, `${accountId("ais-se-02")}/deployments`]);
    expect(coverageSummary(snap)).toEqual([
      { scope: accountId("oai-se-01"), collection: "cognitiveDeployments", httpStatus: 400, code: "BadRequest" },
      { scope: accountId("ais-se-02"), collection: "cognitiveDeployments", httpStatus: 404, code: "ResourceNotFound" },
    ]);
    expect(sub.collections.cognitiveDeployments).toEqual([]);
  });

  it("a 404 on the account list is a gap (nothing stored); 409 MissingSubscriptionRegistration is an unregistered provider", async () => {
    const first = harness();
    arm().get(LIST).query({ "api-version": V }).reply(404, armError("NotFound", "Not found."));
    await cognitiveCollector.collect(first.ctx, first.sub);
    expect(first.snap.coverage).toEqual([
      {
        scope: SUB_ID,
        collection: "cognitiveAccounts",
        operation: `GET ${LIST}`,
        httpStatus: 404,
        code: "NotFound",
        message: "Not found.",
        permission: "Microsoft.CognitiveServices/accounts/read",
      },
    ]);
    expect(first.sub.collections).toEqual({});

    const second = harness();
    arm().get(LIST).query({ "api-version": V }).reply(409, notRegistered("Microsoft.CognitiveServices"));
    await cognitiveCollector.collect(second.ctx, second.sub);
    expect(second.snap.coverage).toEqual([]);
    expect(second.sub.collections).toEqual({ cognitiveAccounts: [], cognitiveDeployments: [] });
    expect(second.sub.notRegisteredProviders).toEqual(["Microsoft.CognitiveServices"]);
  });

  it("makes no request for an unregistered provider", async () => {
    const { ctx, sub } = harness();
    ctx.markNotRegistered(SUB, "Microsoft.CognitiveServices");
    await cognitiveCollector.collect(ctx, sub);
    expect(requests).toEqual([]);
    expect(sub.collections).toEqual({ cognitiveAccounts: [], cognitiveDeployments: [] });
  });

  it("retries a 429 with Retry-After: 0 on a deployments list and ends complete", async () => {
    const { ctx, snap, sub } = harness();
    arm().get(LIST).query({ "api-version": V }).reply(200, { value: [account("oai-se-01", "OpenAI", "Microsoft.KeyVault")] });
    arm()
      .get(`${accountId("oai-se-01")}/deployments`)
      .query({ "api-version": V })
      .reply(429, armError("TooManyRequests", "Too many requests."), { "Retry-After": "0" })
      .get(`${accountId("oai-se-01")}/deployments`)
      .query({ "api-version": V })
      .reply(200, { value: [deployment("oai-se-01", "gpt-4o", "Standard", "gpt-4o", "2024-11-20")] });

    await cognitiveCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    expect(sub.collections.cognitiveDeployments?.map((d) => d.name)).toEqual(["gpt-4o"]);
  });
});
