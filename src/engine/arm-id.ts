/**
 * Parsing ARM resource ids: subscription, resource group, type and parent, case-insensitively.
 */

export interface ParsedArmId {
  subscriptionId?: string;
  resourceGroup?: string;
  /** `Microsoft.Storage/storageAccounts` or, for children, `Microsoft.Sql/servers/databases`. */
  type?: string;
  name?: string;
}

/** Splits an ARM id into its parts. Unknown forms give an empty object, never a throw. */
export function parseArmId(id: string): ParsedArmId {
  const seg = id.split("/").filter((s) => s.length > 0);
  const out: ParsedArmId = {};
  let i = 0;
  if (seg[0]?.toLowerCase() === "subscriptions" && seg[1]) {
    out.subscriptionId = seg[1];
    i = 2;
    if (seg[2]?.toLowerCase() === "resourcegroups" && seg[3]) {
      out.resourceGroup = seg[3];
      out.type = "Microsoft.Resources/resourceGroups";
      out.name = seg[3];
      i = 4;
    } else if (seg.length === 2) {
      out.type = "Microsoft.Resources/subscriptions";
      out.name = seg[1];
    }
  }
  // The last `providers/{namespace}` decides the type (extension resources nest a second one).
  let p = -1;
  for (let k = i; k < seg.length; k++) if (seg[k]?.toLowerCase() === "providers") p = k;
  if (p >= 0 && seg[p + 1]) {
    const ns = seg[p + 1] as string;
    const rest = seg.slice(p + 2);
    const types: string[] = [];
    let name: string | undefined;
    for (let k = 0; k < rest.length; k += 2) {
      types.push(rest[k] as string);
      name = rest[k + 1];
    }
    if (types.length > 0) {
      out.type = `${ns}/${types.join("/")}`;
      if (name !== undefined) out.name = name;
    }
  }
  return out;
}

/**
 * The id of the parent: child resource → its parent resource, top-level resource → its resource
 * group, resource group → its subscription, subscription → undefined.
 */
export function parentArmId(id: string): string | undefined {
  const seg = id.split("/").filter((s) => s.length > 0);
  if (seg.length <= 2) return undefined;
  if (seg.length === 4 && seg[2]?.toLowerCase() === "resourcegroups") return `/${seg.slice(0, 2).join("/")}`;
  let p = -1;
  for (let k = 0; k < seg.length; k++) if (seg[k]?.toLowerCase() === "providers") p = k;
  if (p < 0) return `/${seg.slice(0, seg.length - 2).join("/")}`;
  const after = seg.length - (p + 2);
  if (after <= 2) {
    // Top-level resource under `providers/{ns}/{type}/{name}`: the scope before `providers`.
    const scope = seg.slice(0, p);
    return scope.length > 0 ? `/${scope.join("/")}` : undefined;
  }
  return `/${seg.slice(0, seg.length - 2).join("/")}`;
}

/** Lower-cased id used as a map key. */
export function idKey(id: string): string {
  return id.toLowerCase().replace(/\/+$/, "");
}

/** True when `id` is `scope` or lies under it (case-insensitive). */
export function isUnder(id: string, scope: string): boolean {
  const a = idKey(id);
  const b = idKey(scope);
  return a === b || a.startsWith(`${b}/`);
}
