/** The emulator's policy exemption list: inherited, at and inside the subscription, `$filter` cuts, ARM paging. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mgScope, policyExemption } from "../../src/builders/arm.js";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import { call, SUB1, SUB2, testModel } from "./fixture.js";

const V = "api-version=2026-01-01-preview";
const SUB = `/subscriptions/${SUB1}`;
const RG1 = `${SUB}/resourceGroups/rg-data`;
const MG_ASSIGNMENT = `${mgScope("mg-kommun")}/providers/Microsoft.Authorization/policyAssignments/eu-residency`;
const exemption = (scope: string, name: string, over: { expiresOn?: string; assignment?: string } = {}) =>
  policyExemption({ scope, name, policyAssignmentId: over.assignment ?? MG_ASSIGNMENT, category: "Waiver", displayName: name, expiresOn: over.expiresOn, created: "2025-02-12T08:00:00Z" });

let em: Emulator;
beforeAll(async () => {
  const model = testModel();
  model.subscriptions[0]?.resources.push(
    exemption(SUB, "sub-waiver"),
    exemption(RG1, "rg-waiver", { expiresOn: "2020-01-01T00:00:00Z" }),
    exemption(`${RG1}/providers/Microsoft.KeyVault/vaults/kv-kommun`, "kv-waiver", { assignment: `${SUB}/providers/Microsoft.Authorization/policyAssignments/allowed-locations-sub` }),
  );
  model.managementGroupPolicyExemptions = [exemption(mgScope("mg-kommun"), "mg-waiver"), exemption(mgScope("mg-other"), "other-mg-waiver")];
  em = await startEmulator({ model });
});
afterAll(async () => {
  await em.close();
});

/** Names over every page (page size 2), following nextLink. */
async function names(first: string): Promise<string[]> {
  const out: string[] = [];
  let next: string | undefined = first;
  let pages = 0;
  while (next) {
    const res = await call(em, next);
    expect(res.status).toBe(200);
    out.push(...res.json.value.map((e: { name: string }) => e.name));
    next = res.json.nextLink;
    pages++;
  }
  expect(pages).toBe(Math.max(1, Math.ceil(out.length / 2)));
  return out;
}

describe("GET /subscriptions/{s}/providers/Microsoft.Authorization/policyExemptions", () => {
  const path = `${SUB}/providers/Microsoft.Authorization/policyExemptions?${V}`;

  it("unfiltered: inherited from the subscription's management groups, at the subscription and inside it, over pages", async () => {
    expect(await names(path)).toEqual(["mg-waiver", "sub-waiver", "rg-waiver", "kv-waiver"]);
  });

  it("atScope() leaves out those inside; atExactScope() keeps the subscription's own; excludeExpired() drops the expired", async () => {
    expect(await names(`${path}&$filter=atScope()`)).toEqual(["mg-waiver", "sub-waiver"]);
    expect(await names(`${path}&$filter=atExactScope()`)).toEqual(["sub-waiver"]);
    expect(await names(`${path}&$filter=excludeExpired()`)).toEqual(["mg-waiver", "sub-waiver", "kv-waiver"]);
    expect(await names(`${path}&$filter=policyAssignmentId eq '${SUB}/providers/Microsoft.Authorization/policyAssignments/allowed-locations-sub'`)).toEqual(["kv-waiver"]);
  });

  it("serves the exemption payloads as built, and an empty list where there are none", async () => {
    const first = await call(em, `${path}&$filter=atExactScope()`);
    expect(first.json.value).toEqual([exemption(SUB, "sub-waiver")]);
    const empty = await call(em, `/subscriptions/${SUB2}/providers/Microsoft.Authorization/policyExemptions?${V}`);
    expect(empty.status).toBe(200);
    expect(empty.json).toEqual({ value: [] });
  });
});
