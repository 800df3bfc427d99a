/**
 * The compact form's decoder (compact.ts), placed before the page script (report.ts) in the same
 * script element: `hemvistExpand(compact)` returns an array of row objects whose fields are read
 * from the tables on first access and kept; `hemvistCopies(compact)` returns the data map's copies. Emitted as a plain script (the type import is erased),
 * so the function is the page's global (page.d.ts declares it); tests run the same emitted text to
 * check that decoding gives back every field.
 */
import type { PageCompactCopies, PageCompactResults, PageDataCopy, PageFinding } from "./page.js";

/** A decoded row: its first cell, and its extra fields once read (null: none). */
interface ExpandedRow {
  _i: number;
  _x?: Record<string, unknown> | null;
  extra(): Record<string, unknown> | null;
}

function hemvistExpand(c: PageCompactResults): PageFinding[] {
  'use strict';
  var S = c.strings, K = c.stride, cols = c.columns.map(function (x) { var p = x.split(':'); return { name: p[0] as string, kind: p[1] as string }; });
  var NAME = cols.length, EXTRA = cols.length + 1;
  // The cells, row by row, from the columns' runs (compact.ts encodeColumn).
  var rows = new Int32Array(c.count * K);
  c.cols.forEach(function (col, k) {
    var at = k, v = -1, end = rows.length;
    for (var j = 0; j < col.length; j++) {
      var x = col[j] as number;
      if (x >= 0) { v = x - 1; if (at < end) rows[at] = v; at += K; }
      else for (var r = -x; r > 0 && at < end; r--) { rows[at] = v; at += K; }
    }
  });
  // A JSON cell without the name in it parses to the same value in every row: parsed once.
  var parsed: Record<number, unknown> = {};
  function Row(this: ExpandedRow, i: number) { this._i = i * K; }
  function fill(s: string, name: string | null) { return name === null ? s : s.split('\u0001').join(name); }
  function value(row: ExpandedRow, k: number): unknown {
    var ix = rows[row._i + k] as number;
    if (ix < 0) return undefined;
    var kind = cols[k]!.kind, s = S[ix] as string;
    if (kind === 's') return s;
    if (kind === 'j' && s.indexOf('\u0001') < 0) return Object.prototype.hasOwnProperty.call(parsed, ix) ? parsed[ix] : (parsed[ix] = JSON.parse(s));
    var n = rows[row._i + NAME] as number;
    var name = n < 0 ? null : (cols[k]!.name === 'resourceKey' ? (S[n] as string).toLowerCase() : S[n] as string);
    s = fill(s, name);
    return kind === 'j' ? JSON.parse(s) : s;
  }
  function extra(row: ExpandedRow) {
    if (row._x === undefined) { var e = rows[row._i + EXTRA] as number; row._x = e < 0 ? null : JSON.parse(S[e] as string); }
    return row._x;
  }
  var index: { message?: boolean } = {};
  cols.forEach(function (col, k) {
    var field = col.name.split('.')[0] as string;
    if (col.name.indexOf('.') > 0) { index.message = true; return; }
    Object.defineProperty(Row.prototype, field, {
      get: function (this: ExpandedRow) {
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
      get: function (this: ExpandedRow) {
        var m = { en: value(this, en), sv: value(this, sv) };
        Object.defineProperty(this, 'message', { value: m, enumerable: true });
        return m;
      }
    });
  }
  Row.prototype.extra = function (this: ExpandedRow) { return extra(this); };
  var n = c.count, out = new Array(n);
  for (var i = 0; i < n; i++) out[i] = new (Row as unknown as new (i: number) => ExpandedRow)(i);
  return out;
}

function hemvistCopies(c: PageCompactCopies): PageDataCopy[] {
  'use strict';
  var S = c.strings, rows = c.rows, K = c.stride, at: Record<string, number> = {};
  c.columns.forEach(function (name, k) { at[name] = k; });
  function cell(i: number, name: string): string | undefined {
    var k = at[name];
    if (k === undefined) return undefined;
    var ix = rows[i + k] as number;
    return ix < 0 ? undefined : S[ix];
  }
  var n = Math.floor(rows.length / K), out: PageDataCopy[] = new Array(n);
  for (var r = 0; r < n; r++) {
    var i = r * K, name = cell(i, 'resourceName'), id = cell(i, 'resourceId') || '';
    // The last cell says the id is a template of the name (U+0001 stands for it).
    if (rows[i + K - 1] === 1 && name !== undefined) id = id.split('\u0001').join(name);
    var copy: PageDataCopy = { resourceId: id, kind: cell(i, 'kind') || '', state: cell(i, 'state') || '', source: { ruleId: cell(i, 'ruleId') || '' } };
    if (name !== undefined) copy.resourceName = name;
    var region = cell(i, 'region'), primary = cell(i, 'primaryRegion'), reason = cell(i, 'unreadableReason');
    if (region !== undefined) copy.region = region;
    if (primary !== undefined) copy.primaryRegion = primary;
    if (reason !== undefined) copy.unreadableReason = reason;
    out[r] = copy;
  }
  return out;
}
