/** Key Vaults, managed HSMs and the keys of each (management plane only: no data-plane call, no secrets). */
import { KeyVaultManagementClient } from "@azure/arm-keyvault";
import type { ArmResource, AzureCollection, SubscriptionSnapshot } from "../../snapshot/types.js";
import { type CollectorContext, READ_PRIORITY, type SubscriptionCollector } from "../contracts.js";

/** `{rg}` and `{name}` of a vault or managed HSM id. */
const HOLDER_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.KeyVault\/(?:vaults|managedHSMs)\/([^/]+)$/i;

/** Where the keys of one kind of key holder live in ARM, and how coverage names their reads. */
interface KeyHolderKind {
  /** The snapshot collection the keys fill. */
  collection: AzureCollection;
  /** The holder's part of the operation name, e.g. `vaults/{v}` or `managedHSMs/{m}`. */
  segment: string;
  /** The role action that allows both the key list and a key's GET. */
  permission: string;
  list(rg: string, name: string): AsyncIterable<unknown>;
  get(rg: string, name: string, key: string): Promise<unknown>;
}

/**
 * `vaults.listBySubscription` and `managedHsms.listBySubscription`, then for each vault
 * `vaults/{v}/keys` and for each managed HSM `managedHSMs/{m}/keys` (ManagedHsmKeys_List), and a
 * GET of each key (KEY-02/03 read `kty`, `attributes.exp`, `rotationPolicy`, which the lists leave
 * out). A failing key list is coverage for that vault or HSM only; a failing key GET for that key only.
 */
export const keyVaultCollector: SubscriptionCollector = {
  name: "key-vault",
  collections: ["keyVaults", "managedHsms", "vaultKeys", "managedHsmKeys"],
  async collect(ctx, sub) {
    const kv = new KeyVaultManagementClient(ctx.credential, sub.subscriptionId, ctx.armClientOptions);
    const vaultKeys: KeyHolderKind = {
      collection: "vaultKeys",
      segment: "vaults/{v}",
      permission: "Microsoft.KeyVault/vaults/keys/read",
      list: (rg, name) => kv.keys.list(rg, name),
      get: (rg, name, key) => kv.keys.get(rg, name, key),
    };
    const hsmKeys: KeyHolderKind = {
      collection: "managedHsmKeys",
      segment: "managedHSMs/{m}",
      permission: "Microsoft.KeyVault/managedHSMs/keys/read",
      list: (rg, name) => kv.managedHsmKeys.list(rg, name),
      get: (rg, name, key) => kv.managedHsmKeys.get(rg, name, key),
    };
    await Promise.all([
      collectHoldersAndKeys(ctx, sub, {
        collection: "keyVaults",
        operation: "GET /subscriptions/{s}/providers/Microsoft.KeyVault/vaults",
        permission: "Microsoft.KeyVault/vaults/read",
        list: () => kv.vaults.listBySubscription(),
        keys: vaultKeys,
      }),
      collectHoldersAndKeys(ctx, sub, {
        collection: "managedHsms",
        operation: "GET /subscriptions/{s}/providers/Microsoft.KeyVault/managedHSMs",
        permission: "Microsoft.KeyVault/managedHSMs/read",
        list: () => kv.managedHsms.listBySubscription(),
        keys: hsmKeys,
      }),
    ]);
  },
};

/** A subscription-level list of key holders (vaults or managed HSMs) and the kind of keys they hold. */
interface HolderList {
  collection: AzureCollection;
  operation: string;
  permission: string;
  list(): AsyncIterable<unknown>;
  keys: KeyHolderKind;
}

/** The holder list (final as soon as it is in), then every holder's keys. */
async function collectHoldersAndKeys(ctx: CollectorContext, sub: SubscriptionSnapshot, spec: HolderList): Promise<void> {
  const holders = await ctx.read(
    {
      subscriptionId: sub.subscriptionId,
      scope: sub.id,
      collection: spec.collection,
      operation: spec.operation,
      providerNamespace: "Microsoft.KeyVault",
      permission: spec.permission,
      priority: READ_PRIORITY.parentList,
    },
    () => ctx.drain(spec.list()),
  );
  if (holders) sub.collections[spec.collection] = holders;
  ctx.markFinal(sub, [spec.collection]);
  if (!holders) return; // keys of unread holders stay unread: the holder list's coverage entry covers them
  const perHolder = await Promise.all(holders.map((holder) => readKeys(ctx, sub, holder, spec.keys)));
  sub.collections[spec.keys.collection] = perHolder.flat();
}

/**
 * The keys of one vault or managed HSM: the key list, then a GET of each listed key. ARM's key lists
 * (Keys_List, ManagedHsmKeys_List) carry only attributes and keyUri; `kty`, `keySize` and
 * `rotationPolicy` (KEY-02, KEY-03) come with the GET. A failed GET leaves that key unread (its
 * coverage entry is scoped to the key), never judged on the list's partial payload.
 */
async function readKeys(ctx: CollectorContext, sub: SubscriptionSnapshot, holder: ArmResource, kind: KeyHolderKind): Promise<ArmResource[]> {
  const m = HOLDER_ID.exec(holder.id);
  if (!m?.[1] || !m[2]) return [];
  const [, rg, name] = m as unknown as [string, string, string];
  const base = `GET /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.KeyVault/${kind.segment}/keys`;
  const read = {
    subscriptionId: sub.subscriptionId,
    collection: kind.collection,
    providerNamespace: "Microsoft.KeyVault",
    permission: kind.permission,
    priority: READ_PRIORITY.lateChild,
  };
  const keys = await ctx.read({ ...read, scope: holder.id, operation: base }, () => ctx.drain(kind.list(rg, name)));
  if (!keys) return [];
  const full = await Promise.all(
    keys.map(async (key) => {
      const keyName = key.name ?? key.id.split("/").pop() ?? "";
      const got = await ctx.read({ ...read, scope: key.id, operation: `${base}/{k}` }, () => kind.get(rg, name, keyName));
      return got?.[0];
    }),
  );
  return full.filter((k): k is ArmResource => k !== undefined);
}
