/**
 * The compact form's decoder (compact.ts), placed before the page script (report.ts) in the same
 * script element: `hemvistExpand(compact)` returns an array of row objects whose fields are read
 * from the tables on first access and kept. Emitted as a plain script (the type import is erased),
 * so the function is the page's global (page.d.ts declares it); tests run the same emitted text to
 * check that decoding gives back every field.
 */
import type { PageCompactResults, PageFinding } from "./page.js";

/** A decoded row: its first cell, and its extra fields once read (null: none). */
interface ExpandedRow {
  _i: number;
  _x?: Record<string, unknown> | null;
  extra(): Record<string, unknown> | null;
}

function hemvistExpand(c: PageCompactResults): PageFinding[] {
  'use strict';
  var S = c.strings, rows = c.rows, K = c.stride, cols = c.columns.map(function (x) { var p = x.split(':'); return { name: p[0] as string, kind: p[1] as string }; });
  var NAME = cols.length, EXTRA = cols.length + 1;
  function Row(this: ExpandedRow, i: number) { this._i = i * K; }
  function fill(s: string, name: string | null) { return name === null ? s : s.split('\u0001').join(name); }
  function value(row: ExpandedRow, k: number): unknown {
    var ix = rows[row._i + k] as number;
    if (ix < 0) return undefined;
    var kind = cols[k]!.kind, s = S[ix] as string;
    if (kind === 's') return s;
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
  var n = Math.floor(rows.length / K), out = new Array(n);
  for (var i = 0; i < n; i++) out[i] = new (Row as unknown as new (i: number) => ExpandedRow)(i);
  return out;
}
