/**
 * Compact encoding of the HTML report's results: every field kept, repeated strings interned once,
 * the resource name factored out of ids, keys, messages and evidence; the page expands rows lazily
 * (browser/expand.ts).
 */
import type { Finding } from "../../engine/types.js";
import type { DataCopy, DataMap } from "../../findings/types.js";

/** Reports with more results than this embed them compactly (smaller ones embed the document as is). */
export const COMPACT_THRESHOLD = 5000;

/** Stands for the row's resource name inside templated strings (ids, messages, evidence JSON). */
const MARK = "\u0001";

/**
 * Columns of one row, in order. `s` interned string, `t` interned template (the resource name
 * replaced by U+0001; the key uses the lower-cased name), `j` interned JSON template.
 */
export const COLUMNS: readonly (readonly [string, "s" | "t" | "j"])[] = [
  ["ruleId", "s"],
  ["status", "s"],
  ["severity", "s"],
  ["resourceId", "t"],
  ["resourceKey", "t"],
  ["part", "s"],
  ["resourceType", "s"],
  ["resourceName", "s"],
  ["subscriptionId", "s"],
  ["resourceGroup", "s"],
  ["location", "s"],
  ["classification", "j"],
  ["messageId", "s"],
  ["message.en", "t"],
  ["message.sv", "t"],
  ["evidence", "j"],
  ["fingerprint", "s"],
  ["notAssessed", "j"],
  ["exception", "j"],
  ["baselineState", "s"],
  ["attestation", "j"],
  ["subscriptionName", "s"],
  ["owner", "j"],
];
const KNOWN = new Set([...COLUMNS.map(([k]) => k.split(".")[0]!), "message"]);
/** Fields the page does not show: what each verdict read (findings.json keeps it, for the next night). */
const NOT_SHOWN = new Set(["dependsOn"]);

/**
 * The compact form: a string table, and the rows' string indexes (`stride` cells per row, -1 =
 * absent) column by column (encodeColumn): `count` rows, `cols[k]` the cells of column k.
 */
export interface CompactResults {
  v: 2;
  stride: number;
  columns: string[];
  strings: string[];
  count: number;
  cols: number[][];
}

/**
 * One column of rows as the compact form stores it: each cell as its index + 1 (0 = absent), and a
 * run of cells equal to the one before as one negative number, minus the run's length. Results come
 * sorted by rule and resource, so most columns are a few long runs.
 * @param chunks the rows' cells, `stride` per row, in order (each chunk whole rows)
 * @param stride cells per row
 * @param column which cell of each row
 * @param out where the column goes (room for one number per row suffices)
 * @returns how many numbers were written to `out`
 */
export function encodeColumn(chunks: readonly ArrayLike<number>[], stride: number, column: number, out: { [i: number]: number }): number {
  let n = 0;
  let prev = Number.NaN;
  let run = 0;
  for (const cells of chunks) {
    for (let i = column; i < cells.length; i += stride) {
      const v = cells[i] as number;
      if (v === prev) {
        run++;
        continue;
      }
      if (run > 0) out[n++] = -run;
      run = 0;
      out[n++] = v + 1;
      prev = v;
    }
  }
  if (run > 0) out[n++] = -run;
  return n;
}

/** Cells per row: the columns above, then the template name, then extra fields (JSON) a newer Finding may carry. */
export const COMPACT_STRIDE = COLUMNS.length + 2;

/** The `columns` field of the compact form: `name:kind` per column. */
export const COMPACT_COLUMNS: readonly string[] = COLUMNS.map(([k, kind]) => `${k}:${kind}`);

/**
 * The string table of the compact form: each string once, indexes in order of first appearance.
 * Consecutive rows mostly repeat a column's value (results sorted by rule and resource), so each
 * column's last string is remembered and answered without a lookup.
 */
export class StringTable {
  private readonly index = new Map<string, number>();
  private readonly lastText = new Array<string | undefined>(COMPACT_STRIDE);
  private readonly lastIndex = new Int32Array(COMPACT_STRIDE);

  /** @param added called with each new string (for a table kept elsewhere, e.g. on disk) */
  constructor(private readonly added: (s: string) => void) {}

  /** How many strings the table holds. */
  get size(): number {
    return this.index.size;
  }

  /** The index of `s` (in cell `column` of a row), adding it when new. */
  cell(column: number, s: string): number {
    if (this.lastText[column] === s) return this.lastIndex[column] as number;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(s, i);
      this.added(s);
    }
    this.lastText[column] = s;
    this.lastIndex[column] = i;
    return i;
  }
}

const KEYS = COLUMNS.map(([k]) => k);
const KINDS = COLUMNS.map(([, kind]) => kind);
const MESSAGE_EN = KEYS.indexOf("message.en");
const MESSAGE_SV = KEYS.indexOf("message.sv");
// Scratch for one row (encodeRow is synchronous and not re-entrant).
const rowValues = new Array<unknown>(COLUMNS.length);
const rowTexts = new Array<string | undefined>(COLUMNS.length);

/**
 * Encodes one result into `rows[at .. at + COMPACT_STRIDE)`, interning its strings in cell order
 * (the string table of `encodeResults` lists strings in order of first appearance). A row whose
 * texts already contain U+0001 is stored without templating (its template-name cell is -1), so
 * decoding is always exact.
 * @param f the finding
 * @param table the string table
 * @param rows where the cells go (a plain array or an Int32Array)
 * @param at the row's first cell
 */
