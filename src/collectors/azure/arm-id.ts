/** Parts of an ARM resource id that SDK calls take apart: the resource group and the resource's own name. */

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
