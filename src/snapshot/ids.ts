/**
 * How a snapshot compares item ids: ARM and Graph ids are case-insensitive, and a trailing slash
 * does not make another id (the engine's `idKey` reads them the same way).
 */

/** The key two ids share when they name the same item: lower-cased, trailing slashes dropped. */
export function itemIdKey(id: string): string {
  return id.toLowerCase().replace(/\/+$/, "");
}
