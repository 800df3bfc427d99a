/**
 * ACC-02 m365-customer-key-available: the licences. Microsoft 365 E5 includes `CUSTOMER_KEY`
 * (Success), so the tenant's `licensed` part passes; E3 and the Multi-Geo add-on are there too.
 * No API shows the data-encryption policies and the demo does not attest them: `configured` needs attestation.
 */
import { servicePlan, subscribedSku } from "../../../src/builders/graph.js";
import { DEMO_TENANT_ID, DEMO_TENANT_NAME } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const sku = (skuId: string, part: string, enabled: number, consumed: number, plans: Record<string, string>[]) =>
  subscribedSku({ tenantId: DEMO_TENANT_ID, accountName: DEMO_TENANT_NAME, skuId, part, enabled, consumed, plans });

const fragment: DemoFragment = {
  rule: "m365-customer-key-available",
  // One tenant-level target: the demo tenant is licensed (`licensed` passes); its data-encryption
  // policies are not attested in the demo's configuration (`configured` needs attestation).
  demonstrates: ["pass"],
  graph: {
    subscribedSkus: [
      sku("06ebc4ee-1bb5-47dd-8120-11324bc54e06", "SPE_E5", 150, 122, [
        servicePlan("6db1f1db-2b46-403f-be40-e39395f08dbb", "CUSTOMER_KEY"),
        servicePlan("9f431833-0334-42de-a7dc-70aa40db46db", "LOCKBOX_ENTERPRISE"),
        servicePlan("efb0351d-3b08-4503-993d-383af8de41e3", "MIP_S_CLP2"),
        servicePlan("efb87545-963c-4e0d-99df-69c6916d9eb0", "EXCHANGE_S_ENTERPRISE"),
        servicePlan("5dbe027f-2339-4123-9542-606e4d348a72", "SHAREPOINTENTERPRISE"),
        servicePlan("57ff2da0-773e-42df-b2af-ffb7a2317929", "TEAMS1"),
        servicePlan("43de0ff5-c92c-492b-9116-175376d08c38", "OFFICESUBSCRIPTION"),
        servicePlan("eec0eb4f-6444-4f95-aba0-50c24d67f998", "AAD_PREMIUM_P2"),
      ]),
      sku("05e9a617-0261-4cee-bb44-138d3ef5d965", "SPE_E3", 4200, 3987, [
        servicePlan("efb87545-963c-4e0d-99df-69c6916d9eb0", "EXCHANGE_S_ENTERPRISE"),
        servicePlan("5dbe027f-2339-4123-9542-606e4d348a72", "SHAREPOINTENTERPRISE"),
        servicePlan("57ff2da0-773e-42df-b2af-ffb7a2317929", "TEAMS1"),
        servicePlan("43de0ff5-c92c-492b-9116-175376d08c38", "OFFICESUBSCRIPTION"),
      ]),
      sku("84951599-62b7-46f3-9c9d-30551b2ad607", "OFFICE365_MULTIGEO", 250, 40, [
        servicePlan("897d51f1-2cfa-4848-9b30-469149f5e68e", "EXCHANGEONLINE_MULTIGEO"),
        servicePlan("735c1d98-dd3f-4818-b4ed-c8052e18e62d", "SHAREPOINTONLINE_MULTIGEO"),
        servicePlan("41eda15d-6b52-453b-906f-bc4a5b25a26b", "TEAMSMULTIGEO"),
      ]),
    ],
  },
};

export default fragment;
