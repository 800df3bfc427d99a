/**
 * report.html's page script, inlined into the page as emitted (tsconfig.browser.json: no bundler):
 * builds the page from the embedded findings document (`#hemvist-data`) and the page texts
 * (`#hemvist-meta`), with every tenant string inserted as text (textContent / text nodes), never
 * as markup, and pages the findings table (at most one page of rows in the DOM).
 */
import type { PageBaselineEntry, PageDataMap, PageDocument, PageEvidence, PageFinding, PageLabels, PageMeta, PageRule, PageTexts, PageTrendNight } from "./page.js";

/** What `el`, `svg` and `add` take as children: nodes, values shown as text, or nothing. */
type Child = Node | string | number | null | undefined | false;
type Children = Child | Child[];
/** Attributes of `el`: `class`, `text` (the text content), `on<event>` listeners, others as given (true: present). */
type Attrs = Record<string, unknown> | null;
/** A column heading of `table`: its text, or the text and whether the column holds numbers. */
type Heading = string | { label: string; num: boolean };
/** One line of `dl`: the term, the value (nothing: the line is left out), the value's class. */
type Pair = [string, Child | Child[], string?];
/** One bar of a chart: a region or geo, its count, and whether it is allowed. */
interface Bar { label: string; value: number; allowed: boolean }
/** The findings table's filters, sorting and page. */
interface ViewState { [key: string]: string | number; status: string; severity: string; rule: string; sub: string; region: string; cls: string; baseline: string; q: string; sort: string; dir: number; page: number; size: number; group: string }
(function () {
  'use strict';
  var doc = JSON.parse((document.getElementById('hemvist-data') as HTMLElement).textContent as string) as PageDocument;
  // Large reports embed the results compactly (see compact.ts); rows expand on first access.
  if (doc.resultsCompact) { doc.results = hemvistExpand(doc.resultsCompact); delete doc.resultsCompact; }
  // The data map's copies are always embedded compactly (one per copy of every resource's data).
  if (doc.dataMap && doc.dataMap.copiesCompact) { doc.dataMap.copies = hemvistCopies(doc.dataMap.copiesCompact); delete doc.dataMap.copiesCompact; }
  var meta = JSON.parse((document.getElementById('hemvist-meta') as HTMLElement).textContent as string) as PageMeta;
  var L: PageLabels = meta.labels;
  var W = L.who;
  var lang = meta.lang;
  var SEV = ['critical', 'high', 'medium', 'low', 'info'];
  var STATUS = ['fail', 'not-assessed', 'attestation-required', 'excepted', 'pass'];
  // Attestation-required: a pencil (something to sign), unlike fail's cross and not-assessed's question mark.
  var SYMBOL: PageTexts = { fail: '\u2716', 'not-assessed': '?', 'attestation-required': '\u270E', excepted: '\u2298', pass: '\u2714' };
  var NUM = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB');
  var rulesById: Record<string, PageRule> = {};
  doc.rules.forEach(function (r) { rulesById[r.id] = r; });
  var R = doc.results as PageFinding[];

  // ---------- small DOM helpers: text only, never markup ----------
  function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, children?: Children): HTMLElementTagNameMap[K] {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = (attrs as Record<string, unknown>)[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'class') e.className = v as string;
        else if (k === 'text') e.textContent = String(v);
        else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v as EventListener);
        else e.setAttribute(k, v === true ? '' : String(v));
      });
    }
    add(e, children);
    return e;
  }
  function add<E extends Node>(e: E, children?: Children): E {
    if (children === null || children === undefined || children === false) return e;
    if (!Array.isArray(children)) children = [children];
    for (var i = 0; i < children.length; i++) {
      var c = children[i];
      if (c === null || c === undefined || c === false) continue;
      e.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  function svg(tag: string, attrs: Record<string, unknown> | null, children?: Children): SVGElement {
    var e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String((attrs as Record<string, unknown>)[k])); });
    add(e, children);
    return e;
  }
  function fmt(template: string, values: Record<string, unknown>): string {
    return template.replace(/\{(\w+)\}/g, function (m: string, k: string) { return values[k] !== undefined ? String(values[k]) : m; });
  }
  function n(x: number | undefined): string { return NUM.format(x || 0); }
  function time(iso: string | undefined): string {
    var m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z$/.exec(iso || '');
    return m ? m[1] + ' ' + m[2] + ' UTC' : (iso || '');
  }
  function safeHref(u: string): string | null { return /^https?:\/\//i.test(u) ? u : null; }
  function text(v: unknown): string {
    if (v === undefined) return '';
    if (typeof v === 'string') return v;
    // Prose in both languages ({ en, sv }, nothing else): the report language's (reporters/common.ts isLocalizedValue).
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 2) {
      var loc = v as Record<string, unknown>;
      if (typeof loc.en === 'string' && typeof loc.sv === 'string') return lang === 'sv' ? loc.sv : loc.en;
    }
    try { return JSON.stringify(v); } catch { return String(v); }
  }
  function clip(s: string, max: number): string { return s.length > max ? s.slice(0, max) + '\u2026' : s; }
  function statusBadge(s: string): HTMLElement {
    return el('span', { class: 'badge st-' + s }, [el('span', { 'aria-hidden': 'true', text: SYMBOL[s] }), L.status[s]]);
  }
  function sevLabel(s: string): HTMLElement {
    return el('span', { class: 'sev sev-' + s }, s === 'by-level' ? L.byLevel : L.severity[s]);
  }
  function table(headers: Heading[], rows: Node[], cls?: string): HTMLElement {
    return el('div', { class: 'table-wrap' }, el('table', { class: cls || null }, [
      el('thead', null, el('tr', null, headers.map(function (h) {
        return el('th', { scope: 'col', class: (h as { num?: boolean }).num ? 'num' : null }, (h as { label?: string }).label || (h as string));
      }))),
      el('tbody', null, rows)
    ]));
  }
  function td(content: Children, cls?: string): HTMLElement { return el('td', { class: cls || null }, content); }
  function shortId(id: string): string {
    var seg = String(id).split('/').filter(function (s) { return s.length > 0; });
    return seg.length <= 2 ? String(id) : '\u2026/' + seg.slice(-2).join('/');
  }
  function lastSeg(id: string): string {
    var seg = String(id).split('/').filter(function (s) { return s.length > 0; });
    return seg.length ? seg[seg.length - 1] : String(id);
  }
  // Look-alike names: the same rule as src/base/display.ts nameConcerns (the page script imports nothing).
  var BIDI_RE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
  var SCRIPT_RES = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u];
  function mixesScripts(name: string): boolean {
    return name.split(/[^\p{L}\p{M}\p{N}]+/u).some(function (w) {
      return w.length > 1 && SCRIPT_RES.filter(function (re) { return re.test(w); }).length > 1;
    });
  }
  /** A visible badge after a deceptive name (bidi controls, mixed scripts), its reasons in the title in a fixed order; null for a plain name. */
  function nameBadge(names: (string | undefined | null)[]): HTMLElement | null {
    var given = names.filter(function (nm): nm is string { return typeof nm === 'string' && nm.length > 0; });
    var why: string[] = [];
    if (given.some(function (nm) { return BIDI_RE.test(nm); })) why.push(L.nameBidi);
    if (given.some(mixesScripts)) why.push(L.nameMixedScript);
    return why.length ? el('span', { class: 'badge warn namewarn', title: why.join('; '), text: '\u26A0 ' + L.nameLookalike }) : null;
  }
  /** A name as text (its own direction) with its badge when it is deceptive. */
  function named(name: string | undefined | null): Child[] | null {
    if (!name) return null;
    return [el('span', { dir: 'auto', text: name }), nameBadge([name])];
  }
  function section(id: string, title: string, children: Child[]): HTMLElement {
    return el('section', { class: 'card', id: id, 'aria-labelledby': id + '-h' }, ([el('h2', { id: id + '-h', text: title })] as Child[]).concat(children));
  }
  function dl(pairs: Pair[], cls?: string): HTMLElement {
    var d = el('dl', { class: 'meta' + (cls ? ' ' + cls : '') });
    pairs.forEach(function (p) {
      if (p[1] === null || p[1] === undefined || p[1] === '') return;
      add(d, [el('dt', null, p[0]), el('dd', { class: p[2] || null }, p[1])]);
    });
    return d;
  }

  // ---------- header and navigation ----------
  var app = document.getElementById('app') as HTMLElement;
  var headerSub = el('p', { class: 'sub' }, [
    doc.tenantName ? el('span', { dir: 'auto', text: doc.tenantName }) : null,
    doc.tenantName ? nameBadge([doc.tenantName]) : null,
    el('span', { class: 'mono', text: doc.tenantId }),
    el('span', { text: L.generatedAt + ' ' + time(doc.generatedAt) })
  ]);
  add(app, el('header', { class: 'top' }, el('div', { class: 'wrap' }, [
    el('div', { class: 'brand', text: 'Hemvist' }),
    el('h1', { text: L.pageTitle }),
    headerSub
  ])));
  var navItems: [string, string][] = [['overview', L.navOverview], ['changes', L.navChanges], ['attestation', L.navAttestation], ['residency', doc.dataMap ? L.navDataMap : L.navResidency], ['findings', L.navFindings], ['rules', L.navRules], ['exceptions', L.navExceptions]];
  add(app, el('nav', { class: 'toc', 'aria-label': L.navOverview }, el('ul', null, navItems.map(function (it) {
    return el('li', null, el('a', { href: '#' + it[0], text: it[1] }));
  }))));
  var main = el('main', { class: 'wrap', id: 'main' });
  add(app, main);

  // ---------- overview ----------
  function overview() {
    var code = doc.exit.code;
    var cls = code === 0 ? 'ok' : code === 1 ? 'fail' : 'partial';
    var icon = code === 0 ? '\u2714' : code === 1 ? '\u2716' : '!';
    var outcome = el('div', { class: 'outcome ' + cls, role: 'status' }, [
      el('span', { class: 'icon', 'aria-hidden': 'true', text: icon }),
      el('div', null, [
        el('strong', { text: L.outcome + ': ' + (L.exitTitles[String(code)] || L.exitOther) + ' (' + L.exitCode.toLowerCase() + ' ' + code + ')' }),
        el('span', { dir: 'auto', text: doc.exit.reason[lang] || doc.exit.reason.en })
      ])
    ]);
    var stats = el('div', { class: 'stats' }, STATUS.map(function (s) {
      return el('div', { class: 'stat s-' + s }, [
        el('div', { class: 'n', text: n(doc.summary.byStatus[s]) }),
        el('div', { class: 'l' }, [el('span', { 'aria-hidden': 'true', text: SYMBOL[s] + ' ' }), L.status[s]])
      ]);
    }).concat([
      el('div', { class: 'stat s-total' }, [el('div', { class: 'n', text: n(doc.summary.total) }), el('div', { class: 'l', text: L.total })]),
      el('div', { class: 'stat s-total' }, [el('div', { class: 'n', text: n(doc.summary.resources) }), el('div', { class: 'l', text: L.resources })]),
      el('div', { class: 'stat s-total' }, [el('div', { class: 'n', text: n(doc.summary.subscriptions) }), el('div', { class: 'l', text: L.subscriptions })])
    ]));
    var sev = el('ul', { class: 'sevrow', 'aria-label': L.failBySeverity }, SEV.map(function (s) {
      return el('li', null, [sevLabel(s), el('span', { class: 'count', text: n(doc.summary.failBySeverity[s]) })]);
    }));
    var p = doc.profile;
    var details = dl([
      [L.tenantName, named(doc.tenantName)],
      [L.tenantId, doc.tenantId, 'mono'],
      [L.profile, p.name],
      [L.allowedRegions, p.allowedRegions.join(', ') || '\u2013'],
      [L.allowedGeos, p.allowedM365Geos.join(', ') || '\u2013'],
      [L.aiDataZone, p.aiDataZoneAllowed ? L.yes : L.no],
      [L.collectedAt, time(doc.collectedAt)],
      [L.generatedAt, time(doc.generatedAt)],
      [L.snapshotSha, doc.snapshotSha256, 'mono'],
      [L.failOn, L.severity[doc.exit.failOn] || doc.exit.failOn],
      [L.failOnNew, doc.exit.failOnNew ? L.yes : L.no],
      [L.allowPartial, doc.exit.allowPartial ? L.yes : L.no],
      [L.toolVersion, doc.tool.version]
    ], 'cols2');
    var cov: HTMLElement;
    if (!doc.coverage.length) cov = el('p', { class: 'empty', text: L.coverageNone });
    else cov = el('div', null, [
      el('p', { class: 'intro', text: L.coverageIntro }),
      table([L.scope, L.collection, L.httpStatus, L.code, L.permission, L.blinds], doc.coverage.map(function (c) {
        return el('tr', null, [
          td(el('span', { class: 'mono', text: c.scope }), 'data scope'),
          td(c.collection),
          td(c.httpStatus !== undefined ? String(c.httpStatus) : '\u2013', 'num'),
          td([el('span', { class: 'badge warn', text: c.code }), c.message ? el('div', { class: 'small', dir: 'auto', text: clip(c.message, 400) }) : null], 'data'),
          td(c.permission || '\u2013', 'data'),
          td((c.blinds ?? []).join(', '))
        ]);
      }))
    ]);
    // Next to coverage: how many parts no API shows still need attestation (the section after this one lists them).
    var needs = doc.summary.byStatus['attestation-required'] || 0;
    var needLine = needs ? el('p', { class: 'attest-pointer' }, [statusBadge('attestation-required'), ' ', fmt(L.attestationPointer, { n: n(needs) }), ' ', el('a', { href: '#attestation', text: L.attestation })]) : null;
    return section('overview', L.overview, [
      outcome,
      overviewChanges(),
      el('h3', { text: L.byStatus }), stats,
      el('h3', { text: L.failBySeverity }), sev,
      el('h3', { text: L.details }), details,
      el('h3', { text: L.coverage }), cov, needLine
    ]);
  }

  // ---------- needs attestation: parts no API shows, and the configuration's attestations ----------
  function attestationSection() {
    var need: number[] = [];
    for (var i = 0; i < R.length; i++) if (R[i].status === 'attestation-required') need.push(i);
    need.sort(defaultCompare);
    var items = need.map(function (k) {
      var f = R[k];
      var r = rulesById[f.ruleId];
      return el('div', { class: 'attest-item' }, ([
        el('h3', null, [statusBadge(f.status), el('span', { class: 'rid', text: f.ruleId }), el('span', { dir: 'auto', text: r ? r.title[lang] : '' }), f.part ? el('span', { class: 'small', text: '(' + L.part.toLowerCase() + ' ' + f.part + ')' }) : null]),
        el('p', { dir: 'auto', text: f.message[lang] })
      ] as Child[]).concat(attestationNeed(f, true)));
    });
    var given = (doc.attestations || []).slice();
    var order: Record<string, number> = { stale: 0, expiring: 1, valid: 2 };
    given.sort(function (a, b) { return order[a.state] - order[b.state] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0); });
    var cls: PageTexts = { stale: 'bad', expiring: 'warn', valid: 'ok' };
    var givenBox = given.length ? table([L.attestKey, L.attestedValue, L.state, L.attestedBy, L.attestedOn, L.attestedSource], given.map(function (a) {
      return el('tr', null, [
        td(el('code', { text: 'attestations.' + a.key }), 'nowrap'),
        td(el('code', { text: text(a.value) })),
        td(el('span', { class: 'badge ' + (cls[a.state] || 'neutral'), text: fmt(L.attestationStates[a.state] || a.state, { date: a.staleOn }) })),
        td(el('span', { dir: 'auto', text: a.attestedBy }), 'nowrap'),
        td(a.attestedOn, 'nowrap'),
        td(el('span', { dir: 'auto', text: clip(a.source, 500) }), 'data')
      ]);
    })) : el('p', { class: 'empty', text: L.attestationsGivenNone });
    return section('attestation', L.attestation, ([
      el('p', { class: 'intro', text: L.attestationIntro })
    ] as Child[]).concat(items.length ? items : [el('p', { class: 'empty', text: L.attestationNone })]).concat([
      el('h3', { text: L.attestationsGiven }), givenBox
    ]));
  }

  // ---------- residency: inline SVG bars with the numbers beside them ----------
  function barChart(items: Bar[], title: string): SVGElement {
    var max = 1;
    items.forEach(function (it) { if (it.value > max) max = it.value; });
    var rowH = 26, labelW = 150, barW = 300, valueW = 70, top = 4;
    var height = top * 2 + items.length * rowH;
    var root = svg('svg', { viewBox: '0 0 ' + (labelW + barW + valueW) + ' ' + height, role: 'img', 'aria-label': title });
    add(root, svg('title', {}, title));
    items.forEach(function (it, i) {
      var y = top + i * rowH;
      var w = Math.max(2, Math.round((it.value / max) * barW));
      add(root, svg('text', { x: labelW - 8, y: y + 17, 'text-anchor': 'end', 'font-size': 12, fill: '#1d2939' }, clip(it.label, 22)));
      add(root, svg('rect', { x: labelW, y: y + 5, width: w, height: rowH - 10, rx: 2, fill: it.allowed ? '#1f5a96' : '#b42318' }));
      if (!it.allowed) add(root, svg('rect', { x: labelW, y: y + 5, width: w, height: rowH - 10, rx: 2, fill: 'none', stroke: '#7a0916', 'stroke-dasharray': '3 2' }));
      add(root, svg('text', { x: labelW + w + 6, y: y + 17, 'font-size': 12, fill: '#1d2939' }, n(it.value) + (it.allowed ? '' : ' \u2716')));
    });
    return root;
  }
  function legend() {
    return el('div', { class: 'legend', 'aria-hidden': 'true' }, [
      el('span', null, [el('span', { class: 'sw', style: 'background:#1f5a96' }), L.allowed]),
      el('span', null, [el('span', { class: 'sw', style: 'background:#b42318' }), L.notAllowed + ' \u2716'])
    ]);
  }
  function allowedBadge(a: boolean): HTMLElement { return el('span', { class: 'badge ' + (a ? 'ok' : 'bad') }, [el('span', { 'aria-hidden': 'true', text: a ? '\u2714' : '\u2716' }), a ? L.allowed : L.notAllowed]); }
  function residency() {
    var regs = doc.residency.regions || [];
    var byRegion: Record<string, Bar> = {};
    regs.forEach(function (r) {
      var k = r.region;
      if (!byRegion[k]) byRegion[k] = { label: k, value: 0, allowed: r.allowed };
      byRegion[k].value += r.count;
      if (!r.allowed) byRegion[k].allowed = false;
    });
    var regionItems = Object.keys(byRegion).map(function (k) { return byRegion[k]; }).sort(function (a, b) { return b.value - a.value || (a.label < b.label ? -1 : 1); });
    var regionRows = regs.slice().sort(function (a, b) { return (a.allowed === b.allowed ? 0 : a.allowed ? 1 : -1) || b.count - a.count; }).map(function (r) {
      return el('tr', null, [td(r.region, 'data'), td(allowedBadge(r.allowed)), td(subscriptionCell(r.subscriptionId), 'nowrap'), td(n(r.count), 'num')]);
    });
    var geos = doc.residency.m365Geos || [];
    var byGeo: Record<string, Bar> = {};
    geos.forEach(function (g) {
      if (!byGeo[g.geo]) byGeo[g.geo] = { label: g.geo, value: 0, allowed: g.allowed };
      byGeo[g.geo].value += g.count;
      if (!g.allowed) byGeo[g.geo].allowed = false;
    });
    var geoItems = Object.keys(byGeo).map(function (k) { return byGeo[k]; }).sort(function (a, b) { return b.value - a.value || (a.label < b.label ? -1 : 1); });
    var geoRows = geos.slice().sort(function (a, b) { return (a.allowed === b.allowed ? 0 : a.allowed ? 1 : -1) || b.count - a.count; }).map(function (g) {
      return el('tr', null, [td(g.geo, 'data'), td(L.kinds[g.kind] || g.kind), td(allowedBadge(g.allowed)), td(n(g.count), 'num')]);
    });
    function box(title: string, items: Bar[], headers: Heading[], rows: Node[]): HTMLElement {
      return el('div', null, [
        el('h3', { text: title }),
        items.length ? legend() : null,
        items.length ? el('div', { class: 'chartbox' }, [barChart(items, title), table(headers, rows)]) : el('p', { class: 'empty', text: L.noResidency })
      ]);
    }
    return section('residency', L.residency, [
      el('p', { class: 'intro', text: L.residencyIntro }),
      el('div', { class: 'charts' }, [
        box(L.azureRegions, regionItems, [L.region, L.allowed, L.subscription, { label: L.count, num: true }], regionRows),
        box(L.m365Geos, geoItems, [L.geo, L.kind, L.allowed, { label: L.count, num: true }], geoRows)
      ])
    ]);
  }

  // ---------- who must act: subscription names, owners, grouping ----------
  var subNames: Record<string, string> | null = null;
  /** Subscription id → display name, from the results (the snapshot's names, as the engine put them there). */
  function subscriptionNames(): Record<string, string> {
    if (subNames) return subNames;
    var m: Record<string, string> = {};
    for (var i = 0; i < R.length; i++) { var f = R[i]; if (f.subscriptionId && f.subscriptionName && !m[f.subscriptionId]) m[f.subscriptionId] = f.subscriptionName; }
    return (subNames = m);
  }
  /** A subscription by name, its GUID as the title (and in a screen reader's text); the GUID alone when no name was read. */
  function subscriptionCell(id: string): HTMLElement {
    var nm = subscriptionNames()[id];
    return nm ? el('span', { class: 'subname', dir: 'auto', title: id, 'data-subscription-id': id }, [nm, el('span', { class: 'sr-only', text: ' (' + id + ')' })]) : el('span', { class: 'mono', text: id });
  }
  /** Under a result's resource: subscription name · resource group · owner (each when known). */
  function whoLine(f: PageFinding): HTMLElement | null {
    var parts: Child[] = [];
    if (f.subscriptionId) parts.push(subscriptionCell(f.subscriptionId));
    if (f.resourceGroup) parts.push(el('span', { dir: 'auto', text: f.resourceGroup }));
    if (f.owner) parts.push(el('span', { class: 'owner', dir: 'auto', text: W.owner + ': ' + clip(f.owner.value, 120) }));
    if (!parts.length) return null;
    var out: Child[] = [];
    parts.forEach(function (p, i) { if (i) out.push(' \u00b7 '); out.push(p); });
    return el('span', { class: 'who' }, out);
  }
  function ownerDetail(f: PageFinding): Child[] | null {
    var o = f.owner;
    if (!o) return f.resourceId.indexOf('/subscriptions/') === 0 || f.resourceId.indexOf('/SUBSCRIPTIONS/') === 0 ? [W.noOwner] : null;
    return [el('span', { dir: 'auto', text: o.value }), ' (' + fmt(W.ownerFrom, { key: o.key, source: W.sources[o.source] || o.source }) + ')',
      o.personal ? el('div', { class: 'small', text: W.ownerPersonal }) : null];
  }
  /** The group of a result: its owner's value or subscription id; '' for none (listed last). */
  function groupKey(f: PageFinding): string {
    if (state.group === 'owner') return f.owner ? f.owner.value : '';
    if (state.group === 'sub') return f.subscriptionId || '';
    return '';
  }
  function groupTitle(key: string): string {
    if (state.group === 'owner') return key || W.noOwner;
    return key ? subscriptionNames()[key] || key : W.noSubscription;
  }
  var groupCounts: Record<string, number> = {};
  /** The filtered, sorted results gathered by group (groups by title, the one without a key last), order kept within each. */
  function groupOrder(idx: number[]): number[] {
    var by: Record<string, number[]> = {};
    var keys: string[] = [];
    for (var i = 0; i < idx.length; i++) {
      var k = groupKey(R[idx[i]]);
      if (!by[k]) { by[k] = []; keys.push(k); }
      by[k].push(idx[i]);
    }
    keys.sort(function (a, b) {
      if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
      return groupTitle(a).localeCompare(groupTitle(b), lang === 'sv' ? 'sv' : 'en', { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);
    });
    groupCounts = {};
    var out: number[] = [];
    keys.forEach(function (k) { groupCounts[k] = by[k].length; for (var j = 0; j < by[k].length; j++) out.push(by[k][j]); });
    return out;
  }
  /** A heading row for a group: its title and how many results of the filtered view it holds. */
  function groupHeading(f: PageFinding): HTMLElement {
    var k = groupKey(f);
    var head = el('th', { scope: 'colgroup', colspan: '8' }, [
      el('span', { class: 'group-title', dir: 'auto', text: groupTitle(k) }),
      state.group === 'sub' && k && subscriptionNames()[k] ? el('span', { class: 'mono small', text: ' ' + k }) : null,
      el('span', { class: 'group-count', text: ' \u2013 ' + fmt(W.groupCount, { n: n(groupCounts[k] || 0) }) })
    ]);
    return el('tr', { class: 'group-head' + (k ? '' : ' group-none'), 'data-group': k }, head);
  }

  // ---------- the data map (browser/datamap.ts), in place of the residency charts when the document has one ----------
  function dataMapSection(dm: PageDataMap): HTMLElement {
    return section('residency', L.dataMap, hemvistDataMap(dm, meta.map, L, lang, { el: el, svg: svg, fmt: fmt, n: n, clip: clip }));
  }

  // ---------- findings: filters, sorting, paging, expandable rows ----------
  var state: ViewState = { status: 'problems', severity: '', rule: '', sub: '', region: '', cls: '', baseline: '', q: '', sort: 'default', dir: 1, page: 0, size: 100, group: '' };
  var view: number[] = [];
  var searchCache: string[] | null = null;
  var STATUS_RANK: Record<string, number> = { fail: 0, 'not-assessed': 1, 'attestation-required': 2, excepted: 3, pass: 4 };
  var SEV_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
  function clsOf(f: PageFinding): string { return f.classification ? f.classification.label : ''; }
  function buildSearch() {
    // Lower-cased once, on the first search, so every later keystroke is a plain indexOf.
    searchCache = new Array(R.length);
    for (var i = 0; i < R.length; i++) {
      var f = R[i];
      searchCache[i] = [f.ruleId, f.resourceId, f.resourceName || '', f.resourceType || '', f.location || '', f.part || '', f.message[lang] || '', f.subscriptionId || '', f.resourceGroup || '', f.subscriptionName || '', f.owner ? f.owner.value : ''].join('\n').toLowerCase();
    }
  }
  /**
   * An Azure region as one value however ARM spelled it ("Sweden Central" and "swedencentral" are one
   * region, as findings.json's data map names it); a Microsoft 365 geo (a tenant-level target) as given.
   */
  function regionOf(f: PageFinding): string {
    var loc = f.location || '';
    return f.resourceId.indexOf('/tenants/') === 0 ? loc : loc.toLowerCase().replace(/[\s_-]+/g, '');
  }
  function distinct(get: (f: PageFinding) => string | undefined): string[] {
    var seen: Record<string, boolean> = {};
    for (var i = 0; i < R.length; i++) { var v = get(R[i]); if (v) seen[v] = true; }
    return Object.keys(seen).sort();
  }
  var SORTS: Record<string, (f: PageFinding) => string | number> = {
    status: function (f) { return STATUS_RANK[f.status]; },
    severity: function (f) { return SEV_RANK[f.severity]; },
    rule: function (f) { return f.ruleId; },
    resource: function (f) { return f.resourceKey; },
    location: function (f) { return regionOf(f); },
    cls: function (f) { return clsOf(f); },
    message: function (f) { return f.message[lang] || ''; }
  };
  /**
   * The default order's keys of every result, read once: a sort of 100,000 results compares about
   * two million pairs, and each field read of a compact row goes through its getter.
   */
  var defaultKeys: { st: Int8Array; sv: Int8Array; rule: string[]; key: string[] } | null = null;
  function keysOfDefault(): { st: Int8Array; sv: Int8Array; rule: string[]; key: string[] } {
    if (defaultKeys) return defaultKeys;
    var k = { st: new Int8Array(R.length), sv: new Int8Array(R.length), rule: new Array<string>(R.length), key: new Array<string>(R.length) };
    for (var i = 0; i < R.length; i++) {
      var f = R[i];
      // A status or severity this page does not know sorts last.
      k.st[i] = STATUS_RANK[f.status] ?? 9;
      k.sv[i] = SEV_RANK[f.severity] ?? 9;
      k.rule[i] = f.ruleId;
      k.key[i] = f.resourceKey;
    }
    return (defaultKeys = k);
  }
  function defaultCompare(a: number, b: number): number {
    var k = keysOfDefault();
    var ra = k.rule[a] as string, rb = k.rule[b] as string, ka = k.key[a] as string, kb = k.key[b] as string;
    return ((k.st[a] as number) - (k.st[b] as number)) || ((k.sv[a] as number) - (k.sv[b] as number)) ||
      (ra < rb ? -1 : ra > rb ? 1 : 0) || (ka < kb ? -1 : ka > kb ? 1 : 0) || a - b;
  }
  function applyFilters() {
    var q = state.q.trim().toLowerCase();
    if (q && !searchCache) buildSearch();
    var out: number[] = [];
    for (var i = 0; i < R.length; i++) {
      var f = R[i];
      if (state.status === 'problems') { if (f.status !== 'fail' && f.status !== 'not-assessed' && f.status !== 'attestation-required') continue; }
      else if (state.status && f.status !== state.status) continue;
      if (state.severity && f.severity !== state.severity) continue;
      if (state.rule && f.ruleId !== state.rule) continue;
      if (state.sub && f.subscriptionId !== state.sub) continue;
      if (state.region && regionOf(f) !== state.region) continue;
      if (state.cls && (state.cls === '-' ? clsOf(f) !== '' : clsOf(f) !== state.cls)) continue;
      if (state.baseline && f.baselineState !== state.baseline) continue;
      if (q && (searchCache as string[])[i].indexOf(q) < 0) continue;
      out.push(i);
    }
    if (state.sort === 'default') out.sort(function (a, b) { return defaultCompare(a, b) * state.dir; });
    else {
      var key = SORTS[state.sort];
      var keys = new Array(R.length);
      for (var j = 0; j < out.length; j++) keys[out[j]] = key(R[out[j]]);
      out.sort(function (a, b) { var x = keys[a], y = keys[b]; return ((x < y ? -1 : x > y ? 1 : 0) || defaultCompare(a, b)) * state.dir; });
    }
    view = state.group ? groupOrder(out) : out;
    state.page = 0;
    renderRows();
  }
  var tbody: HTMLElement, summaryLine: HTMLElement, pageLine: HTMLElement, prevBtn: HTMLButtonElement, nextBtn: HTMLButtonElement, sortHeaders: { key: string; th: HTMLElement }[] = [];
  var controls: Record<string, HTMLInputElement | HTMLSelectElement> = {};
  function select(key: string, label: string, options: string[][]): HTMLElement {
    var s = el('select', { id: 'f-' + key, name: key, onchange: function () { state[key] = s.value; applyFilters(); } },
      options.map(function (o) { return el('option', { value: o[0], text: o[1] }); }));
    s.value = state[key] as string;
    controls[key] = s;
    return el('label', { for: 'f-' + key }, [label, s]);
  }
  function findingsSection() {
    var statusOpts = [['problems', L.statusProblems], ['', L.all]].concat(STATUS.map(function (s) { return [s, L.status[s]]; }));
    var sevOpts = [['', L.all]].concat(SEV.map(function (s) { return [s, L.severity[s]]; }));
    var ruleOpts = [['', L.all]].concat(doc.rules.map(function (r) { return r.id; }).concat(distinct(function (f) { return f.ruleId; })).filter(function (v, i, a) { return a.indexOf(v) === i; }).sort().map(function (id) {
      var r = rulesById[id];
      return [id, id + (r ? ' \u2013 ' + clip(r.title[lang], 60) : '')];
    }));
    var subOpts = [['', L.all]].concat(distinct(function (f) { return f.subscriptionId; }).map(function (s) { var nm = subscriptionNames()[s]; return [s, nm ? nm + ' \u2013 ' + s : s]; }));
    var regOpts = [['', L.all]].concat(distinct(regionOf).map(function (s) { return [s, s]; }));
    var clsOpts = [['', L.all], ['-', L.noClassification]].concat(distinct(clsOf).map(function (s) { return [s, s]; }));
    var search = el('input', { id: 'f-q', type: 'search', placeholder: L.searchPlaceholder, autocomplete: 'off' });
    var timer: number | null = null;
    search.addEventListener('input', function () {
      clearTimeout(timer as number);
      timer = setTimeout(function () { state.q = search.value; applyFilters(); }, 150);
    });
    controls.q = search;
    var filterEls: HTMLElement[] = [
      select('status', L.filterStatus, statusOpts),
      select('severity', L.filterSeverity, sevOpts),
      select('rule', L.filterRule, ruleOpts),
      select('sub', L.filterSubscription, subOpts),
      select('region', L.filterRegion, regOpts),
      select('cls', L.filterClassification, clsOpts),
      select('group', W.groupBy, [['', W.groupNone], ['owner', W.groupOwner], ['sub', W.groupSubscription]])
    ];
    if (doc.baseline) filterEls.push(select('baseline', L.filterBaseline, [['', L.all], ['new', L.baselineNew], ['unchanged', L.baselineUnchanged], ['unverified', L.baselineUnverified]]));
    filterEls.push(el('label', { for: 'f-q', class: 'search' }, [L.search, search]));
    filterEls.push(el('div', null, el('button', { type: 'button', class: 'btn', onclick: function () { resetFilters(); } }, L.clearFilters)));
    var form = el('form', { class: 'filters no-print', role: 'search', onsubmit: function (e: Event) { e.preventDefault(); } }, filterEls);

    var cols = [['status', L.colStatus], ['severity', L.colSeverity], ['rule', L.colRule], ['resource', L.colResource], ['location', L.colLocation], ['cls', L.colClassification], ['message', L.colMessage]];
    var headRow = el('tr', null, [el('th', { scope: 'col' }, el('span', { class: 'sr-only', text: L.evidence }))]);
    cols.forEach(function (c) {
      var th = el('th', { scope: 'col', 'aria-sort': 'none' });
      var b = el('button', { type: 'button', class: 'sort', 'aria-label': L.sortBy + ' ' + c[1], onclick: function () {
        if (state.sort === c[0]) state.dir = -state.dir; else { state.sort = c[0]; state.dir = 1; }
        updateSortHeaders();
        applyFilters();
      } }, [c[1], el('span', { class: 'arrow', 'aria-hidden': 'true', text: '\u2195' })]);
      th.appendChild(b);
      sortHeaders.push({ key: c[0], th: th });
      headRow.appendChild(th);
    });
    tbody = el('tbody', { id: 'findings-body' });
    summaryLine = el('p', { id: 'findings-count', role: 'status', 'aria-live': 'polite' });
    pageLine = el('span', { class: 'small' });
    prevBtn = el('button', { type: 'button', class: 'btn', onclick: function () { if (state.page > 0) { state.page--; renderRows(); } } }, L.prev);
    nextBtn = el('button', { type: 'button', class: 'btn', onclick: function () { if ((state.page + 1) * state.size < view.length) { state.page++; renderRows(); } } }, L.next);
    var size = el('select', { id: 'f-size', onchange: function () { state.size = Number(size.value); state.page = 0; renderRows(); } },
      [50, 100, 250].map(function (v) { return el('option', { value: String(v), text: String(v) }); }));
    size.value = String(state.size);
    var pager = el('div', { class: 'pager no-print' }, [prevBtn, pageLine, nextBtn, el('label', { for: 'f-size' }, [L.perPage, size])]);
    return section('findings', L.findings, [
      form,
      el('div', { class: 'resultbar' }, [summaryLine, pager]),
      el('div', { class: 'table-wrap' }, el('table', { class: 'findings', id: 'findings-table' }, [el('thead', null, headRow), tbody]))
    ]);
  }
  function updateSortHeaders() {
    sortHeaders.forEach(function (h) {
      var on = h.key === state.sort;
      h.th.setAttribute('aria-sort', on ? (state.dir > 0 ? 'ascending' : 'descending') : 'none');
      (h.th.querySelector('.arrow') as Element).textContent = on ? (state.dir > 0 ? '\u25B2' : '\u25BC') : '\u2195';
    });
  }
  function resetFilters() {
    state.status = 'problems'; state.severity = ''; state.rule = ''; state.sub = ''; state.region = ''; state.cls = ''; state.baseline = ''; state.q = ''; state.group = '';
    Object.keys(controls).forEach(function (k) { controls[k].value = k === 'status' ? 'problems' : ''; });
    applyFilters();
  }
  function renderRows() {
    var total = view.length;
    var pages = Math.max(1, Math.ceil(total / state.size));
    if (state.page >= pages) state.page = pages - 1;
    var from = state.page * state.size;
    var to = Math.min(total, from + state.size);
    var frag = document.createDocumentFragment();
    for (var k = from; k < to; k++) {
      if (state.group && (k === from || groupKey(R[view[k]]) !== groupKey(R[view[k - 1]]))) frag.appendChild(groupHeading(R[view[k]]));
      frag.appendChild(findingRow(view[k]));
    }
    tbody.textContent = '';
    tbody.appendChild(frag);
    summaryLine.textContent = total ? fmt(L.showing, { from: n(from + 1), to: n(to), n: n(total) }) + (total !== R.length ? ' ' + fmt(L.filteredFrom, { total: n(R.length) }) : '') : L.showingNone;
    pageLine.textContent = fmt(L.pageOf, { page: n(state.page + 1), pages: n(pages) });
    prevBtn.disabled = state.page === 0;
    nextBtn.disabled = to >= total;
  }
  function findingRow(i: number): HTMLElement {
    var f = R[i];
    var detailId = 'd-' + i;
    var btn = el('button', { type: 'button', class: 'expand', 'aria-expanded': 'false', 'aria-controls': detailId, 'aria-label': L.showDetails + ' ' + f.ruleId + ' ' + lastSeg(f.resourceId), text: '+' });
    var tr = el('tr', { class: 'row', 'data-index': String(i) }, [
      td(btn),
      td([statusBadge(f.status), newBadge(f)]),
      td(sevLabel(f.severity)),
      td(el('span', { class: 'mono', text: f.ruleId }), 'nowrap'),
      td([el('span', { class: 'rn', dir: 'auto', text: clip(f.resourceName || lastSeg(f.resourceId), 120) }),
        nameBadge([f.resourceName, f.resourceGroup, f.resourceId]),
        el('span', { class: 'rt', dir: 'auto', text: clip(shortId(f.resourceId), 160) + (f.part ? ' (' + f.part + ')' : '') }),
        whoLine(f)], 'res data'),
      td(regionOf(f) || '\u2013', 'nowrap'),
      td(f.classification ? f.classification.label : '\u2013'),
      td(el('span', { dir: 'auto', text: clip(f.message[lang] || '', 300) }), 'msg data')
    ]);
    var detail: HTMLElement | null = null;
    btn.addEventListener('click', function () {
      var open = btn.getAttribute('aria-expanded') === 'true';
      if (open) {
        btn.setAttribute('aria-expanded', 'false'); btn.textContent = '+'; tr.classList.remove('open');
        if (detail) detail.hidden = true;
      } else {
        if (!detail) { detail = el('tr', { class: 'detail', id: detailId }, el('td', { colspan: '8' }, findingDetail(f))); (tr.parentNode as Node).insertBefore(detail, tr.nextSibling); }
        detail.hidden = false;
        btn.setAttribute('aria-expanded', 'true'); btn.textContent = '\u2212'; tr.classList.add('open');
      }
    });
    return tr;
  }
  function evidenceTable(ev: PageEvidence[]): HTMLElement {
    return el('div', { class: 'evidence-wrap' }, el('table', { class: 'evidence' }, [
      el('thead', null, el('tr', null, [el('th', { scope: 'col', text: L.evidencePath }), el('th', { scope: 'col', text: L.evidenceActual }), el('th', { scope: 'col', text: L.evidenceExpected })])),
      el('tbody', null, ev.map(function (e) {
        return el('tr', null, [
          td(el('code', { text: e.path }), 'data'),
          td([e.actual === undefined ? L.absent : el('code', { text: clip(text(e.actual), 2000) }), e.defaulted ? el('div', { class: 'small', text: L.defaulted }) : null, attestedNote(e)], 'data'),
          td(e.expected === undefined ? '\u2013' : el('code', { text: clip(text(e.expected), 2000) }), 'data')
        ]);
      }))
    ]));
  }
  /** Under an attested value: that a person attested it in the configuration (who, when, where read), not an API. */
  function attestedNote(e: PageEvidence): HTMLElement | null {
    if (e.kind !== 'attested') return null;
    var a = e.attestation;
    return el('div', { class: 'attested-note' }, [
      el('span', { class: 'badge attested' }, [el('span', { 'aria-hidden': 'true', text: SYMBOL['attestation-required'] }), L.attested]),
      a ? el('span', { dir: 'auto', text: fmt(L.evidenceAttested, { by: a.attestedBy, on: a.attestedOn, source: clip(a.source, 500) }) }) : null,
      a ? el('code', { text: 'attestations.' + a.key }) : null
    ]);
  }
  /** An attestation-required result's need: what to attest, where to read it, missing or stale, and the lines to add. */
  function attestationNeed(f: PageFinding, withResource: boolean): HTMLElement[] {
    var a = f.attestation;
    if (!a) return [];
    var example = a.example;
    var b = el('button', { type: 'button', class: 'btn copy no-print', onclick: function () { copyText(example, b); } }, L.copy);
    return [
      dl([
        [L.resource, withResource ? el('span', { class: 'mono', text: f.resourceId }) : null],
        [L.attestWhat, el('span', { dir: 'auto', text: a.what[lang] || a.what.en })],
        [L.attestReadAt, el('span', { dir: 'auto', text: a.readAt[lang] || a.readAt.en })],
        [L.state, el('span', { class: 'badge ' + (a.state === 'stale' ? 'bad' : 'warn'), text: fmt(L.attestNeedStates[a.state] || a.state, { date: a.attestedOn || '\u2013' }) })],
        [L.attestKey, el('code', { text: 'attestations.' + a.key })]
      ]),
      el('div', { class: 'stub' }, [el('div', { class: 'stub-head' }, [el('h4', { text: L.attestExample }), b]), el('pre', { class: 'attest-example' }, el('code', { text: example }))])
    ];
  }
  function remediationBlock(r: PageRule): HTMLElement {
    var m = r.remediation;
    return el('div', null, [
      el('h4', { text: L.rationale }), el('p', { text: r.rationale[lang] }),
      el('h4', { text: L.remediation }), el('p', { text: m.summary[lang] }),
      m.portal ? el('div', null, [el('strong', { text: L.portal }), el('p', { text: m.portal[lang] })]) : null,
      m.cli ? el('div', null, [el('strong', { text: L.cli }), el('pre', { text: m.cli })]) : null,
      m.bicep ? el('div', null, [el('strong', { text: L.bicep }), el('pre', { text: m.bicep })]) : null,
      m.terraform ? el('div', null, [el('strong', { text: L.terraform }), el('pre', { text: m.terraform })]) : null,
      r.references && r.references.length ? el('div', null, [el('h4', { text: L.references }), el('ul', null, r.references.map(function (u) {
        var href = safeHref(u);
        return el('li', null, href ? el('a', { href: href, rel: 'noopener noreferrer', target: '_blank', text: u }) : u);
      }))]) : null
    ]);
  }
  function stubFor(f: PageFinding): string {
    return '- rule: ' + f.ruleId + '\n  resource: ' + JSON.stringify(f.resourceId) + '\n  justification: ""\n  owner: ""\n  ticket: ""\n  expires: ' + meta.stubExpires + '\n';
  }
  function copyText(value: string, btn: HTMLElement): void {
    function done() { btn.textContent = L.copied; setTimeout(function () { btn.textContent = L.copy; }, 2000); }
    function fallback() {
      var ta = el('textarea', { readonly: true, 'aria-hidden': 'true', style: 'position:fixed;left:-9999px;top:0' });
      ta.value = value;
      document.body.appendChild(ta);
      ta.select();
      try { document.execCommand('copy'); done(); } catch { /* the text stays selectable in the block */ }
      document.body.removeChild(ta);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(value).then(done, fallback);
    else fallback();
  }
  function findingDetail(f: PageFinding): HTMLElement {
    var r = rulesById[f.ruleId];
    var c = f.classification;
    var left = el('div', null, [
      el('h3', { class: 'dtitle', text: r ? r.id + ' \u2013 ' + r.title[lang] : f.ruleId }),
      el('p', { dir: 'auto', text: f.message[lang] }),
      dl([
        [L.resourceId, f.resourceId, 'mono'],
        [L.resourceName, named(f.resourceName)],
        [L.resourceType, f.resourceType || null],
        [L.subscription, f.subscriptionName ? named(f.subscriptionName) : f.subscriptionId || null, f.subscriptionName ? undefined : 'mono'],
        [W.subscriptionId, f.subscriptionName ? f.subscriptionId || null : null, 'mono'],
        [L.resourceGroup, named(f.resourceGroup)],
        [W.owner, ownerDetail(f)],
        [L.location, f.location || null],
        [L.part, f.part || null],
        [L.classification, c ? c.label + ' (' + (L.classificationSources[c.source] || c.source) + (c.from ? ', ' + L.from + ' ' + c.from : '') + (c.tagKey ? ', ' + c.tagKey : '') + ')' : null],
        [L.baselineState, f.baselineState ? (({ 'new': L.baselineNew, unchanged: L.baselineUnchanged, unverified: L.baselineUnverified } as PageTexts)[f.baselineState] || f.baselineState) : null],
        [L.fingerprint, f.fingerprint, 'mono']
      ]),
      f.evidence && f.evidence.length ? el('div', null, [el('h4', { text: L.evidence }), evidenceTable(f.evidence)]) : null,
      f.notAssessed ? el('div', null, [el('h4', { text: L.notAssessedReason }), dl([
        [L.scope, f.notAssessed.scope, 'mono'],
        [L.collection, f.notAssessed.collection],
        [L.httpStatus, f.notAssessed.httpStatus !== undefined ? String(f.notAssessed.httpStatus) : null],
        [L.code, f.notAssessed.code],
        [L.errorMessage, f.notAssessed.message ? clip(f.notAssessed.message, 1000) : null],
        [L.permission, f.notAssessed.permission || null]
      ])]) : null,
      f.attestation ? el('div', null, ([el('h4', { text: L.attestation })] as Child[]).concat(attestationNeed(f, false))) : null,
      f.exception ? el('div', null, [el('h4', null, [L.exceptionApplied, f.exception.ruleWide ? ' ' : null, f.exception.ruleWide ? el('span', { class: 'badge warn rule-wide', title: L.ruleWideTitle, text: L.ruleWide }) : null]), dl([
        ['Id', f.exception.id, 'mono'],
        [L.justification, f.exception.justification],
        [L.owner, f.exception.owner],
        [L.ticket, f.exception.ticket || null],
        [L.expires, f.exception.expires]
      ])]) : null
    ]);
    var right = el('div', null, [
      r ? remediationBlock(r) : null,
      f.status === 'fail' ? (function () {
        var stub = stubFor(f);
        var b = el('button', { type: 'button', class: 'btn copy', onclick: function () { copyText(stub, b); } }, L.copy);
        return el('div', { class: 'stub' }, [el('div', { class: 'stub-head' }, [el('h4', { text: L.exceptionStub }), b]), el('pre', { class: 'stub-text', text: stub })]);
      })() : null
    ]);
    return el('div', { class: 'detail-grid' }, [left, right]);
  }

  // ---------- per rule ----------
  function rulesSection() {
    var list = doc.rules.slice().sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
    var disabled = doc.disabledRules || [];
    var disabledBox = disabled.length ? el('div', { id: 'disabled-rules' }, [
      el('h3', { text: L.disabledRules }),
      el('p', { class: 'intro', text: L.disabledRulesIntro }),
      el('ul', null, disabled.map(function (d) { return el('li', null, [el('span', { class: 'mono', text: d.id }), d.title ? ' \u2013 ' + (d.title[lang] || d.title.en) : null]); }))
    ]) : null;
    return section('rules', L.rules, ([el('p', { class: 'intro', text: L.rulesIntro }), disabledBox] as Child[]).concat(list.map(function (r) {
      var counts = doc.summary.byRule[r.id] || {};
      var summary = el('summary', null, [
        el('span', { class: 'chev', 'aria-hidden': 'true', text: '\u25B8' }),
        el('span', { class: 'rid', text: r.id }),
        el('span', null, [el('strong', { text: r.title[lang] }), ' ', sevLabel(r.severity)]),
        el('span', { class: 'counts' }, STATUS.filter(function (s) { return counts[s]; }).map(function (s) {
          return el('span', { class: 'badge st-' + s }, [el('span', { 'aria-hidden': 'true', text: SYMBOL[s] }), L.status[s] + ' ' + n(counts[s])]);
        }))
      ]);
      var show = el('button', { type: 'button', class: 'btn no-print', onclick: function () {
        resetFilters(); state.rule = r.id; controls.rule.value = r.id; state.status = ''; controls.status.value = ''; applyFilters();
        (document.getElementById('findings') as HTMLElement).scrollIntoView();
      } }, L.showRuleResults);
      var guidance = (r.guidance || []).map(function (g) { return g.source + (g.id ? ' ' + g.id : '') + (g.title ? ' \u2013 ' + g.title : ''); });
      return el('details', { class: 'rule', id: 'rule-' + r.id }, [summary, el('div', { class: 'body' }, [
        remediationBlock(r),
        guidance.length ? el('div', null, [el('h4', { text: L.guidance }), el('ul', null, guidance.map(function (g) { return el('li', { text: g }); }))]) : null,
        show
      ])]);
    })));
  }

  // ---------- exceptions ----------
  function exceptionsSection() {
    var ex = (doc.exceptions || []).slice();
    if (!ex.length) return section('exceptions', L.exceptions, [el('p', { class: 'empty', text: L.exceptionsNone })]);
    var order: Record<string, number> = { invalid: 0, expired: 1, expiring: 2, active: 3 };
    ex.sort(function (a, b) { return order[a.state] - order[b.state] || (a.expires < b.expires ? -1 : a.expires > b.expires ? 1 : 0); });
    var cls: PageTexts = { invalid: 'bad', expired: 'bad', expiring: 'warn', active: 'ok' };
    return section('exceptions', L.exceptions, [table([L.state, 'Id', L.rule, L.resource, L.expires, L.owner, L.ticket, L.justification, { label: L.matched, num: true }], ex.map(function (e) {
      return el('tr', null, [
        td(el('span', { class: 'badge ' + cls[e.state], text: L.exceptionStates[e.state] || e.state })),
        td(el('span', { class: 'mono', text: e.id }), 'nowrap'),
        td(el('span', { class: 'mono', text: e.ruleId }), 'nowrap'),
        td([el('span', { class: 'mono', title: e.resource, text: clip(shortId(e.resource), 120) }), e.ruleWide ? ' ' : null, e.ruleWide ? el('span', { class: 'badge warn rule-wide', title: L.ruleWideTitle, text: L.ruleWide }) : null], 'data res'),
        td(e.expires, 'nowrap'),
        td(e.owner, 'data'),
        td(e.ticket || '\u2013', 'nowrap'),
        td([el('span', { dir: 'auto', text: clip(e.justification, 500) })].concat((e.warnings || []).map(function (w, i) { var t = e.warningTexts && e.warningTexts[i]; return el('div', { class: 'small', text: '\u26A0 ' + (t ? (lang === 'sv' ? t.sv : t.en) : w) }); })), 'data'),
        td(n(e.matched), 'num')
      ]);
    }))]);
  }

  // ---------- changes since the baseline ----------
  function changesSection() {
    var b = doc.baseline;
    if (!b) return section('changes', L.changes, [el('p', { class: 'empty', text: L.noBaseline }), trendBox()]);
    var CAP = 200;
    var fresh = [];
    for (var i = 0; i < R.length; i++) if (R[i].baselineState === 'new') fresh.push(i);
    fresh.sort(defaultCompare);
    function rowOf(f: PageFinding | PageBaselineEntry): HTMLElement {
      return el('tr', null, [td(statusBadge(f.status)), td(sevLabel(f.severity)), td(el('span', { class: 'mono', text: f.ruleId }), 'nowrap'),
        td(el('span', { class: 'mono', title: f.resourceId, text: clip(shortId(f.resourceId), 160) + (f.part ? ' (' + f.part + ')' : '') }), 'data'),
        td(el('span', { dir: 'auto', text: clip(f.message[lang] || '', 300) }), 'msg data')]);
    }
    var heads = [L.colStatus, L.colSeverity, L.colRule, L.colResource, L.colMessage];
    function byEntry(x: PageBaselineEntry, y: PageBaselineEntry): number { return SEV_RANK[x.severity] - SEV_RANK[y.severity] || (x.ruleId < y.ruleId ? -1 : x.ruleId > y.ruleId ? 1 : 0) || (x.resourceKey < y.resourceKey ? -1 : x.resourceKey > y.resourceKey ? 1 : 0); }
    var resolved = b.resolved.slice().sort(byEntry);
    var unverified = (b.unverified || []).slice().sort(byEntry);
    // Last night's result with why tonight could not verify it (or how it was resolved) in an extra cell.
    function entryRow(e: PageBaselineEntry, extra: string): HTMLElement { var tr = rowOf(e); add(tr, td(el('span', { dir: 'auto', text: extra }), 'data')); return tr; }
    return section('changes', L.changes, [
      el('p', { class: 'intro', text: fmt(L.baselineFrom, { time: time(b.generatedAt), path: b.path }) }),
      el('div', { class: 'stats' }, [
        el('div', { class: 'stat s-fail' }, [el('div', { class: 'n', text: n(b.counts.new) }), el('div', { class: 'l', text: L.newCount })]),
        el('div', { class: 'stat s-total' }, [el('div', { class: 'n', text: n(b.counts.unchanged) }), el('div', { class: 'l', text: L.unchangedCount })]),
        el('div', { class: 'stat s-pass' }, [el('div', { class: 'n', text: n(b.counts.resolved) }), el('div', { class: 'l', text: L.resolvedCount })]),
        el('div', { class: 'stat s-not-assessed' }, [el('div', { class: 'n', text: n(b.counts.unverified || 0) }), el('div', { class: 'l', text: L.unverifiedCount })])
      ]),
      trendBox(),
      el('h3', { text: L.newResults }),
      fresh.length ? table(heads, fresh.slice(0, CAP).map(function (k) { return rowOf(R[k]); })) : el('p', { class: 'empty', text: L.none }),
      fresh.length > CAP ? el('p', { class: 'small', text: fmt(L.listCapped, { n: n(CAP) }) }) : null,
      fresh.length ? el('p', { class: 'no-print' }, el('button', { type: 'button', class: 'btn', onclick: function () {
        resetFilters(); state.status = ''; controls.status.value = ''; state.baseline = 'new'; if (controls.baseline) controls.baseline.value = 'new'; applyFilters();
        (document.getElementById('findings') as HTMLElement).scrollIntoView();
      } }, L.showNewInTable)) : null,
      el('h3', { text: L.resolvedResults }),
      resolved.length ? table(heads.concat([L.colHow]), resolved.slice(0, CAP).map(function (e) { return entryRow(e, L.resolutions[e.resolution as string] || e.resolution || ''); })) : el('p', { class: 'empty', text: L.none }),
      resolved.length > CAP ? el('p', { class: 'small', text: fmt(L.listCapped, { n: n(CAP) }) }) : null,
      el('h3', { id: 'unverified', text: L.unverifiedResults }),
      el('p', { class: 'intro', text: L.unverifiedIntro }),
      unverified.length ? table(heads.concat([L.colWhy]), unverified.slice(0, CAP).map(function (e) { return entryRow(e, (e.reason && (e.reason[lang] || e.reason.en)) || ''); })) : el('p', { class: 'empty', text: L.none }),
      unverified.length > CAP ? el('p', { class: 'small', text: fmt(L.listCapped, { n: n(CAP) }) }) : null
    ]);
  }

  // ---------- what changed, in the overview: new, resolved and unverified since the baseline ----------
  function overviewChanges(): HTMLElement {
    var b = doc.baseline;
    if (!b) return el('p', { class: 'small', id: 'overview-changes' }, [L.noBaseline, ' ', el('a', { href: '#changes', text: L.changes })]);
    function tile(cls: string, key: string, count: number, label: string): HTMLElement {
      return el('div', { class: 'stat ' + cls, 'data-count': key }, [el('div', { class: 'n', text: n(count) }), el('div', { class: 'l', text: label })]);
    }
    return el('div', { id: 'overview-changes' }, [
      el('h3', null, [L.changesSince + ' ', el('span', { class: 'small', text: '(' + time(b.generatedAt) + ')' })]),
      el('div', { class: 'stats' }, [
        tile('s-fail', 'new', b.counts.new, L.newCount),
        tile('s-pass', 'resolved', b.counts.resolved, L.resolvedCount),
        tile('s-not-assessed', 'unverified', b.counts.unverified || 0, L.unverifiedCount)
      ]),
      el('p', { class: 'small' }, el('a', { href: '#changes', text: L.changes }))
    ]);
  }
  /** The visible badge of a result that is new since the baseline (text, not colour alone). */
  function newBadge(f: PageFinding): HTMLElement | null {
    return f.baselineState === 'new' ? el('span', { class: 'badge new', title: L.newBadgeTitle, text: L.newBadge }) : null;
  }

  // ---------- trend: failures by severity per night, stacked bars, with the same numbers as a table ----------
  var TREND_FILL: PageTexts = { critical: '#7a0916', high: '#d92d20', medium: '#f79009', low: '#1f5a96', info: '#98a2b3' };
  function failTotal(t: PageTrendNight): number {
    var sum = 0;
    SEV.forEach(function (s) { sum += t.failBySeverity[s] || 0; });
    return sum;
  }
  function sevCounts(t: PageTrendNight): string {
    var parts = SEV.filter(function (s) { return t.failBySeverity[s]; }).map(function (s) { return n(t.failBySeverity[s]) + ' ' + L.severity[s].toLowerCase(); });
    return parts.length ? parts.join(', ') : n(0);
  }
  /** The smallest 1, 2 or 5 × 10^k at or above `x` (at least 1): the chart's top. */
  function niceTop(x: number): number {
    if (x <= 1) return 1;
    var p = 10 ** Math.floor(Math.log10(x));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * p >= x) return steps[i] * p;
    return 10 * p;
  }
  function trendChart(nights: PageTrendNight[]): SVGElement {
    var W = 720, H = 250, left = 46, right = 10, top = 16, bottom = 34;
    var plotW = W - left - right, plotH = H - top - bottom;
    var max = 0;
    nights.forEach(function (t) { max = Math.max(max, failTotal(t)); });
    var ceil = niceTop(max);
    var slot = plotW / nights.length;
    var barW = Math.min(36, Math.max(4, slot * 0.7));
    var last = nights[nights.length - 1];
    var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-labelledby': 'trend-title trend-desc', id: 'trend-chart', 'data-nights': nights.length });
    add(root, svg('title', { id: 'trend-title' }, L.trend));
    add(root, svg('desc', { id: 'trend-desc' }, fmt(L.trendDesc, { n: n(nights.length), from: time(nights[0].generatedAt), to: time(last.generatedAt), last: n(failTotal(last)), sev: sevCounts(last), max: n(max) })));
    [0, 0.5, 1].forEach(function (f) {
      var y = top + plotH - f * plotH;
      add(root, svg('line', { x1: left, x2: W - right, y1: y, y2: y, stroke: f === 0 ? '#98a2b3' : '#e4e7ec', 'stroke-width': 1 }));
      add(root, svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#475467' }, n(Math.round(ceil * f))));
    });
    // Dates under the bars; with the time as well when two nights share a date (runs by hand beside the nightly one).
    var days: Record<string, number> = {};
    nights.forEach(function (t) { var d = t.generatedAt.slice(0, 10); days[d] = (days[d] || 0) + 1; });
    var withTime = Object.keys(days).some(function (d) { return days[d] > 1; });
    var labelEvery = Math.ceil(nights.length / (withTime ? 6 : 8));
    nights.forEach(function (t, i) {
      var x = left + i * slot + (slot - barW) / 2;
      var total = failTotal(t);
      var g = svg('g', { class: 'night', 'data-at': t.generatedAt, 'data-fails': total });
      add(g, svg('title', null, fmt(L.trendDay, { date: time(t.generatedAt), n: n(total), sev: sevCounts(t) })));
      var y = top + plotH;
      SEV.forEach(function (s) {
        var v = t.failBySeverity[s] || 0;
        if (!v) return;
        var h = (v / ceil) * plotH;
        y -= h;
        add(g, svg('rect', { x: x, y: y, width: barW, height: Math.max(h, 0.5), fill: TREND_FILL[s], stroke: '#fff', 'stroke-width': 0.5, 'data-severity': s }));
      });
      if (slot >= 24 || i === nights.length - 1) add(g, svg('text', { x: x + barW / 2, y: y - 4, 'text-anchor': 'middle', 'font-size': 11, fill: '#1d2939' }, n(total)));
      // A date under every few bars (and the last), none so close to the last that they overlap.
      var lastOne = i === nights.length - 1;
      if (lastOne || (i % labelEvery === 0 && nights.length - 1 - i >= labelEvery / 2)) add(g, svg('text', { x: x + barW / 2, y: H - bottom + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#475467' }, withTime ? t.generatedAt.slice(5, 10) + ' ' + t.generatedAt.slice(11, 16) : t.generatedAt.slice(5, 10)));
      add(root, g);
    });
    return root;
  }
  function trendBox(): HTMLElement {
    var nights = (doc.trend || []).slice();
    if (!nights.length) return el('div', { class: 'trend', id: 'trend' }, [el('h3', { id: 'trend-h', text: L.trend }), el('p', { class: 'empty', text: L.trendNone })]);
    // The table lists tonight first; the chart reads left to right, oldest first.
    var rows = nights.slice().reverse().map(function (t) {
      var c = t.changes;
      return el('tr', null, ([td(time(t.generatedAt), 'nowrap')] as Child[]).concat(SEV.map(function (s) { return td(n(t.failBySeverity[s]), 'num'); })).concat([
        td(el('strong', { text: n(failTotal(t)) }), 'num'),
        td(n(t.notAssessed), 'num'),
        td(c ? n(c.new) + ' / ' + n(c.resolved) + ' / ' + n(c.unverified) : '\u2013', 'num')
      ]) as Node[]);
    });
    var heads: Heading[] = [L.night];
    SEV.forEach(function (s) { heads.push({ label: L.severity[s], num: true }); });
    heads.push({ label: L.trendFails, num: true }, { label: L.status['not-assessed'], num: true }, { label: L.trendChanges, num: true });
    return el('div', { class: 'trend', id: 'trend' }, [
      el('h3', { id: 'trend-h', text: L.trend }),
      el('p', { class: 'intro', text: fmt(L.trendIntro, { n: n(nights.length) }) }),
      el('div', { class: 'legend' }, SEV.map(function (s) { return el('span', null, [el('span', { class: 'sw', style: 'background:' + TREND_FILL[s] }), L.severity[s]]); })),
      trendChart(nights),
      el('details', null, [el('summary', { text: L.trendTable }), table(heads, rows, 'trend-table')])
    ]);
  }

  // ---------- print: failing results with their evidence ----------
  var printBox = el('section', { class: 'card print-only', id: 'print-fails', 'aria-hidden': 'true' });
  var printed = false;
  function buildPrint() {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = true; });
    if (printed) return;
    printed = true;
    var CAP = 1000;
    var fails = [];
    for (var i = 0; i < R.length; i++) if (R[i].status === 'fail') fails.push(i);
    fails.sort(defaultCompare);
    add(printBox, el('h2', { text: L.printFails }));
    fails.slice(0, CAP).forEach(function (k) {
      var f = R[k];
      add(printBox, el('div', { class: 'print-fail' }, [
        el('div', null, [statusBadge(f.status), ' ', sevLabel(f.severity), ' ', el('strong', { text: f.ruleId }), ' ', el('span', { class: 'mono', text: f.resourceId })]),
        el('div', { dir: 'auto', text: f.message[lang] }),
        f.evidence && f.evidence.length ? evidenceTable(f.evidence) : null
      ]));
    });
    if (fails.length > CAP) add(printBox, el('p', { class: 'small', text: fmt(L.printCapped, { n: n(CAP) }) }));
  }
  window.addEventListener('beforeprint', buildPrint);
  // Some browsers (and print previews) switch the media type without a beforeprint event.
  if (window.matchMedia) {
    var printQuery = window.matchMedia('print');
    var onPrint = function (e: MediaQueryListEvent) { if (e.matches) buildPrint(); };
    if (printQuery.addEventListener) printQuery.addEventListener('change', onPrint);
    else if (printQuery.addListener) printQuery.addListener(onPrint);
  }

  add(main, [overview(), changesSection(), attestationSection(), doc.dataMap ? dataMapSection({ regions: doc.dataMap.regions, copies: doc.dataMap.copies || [], m365: doc.dataMap.m365, m365Unreadable: doc.dataMap.m365Unreadable }) : residency(), findingsSection(), printBox, rulesSection(), exceptionsSection()]);
  add(app, el('footer', { class: 'wrap' }, [fmt(L.reportFooter, { version: doc.tool.version }), ' ', el('a', { href: '#main', text: L.backToTop })]));
  applyFilters();
})();
