/**
 * ENC-04 compute-disk-customer-managed-key. Passes: vm-exk-vard-app01's OS disk and the snapshot
 * snap-exk-vard-app01-os-20251101 (customer key through des-exk-vard01 → cmk-disk; ENC-07 pass).
 * Fails: disk-exk-vard-app01-data01 and its snapshot (platform key), and vm-exk-skola-lab01's OS
 * disk (the VM, its NIC and disk are in North Europe: RES-01 fails; unclassified: CLS-02 fails).
 * The virtual networks are in the RES-01 fragment.
 */
import { diskEncryptionSet, diskSnapshot, keyRef, managedDisk, resId, virtualMachine } from "../../../src/builders/arm.js";
import { DEMO_RG, DEMO_TENANT_ID, NEU, SWC } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const VNETS = "Microsoft.Network/virtualNetworks";
const rgApp = DEMO_RG.vardApp;

const des = diskEncryptionSet({
  rg: rgApp,
  name: "des-exk-vard01",
  location: SWC,
  tenantId: DEMO_TENANT_ID,
  vaultId: resId(DEMO_RG.vardNyckel, "Microsoft.KeyVault/vaults", "kv-exk-vard-nycklar01"),
  key: keyRef("kv-exk-vard-nycklar01", "cmk-disk"),
  created: "2024-09-10T11:30:00Z",
});
const dataDisk = managedDisk({
  rg: rgApp,
  name: "disk-exk-vard-app01-data01",
  location: SWC,
  created: "2024-09-10T12:05:00Z",
  sizeGB: 256,
  managedBy: resId(rgApp, "Microsoft.Compute/virtualMachines", "vm-exk-vard-app01"),
});
const app = virtualMachine({
  rg: rgApp,
  name: "vm-exk-vard-app01",
  location: SWC,
  created: "2024-09-10T12:00:00Z",
  subnetId: `${resId(rgApp, VNETS, "vnet-exk-vard-swc")}/subnets/snet-app`,
  desId: des.id,
  dataDisks: [dataDisk],
});
const lab = virtualMachine({
  rg: DEMO_RG.skolaLab,
  name: "vm-exk-skola-lab01",
  location: NEU,
  created: "2024-02-26T12:00:00Z",
  subnetId: `${resId(DEMO_RG.skolaLab, VNETS, "vnet-exk-skola-lab-neu")}/subnets/snet-lab`,
});

const fragment: DemoFragment = {
  rule: "compute-disk-customer-managed-key",
  resources: [
    des,
    app.vm,
    app.nic,
    app.osDisk,
    dataDisk,
    diskSnapshot({ rg: rgApp, name: "snap-exk-vard-app01-os-20251101", source: app.osDisk, created: "2025-11-01T01:00:00Z", desId: des.id }),
    diskSnapshot({ rg: rgApp, name: "snap-exk-vard-app01-data01-20251101", source: dataDisk, created: "2025-11-01T01:05:00Z" }),
    lab.vm,
    lab.nic,
    lab.osDisk,
  ],
};

export default fragment;
