/**
 * KEY-02 key-vault-key-hsm-protected. Passes: cmk-backup and cmk-disk (RSA-HSM). Fails: cmk-ai
 * (software key protecting a level-2 AI account), cmk-dr, cmk-elevdata. The vaults are in the
 * KEY-01, KEY-04 and KEY-05 fragments; a key reports its vault's recovery level.
 */
import { resId, vaultKey } from "../../../src/builders/arm.js";
import { DEMO_RG, SWC, WEU } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const VAULTS = "Microsoft.KeyVault/vaults";
const gem = { id: resId(DEMO_RG.gemNyckel, VAULTS, "kv-exk-gem-nycklar01"), location: SWC };
const dr = { id: resId(DEMO_RG.gemDr, VAULTS, "kv-exk-dr-weu01"), location: WEU };
const vard = { id: resId(DEMO_RG.vardNyckel, VAULTS, "kv-exk-vard-nycklar01"), location: SWC };
const skola = { id: resId(DEMO_RG.skolaElev, VAULTS, "kv-exk-skola01"), location: SWC };

const fragment: DemoFragment = {
  rule: "key-vault-key-hsm-protected",
  resources: [
    vaultKey({ vault: gem, recoveryLevel: "Recoverable", name: "cmk-ai", kty: "RSA", keySize: 2048, created: "2025-03-12T13:30:00Z" }),
    vaultKey({
      vault: gem,
      recoveryLevel: "Recoverable",
      name: "cmk-backup",
      kty: "RSA-HSM",
      keySize: 2048,
      created: "2024-04-22T08:00:00Z",
      rotation: { rotateAfter: "P18M", expiryTime: "P2Y" },
    }),
    vaultKey({
      vault: dr,
      recoveryLevel: "Recoverable+Purgeable",
      name: "cmk-dr",
      kty: "RSA",
      keySize: 2048,
      created: "2022-09-14T12:10:00Z",
      exp: "2027-09-14T12:10:00Z",
    }),
    vaultKey({
      vault: vard,
      recoveryLevel: "Recoverable",
      name: "cmk-disk",
      kty: "RSA-HSM",
      keySize: 2048,
      created: "2024-09-10T11:00:00Z",
      exp: "2027-09-10T11:00:00Z",
    }),
    vaultKey({ vault: skola, recoveryLevel: "Purgeable", name: "cmk-elevdata", kty: "RSA", keySize: 2048, created: "2023-08-14T09:00:00Z" }),
  ],
};

export default fragment;
