/**
 * RES-02 resource-group-location-allowed: demonstrated by the skeleton's resource groups, nothing
 * of its own. Passes: every resource group in Sweden Central. Fails: rg-exk-gem-dr (West Europe)
 * and rg-exk-skola-lab (North Europe).
 */
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const fragment: DemoFragment = {
  rule: "resource-group-location-allowed",
};

export default fragment;
