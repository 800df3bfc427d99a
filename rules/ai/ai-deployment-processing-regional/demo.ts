/**
 * RES-08 ai-deployment-processing-regional: the model deployments of the AI accounts (ENC-08
 * fragment). Passes: gpt-4o (Standard), gpt-4o-ptu (ProvisionedManaged), text-embedding-3-small.
 * Fails: gpt-4o-global and gpt-4o-mini (GlobalStandard), gpt-4o-mini-datazone (DataZoneStandard:
 * fails under `se`, passes under `eu`), gpt-4o-mini-test (DataZoneStandard in the US: fails under
 * every profile).
 */
import { aiDeployment, resId } from "../../../src/builders/arm.js";
import { DEMO_RG } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const ACCOUNTS = "Microsoft.CognitiveServices/accounts";
const assistent = resId(DEMO_RG.gemAi, ACCOUNTS, "oai-exk-gem-assistent01");
const tjanster = resId(DEMO_RG.gemAi, ACCOUNTS, "ais-exk-gem-tjanster01");
const larstod = resId(DEMO_RG.skolaAi, ACCOUNTS, "oai-exk-skola-larstod01");
const test = resId(DEMO_RG.skolaAi, ACCOUNTS, "oai-exk-skola-test01");

const fragment: DemoFragment = {
  rule: "ai-deployment-processing-regional",
  resources: [
    aiDeployment(assistent, "gpt-4o", "Standard", ["gpt-4o", "2024-11-20"], 50, "2025-03-12T14:00:00Z"),
    aiDeployment(assistent, "gpt-4o-global", "GlobalStandard", ["gpt-4o", "2024-11-20"], 150, "2025-04-02T08:30:00Z"),
    aiDeployment(tjanster, "gpt-4o-mini-datazone", "DataZoneStandard", ["gpt-4o-mini", "2024-07-18"], 100, "2025-05-07T09:40:00Z"),
    aiDeployment(tjanster, "gpt-4o-ptu", "ProvisionedManaged", ["gpt-4o", "2024-11-20"], 15, "2025-06-01T07:00:00Z"),
    aiDeployment(larstod, "gpt-4o-mini", "GlobalStandard", ["gpt-4o-mini", "2024-07-18"], 200, "2025-02-03T10:30:00Z"),
    aiDeployment(larstod, "text-embedding-3-small", "Standard", ["text-embedding-3-small", "1"], 120, "2025-02-03T10:40:00Z"),
    aiDeployment(test, "gpt-4o-mini-test", "DataZoneStandard", ["gpt-4o-mini", "2024-07-18"], 30, "2025-01-15T15:20:00Z"),
  ],
};

export default fragment;
