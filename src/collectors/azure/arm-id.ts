/** Parts of an ARM resource id that SDK calls take apart (the resource group and the resource's own name), and singleton children filed under the id their GET addressed. */
import type { ArmResource } from "../../snapshot/types.js";

/** The last segment of an ARM id: the resource's own name. */
export function lastSegment(id: string): string {
  const parts = id.split("/").filter((p) => p.length > 0);
  return parts[parts.length - 1] ?? "";
}

/**
 * Resource group and name of an ARM resource id (`/subscriptions/s/resourceGroups/rg/providers/ns/type/name`).
 * @returns `resourceGroup` "" when the id names none
 */
export function armIdParts(id: string): { resourceGroup: string; name: string } {
  const parts = id.split("/").filter((p) => p.length > 0);
  const rg = parts.findIndex((p) => p.toLowerCase() === "resourcegroups");
  return { resourceGroup: rg >= 0 ? (parts[rg + 1] ?? "") : "", name: lastSegment(id) };
}

/**
 * A singleton child (`…/transparentDataEncryption/current`, `…/backupstorageconfig/vaultstorageconfig`)
 * as the id its GET addressed, when the answer carries another (any casing of the same id is kept as
 * returned). Rules find a singleton under its parent by that id; a specification example answering
 * with its parent's id (TransparentDataEncryptions_Get, 2022-08-01-preview) or a config id that does
 * not name its vault would otherwise leave a read answer unused and its parent judged on defaults.
 * The payload is otherwise kept as returned.
 */
export function asAddressed(item: ArmResource, addressed: string): ArmResource {
  return typeof item.id === "string" && item.id.toLowerCase() === addressed.toLowerCase() ? item : { ...item, id: addressed };
}
