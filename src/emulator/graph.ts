/** Microsoft Graph routes of the emulator (`/v1.0` and `/beta`): organization, users, groups, sites (and `/sites/root`), subscribedSkus. */
import type { GraphObject } from "../snapshot/types.js";
import type { TenantModel } from "./model.js";
import {
  decodeSkipToken,
  encodeSkipToken,
  graphError,
  queryParam,
  type Reply,
  type RequestContext,
  skipTokenParam,
} from "./responses.js";

/** Graph's maximum `$top` for directory collections. */
const MAX_TOP = 999;

/** Properties `GET /users` returns without `$select` (Graph's documented default set). */
const USER_DEFAULT_PROPERTIES = new Set([
  "id",
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
]);

/** Properties Graph returns only when `$select`ed, whatever the collection. */
const SELECT_ONLY_PROPERTIES = new Set(["preferredDataLocation"]);

type CollectionName = "organization" | "users" | "groups" | "sites" | "subscribedSkus";

interface Collection {
  name: CollectionName;
  items: GraphObject[];
  byId: Map<string, GraphObject>;
  /** The `@odata.context` fragment (`users`, `Collection(site)`). */
  contextName: string;
  paged: boolean;
}

/** Graph lookup tables built once at start. */
export interface GraphState {
  collections: Map<CollectionName, Collection>;
  /** The tenant's root site (`GET /sites/root`), when the model has sites. */
  rootSite?: GraphObject;
  pageSize: number;
}

/** Builds the Graph collections (and id maps) for a model. */
export function buildGraphState(model: TenantModel, pageSize: number): GraphState {
  const make = (name: CollectionName, items: GraphObject[] | undefined, contextName: string, paged: boolean): Collection => {
    const list = items ?? [];
    return { name, items: list, byId: new Map(list.map((o) => [o.id.toLowerCase(), o])), contextName, paged };
  };
  const g = model.graph ?? {};
  const collections = new Map<CollectionName, Collection>([
    ["organization", make("organization", g.organization, "organization", false)],
    ["users", make("users", g.users, "users", true)],
    ["groups", make("groups", g.groups, "groups", true)],
    ["sites", make("sites", g.sites, "sites", true)],
    ["subscribedSkus", make("subscribedSkus", g.subscribedSkus, "subscribedSkus", false)],
  ]);
  const sites = g.sites ?? [];
  const rootSite = g.rootSiteId !== undefined ? sites.find((s) => s.id === g.rootSiteId) : sites.find((s) => {
    const sc = s.siteCollection as { root?: unknown } | undefined;
    return sc?.root !== undefined && sc.root !== null;
  });
  return { collections, ...(rootSite ? { rootSite } : {}), pageSize };
}

const SEGMENT_TO_COLLECTION: Record<string, CollectionName> = {
  organization: "organization",
  users: "users",
  groups: "groups",
  sites: "sites",
  subscribedskus: "subscribedSkus",
};

