/**
 * Who must act: an owner taken from configurable tag keys (`ownerTags`), inherited like the
 * classification — the resource's own tag, else its parent resource's, else its resource group's,
 * else its subscription's — and the subscription's display name, put on every result of an ARM
 * resource. Neither is part of a verdict: they are read untracked, so a failed read of tags never
 * blinds a result (the classification is what depends on tags). Where a carrier's tags could not be
 * read, no owner farther up is claimed.
 */
import { parseArmId } from "./arm-id.js";
import type { Classifier } from "./classification.js";
import type { Inventory } from "./inventory.js";
import type { Finding, OwnerRef } from "./types.js";

/**
 * An e-mail address or user principal name (`name@domain`) anywhere in the value: `anna@kommun.se`,
 * `Team Ekonomi <ekonomi@kommun.se>`, `mailto:anna@kommun.se`, a UPN suffix without a dot
 * (`anna@kommun`). The local part takes the characters RFC 5322 allows unquoted (letters of any
 * script too, as RFC 6531 does); the domain is labels of letters, digits and inner hyphens. A lone
 * `@` (`@ekonomi`, `ekonomi@`, `IT @ kommun`) has no address around it and is not personal.
 */
const ADDRESS = /[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*/u;

/** True when an owner value is shaped like an e-mail address or UPN: personal data. */
export function isPersonalOwner(value: string): boolean {
  return ADDRESS.test(value);
}

/**
 * The owner one set of tags names: the first configured key (in the configuration's order) that the
 * tags hold, compared case-insensitively as ARM compares tag keys, with a non-blank string value.
 */
export function ownerFromTags(tags: Record<string, unknown> | null | undefined, keys: readonly string[]): { value: string; key: string } | undefined {
  if (!tags || typeof tags !== "object") return undefined;
  const entries = Object.entries(tags);
  for (const wanted of keys) {
    const w = wanted.toLowerCase();
    for (const [k, v] of entries) {
      if (k.toLowerCase() !== w || typeof v !== "string") continue;
      const value = v.trim();
      if (value !== "") return { value, key: k };
    }
  }
  return undefined;
}

function sourceOf(carrier: string): OwnerRef["source"] {
  const type = parseArmId(carrier).type;
  if (type === "Microsoft.Resources/subscriptions") return "subscription";
  if (type === "Microsoft.Resources/resourceGroups") return "resource-group";
  return "resource";
}

/** Finds owners and subscription names for results, with a cache per ARM id. */
export class OwnerFinder {
  private readonly cache = new Map<string, OwnerRef | null>();
  constructor(
    private readonly inventory: Inventory,
    private readonly keys: readonly string[],
    private readonly classifier: Classifier,
  ) {}

  /** The owner of an ARM id, or undefined (no owner tag up the chain, a tenant-level id, or no keys configured). */
  ownerOf(id: string): OwnerRef | undefined {
    if (this.keys.length === 0 || !id.toLowerCase().startsWith("/subscriptions/")) return undefined;
    const k = id.toLowerCase();
    let hit = this.cache.get(k);
    if (hit === undefined) {
      hit = this.inventory.untracked(() => this.compute(id)) ?? null;
      this.cache.set(k, hit);
    }
    return hit ?? undefined;
  }

  private compute(id: string): OwnerRef | undefined {
    for (const carrier of this.inventory.chain(id)) {
      const tags = this.inventory.tagsOf(carrier);
      const found = ownerFromTags(tags, this.keys);
      if (found) return { value: found.value, key: found.key, source: sourceOf(carrier), personal: isPersonalOwner(found.value) };
      // Tags nobody could read may name a nearer owner: a farther one is not claimed.
      if (tags === undefined && this.classifier.unreadable(carrier)) return undefined;
    }
    return undefined;
  }

  /** The subscription's display name as the snapshot read it. */
  subscriptionName(subscriptionId: string): string | undefined {
    const name = this.inventory.untracked(() => this.inventory.subscription(subscriptionId))?.displayName;
    return typeof name === "string" && name.trim() !== "" ? name : undefined;
  }

  /** Puts the subscription name, resource group and owner on a result of an ARM resource (a tenant-level result gets none). */
  describe(f: Finding): void {
    if (!f.resourceId.toLowerCase().startsWith("/subscriptions/")) return;
    const parsed = parseArmId(f.resourceId);
    const sub = f.subscriptionId ?? parsed.subscriptionId;
    if (sub !== undefined && f.subscriptionName === undefined) {
      const name = this.subscriptionName(sub);
      if (name !== undefined) f.subscriptionName = name;
    }
    if (f.resourceGroup === undefined && parsed.resourceGroup !== undefined) f.resourceGroup = parsed.resourceGroup;
    const owner = this.ownerOf(f.resourceId);
    if (owner) f.owner = owner;
  }
}
