/**
 * KEY-03 key-vault-key-expiry-or-rotation. Passes: cmk-lagring (expiry and rotate), cmk-cosmos
 * (rotate), and in the managed HSM hsm-exk-gem01 cmk-sqlmi (rotate; sqlmi-exk-vard01's TDE
 * protector, ENC-07). Fails: cmk-journal (its rotation policy only notifies; no expiry),
 * signering-intern (not a customer key, no expiry, no rotation) and the managed HSM key
 * arkiv-signering (no expiry, no rotation policy). The vaults and hsm-exk-gem01 are in the KEY-01
 * and KEY-05 fragments; hsm-exk-gem02, a standby HSM in Sweden South without keys yet, is here
 * (KEY-01, KEY-04 pass; with it the subscription's HSM list pages).
 */
import { managedHsm, managedHsmKey, resId, vaultKey } from "../../../src/builders/arm.js";
import { DEMO_IT_GROUP_ID, DEMO_RG, DEMO_TENANT_ID, SWC, SWS } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const VAULTS = "Microsoft.KeyVault/vaults";
const gem = { id: resId(DEMO_RG.gemNyckel, VAULTS, "kv-exk-gem-nycklar01"), location: SWC };
const vard = { id: resId(DEMO_RG.vardNyckel, VAULTS, "kv-exk-vard-nycklar01"), location: SWC };
const hsm = { id: resId(DEMO_RG.gemNyckel, "Microsoft.KeyVault/managedHSMs", "hsm-exk-gem01"), location: SWC };

const fragment: DemoFragment = {
  rule: "key-vault-key-expiry-or-rotation",
  resources: [
    vaultKey({
      vault: gem,
      recoveryLevel: "Recoverable",
      name: "cmk-lagring",
      kty: "RSA-HSM",
      keySize: 3072,
      created: "2024-02-05T10:01:00Z",
      exp: "2028-02-05T10:01:00Z",
      rotation: { rotateAfter: "P1Y", notifyBefore: "P30D", expiryTime: "P2Y" },
    }),
    vaultKey({
      vault: vard,
      recoveryLevel: "Recoverable",
      name: "cmk-journal",
      kty: "RSA-HSM",
      keySize: 3072,
      created: "2023-02-01T09:00:00Z",
      rotation: { notifyBefore: "P30D" },
    }),
    vaultKey({
      vault: vard,
      recoveryLevel: "Recoverable",
      name: "cmk-cosmos",
      kty: "RSA-HSM",
      keySize: 3072,
      created: "2024-01-15T08:00:00Z",
      rotation: { rotateAfter: "P1Y", notifyBefore: "P30D", expiryTime: "P2Y" },
    }),
    vaultKey({ vault: vard, recoveryLevel: "Recoverable", name: "signering-intern", kty: "RSA", keySize: 2048, created: "2023-06-19T12:00:00Z" }),
    // Managed HSM keys: ARM lists them too (ManagedHsmKeys_List) and reports kty as RSA.
    managedHsmKey({
      hsm,
      name: "cmk-sqlmi",
      kty: "RSA",
      keySize: 3072,
      created: "2024-05-02T08:30:00Z",
      keyOps: ["wrapKey", "unwrapKey"],
      rotation: { rotateAfter: "P1Y", notifyBefore: "P30D", expiryTime: "P2Y" },
    }),
    managedHsm({ rg: DEMO_RG.gemNyckel, name: "hsm-exk-gem02", location: SWS, tenantId: DEMO_TENANT_ID, adminObjectIds: [DEMO_IT_GROUP_ID], created: "2025-03-04T08:20:00Z" }),
    managedHsmKey({ hsm, name: "arkiv-signering", kty: "RSA", keySize: 3072, created: "2024-06-11T10:15:00Z", keyOps: ["sign", "verify"] }),
  ],
};

export default fragment;
