/** Tests the container registry collector (registries and replications) against nock-recorded ARM answers. */
import { describe, expect, it } from "vitest";
import { containerRegistryPayload, registryReplication } from "../../src/builders/arm.js";
import { merge } from "../../src/builders/merge.js";
import { containerRegistryCollector } from "../../src/collectors/azure/container-registry.js";
import { ARM, SUB, SUB_ID, arm, armError, coverageSummary, forbidden, harness, notRegistered, requestPaths, requests, useNock } from "./helpers.js";

useNock();

const V = "2025-11-01";
const LIST = `${SUB_ID}/providers/Microsoft.ContainerRegistry/registries`;
const registryId = (name: string) => `${SUB_ID}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/${name}`;
const replicationsPath = (name: string) => `${registryId(name)}/replications`;

function registry(name: string, tier: "Basic" | "Standard" | "Premium", skuName: string = tier) {
  const base = containerRegistryPayload({ rg: { sub: SUB, name: "rg-acr", location: "swedencentral" }, name, location: "swedencentral", created: "2025-01-01T00:00:00.000Z", tags: { confidentiality: "1" } });
  return merge(base, {
    sku: { name: skuName, tier: skuName },
    systemData: { createdBy: "ops@contoso.se", lastModifiedBy: undefined, lastModifiedByType: undefined, lastModifiedAt: undefined },
    properties: {
      ...(tier === "Premium" ? { networkRuleSet: { defaultAction: "Deny", ipRules: [] } } : {}),
      publicNetworkAccess: tier === "Premium" ? "Disabled" : "Enabled",
    },
  });
}

function replication(reg: string, location: string) {
  return merge(registryReplication(registryId(reg), location, "2025-01-01T00:05:00.000Z"), {
    systemData: undefined,
    properties: { status: { message: "The replication is ready." } },
  });
}

