/**
 * Compact encoding of the HTML report's results: every field kept, repeated strings interned once,
 * the resource name factored out of ids, keys, messages and evidence; the page expands rows lazily
 * (browser/expand.ts).
 */
import type { Finding } from "../../engine/types.js";

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

/** The compact form: a string table and a flat array of string indexes, `stride` per row (-1 = absent). */
export interface CompactResults {
  v: 1;
  stride: number;
  columns: string[];
  strings: string[];
  rows: number[];
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
  const rows = new Array<number>(results.length * COMPACT_STRIDE);
  for (let r = 0; r < results.length; r++) encodeRow(results[r]!, table, rows, r * COMPACT_STRIDE);
  return { v: 1, stride: COMPACT_STRIDE, columns: [...COMPACT_COLUMNS], strings, rows };
}
