/**
 * RES-01 resource-location-allowed: the virtual networks. Passes: vnet-exk-gem-swc,
 * vnet-exk-vard-swc, vnet-exk-skola-swc (Sweden Central). Fails: vnet-exk-skola-lab-neu (North
 * Europe) and vnet-exk-skola-test-twn (Taiwan North: a real region the built-in region table does
 * not know, so an unknown location is a finding). Most other resources get a RES-01 result too.
 */
import { virtualNetwork } from "../../../src/builders/arm.js";
import { DEMO_RG, NEU, SWC } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const fragment: DemoFragment = {
  rule: "resource-location-allowed",
  resources: [
    virtualNetwork({
      rg: DEMO_RG.gemNatverk,
      name: "vnet-exk-gem-swc",
      location: SWC,
      prefix: "10.10.0.0/16",
      subnets: [
        ["snet-privata-slutpunkter", "10.10.1.0/24"],
        ["snet-drift", "10.10.2.0/24"],
      ],
    }),
    virtualNetwork({
      rg: DEMO_RG.vardApp,
      name: "vnet-exk-vard-swc",
      location: SWC,
      prefix: "10.20.0.0/16",
      subnets: [
        ["snet-app", "10.20.1.0/24"],
        ["snet-sqlmi", "10.20.2.0/24"],
      ],
    }),
    virtualNetwork({ rg: DEMO_RG.skolaWebb, name: "vnet-exk-skola-swc", location: SWC, prefix: "10.30.0.0/16", subnets: [["snet-webb", "10.30.1.0/24"]] }),
    virtualNetwork({ rg: DEMO_RG.skolaLab, name: "vnet-exk-skola-lab-neu", location: NEU, prefix: "10.31.0.0/16", subnets: [["snet-lab", "10.31.1.0/24"]] }),
    // A real Azure region that the built-in region table does not know.
    virtualNetwork({ rg: DEMO_RG.skolaLab, name: "vnet-exk-skola-test-twn", location: "taiwannorth", prefix: "10.32.0.0/16", subnets: [["snet-test", "10.32.1.0/24"]] }),
  ],
};

export default fragment;