/** Answers one Graph GET. `ctx.segments[0]` is the version (`v1.0` or `beta`). */
export function handleGraph(ctx: RequestContext, state: GraphState): Reply {
  const version = ctx.segments[0] ?? "v1.0";
  const rest = ctx.segments.slice(1).map((s) => s.replace(/\(\)$/, ""));
  const first = rest[0];
  const name = first ? SEGMENT_TO_COLLECTION[first.toLowerCase()] : undefined;
  if (!name) {
    return graphError(ctx, 400, "BadRequest", `Resource not found for the segment '${first ?? ""}'.`);
  }
  const collection = state.collections.get(name)!;
  const select = parseSelect(ctx);

  if (rest.length === 1 || (name === "sites" && rest.length === 2 && rest[1]!.toLowerCase() === "getallsites")) {
    const contextName = rest.length === 2 ? "Collection(site)" : collection.contextName;
    return list(ctx, state, collection, select, version, contextName);
  }
  if (name === "sites" && rest.length === 2 && rest[1]!.toLowerCase() === "root") {
    // Graph's `/sites/root`: the tenant's root site, one object.
    if (!state.rootSite) return graphError(ctx, 404, "itemNotFound", "The tenant has no root site.");
    return {
      status: 200,
      body: {
        "@odata.context": `https://graph.microsoft.com/${version}/$metadata#sites${selectSuffix(select)}/$entity`,
        ...project(state.rootSite, "sites", select),
      },
    };
  }
  if (rest.length === 2) {
    const item = collection.byId.get(rest[1]!.toLowerCase());
    if (!item) {
      return graphError(
        ctx,
        404,
        "Request_ResourceNotFound",
        `Resource '${rest[1]}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    return {
      status: 200,
      body: {
        "@odata.context": `https://graph.microsoft.com/${version}/$metadata#${collection.contextName}${selectSuffix(select)}/$entity`,
        ...project(item, collection.name, select),
      },
    };
  }
  return graphError(ctx, 400, "BadRequest", `Resource not found for the segment '${rest[2] ?? ""}'.`);
}

function parseSelect(ctx: RequestContext): string[] | undefined {
  const raw = queryParam(ctx.query, "$select");
  if (raw === undefined || raw.trim() === "") return undefined;
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function selectSuffix(select: string[] | undefined): string {
  return select ? `(${select.join(",")})` : "";
}

/** `id` plus the selected properties, or the collection's default property set. */
function project(item: GraphObject, collection: CollectionName, select: string[] | undefined): GraphObject {
  const out: GraphObject = { id: item.id };
  if (select) {
    for (const key of select) {
      // Graph returns a selected property even when it has no value (as null).
      if (key !== "id") out[key] = key in item ? item[key] : null;
    }
    return out;
  }
  for (const [key, value] of Object.entries(item)) {
    if (key === "id" || SELECT_ONLY_PROPERTIES.has(key)) continue;
    if (collection === "users" && !USER_DEFAULT_PROPERTIES.has(key)) continue;
    out[key] = value;
  }
  return out;
}

function list(
  ctx: RequestContext,
  state: GraphState,
  collection: Collection,
  select: string[] | undefined,
  version: string,
  contextName: string,
): Reply {
  let size = state.pageSize;
  const top = queryParam(ctx.query, "$top");
  if (top !== undefined) {
    const n = Number(top);
    if (!Number.isInteger(n) || n < 1 || n > MAX_TOP) {
      return graphError(
        ctx,
        400,
        "Request_UnsupportedQuery",
        `Invalid page size specified: '${top}'. Must be between 1 and ${MAX_TOP} inclusive.`,
      );
    }
    size = n;
  }
  let offset = 0;
  const token = skipTokenParam(ctx.query);
  if (token !== undefined) {
    const decoded = decodeSkipToken(token);
    if (decoded === undefined) return graphError(ctx, 400, "Request_BadRequest", "Invalid $skiptoken value.");
    offset = decoded;
  }
  const slice = collection.paged ? collection.items.slice(offset, offset + size) : collection.items;
  const body: Record<string, unknown> = {
    "@odata.context": `https://graph.microsoft.com/${version}/$metadata#${contextName}${selectSuffix(select)}`,
  };
  if (collection.paged && offset + size < collection.items.length) {
    body["@odata.nextLink"] = nextLink(ctx, encodeSkipToken(offset + size));
  }
  body.value = slice.map((item) => project(item, collection.name, select));
  return { status: 200, body };
}

/** The request's own URL with `$skiptoken` replaced, other query options kept as the client sent them. */
function nextLink(ctx: RequestContext, token: string): string {
  const kept = ctx.rawQuery
    .split("&")
    .filter((p) => p.length > 0 && !/^(\$|%24)skiptoken=/i.test(p));
  kept.push(`$skiptoken=${token}`);
  return `${ctx.origin}${ctx.path}?${kept.join("&")}`;
}
