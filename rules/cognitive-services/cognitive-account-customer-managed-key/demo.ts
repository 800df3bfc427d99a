/**
 * ENC-08 cognitive-account-customer-managed-key. Passes: oai-exk-gem-assistent01 (customer key
 * cmk-ai; two classification tags that disagree, the highest level wins). Fails:
 * ais-exk-gem-tjanster01 (platform key), oai-exk-skola-larstod01 (no `encryption`),
 * oai-exk-skola-test01 (East US: RES-01 fails too). The model deployments are in the RES-08
 * fragment.
 */
import { cognitiveAccount, keyRef } from "../../../src/builders/arm.js";
import { DEMO_RG, DEMO_TENANT_ID, SWC } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const fragment: DemoFragment = {
  rule: "cognitive-account-customer-managed-key",
  resources: [
    cognitiveAccount({
      rg: DEMO_RG.gemAi,
      name: "oai-exk-gem-assistent01",
      location: SWC,
      kind: "OpenAI",
      created: "2025-03-12T13:45:00Z",
      // Two classification tags that disagree: the highest level (2) wins.
      tags: { confidentiality: "1", konfidentialitet: "2", system: "Kommunassistenten", owner: "Team Kommunassistenten" },
      encryption: keyRef("kv-exk-gem-nycklar01", "cmk-ai"),
      tenantId: DEMO_TENANT_ID,
    }),
    cognitiveAccount({
      rg: DEMO_RG.gemAi,
      name: "ais-exk-gem-tjanster01",
      location: SWC,
      kind: "AIServices",
      created: "2025-05-07T09:20:00Z",
      encryption: "platform",
    }),
    cognitiveAccount({ rg: DEMO_RG.skolaAi, name: "oai-exk-skola-larstod01", location: SWC, kind: "OpenAI", created: "2025-02-03T10:00:00Z" }),
    cognitiveAccount({ rg: DEMO_RG.skolaAi, name: "oai-exk-skola-test01", location: "eastus", kind: "OpenAI", created: "2025-01-15T15:00:00Z" }),
  ],
};

export default fragment;
