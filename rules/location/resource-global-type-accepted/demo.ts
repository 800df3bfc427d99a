/**
 * RES-03 resource-global-type-accepted. Passes: the DNS zone exempelkommun.se and the private DNS
 * zone privatelink.vaultcore.azure.net with its virtual network link (location `global`, accepted
 * types). Fails: the Front Door profile afd-exk-webb (`Global`, a type not accepted).
 */
import { dnsZone, frontDoorProfile, privateDnsZone, privateDnsZoneLink, resId } from "../../../src/builders/arm.js";
import { DEMO_RG } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const rg = DEMO_RG.gemNatverk;
const zone = privateDnsZone({ rg, name: "privatelink.vaultcore.azure.net", recordSets: 3, links: 1 });

const fragment: DemoFragment = {
  rule: "resource-global-type-accepted",
  resources: [
    dnsZone({
      rg,
      name: "exempelkommun.se",
      nameServers: ["ns1-07.azure-dns.com.", "ns2-07.azure-dns.net.", "ns3-07.azure-dns.org.", "ns4-07.azure-dns.info."],
      recordSets: 14,
    }),
    zone,
    privateDnsZoneLink(zone.id, "link-vnet-exk-gem-swc", resId(rg, "Microsoft.Network/virtualNetworks", "vnet-exk-gem-swc")),
    frontDoorProfile({ rg, name: "afd-exk-webb", tags: { system: "exempelkommun.se (webbplats)" } }),
  ],
};

export default fragment;
