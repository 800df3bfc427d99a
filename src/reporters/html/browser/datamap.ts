/**
 * report.html's data map (issue 14), placed before the page script (report.ts) in the same script
 * element: `hemvistDataMap(dataMap, map, labels, lang, helpers)` returns the content of the "where
 * your data lives" section for a document with a data map: two SVG views (Europe, the world) with
 * a numbered marker per region holding a copy and a line per primary region → copy region and
 * kind, a legend in words, and a table that says the same (region, country, legal regime,
 * allowed, copies by kind, resources), copies whose location could not be read listed in it, and
 * Microsoft 365 locations. The country shapes and region positions come projected from the
 * renderer (worldmap.ts); every tenant string goes in as text through report.ts's helpers.
 */
import type { PageDataCopy, PageDataMap, PageDataMapRegion, PageHelpers, PageLabels, PageMapData } from "./page.js";

/** A row of the regions table: a region (or the copies whose location could not be read) and its copies. */
interface MapRow {
  no: number;
  name: string;
  region: PageDataMapRegion | null;
  copies: PageDataCopy[];
  point: Readonly<Record<string, readonly [number, number]>> | null;
}

function hemvistDataMap(dm: PageDataMap, map: PageMapData | undefined, L: PageLabels, lang: string, h: PageHelpers): HTMLElement[] {
  'use strict';
  var el = h.el, svg = h.svg, fmt = h.fmt, n = h.n, clip = h.clip;
  var REGIME_ORDER = ['sweden', 'eu', 'eea', 'adequacy', 'us-dpf', 'third-country', 'unknown'];
  // Marker colours per legal regime (white numbers on them keep AA contrast); never the only cue: the table and legend say it in words.
  var REGIME_COLOUR: Record<string, string> = { sweden: '#1f5a96', eu: '#0b6e75', eea: '#2f6f2f', adequacy: '#6941c6', 'us-dpf': '#9a4a06', 'third-country': '#b42318', unknown: '#475467' };
  var KIND_ORDER = ['primary', 'secondary', 'replica', 'backup', 'failover-partner', 'ai-processing', 'key'];
  // Line dashes per kind of copy (the legend draws each with its name).
  var KIND_DASH: Record<string, string> = { secondary: '', replica: '12 5', backup: '3 4', 'failover-partner': '12 4 2 4', 'ai-processing': '1 5', key: '6 3 1 3 1 3' };
  var COUNTRY_FILL: Record<string, string> = { other: '#e6e9ee', eueea: '#cfdff0', sweden: '#9fc0e6' };
  var countryNames: Intl.DisplayNames | null = null;
  try { countryNames = new Intl.DisplayNames([lang === 'sv' ? 'sv' : 'en'], { type: 'region' }); } catch { countryNames = null; }
  function country(code: string | undefined): string {
    if (!code) return '\u2013';
    var name: string | undefined;
    try { name = countryNames ? countryNames.of(code.toUpperCase()) : undefined; } catch { name = undefined; }
    return name && name !== code ? name + ' (' + code.toUpperCase() + ')' : code;
  }
  function regimeText(r: string): string { return L.regimes[r] || L.regimes.unknown; }
  function kindText(k: string): string { return L.copyKinds[k] || k; }
  function reasonText(r: string): string { return L.copyReasons[r] || r; }
  function rank(list: string[], v: string): number { var i = list.indexOf(v); return i < 0 ? list.length : i; }

  // ---------- rows: one per region holding a copy (or named as a primary), then the copies without a location ----------
  var regionsByName: Record<string, PageDataMapRegion> = {};
  dm.regions.forEach(function (r) { regionsByName[r.name] = r; });
  var byRegion: Record<string, PageDataCopy[]> = {};
  var unplaced: PageDataCopy[] = [];
  dm.copies.forEach(function (c) {
    if (c.region === undefined || c.region === '') { unplaced.push(c); return; }
    (byRegion[c.region] = byRegion[c.region] || []).push(c);
    if (c.primaryRegion && !byRegion[c.primaryRegion]) byRegion[c.primaryRegion] = [];
  });
  var points = (map && map.points) || {};
  var rows: MapRow[] = Object.keys(byRegion).map(function (name) {
    // A region the data map does not describe is shown with an unknown regime, never dropped.
    var region = regionsByName[name] || null;
    return { no: 0, name: name, region: region, copies: byRegion[name], point: points[name] || null };
  });
  function regimeOf(row: MapRow): string { return row.region ? row.region.regime : 'unknown'; }
  rows.sort(function (a, b) {
    return rank(REGIME_ORDER, regimeOf(a)) - rank(REGIME_ORDER, regimeOf(b)) || b.copies.length - a.copies.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  });
  rows.forEach(function (r, i) { r.no = i + 1; });
  var rowByName: Record<string, MapRow> = {};
  rows.forEach(function (r) { rowByName[r.name] = r; });
  function allowedOf(row: MapRow): boolean | null { return row.region ? row.region.allowed : null; }
  function regionLabel(name: string): string {
    var r = regionsByName[name];
    return r && r.displayName ? r.displayName : name;
  }

  // ---------- lines: one per primary region → copy region and kind (the same route and kind drawn once, with its count) ----------
  interface Line { from: string; to: string; kind: string; count: number }
  var lines: Line[] = [];
  var lineAt: Record<string, Line> = {};
  dm.copies.forEach(function (c) {
    if (c.kind === 'primary' || !c.primaryRegion || !c.region || c.primaryRegion === c.region) return;
    if (!points[c.primaryRegion] || !points[c.region]) return;
    var key = c.primaryRegion + '\u0000' + c.region + '\u0000' + c.kind;
    if (lineAt[key]) { lineAt[key].count++; return; }
    lines.push(lineAt[key] = { from: c.primaryRegion, to: c.region, kind: c.kind, count: 1 });
  });
  lines.sort(function (a, b) { return rank(KIND_ORDER, a.kind) - rank(KIND_ORDER, b.kind); });

  var unreadableCount = dm.copies.filter(function (c) { return c.state === 'unreadable' || !c.region; }).length;
  var notAllowedCount = rows.filter(function (r) { return allowedOf(r) === false; }).length;
  var noCoords = rows.filter(function (r) { return !r.point; }).length;
  var summary = fmt(L.dataMapSummary, { copies: n(dm.copies.length), regions: n(rows.length), notAllowed: n(notAllowedCount), unreadable: n(unreadableCount), noCoords: n(noCoords) });

  // ---------- the map: one SVG per view ----------
  function markerShape(row: MapRow, x: number, y: number, r: number, full: boolean): SVGElement {
    var fill = REGIME_COLOUR[regimeOf(row)] || REGIME_COLOUR.unknown;
    var allowed = allowedOf(row) === true;
    var g = svg('g', { class: 'dm-marker' + (allowed ? '' : ' dm-not-allowed'), 'data-region': row.name, 'data-regime': regimeOf(row), 'data-allowed': String(allowed) });
    var tip = row.no + '. ' + regionLabel(row.name) + ' \u2013 ' + country(row.region ? row.region.country : undefined) + ' \u2013 ' + regimeText(regimeOf(row)) + ' \u2013 ' + (allowed ? L.allowed : L.notAllowed) + ' \u2013 ' + L.colCopies.toLowerCase() + ': ' + n(row.copies.length);
    g.appendChild(svg('title', null, tip));
    if (allowed) g.appendChild(svg('circle', { cx: x, cy: y, r: r, fill: fill, stroke: '#ffffff', 'stroke-width': r / 5 }));
    else {
      var d = r * 1.3;
      g.appendChild(svg('path', { d: 'M' + x + ',' + (y - d) + 'L' + (x + d) + ',' + y + 'L' + x + ',' + (y + d) + 'L' + (x - d) + ',' + y + 'Z', fill: fill, stroke: '#7a0916', 'stroke-width': r / 4 }));
    }
    if (full) g.appendChild(svg('text', { x: x, y: y + r * 0.38, 'text-anchor': 'middle', 'font-size': r * 1.05, 'font-weight': 700, fill: '#ffffff' }, String(row.no)));
    return g;
  }
  /**
   * A gentle curve from a to b ending `gap` units short of b (where the marker's edge is), and an
   * arrowhead there of size `head` pointing along the curve: [path data, arrowhead path data].
   */
  function curve(a: readonly [number, number], b: readonly [number, number], gap: number, head: number): [string, string] {
    var mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2;
    var dx = b[0] - a[0], dy = b[1] - a[1];
    // Bent to the left of the direction of travel, so a route and its way back stay apart.
    var cx = mx - dy * 0.18, cy = my + dx * 0.18;
    var tx = b[0] - cx, ty = b[1] - cy, len = Math.sqrt(tx * tx + ty * ty) || 1;
    var ux = tx / len, uy = ty / len;
    var ex = b[0], ey = b[1];
    if (len > gap * 2) { ex = b[0] - ux * gap; ey = b[1] - uy * gap; }
    function r(v: number): number { return Math.round(v * 10) / 10; }
    // The line stops at the arrowhead's base; the head's tip is the end point.
    var bx = ex - ux * head, by = ey - uy * head;
    var arrow = 'M' + r(ex) + ',' + r(ey) + 'L' + r(bx - uy * head * 0.55) + ',' + r(by + ux * head * 0.55) + 'L' + r(bx + uy * head * 0.55) + ',' + r(by - ux * head * 0.55) + 'Z';
    return ['M' + a[0] + ',' + a[1] + 'Q' + r(cx) + ',' + r(cy) + ' ' + r(bx) + ',' + r(by), arrow];
  }
  /** Where the curve from a (inside the view) to b (outside) first leaves a width × height view; null when it never does. */
  function exitPoint(a: readonly [number, number], b: readonly [number, number], width: number, height: number): [number, number] | null {
    var dx = b[0] - a[0], dy = b[1] - a[1];
    var cx = (a[0] + b[0]) / 2 - dy * 0.18, cy = (a[1] + b[1]) / 2 + dx * 0.18;
    var last: [number, number] | null = null;
    for (var i = 0; i <= 200; i++) {
      var t = i / 200, u = 1 - t;
      var x = u * u * a[0] + 2 * u * t * cx + t * t * b[0], y = u * u * a[1] + 2 * u * t * cy + t * t * b[1];
      if (x < 0 || x > width || y < 0 || y > height) return last;
      last = [x, y];
    }
    return null;
  }
  function viewSvg(view: PageMapData['views'][number], main: boolean, europe: PageMapData['views'][number] | null): SVGElement {
    var unit = view.width / (main ? 560 : 430);
    var label = (L.mapViews[view.id] || view.id) + ': ' + summary;
    var root = svg('svg', { class: 'dm-view dm-' + view.id, viewBox: '0 0 ' + view.width + ' ' + view.height, role: 'img', 'aria-label': label, preserveAspectRatio: 'xMidYMid meet' });
    root.appendChild(svg('title', null, label));
    root.appendChild(svg('rect', { x: 0, y: 0, width: view.width, height: view.height, fill: '#f5f8fc' }));
    (['other', 'eueea', 'sweden'] as const).forEach(function (g) {
      root.appendChild(svg('path', { class: 'dm-land dm-land-' + g, d: view.shapes[g], fill: COUNTRY_FILL[g], stroke: '#ffffff', 'stroke-width': unit * 0.6, 'stroke-linejoin': 'round' }));
    });
    // In the world view, regions the Europe view shows are small dots without numbers (the Europe view numbers them).
    var inEurope = function (name: string): boolean {
      if (!europe) return false;
      var p = points[name] && points[name][europe.id];
      return !!p && p[0] >= 0 && p[0] <= europe.width && p[1] >= 0 && p[1] <= europe.height;
    };
    // Where each marker is drawn: at its region, or — when an earlier marker (a lower number) already
    // covers that spot (Malmö and Copenhagen) — moved beside it with a thin leader to the true spot.
    var placed: { name: string; at: [number, number]; r: number; moved: boolean }[] = [];
    var shownAt: Record<string, [number, number]> = {};
    rows.forEach(function (r) {
      var p = r.point && r.point[view.id];
      // Outside this view (eastus in the Europe view): the world view shows it, and its line leaves this one at the edge.
      if (!p || p[0] < 0 || p[0] > view.width || p[1] < 0 || p[1] > view.height) return;
      var dot = !!europe && inEurope(r.name);
      var rad = dot ? unit * 4 : unit * 9;
      var at: [number, number] = [p[0], p[1]];
      var clear = function (q: [number, number]): boolean {
        // Square boxes around the markers (a diamond reaches 1.3 radii out) must not meet.
        return placed.every(function (o) { var gap = (o.r + rad) * 1.3 * 1.1; return Math.abs(o.at[0] - q[0]) >= gap || Math.abs(o.at[1] - q[1]) >= gap; });
      };
      // Dots (regions the Europe view numbers) stay where they are.
      if (!dot && !clear(at)) {
        for (var ring = 1; ring <= 4 && !clear(at); ring++) {
          for (var k = 0; k < 8; k++) {
            var ang = (k * 45 + 20) * Math.PI / 180, dist = rad * 2.4 * ring;
            var q: [number, number] = [Math.round((p[0] + Math.cos(ang) * dist) * 10) / 10, Math.round((p[1] + Math.sin(ang) * dist) * 10) / 10];
            if (clear(q)) { at = q; break; }
          }
        }
      }
      placed.push({ name: r.name, at: at, r: dot ? 0 : rad, moved: at[0] !== p[0] || at[1] !== p[1] });
      shownAt[r.name] = at;
    });
    var edges: { to: string; a: readonly [number, number]; b: readonly [number, number] }[] = [];
    var edgeNoted: Record<string, boolean> = {};
    lines.forEach(function (ln) {
      var a = shownAt[ln.from] || points[ln.from][view.id], b = shownAt[ln.to] || points[ln.to][view.id];
      if (!a || !b) return;
      var title = regionLabel(ln.from) + ' \u2192 ' + regionLabel(ln.to) + ': ' + kindText(ln.kind) + ' (' + n(ln.count) + ')';
      var toDot = !!europe && inEurope(ln.to);
      var d = toDot ? curve(a, b, unit * 5, unit * 5) : curve(a, b, unit * 12, unit * 9);
      var dash = (KIND_DASH[ln.kind] || '').split(' ').filter(Boolean).map(function (x) { return Number(x) * unit; }).join(' ') || 'none';
      root.appendChild(svg('g', { class: 'dm-route' }, [
        svg('path', { class: 'dm-line', 'data-from': ln.from, 'data-to': ln.to, 'data-kind': ln.kind, 'data-count': ln.count, d: d[0], fill: 'none', stroke: '#1d2939', 'stroke-width': unit * 1.6, 'stroke-dasharray': dash, 'stroke-linecap': 'round' }, svg('title', null, title)),
        svg('path', { class: 'dm-arrow', d: d[1], fill: '#1d2939' })
      ]));
      if (!shownAt[ln.to] && shownAt[ln.from] && !edgeNoted[ln.to]) { edgeNoted[ln.to] = true; edges.push({ to: ln.to, a: a, b: b }); }
    });
    // A copy outside this view: its number and region where its line leaves the view (the world view shows where it lands).
    edges.forEach(function (e) {
      var at = exitPoint(e.a, e.b, view.width, view.height);
      if (!at) return;
      var row = rowByName[e.to];
      var inset = unit * 8;
      var x = Math.min(view.width - inset, Math.max(inset, at[0])), y = Math.min(view.height - inset, Math.max(inset * 1.6, at[1]));
      var anchor = at[0] <= inset * 2 ? 'start' : at[0] >= view.width - inset * 2 ? 'end' : 'middle';
      var label = row.no + ' ' + regionLabel(e.to) + ' →';
      if (anchor === 'start') label = '← ' + row.no + ' ' + regionLabel(e.to);
      root.appendChild(svg('text', { class: 'dm-edge', 'data-region': e.to, x: Math.round(x), y: Math.round(y), 'text-anchor': anchor, 'font-size': unit * 11, 'font-weight': 700, fill: '#1d2939', stroke: '#ffffff', 'stroke-width': unit * 3, 'paint-order': 'stroke' }, label));
    });
    placed.forEach(function (m) {
      var row = rowByName[m.name];
      var p = row.point ? row.point[view.id] : null;
      if (m.moved && p) {
        root.appendChild(svg('path', { class: 'dm-leader', d: 'M' + p[0] + ',' + p[1] + 'L' + m.at[0] + ',' + m.at[1], stroke: '#1d2939', 'stroke-width': unit * 0.8, fill: 'none' }));
        root.appendChild(svg('circle', { class: 'dm-spot', cx: p[0], cy: p[1], r: unit * 2, fill: '#1d2939' }));
      }
      var dot = !!europe && inEurope(m.name);
      var g = markerShape(row, m.at[0], m.at[1], dot ? unit * 4 : m.r, !dot);
      // Where the region is (the marker may be drawn beside it).
      if (p) { g.setAttribute('data-x', String(p[0])); g.setAttribute('data-y', String(p[1])); }
      root.appendChild(g);
    });
    return root;
  }

  // ---------- the legend: every colour, shape and dash with its words ----------
  function swatch(colour: string): HTMLElement { return el('span', { class: 'sw', 'aria-hidden': 'true', style: 'background:' + colour }); }
  function dashSample(kind: string): SVGElement {
    var s = svg('svg', { class: 'dm-dash', width: 48, height: 10, viewBox: '0 0 48 10', 'aria-hidden': 'true' });
    s.appendChild(svg('path', { d: 'M2,5L46,5', stroke: '#1d2939', 'stroke-width': 2, 'stroke-dasharray': KIND_DASH[kind] || 'none', 'stroke-linecap': 'round' }));
    return s;
  }
  var regimesShown: Record<string, boolean> = {};
  rows.forEach(function (r) { regimesShown[regimeOf(r)] = true; });
  dm.m365.forEach(function (g) { regimesShown[g.regime] = true; });
  var kindsShown: Record<string, boolean> = {};
  lines.forEach(function (ln) { kindsShown[ln.kind] = true; });
  var legend = el('div', { class: 'dm-legend' }, [
    el('h4', { text: L.dataMapLegendRegime }),
    el('ul', null, REGIME_ORDER.filter(function (r) { return regimesShown[r]; }).map(function (r) { return el('li', null, [swatch(REGIME_COLOUR[r]), regimeText(r)]); })),
    el('h4', { text: L.dataMapLegendShape }),
    el('ul', null, [
      el('li', null, [el('span', { class: 'dm-shape', 'aria-hidden': 'true', text: '\u25CF' }), L.dataMapLegendAllowed]),
      el('li', null, [el('span', { class: 'dm-shape', 'aria-hidden': 'true', text: '\u25C6' }), L.dataMapLegendNotAllowed])
    ]),
    el('p', { class: 'small', text: L.dataMapLinesNote }),
    lines.length ? el('h4', { text: L.dataMapLegendLines }) : null,
    lines.length ? el('ul', null, KIND_ORDER.filter(function (k) { return kindsShown[k]; }).map(function (k) { return el('li', null, [dashSample(k), kindText(k)]); })) : null,
    el('h4', { text: L.dataMapLegendCountries }),
    el('ul', null, (['sweden', 'eueea', 'other'] as const).map(function (g) { return el('li', null, [swatch(COUNTRY_FILL[g]), L.mapCountryGroups[g]]); }))
  ]);

  var out: HTMLElement[] = [el('p', { class: 'intro', text: L.dataMapIntro })];
  if (!dm.copies.length) out.push(el('p', { class: 'empty', text: L.dataMapNoCopies }));
  else {
    var views = (map && map.views) || [];
    var europeView = views.filter(function (v) { return v.id === 'europe'; })[0] || null;
    var worldView = views.filter(function (v) { return v.id === 'world'; })[0] || null;
    out.push(el('div', { class: 'dm-grid' }, [
      europeView ? el('figure', { class: 'dm-fig dm-main' }, [viewSvg(europeView, true, null), el('figcaption', { text: L.mapViews.europe })]) : null,
      el('div', { class: 'dm-side' }, [
        worldView ? el('figure', { class: 'dm-fig' }, [viewSvg(worldView, false, europeView), el('figcaption', { text: L.mapViews.world })]) : null,
        legend
      ])
    ]));
  }

  // ---------- the table: the same in words ----------
  function kindsCell(copies: PageDataCopy[]): HTMLElement {
    var counts: Record<string, number> = {};
    var unreadable = 0;
    copies.forEach(function (c) { counts[c.kind] = (counts[c.kind] || 0) + 1; if (c.state === 'unreadable') unreadable++; });
    return el('ul', { class: 'dm-kinds' }, KIND_ORDER.concat(Object.keys(counts).filter(function (k) { return KIND_ORDER.indexOf(k) < 0; })).filter(function (k) { return counts[k]; }).map(function (k) {
      return el('li', { text: kindText(k) + ': ' + n(counts[k]) });
    }).concat(unreadable ? [el('li', null, el('span', { class: 'badge bad', text: L.copyStates.unreadable + ': ' + n(unreadable) }))] : []));
  }
  function resourcesCell(copies: PageDataCopy[]): HTMLElement {
    // Distinct names in order of first appearance (a Set: a region may hold 100,000 copies).
    var seen = new Set<string>();
    var names: string[] = [];
    copies.forEach(function (c) {
      var nm = c.resourceName || c.resourceId.split('/').filter(Boolean).pop() || c.resourceId;
      if (!seen.has(nm)) { seen.add(nm); names.push(nm); }
    });
    var CAP = 6;
    return el('span', null, [
      el('span', { dir: 'auto', text: names.slice(0, CAP).map(function (x) { return clip(x, 80); }).join(', ') }),
      names.length > CAP ? ' ' + fmt(L.dataMapMore, { n: n(names.length - CAP) }) : null
    ]);
  }
  function allowedBadge(a: boolean | null): HTMLElement {
    if (a === null) return el('span', { class: 'badge neutral' }, [el('span', { 'aria-hidden': 'true', text: '?' }), L.dataMapAllowedUnknown]);
    return el('span', { class: 'badge ' + (a ? 'ok' : 'bad') }, [el('span', { 'aria-hidden': 'true', text: a ? '\u2714' : '\u2716' }), a ? L.allowed : L.notAllowed]);
  }
  function regimeCell(regime: string): HTMLElement { return el('span', { class: 'dm-regime' }, [swatch(REGIME_COLOUR[regime] || REGIME_COLOUR.unknown), regimeText(regime)]); }
  function tableWrap(label: string, headers: string[], body: HTMLElement[], cls: string): HTMLElement {
    // Focusable, so a keyboard can scroll a table wider than the page.
    return el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label }, el('table', { class: cls }, [
      el('caption', { class: 'sr-only', text: label }),
      el('thead', null, el('tr', null, headers.map(function (x) { return el('th', { scope: 'col', text: x }); }))),
      el('tbody', null, body)
    ]));
  }
  var body = rows.map(function (r) {
    return el('tr', { class: 'dm-row', 'data-region': r.name }, [
      el('td', { class: 'num', text: String(r.no) }),
      el('th', { scope: 'row', class: 'data' }, [
        el('span', { dir: 'auto', text: regionLabel(r.name) }),
        r.region && r.region.displayName ? el('div', { class: 'small mono', text: r.name }) : null,
        r.point ? null : el('div', { class: 'small dm-nocoords', text: L.dataMapNoCoordinates })
      ]),
      el('td', { text: country(r.region ? r.region.country : undefined) }),
      el('td', null, regimeCell(regimeOf(r))),
      el('td', null, allowedBadge(allowedOf(r))),
      el('td', null, kindsCell(r.copies)),
      el('td', { class: 'data' }, resourcesCell(r.copies))
    ]);
  });
  if (unplaced.length) body.push(el('tr', { class: 'dm-row dm-unreadable', 'data-region': '' }, [
    el('td', { class: 'num', text: '\u2013' }),
    el('th', { scope: 'row', class: 'data' }, [el('span', { class: 'badge bad', text: L.dataMapUnreadableRow })]),
    el('td', { text: '\u2013' }),
    el('td', null, regimeCell('unknown')),
    el('td', null, allowedBadge(null)),
    el('td', null, kindsCell(unplaced)),
    el('td', { class: 'data' }, resourcesCell(unplaced))
  ]));
  if (dm.copies.length) {
    out.push(el('h3', { text: L.dataMapTable }));
    if (unreadableCount) out.push(el('p', { class: 'dm-unreadable-note' }, [el('span', { class: 'badge bad', text: '\u26A0 ' + L.copyStates.unreadable }), ' ', fmt(L.dataMapUnreadableNote, { n: n(unreadableCount) })]));
    out.push(tableWrap(L.dataMapTable, [L.colNo, L.region, L.colCountry, L.colRegime, L.allowed, L.colCopies, L.resources], body, 'dm-table'));
    // Every copy, one line each, with where the fact came from.
    var all = dm.copies.slice().sort(function (a, b) {
      return (a.state === b.state ? 0 : a.state === 'unreadable' ? -1 : 1) || rank(KIND_ORDER, a.kind) - rank(KIND_ORDER, b.kind) || (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0);
    });
    var CAP = 500;
    out.push(el('details', { class: 'dm-all' }, [
      el('summary', { text: fmt(L.dataMapAllCopies, { n: n(all.length) }) }),
      tableWrap(fmt(L.dataMapAllCopies, { n: n(all.length) }), [L.resource, L.kind, L.region, L.colPrimaryRegion, L.state, L.colSource], all.slice(0, CAP).map(function (c) {
        return el('tr', { class: 'dm-copy' + (c.state === 'unreadable' ? ' dm-unreadable' : '') }, [
          el('td', { class: 'data' }, [el('span', { dir: 'auto', text: c.resourceName || c.resourceId }), c.resourceName ? el('div', { class: 'small mono', title: c.resourceId, text: clip(c.resourceId, 200) }) : null]),
          el('td', { text: kindText(c.kind) }),
          el('td', { text: c.region ? regionLabel(c.region) : '\u2013' }),
          el('td', { text: c.primaryRegion ? regionLabel(c.primaryRegion) : '\u2013' }),
          el('td', null, c.state === 'unreadable' ? [el('span', { class: 'badge bad', text: L.copyStates.unreadable }), c.unreadableReason ? el('div', { class: 'small dm-reason', dir: 'auto', text: clip(reasonText(c.unreadableReason), 300) }) : null] : (L.copyStates[c.state] || c.state)),
          el('td', { class: 'mono', text: c.source.ruleId })
        ]);
      }), 'dm-copies'),
      all.length > CAP ? el('p', { class: 'small', text: fmt(L.listCapped, { n: n(CAP) }) }) : null
    ]));
  }

  // ---------- Microsoft 365 ----------
  out.push(el('h3', { text: L.dataMapM365 }));
  var geos = dm.m365.slice().sort(function (a, b) { return rank(REGIME_ORDER, a.regime) - rank(REGIME_ORDER, b.regime) || b.count - a.count || (a.geo < b.geo ? -1 : 1); });
  if (geos.length) out.push(tableWrap(L.dataMapM365, [L.geo, L.kind, L.colRegime, L.allowed, L.count], geos.map(function (g) {
    return el('tr', { class: 'dm-geo' }, [el('td', { class: 'mono', text: g.geo }), el('td', { text: L.kinds[g.kind] || g.kind }), el('td', null, regimeCell(g.regime)), el('td', null, allowedBadge(g.allowed)), el('td', { class: 'num', text: n(g.count) })]);
  }), 'dm-m365'));
  else out.push(el('p', { class: 'empty', text: L.dataMapM365None }));
  if (dm.m365Unreadable.length) out.push(el('ul', { class: 'dm-m365-unreadable' }, dm.m365Unreadable.map(function (u) {
    return el('li', null, [el('span', { class: 'badge bad', text: '\u26A0 ' + L.copyStates.unreadable }), ' ', el('span', { dir: 'auto', text: fmt(L.dataMapM365Unreadable, { kind: L.kinds[u.kind] || u.kind, count: u.count !== undefined ? n(u.count) : L.dataMapCountUnknown, reason: clip(reasonText(u.reason), 400) }) })]);
  })));
  return out;
}
