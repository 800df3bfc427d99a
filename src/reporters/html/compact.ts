/**
 * Compact encoding of the HTML report's results: every field kept, repeated strings interned once,
 * the resource name factored out of ids, keys, messages and evidence; the page expands rows lazily.
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
];
const KNOWN = new Set([...COLUMNS.map(([k]) => k.split(".")[0]!), "message"]);

/** The compact form: a string table and a flat array of string indexes, `stride` per row (-1 = absent). */
export interface CompactResults {
  v: 1;
  stride: number;
  columns: string[];
  strings: string[];
  rows: number[];
}

/**
 * Encodes results compactly. A row whose texts already contain U+0001 is stored without templating
 * (its template-name column is -1), so decoding is always exact.
 * @param results the findings, in report order
 */
export function encodeResults(results: readonly Finding[]): CompactResults {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const intern = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  // Columns: the 20 above, then the template name, then extra fields (JSON) a newer Finding may carry.
  const stride = COLUMNS.length + 2;
  const rows = new Array<number>(results.length * stride);
  let at = 0;
  for (const f of results) {
    const rec = f as unknown as Record<string, unknown>;
    const name = typeof f.resourceName === "string" && f.resourceName.length >= 2 ? f.resourceName : undefined;
    const values: unknown[] = COLUMNS.map(([k]) => (k === "message.en" ? f.message?.en : k === "message.sv" ? f.message?.sv : rec[k]));
    const texts = values.map((v, i) => (v === undefined ? undefined : COLUMNS[i]![1] === "j" ? JSON.stringify(v) : typeof v === "string" ? v : JSON.stringify(v)));
    const templated = name !== undefined && !texts.some((t) => t?.includes(MARK));
    for (let i = 0; i < COLUMNS.length; i++) {
      const t = texts[i];
      const kind = COLUMNS[i]![1];
      if (t === undefined || (kind === "s" && typeof values[i] !== "string")) {
        // A non-string in a string column (never in a valid Finding) goes to the extras.
        rows[at++] = -1;
        continue;
      }
      if (kind === "s" || !templated) rows[at++] = intern(t);
      else rows[at++] = intern(t.split(COLUMNS[i]![0] === "resourceKey" ? name!.toLowerCase() : name!).join(MARK));
    }
    rows[at++] = templated ? intern(name!) : -1;
    const extra: Record<string, unknown> = {};
    for (const k of Object.keys(rec)) if (!KNOWN.has(k) && rec[k] !== undefined) extra[k] = rec[k];
    COLUMNS.forEach(([k, kind], i) => {
      if (kind === "s" && values[i] !== undefined && typeof values[i] !== "string") extra[k] = values[i];
    });
    rows[at++] = Object.keys(extra).length > 0 ? intern(JSON.stringify(extra)) : -1;
  }
  return { v: 1, stride, columns: COLUMNS.map(([k, kind]) => `${k}:${kind}`), strings, rows };
}

/**
 * The page's decoder (plain ES2017, placed before the report script): `hemvistExpand(compact)`
 * returns an array of row objects whose fields are read from the tables on first access and kept.
 * Tests run this same text to check that decoding gives back every field.
 */
export const EXPAND_SCRIPT = String.raw`
function hemvistExpand(c) {
  'use strict';
  var S = c.strings, rows = c.rows, K = c.stride, cols = c.columns.map(function (x) { var p = x.split(':'); return { name: p[0], kind: p[1] }; });
  var NAME = cols.length, EXTRA = cols.length + 1;
  function Row(i) { this._i = i * K; }
  function fill(s, name) { return name === null ? s : s.split('\u0001').join(name); }
  function value(row, k) {
    var ix = rows[row._i + k];
    if (ix < 0) return undefined;
    var kind = cols[k].kind, s = S[ix];
    if (kind === 's') return s;
    var n = rows[row._i + NAME];
    var name = n < 0 ? null : (cols[k].name === 'resourceKey' ? S[n].toLowerCase() : S[n]);
    s = fill(s, name);
    return kind === 'j' ? JSON.parse(s) : s;
  }
  function extra(row) {
    if (row._x === undefined) { var e = rows[row._i + EXTRA]; row._x = e < 0 ? null : JSON.parse(S[e]); }
    return row._x;
  }
  var index = {};
  cols.forEach(function (col, k) {
    var field = col.name.split('.')[0];
    if (col.name.indexOf('.') > 0) { index.message = true; return; }
    Object.defineProperty(Row.prototype, field, {
      get: function () {
        var x = extra(this);
        var v = x && Object.prototype.hasOwnProperty.call(x, field) ? x[field] : value(this, k);
        if (col.kind !== 's') Object.defineProperty(this, field, { value: v, enumerable: true });
        return v;
      }
    });
  });
  if (index.message) {
    var en = -1, sv = -1;
    cols.forEach(function (col, k) { if (col.name === 'message.en') en = k; if (col.name === 'message.sv') sv = k; });
    Object.defineProperty(Row.prototype, 'message', {
      get: function () {
        var m = { en: value(this, en), sv: value(this, sv) };
        Object.defineProperty(this, 'message', { value: m, enumerable: true });
        return m;
      }
    });
  }
  Row.prototype.extra = function () { return extra(this); };
  var n = Math.floor(rows.length / K), out = new Array(n);
  for (var i = 0; i < n; i++) out[i] = new Row(i);
  return out;
}
`;
