/** Key Vaults, managed HSMs and the keys of every vault (management plane only: no data-plane call, no secrets). */
import { KeyVaultManagementClient } from "@azure/arm-keyvault";
import type { ArmResource, SubscriptionSnapshot } from "../../snapshot/types.js";
import { type CollectorContext, READ_PRIORITY, type SubscriptionCollector } from "../contracts.js";

const VAULT_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.KeyVault\/vaults\/([^/]+)$/i;

/**
 * `vaults.listBySubscription`, `managedHsms.listBySubscription`, then `vaults/{v}/keys` for each vault
 * and a GET of each key (KEY-02/03 read `kty`, `attributes.exp`, `rotationPolicy`, which the list
 * leaves out). A failing key list is coverage for that vault only; a failing key GET for that key only.
 */
export const keyVaultCollector: SubscriptionCollector = {
  name: "key-vault",
  collections: ["keyVaults", "managedHsms", "vaultKeys"],
  async collect(ctx, sub) {
    const kv = new KeyVaultManagementClient(ctx.credential, sub.subscriptionId, ctx.armClientOptions);
    await Promise.all([collectVaultsAndKeys(ctx, sub, kv), collectManagedHsms(ctx, sub, kv)]);
  },
};

/** The vault list (final as soon as it is in), then every vault's keys. */
async function collectVaultsAndKeys(ctx: CollectorContext, sub: SubscriptionSnapshot, kv: KeyVaultManagementClient): Promise<void> {
  const s = sub.subscriptionId;
  const vaults = await ctx.read(
    {
      subscriptionId: s,
      scope: sub.id,
      collection: "keyVaults",
      operation: "GET /subscriptions/{s}/providers/Microsoft.KeyVault/vaults",
      providerNamespace: "Microsoft.KeyVault",
      permission: "Microsoft.KeyVault/vaults/read",
      priority: READ_PRIORITY.parentList,
    },
    () => ctx.drain(kv.vaults.listBySubscription()),
  );
  if (vaults) sub.collections.keyVaults = vaults;
  ctx.markFinal(sub, ["keyVaults"]);
  if (!vaults) return; // keys of unread vaults stay unread: the vault list's coverage entry covers them
  const perVault = await Promise.all(
    vaults.map(async (vault): Promise<ArmResource[]> => {
      const m = VAULT_ID.exec(vault.id);
      if (!m?.[1] || !m[2]) return [];
      const [, rg, name] = m as unknown as [string, string, string];
      const keys = await ctx.read(
        {
          subscriptionId: s,
          scope: vault.id,
          collection: "vaultKeys",
          operation: "GET /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{v}/keys",
          providerNamespace: "Microsoft.KeyVault",
          permission: "Microsoft.KeyVault/vaults/keys/read",
          priority: READ_PRIORITY.lateChild,
        },
        () => ctx.drain(kv.keys.list(rg, name)),
      );
      if (!keys) return [];
      // ARM's key list carries only attributes and keyUri; `kty`, `keySize` and `rotationPolicy`
      // (KEY-02, KEY-03) come with a GET of each key. A failed GET leaves that key unread (its
      // coverage entry is scoped to the key), never judged on the list's partial payload.
      const full = await Promise.all(
        keys.map(async (key) => {
          const keyName = key.name ?? key.id.split("/").pop() ?? "";
          const got = await ctx.read(
            {
              subscriptionId: s,
              scope: key.id,
              collection: "vaultKeys",
              operation: "GET /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{v}/keys/{k}",
              providerNamespace: "Microsoft.KeyVault",
              permission: "Microsoft.KeyVault/vaults/keys/read",
              priority: READ_PRIORITY.lateChild,
            },
            () => kv.keys.get(rg, name, keyName),
          );
          return got?.[0];
        }),
      );
      return full.filter((k): k is ArmResource => k !== undefined);
    }),
  );
  sub.collections.vaultKeys = perVault.flat();
}

/** The managed HSM list (no children read). */
async function collectManagedHsms(ctx: CollectorContext, sub: SubscriptionSnapshot, kv: KeyVaultManagementClient): Promise<void> {
  const hsms = await ctx.read(
    {
      subscriptionId: sub.subscriptionId,
      scope: sub.id,
      collection: "managedHsms",
      operation: "GET /subscriptions/{s}/providers/Microsoft.KeyVault/managedHSMs",
      providerNamespace: "Microsoft.KeyVault",
      permission: "Microsoft.KeyVault/managedHSMs/read",
    },
    () => ctx.drain(kv.managedHsms.listBySubscription()),
  );
  if (hsms) sub.collections.managedHsms = hsms;
  ctx.markFinal(sub, ["managedHsms"]);
}