describe("containerRegistryCollector", () => {
  it("reads registries and a Premium registry's replications over two pages; a Basic or Standard registry's are not requested", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(LIST)
      .query({ "api-version": V })
      .reply(200, { value: [registry("acrse01", "Premium")], nextLink: `${ARM}${LIST}?api-version=${V}&$skipToken=cg` })
      .get(LIST)
      .query({ "api-version": V, $skipToken: "cg" })
      .reply(200, { value: [registry("acrbasic01", "Basic"), registry("acrstd01", "Standard")] });
    arm()
      .get(replicationsPath("acrse01"))
      .query({ "api-version": V })
      .reply(200, { value: [replication("acrse01", "swedencentral")], nextLink: `${ARM}${replicationsPath("acrse01")}?api-version=${V}&$skipToken=r2` })
      .get(replicationsPath("acrse01"))
      .query({ "api-version": V, $skipToken: "r2" })
      .reply(200, { value: [replication("acrse01", "westeurope")] });

    await containerRegistryCollector.collect(ctx, sub);

    // Only Premium supports geo-replication: no request for acrbasic01 or acrstd01 (useNock fails on a stray one).
    expect(requestPaths().filter((p) => p.includes("/replications")).map((p) => p.split("?")[0])).toEqual([replicationsPath("acrse01"), replicationsPath("acrse01")]);
    expect(snap.coverage).toEqual([]);
    expect(sub.collections.containerRegistries?.map((r) => [r.name, r.sku?.name])).toEqual([
      ["acrse01", "Premium"],
      ["acrbasic01", "Basic"],
      ["acrstd01", "Standard"],
    ]);
    expect(sub.collections.containerRegistryReplications).toEqual([replication("acrse01", "swedencentral"), replication("acrse01", "westeurope")]);
    expect(snap.apiVersions).toMatchObject({ containerRegistries: V, containerRegistryReplications: V });
  });

  it("records a 403, 400 or 404 on a Premium registry's replications for that registry only (sku compared case-insensitively)", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(LIST)
      .query({ "api-version": V })
      .reply(200, { value: [registry("acrse01", "Premium"), registry("acrse02", "Premium"), registry("acrse03", "Premium"), registry("acrse04", "Premium", "premium")] });
    arm().get(replicationsPath("acrse01")).query({ "api-version": V }).reply(200, { value: [replication("acrse01", "swedencentral")] });
    arm()
      .get(replicationsPath("acrse02"))
      .query({ "api-version": V })
      .reply(403, forbidden("Microsoft.ContainerRegistry/registries/replications/read", registryId("acrse02")));
    arm()
      .get(replicationsPath("acrse03"))
      .query({ "api-version": V })
      .reply(400, armError("BadRequest", "The request is invalid."));
    arm()
      .get(replicationsPath("acrse04"))
      .query({ "api-version": V })
      .reply(404, armError("ResourceNotFound", "The Resource 'Microsoft.ContainerRegistry/registries/acrse04' under resource group 'rg-acr' was not found."));

    await containerRegistryCollector.collect(ctx, sub);

    expect(coverageSummary(snap).sort((a, b) => a.scope.localeCompare(b.scope))).toEqual([
      { scope: registryId("acrse02"), collection: "containerRegistryReplications", httpStatus: 403, code: "AuthorizationFailed" },
      { scope: registryId("acrse03"), collection: "containerRegistryReplications", httpStatus: 400, code: "BadRequest" },
      { scope: registryId("acrse04"), collection: "containerRegistryReplications", httpStatus: 404, code: "ResourceNotFound" },
    ]);
    expect(sub.collections.containerRegistryReplications?.map((r) => r.id)).toEqual([`${registryId("acrse01")}/replications/swedencentral`]);
  });

  it("treats 409 MissingSubscriptionRegistration as no registries, and a 403 list as not collected", async () => {
    const first = harness();
    arm().get(LIST).query({ "api-version": V }).reply(409, notRegistered("Microsoft.ContainerRegistry"));
    await containerRegistryCollector.collect(first.ctx, first.sub);
    expect(first.snap.coverage).toEqual([]);
    expect(first.sub.collections).toEqual({ containerRegistries: [], containerRegistryReplications: [] });
    expect(first.sub.notRegisteredProviders).toEqual(["Microsoft.ContainerRegistry"]);

    const second = harness();
    arm().get(LIST).query({ "api-version": V }).reply(403, forbidden("Microsoft.ContainerRegistry/registries/read", SUB_ID));
    await containerRegistryCollector.collect(second.ctx, second.sub);
    expect(coverageSummary(second.snap)).toEqual([
      { scope: SUB_ID, collection: "containerRegistries", httpStatus: 403, code: "AuthorizationFailed" },
    ]);
    expect(second.sub.collections).toEqual({});
  });

  it("a 404 list is a gap (nothing stored); no request for an unregistered provider", async () => {
    const first = harness();
    arm().get(LIST).query({ "api-version": V }).reply(404, armError("NotFound", "Not found."));
    await containerRegistryCollector.collect(first.ctx, first.sub);
    expect(coverageSummary(first.snap)).toEqual([{ scope: SUB_ID, collection: "containerRegistries", httpStatus: 404, code: "NotFound" }]);
    expect(first.sub.collections).toEqual({});

    const second = harness();
    second.ctx.markNotRegistered(SUB, "Microsoft.ContainerRegistry");
    const before = requests.length;
    await containerRegistryCollector.collect(second.ctx, second.sub);
    expect(requests.length).toBe(before);
    expect(second.sub.collections).toEqual({ containerRegistries: [], containerRegistryReplications: [] });
  });

  it("retries a 429 with Retry-After: 0 and ends complete", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(LIST)
      .query({ "api-version": V })
      .reply(429, armError("TooManyRequests", "Too many requests."), { "Retry-After": "0" })
      .get(LIST)
      .query({ "api-version": V })
      .reply(200, { value: [registry("acrse01", "Premium")] });
    arm().get(replicationsPath("acrse01")).query({ "api-version": V }).reply(200, { value: [replication("acrse01", "swedencentral")] });

    await containerRegistryCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    expect(sub.collections.containerRegistryReplications).toHaveLength(1);
  });
});