export function encodeRow(f: Finding, table: StringTable, rows: { [i: number]: number }, at: number): void {
  const rec = f as unknown as Record<string, unknown>;
  const name = typeof f.resourceName === "string" && f.resourceName.length >= 2 ? f.resourceName : undefined;
  let templated = name !== undefined;
  for (let i = 0; i < KEYS.length; i++) {
    const v = i === MESSAGE_EN ? f.message?.en : i === MESSAGE_SV ? f.message?.sv : rec[KEYS[i]!];
    const t = v === undefined ? undefined : KINDS[i] === "j" ? JSON.stringify(v) : typeof v === "string" ? v : JSON.stringify(v);
    rowValues[i] = v;
    rowTexts[i] = t;
    if (templated && t?.includes(MARK)) templated = false;
  }
  const lowerName = templated ? name!.toLowerCase() : "";
  for (let i = 0; i < KEYS.length; i++) {
    const t = rowTexts[i];
    const kind = KINDS[i];
    // A non-string in a string column (never in a valid Finding) goes to the extras.
    if (t === undefined || (kind === "s" && typeof rowValues[i] !== "string")) rows[at++] = -1;
    else if (kind === "s" || !templated) rows[at++] = table.cell(i, t);
    else rows[at++] = table.cell(i, t.replaceAll(KEYS[i] === "resourceKey" ? lowerName : name!, MARK));
  }
  rows[at++] = templated ? table.cell(KEYS.length, name!) : -1;
  const extra: Record<string, unknown> = {};
  for (const k of Object.keys(rec)) if (!KNOWN.has(k) && !NOT_SHOWN.has(k) && rec[k] !== undefined) extra[k] = rec[k];
  for (let i = 0; i < KEYS.length; i++) {
    const v = rowValues[i];
    if (KINDS[i] === "s" && v !== undefined && typeof v !== "string") extra[KEYS[i]!] = v;
  }
  rows[at] = Object.keys(extra).length > 0 ? table.cell(KEYS.length + 1, JSON.stringify(extra)) : -1;
  rowValues.fill(undefined);
}

/**
 * Encodes results compactly (see encodeRow).
 * @param results the findings, in report order
 */
export function encodeResults(results: readonly Finding[]): CompactResults {
  const strings: string[] = [];
  const table = new StringTable((s) => strings.push(s));
  const rows = new Int32Array(results.length * COMPACT_STRIDE);
  for (let r = 0; r < results.length; r++) encodeRow(results[r]!, table, rows, r * COMPACT_STRIDE);
  const cols: number[][] = [];
  for (let k = 0; k < COMPACT_STRIDE; k++) {
    const col: number[] = [];
    encodeColumn([rows], COMPACT_STRIDE, k, col);
    cols.push(col);
  }
  return { v: 2, stride: COMPACT_STRIDE, columns: [...COMPACT_COLUMNS], strings, count: results.length, cols };
}

/**
 * A data map's copies as the page gets them: what the page shows of each copy (resource, kind,
 * regions, state and why it is unreadable, the rule it came from), strings interned once, the
 * resource name factored out of the id. findings.json keeps every field.
 */
export const COPY_COLUMNS = ["resourceId", "resourceName", "kind", "region", "primaryRegion", "state", "ruleId", "unreadableReason"] as const;

/** The compact form of a data map's copies: `stride` cells per copy, the columns, then 1 when the id is a template of the name. */
export interface CompactCopies {
  v: 1;
  stride: number;
  columns: string[];
  strings: string[];
  rows: number[];
}

/** The data map as the page gets it: its copies compact (browser/expand.ts `hemvistCopies` expands them). */
export type PageDataMapData = Omit<DataMap, "copies"> & { copiesCompact: CompactCopies };

/**
 * Encodes a data map's copies compactly for the page. An id that already contains U+0001 is
 * stored as is (its template cell is 0), so decoding is always exact.
 * @param copies the copies, in the data map's order
 */
export function encodeCopies(copies: readonly DataCopy[]): CompactCopies {
  const strings: string[] = [];
  const table = new StringTable((s) => strings.push(s));
  const stride = COPY_COLUMNS.length + 1;
  const rows = new Array<number>(copies.length * stride);
  let at = 0;
  for (const c of copies) {
    const name = typeof c.resourceName === "string" && c.resourceName.length >= 2 ? c.resourceName : undefined;
    const templated = name !== undefined && !c.resourceId.includes(MARK) && c.resourceId.includes(name);
    const cells = [templated ? c.resourceId.replaceAll(name, MARK) : c.resourceId, c.resourceName, c.kind, c.region, c.primaryRegion, c.state, c.source.ruleId, c.unreadableReason];
    cells.forEach((v, column) => {
      rows[at++] = v === undefined ? -1 : table.cell(column, v);
    });
    rows[at++] = templated ? 1 : 0;
  }
  return { v: 1, stride, columns: [...COPY_COLUMNS], strings, rows };
}

/** A data map as the page embeds it: its copies compact. */
export function pageDataMap(dm: DataMap): PageDataMapData {
  const { copies, ...rest } = dm;
  return { ...rest, copiesCompact: encodeCopies(copies) };
}
