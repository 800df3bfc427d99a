/**
 * Azure Resource Graph for the emulator: `POST /providers/Microsoft.ResourceGraph/resources`
 * (api-version 2024-04-01) answering the KQL subset Hemvist sends, paged with `$top`/`$skipToken`.
 */
import type { ArmResource } from "../snapshot/types.js";
import { isListedInResources, parseArmId, typeOfId } from "./arm-index.js";
import type { TenantModel } from "./model.js";
import { armError, decodeSkipToken, encodeSkipToken, type Reply } from "./responses.js";

/** Largest page Resource Graph returns (`options.$top` is capped here). */
export const RESOURCE_GRAPH_MAX_TOP = 1000;
/** Rows per page when the request sets no `$top`. */
export const RESOURCE_GRAPH_DEFAULT_TOP = 100;

/** One parsed query: table, optional type filter, projected columns. */
export interface ParsedGraphQuery {
  table: "resources" | "resourcecontainers";
  /** Lower-cased types a `where type in~ (...)` / `where type =~ '...'` keeps; undefined = all. */
  types?: Set<string>;
  /** Columns of `project`; undefined = every column. */
  project?: string[];
}

/** The columns Resource Graph's `Resources` table has (in its order). */
export const RESOURCE_GRAPH_COLUMNS = [
  "id",
  "name",
  "type",
  "tenantId",
  "kind",
  "location",
  "resourceGroup",
  "subscriptionId",
  "managedBy",
  "sku",
  "plan",
  "properties",
  "tags",
  "identity",
  "zones",
  "extendedLocation",
] as const;

function invalidQuery(detail: string): Reply {
  return armError(
    400,
    "BadRequest",
    "Please provide below info when asking for support: timestamp = , correlationId = . Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.",
    [
      { code: "InvalidQuery", message: "Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying." },
      { code: "ParserFailure", message: detail },
    ],
  );
}

/** Splits a KQL query on `|` outside single or double quotes. */
function pipes(query: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quote = "";
  for (const ch of query) {
    if (quote) {
      if (ch === quote) quote = "";
      cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      cur += ch;
    } else if (ch === "|") {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

function quotedList(text: string): string[] | undefined {
  const items: string[] = [];
  const re = /\s*(?:'([^']*)'|"([^"]*)")\s*(,|$)/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while (last < text.length && (m = re.exec(text)) !== null) {
    items.push((m[1] ?? m[2] ?? "").toLowerCase());
    last = re.lastIndex;
    if (m[3] === "") break;
  }
  return last >= text.trim().length || text.slice(last).trim() === "" ? items : undefined;
}

/**
 * Parses the query shapes Hemvist sends: `Resources` or `ResourceContainers`, then any of
 * `where type in~ ('a', 'b')`, `where type =~ 'a'`, `project c1, c2`, `order by id asc`.
 * @returns the parsed query, or a string saying what is not supported
 */
export function parseGraphQuery(query: string): ParsedGraphQuery | string {
  const [head, ...ops] = pipes(query);
  const table = (head ?? "").toLowerCase();
  if (table !== "resources" && table !== "resourcecontainers") return `Unknown table '${head}'.`;
  const parsed: ParsedGraphQuery = { table };
  for (const op of ops) {
    let m = /^where\s+type\s+in~\s*\(([\s\S]*)\)$/i.exec(op);
    if (m) {
      const list = quotedList(m[1] ?? "");
      if (!list) return `Cannot parse the list in '${op}'.`;
      parsed.types = new Set(list);
      continue;
    }
    m = /^where\s+type\s*=~\s*(?:'([^']*)'|"([^"]*)")$/i.exec(op);
    if (m) {
      parsed.types = new Set([(m[1] ?? m[2] ?? "").toLowerCase()]);
      continue;
    }
    m = /^project\s+([\s\S]+)$/i.exec(op);
    if (m) {
      const cols = (m[1] ?? "").split(",").map((c) => c.trim());
      const known = new Set<string>(RESOURCE_GRAPH_COLUMNS);
      const bad = cols.find((c) => !known.has(c));
      if (bad !== undefined) return `'project' operator: Failed to resolve scalar expression named '${bad}'`;
      parsed.project = cols;
      continue;
    }
    if (/^order\s+by\s+id(\s+asc)?$/i.test(op)) continue;
    return `Operator not supported by the Hemvist emulator: '${op}'.`;
  }
  return parsed;
}

/** Region name as Resource Graph normalises it (`Sweden Central` → `swedencentral`). */
function normalLocation(location: unknown): string {
  return typeof location === "string" ? location.toLowerCase().replace(/\s+/g, "") : "";
}

/** A Resource Graph row of a model resource (every column; absent strings `""`, absent objects null). */
export function graphRow(r: ArmResource, tenantId: string): Record<string, unknown> {
  const p = parseArmId(r.id);
  return {
    id: r.id,
    name: r.name ?? r.id.split("/").pop() ?? "",
    type: (r.type ?? typeOfId(r.id) ?? "").toLowerCase(),
    tenantId,
    kind: r.kind ?? "",
    location: normalLocation(r.location),
    resourceGroup: (p.resourceGroup ?? "").toLowerCase(),
    subscriptionId: p.subscriptionId ?? "",
    managedBy: r.managedBy ?? "",
    sku: r.sku ?? null,
    plan: r.plan ?? null,
    properties: r.properties ?? null,
    tags: r.tags ?? null,
    identity: r.identity ?? null,
    zones: r.zones ?? null,
    extendedLocation: r.extendedLocation ?? null,
  };
}

