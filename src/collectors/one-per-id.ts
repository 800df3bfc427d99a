/**
 * One item per id in what a read returns. Paging can repeat an item (ARM and Resource Graph page
 * over a list that may change between requests); two copies of one id would give one fingerprint
 * both a passing and a failing result.
 */
import { itemIdKey } from "../snapshot/ids.js";

/**
 * Keeps one item per id (compared as `itemIdKey` does): the later copy's content, at the first
 * copy's position. Items without a string `id` are kept as they are. Returns `items` itself when
 * no id repeats.
 * @param items the items of one read, in the order the pages gave them
 */
export function keepLastPerId<T>(items: T[]): T[] {
  const at = new Map<string, number>();
  let out: T[] | undefined;
  for (const [i, item] of items.entries()) {
    const id = item !== null && typeof item === "object" ? (item as { id?: unknown }).id : undefined;
    if (typeof id !== "string") {
      out?.push(item);
      continue;
    }
    const key = itemIdKey(id);
    const seen = at.get(key);
    if (seen === undefined) {
      at.set(key, out ? out.length : i);
      out?.push(item);
      continue;
    }
    out ??= items.slice(0, i);
    out[seen] = item;
  }
  return out ?? items;
}