/** Rows of both tables, built once per emulator. */
export interface GraphTables {
  resources: { sub: string; type: string; row: Record<string, unknown>; paths: string[] }[];
  resourcecontainers: { sub: string; type: string; row: Record<string, unknown>; paths: string[] }[];
}

/** Builds the `Resources` (tracked resources, as `GET /subscriptions/{s}/resources` lists them) and `ResourceContainers` tables. */
export function buildGraphTables(model: TenantModel): GraphTables {
  const tables: GraphTables = { resources: [], resourcecontainers: [] };
  for (const sub of model.subscriptions) {
    const s = sub.subscriptionId.toLowerCase();
    tables.resourcecontainers.push({
      sub: s,
      type: "microsoft.resources/subscriptions",
      row: { ...graphRow({ id: `/subscriptions/${sub.subscriptionId}`, name: sub.displayName, type: "microsoft.resources/subscriptions", ...(sub.tags ? { tags: sub.tags } : {}) }, model.tenantId), subscriptionId: sub.subscriptionId },
      paths: [`/subscriptions/${sub.subscriptionId}`],
    });
    for (const rg of sub.resourceGroups) {
      tables.resourcecontainers.push({ sub: s, type: "microsoft.resources/subscriptions/resourcegroups", row: graphRow({ ...rg, type: "microsoft.resources/subscriptions/resourcegroups" }, model.tenantId), paths: [rg.id, `/subscriptions/${sub.subscriptionId}/resourcegroups`] });
    }
    for (const r of sub.resources) {
      if (!isListedInResources(r)) continue;
      const row = graphRow(r, model.tenantId);
      const p = parseArmId(r.id);
      // A read of this row needs the type's read permission: the provider list path stands for it.
      const listPath = `/subscriptions/${sub.subscriptionId}/providers/${p.namespace}/${p.types.join("/")}`;
      tables.resources.push({ sub: s, type: String(row.type), row, paths: [r.id, listPath] });
    }
  }
  return tables;
}

/** What the route needs: the tables, and which paths the identity may not read (Resource Graph leaves those rows out). */
export interface GraphState {
  tables: GraphTables;
  /** True when a GET of this path would be refused (403): such rows are silently left out, as Resource Graph does. */
  forbidden(path: string): boolean;
  /** Filtered row lists of recent queries (paging re-reads the same list). */
  cache: Map<string, Record<string, unknown>[]>;
}

/** Creates the Resource Graph state for a model. */
export function createGraphState(model: TenantModel, forbidden: (path: string) => boolean): GraphState {
  let tables: GraphTables | undefined;
  return {
    get tables() {
      tables ??= buildGraphTables(model);
      return tables;
    },
    forbidden,
    cache: new Map(),
  };
}

/**
 * Answers one Resource Graph query request body (`{ subscriptions, query, options: { $top, $skipToken, resultFormat } }`)
 * with `{ totalRecords, count, resultTruncated, $skipToken?, data, facets }`.
 */
export function handleResourceGraph(bodyText: string | undefined, state: GraphState): Reply {
  let body: unknown;
  try {
    body = JSON.parse(bodyText ?? "");
  } catch {
    return armError(400, "InvalidRequestContent", "The request content was invalid and could not be deserialized.");
  }
  const b = (typeof body === "object" && body !== null ? body : {}) as { subscriptions?: unknown; query?: unknown; options?: Record<string, unknown> };
  if (typeof b.query !== "string" || b.query.trim() === "") return invalidQuery("The query is empty.");
  const subs = Array.isArray(b.subscriptions) ? b.subscriptions.filter((s): s is string => typeof s === "string").map((s) => s.toLowerCase()) : undefined;
  if (!subs || subs.length === 0) {
    return armError(400, "BadRequest", "Hemvist's emulator needs 'subscriptions' in the query request (tenant-wide queries are not emulated).");
  }
  const parsed = parseGraphQuery(b.query);
  if (typeof parsed === "string") return invalidQuery(parsed);
  const opts = b.options ?? {};
  const topRaw = opts.$top;
  if (topRaw !== undefined && (typeof topRaw !== "number" || !Number.isInteger(topRaw) || topRaw < 1)) {
    return armError(400, "BadRequest", "The value of '$top' must be a positive integer.");
  }
  const top = Math.min(typeof topRaw === "number" ? topRaw : RESOURCE_GRAPH_DEFAULT_TOP, RESOURCE_GRAPH_MAX_TOP);
  let offset = 0;
  if (opts.$skipToken !== undefined) {
    const o = typeof opts.$skipToken === "string" ? decodeSkipToken(opts.$skipToken) : undefined;
    if (o === undefined) return armError(400, "BadRequest", "The provided $skipToken is not valid.");
    offset = o;
  }
  const key = `${b.query}\n${subs.join(",")}`;
  let rows = state.cache.get(key);
  if (!rows) {
    const wanted = new Set(subs);
    const cols = parsed.project;
    rows = [];
    for (const entry of state.tables[parsed.table]) {
      if (!wanted.has(entry.sub)) continue;
      if (parsed.types && !parsed.types.has(entry.type)) continue;
      if (entry.paths.some((p) => state.forbidden(p))) continue;
      rows.push(cols ? Object.fromEntries(cols.map((c) => [c, entry.row[c] ?? null])) : entry.row);
    }
    if (state.cache.size > 16) state.cache.clear();
    state.cache.set(key, rows);
  }
  const data = rows.slice(offset, offset + top);
  const out: Record<string, unknown> = {
    totalRecords: rows.length,
    count: data.length,
    resultTruncated: "false",
    ...(offset + top < rows.length ? { $skipToken: encodeSkipToken(offset + top) } : {}),
    data,
    facets: [],
  };
  return { status: 200, body: out };
}
