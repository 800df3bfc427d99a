/**
 * The HTML report's inline stylesheet: system fonts only, AA contrast, print and narrow-screen rules.
 */

/** CSS placed in the report's `<style>` element. Loads nothing (no fonts, no `url()`). */
export const REPORT_CSS = `
:root {
  --ink: #1d2939; --muted: #475467; --line: #d0d5dd; --soft: #f2f4f7; --bg: #ffffff; --page: #f6f7f9;
  --brand: #13294b; --accent: #1f5a96; --focus: #f5a524;
  --fail-fg: #9b1c1c; --fail-bg: #fdecec; --fail-line: #f2b8b5;
  --na-fg: #7a4100; --na-bg: #fff3dc; --na-line: #f5cf8e;
  --att-fg: #0b5d6b; --att-bg: #e3f4f6; --att-line: #9fd3db;
  --exc-fg: #3b3b98; --exc-bg: #eef0fb; --exc-line: #c4c8f0;
  --pass-fg: #1b6b3a; --pass-bg: #e8f5ec; --pass-line: #b3dcc1;
  --sev-critical: #7a0916; --sev-high: #b42318; --sev-medium: #8a4b00; --sev-low: #1f5a96; --sev-info: #475467;
}
* { box-sizing: border-box; }
html { scroll-behavior: smooth; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--page); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; }
.wrap { max-width: 1320px; margin: 0 auto; padding: 0 24px; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; color: var(--ink); padding: 8px 12px; z-index: 10; }
.skip:focus { left: 8px; }
header.top { background: var(--brand); color: #fff; padding: 20px 0 18px; }
header.top .brand { font-size: 12px; letter-spacing: .12em; text-transform: uppercase; opacity: .85; }
header.top h1 { margin: 2px 0 4px; font-size: 24px; font-weight: 650; }
header.top .sub { margin: 0; font-size: 14px; opacity: .92; }
header.top .sub span + span::before { content: " · "; }
nav.toc { background: #fff; border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 5; }
nav.toc ul { list-style: none; margin: 0 auto; padding: 0 24px; display: flex; flex-wrap: wrap; gap: 4px; max-width: 1320px; }
nav.toc a { display: inline-block; padding: 10px 12px; text-decoration: none; color: var(--ink); font-weight: 550; border-bottom: 3px solid transparent; }
nav.toc a:hover { border-bottom-color: var(--accent); }
main { padding: 20px 0 40px; }
section.card { background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 18px 20px 20px; margin: 0 0 20px; }
section.card > h2 { margin: 0 0 12px; font-size: 19px; }
h3 { font-size: 15px; margin: 18px 0 8px; }
h4 { font-size: 13px; margin: 14px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
p.intro { color: var(--muted); margin: 0 0 12px; }
.outcome { display: flex; gap: 14px; align-items: flex-start; border: 1px solid; border-left-width: 6px; border-radius: 6px; padding: 12px 14px; margin-bottom: 16px; }
.outcome .icon { font-size: 20px; line-height: 1.2; font-weight: 700; }
.outcome strong { display: block; font-size: 16px; }
.outcome.ok { background: var(--pass-bg); border-color: var(--pass-line); border-left-color: var(--pass-fg); }
.outcome.fail { background: var(--fail-bg); border-color: var(--fail-line); border-left-color: var(--fail-fg); }
.outcome.partial { background: var(--na-bg); border-color: var(--na-line); border-left-color: var(--na-fg); }
.stats { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 14px; }
.stat { flex: 1 1 120px; border: 1px solid var(--line); border-radius: 6px; padding: 10px 10px; border-top-width: 4px; background: #fff; }
.stat .n { font-size: 26px; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
.stat .l { color: var(--muted); font-weight: 550; font-size: 13px; }
.stat.s-fail { border-top-color: var(--fail-fg); } .stat.s-fail .n { color: var(--fail-fg); }
.stat.s-not-assessed { border-top-color: var(--na-fg); } .stat.s-not-assessed .n { color: var(--na-fg); }
.stat.s-attestation-required { border-top-color: var(--att-fg); } .stat.s-attestation-required .n { color: var(--att-fg); }
.stat.s-excepted { border-top-color: var(--exc-fg); } .stat.s-excepted .n { color: var(--exc-fg); }
.stat.s-pass { border-top-color: var(--pass-fg); } .stat.s-pass .n { color: var(--pass-fg); }
.stat.s-total { border-top-color: var(--muted); }
.sevrow { display: flex; flex-wrap: wrap; gap: 8px; margin: 0 0 16px; padding: 0; list-style: none; }
.sevrow li { border: 1px solid var(--line); border-radius: 999px; padding: 3px 12px 3px 4px; background: #fff; }
.sevrow li .count { font-weight: 700; margin-left: 6px; font-variant-numeric: tabular-nums; }
dl.meta { display: grid; grid-template-columns: minmax(160px, max-content) 1fr; gap: 4px 18px; margin: 0; }
dl.meta dt { color: var(--muted); font-weight: 550; }
@media (min-width: 1100px) { dl.meta.cols2 { grid-template-columns: max-content minmax(0, 1fr) max-content minmax(0, 1fr); } }
td.scope { min-width: 240px; }
td.res { min-width: 180px; }
details.rule > summary .sev { margin-left: 6px; font-size: 12px; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; unicode-bidi: plaintext; }
.mono, code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0 8px; }
.badge { display: inline-flex; align-items: center; gap: 4px; border: 1px solid; border-radius: 4px; padding: 0 6px; font-size: 12px; font-weight: 650; white-space: nowrap; line-height: 20px; }
.badge.st-fail { color: var(--fail-fg); background: var(--fail-bg); border-color: var(--fail-line); }
.badge.st-not-assessed { color: var(--na-fg); background: var(--na-bg); border-color: var(--na-line); }
.badge.st-attestation-required { color: var(--att-fg); background: var(--att-bg); border-color: var(--att-line); }
.badge.attested { color: var(--att-fg); background: var(--att-bg); border-color: var(--att-line); }
.badge.st-excepted { color: var(--exc-fg); background: var(--exc-bg); border-color: var(--exc-line); }
.badge.st-pass { color: var(--pass-fg); background: var(--pass-bg); border-color: var(--pass-line); }
.badge.ok { color: var(--pass-fg); background: var(--pass-bg); border-color: var(--pass-line); }
.badge.bad { color: var(--fail-fg); background: var(--fail-bg); border-color: var(--fail-line); }
.badge.warn { color: var(--na-fg); background: var(--na-bg); border-color: var(--na-line); }
.badge.neutral { color: var(--muted); background: var(--soft); border-color: var(--line); }
.badge.new { color: #fff; background: var(--accent); border-color: var(--accent); margin-left: 4px; }
.trend svg { display: block; width: 100%; max-width: 760px; height: auto; }
.trend details { margin-top: 8px; }
.trend summary { cursor: pointer; font-weight: 600; color: var(--accent); }
.sev { display: inline-flex; align-items: center; gap: 5px; white-space: nowrap; font-weight: 600; }
.sev::before { content: ""; width: 9px; height: 9px; border-radius: 2px; background: currentColor; display: inline-block; }
.sev-critical { color: var(--sev-critical); } .sev-high { color: var(--sev-high); } .sev-medium { color: var(--sev-medium); }
.sev-low { color: var(--sev-low); } .sev-info { color: var(--sev-info); }
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--soft); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); white-space: nowrap; position: sticky; top: 0; }
tbody tr:last-child > td { border-bottom: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.data { unicode-bidi: plaintext; overflow-wrap: anywhere; }
td.nowrap, .nowrap { white-space: nowrap; }
.small { font-size: 12px; color: var(--muted); }
th button.sort { all: unset; cursor: pointer; display: inline-flex; gap: 4px; align-items: center; }
th button.sort:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
th button.sort .arrow { font-size: 10px; opacity: .55; }
th[aria-sort="ascending"] .arrow, th[aria-sort="descending"] .arrow { opacity: 1; color: var(--ink); }
.filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 10px 12px; align-items: end; margin: 0 0 12px; }
.filters label { display: flex; flex-direction: column; gap: 3px; font-size: 12px; font-weight: 600; color: var(--muted); }
.filters select, .filters input { font: inherit; color: var(--ink); padding: 6px 8px; border: 1px solid #98a2b3; border-radius: 5px; background: #fff; min-width: 0; }
.filters .search { grid-column: span 2; }
button.btn { font: inherit; font-weight: 600; padding: 6px 12px; border-radius: 5px; border: 1px solid #98a2b3; background: #fff; color: var(--ink); cursor: pointer; }
button.btn:hover { background: var(--soft); }
button.btn[disabled] { opacity: .5; cursor: default; }
button.btn.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
.resultbar { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 10px; margin: 0 0 8px; }
.pager { display: flex; gap: 8px; align-items: center; }
.pager label { font-size: 12px; color: var(--muted); display: flex; gap: 6px; align-items: center; }
.pager select { font: inherit; padding: 3px 6px; }
table.findings td { font-size: 13px; }
table.findings td.msg { min-width: 260px; max-width: 520px; }
table.findings td.res { max-width: 300px; }
table.findings td.res .rn { font-weight: 600; }
table.findings td.res .rt { display: block; font-size: 12px; color: var(--muted); }
table.findings td.res .who { display: block; font-size: 12px; color: var(--muted); }
table.findings td.res .who .owner { color: var(--ink); font-weight: 600; }
.subname { border-bottom: 1px dotted currentColor; cursor: help; }
table.findings tr.group-head th { text-align: left; padding: 10px 8px 6px; background: var(--soft); border-top: 2px solid var(--line); font-size: 14px; color: var(--brand); }
table.findings tr.group-head .group-count { font-weight: 400; color: var(--muted); }
button.expand { all: unset; cursor: pointer; width: 22px; height: 22px; display: inline-flex; align-items: center; justify-content: center;
  border: 1px solid #98a2b3; border-radius: 4px; font-weight: 700; color: var(--ink); background: #fff; }
button.expand:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
button.expand[aria-expanded="true"] { background: var(--brand); color: #fff; border-color: var(--brand); }
tr.row.open > td { background: #f5f8fc; border-bottom-color: transparent; }
tr.detail > td { background: #f5f8fc; padding: 4px 16px 16px 44px; }
.detail-grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 4px 28px; }
.detail-grid > div { min-width: 0; }
.evidence-wrap { overflow-x: auto; }
table.evidence { border: 1px solid var(--line); margin: 4px 0 8px; }
table.evidence th { background: #fff; }
table.evidence td:first-child { white-space: nowrap; }
.stub-head { display: flex; justify-content: space-between; align-items: flex-end; gap: 10px; }
.stub-head button { padding: 3px 10px; font-size: 12px; }
h3.dtitle { margin: 10px 0 4px; font-size: 15px; }
.charts { display: grid; grid-template-columns: minmax(0, 1fr); gap: 8px; }
.chartbox { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 20px; align-items: start; }
.chartbox svg { max-width: 640px; }
.chartbox svg { width: 100%; height: auto; display: block; }
.chartbox .table-wrap { max-height: 360px; overflow-y: auto; }
.legend { display: flex; gap: 14px; font-size: 12px; color: var(--muted); margin: 4px 0 8px; }
.legend .sw { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -2px; margin-right: 5px; }
details.rule { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 8px; background: #fff; }
details.rule > summary { cursor: pointer; padding: 9px 12px; display: grid; grid-template-columns: 14px 64px minmax(0, 1fr) auto; gap: 10px; align-items: center; list-style: none; }
details.rule > summary::-webkit-details-marker { display: none; }
details.rule > summary .chev { color: var(--muted); transition: transform .15s; }
details.rule[open] > summary .chev { transform: rotate(90deg); }
details.rule[open] > summary { border-bottom: 1px solid var(--line); background: var(--soft); }
details.rule > summary .rid { font-weight: 700; font-family: ui-monospace, Menlo, Consolas, monospace; }
details.rule > summary .counts { display: flex; gap: 6px; flex-wrap: wrap; justify-content: flex-end; }
details.rule .body { padding: 4px 16px 14px; }
.attest-pointer { margin: 10px 0 0; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.attest-item { border: 1px solid var(--att-line); border-left: 5px solid var(--att-fg); border-radius: 6px; padding: 10px 14px 6px; margin: 0 0 12px; background: #fff; }
.attest-item h3 { margin: 0 0 8px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.attest-item .rid { font-family: ui-monospace, Menlo, Consolas, monospace; }
.attested-note { font-size: 12px; color: var(--att-fg); margin-top: 3px; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.empty { color: var(--muted); font-style: italic; margin: 6px 0; }
footer { color: var(--muted); font-size: 12px; padding: 0 0 30px; }
.print-only { display: none; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
/* The data map (browser/datamap.ts): Europe large, the world and the legend beside it, the table below. */
.dm-grid { display: grid; grid-template-columns: minmax(0, 56fr) minmax(0, 44fr); gap: 18px; align-items: start; margin: 8px 0 12px; }
.dm-fig { margin: 0; }
.dm-fig svg { width: 100%; height: auto; display: block; border: 1px solid var(--line); border-radius: 6px; }
.dm-fig figcaption { font-size: 12px; color: var(--muted); margin-top: 3px; }
.dm-legend { font-size: 12px; margin-top: 10px; }
.dm-legend h4 { margin: 8px 0 3px; font-size: 12px; }
.dm-legend ul { list-style: none; margin: 0; padding: 0; }
.dm-legend li { margin: 2px 0; display: flex; gap: 6px; align-items: center; }
.dm-legend .sw, .dm-regime .sw { display: inline-block; width: 12px; height: 12px; border-radius: 2px; flex: none; }
.dm-legend .dm-shape { width: 12px; text-align: center; color: #1d2939; }
.dm-regime { display: inline-flex; gap: 6px; align-items: baseline; }
.dm-kinds { list-style: none; margin: 0; padding: 0; }
.dm-table th[scope=row] { text-align: left; font-weight: 600; }
.dm-table tbody tr:last-child th { border-bottom: 0; }
.dm-nocoords { color: var(--na-fg); }
.badge.neutral { color: var(--muted); background: var(--soft); border-color: var(--line); }
details.dm-all { margin: 10px 0; }
details.dm-all > summary { cursor: pointer; font-weight: 600; }
.table-wrap:focus-visible { outline: 3px solid #1f5a96; outline-offset: 2px; }
@media (max-width: 900px) { .dm-grid { grid-template-columns: minmax(0, 1fr); } }
@media print {
  .dm-grid { grid-template-columns: minmax(0, 56fr) minmax(0, 44fr); }
  .dm-fig svg { break-inside: avoid; }
  .dm-grid, .dm-table tr { break-inside: avoid; }
}
@media (max-width: 900px) {
  .charts, .chartbox, .detail-grid { grid-template-columns: minmax(0, 1fr); }
  .filters .search { grid-column: auto; }
  dl.meta { grid-template-columns: minmax(0, 1fr); }
  dl.meta dd { margin-bottom: 6px; }
  .wrap { padding: 0 12px; }
  nav.toc { position: static; }
}
@media print {
  body { background: #fff; font-size: 11px; }
  header.top { background: #fff; color: #000; border-bottom: 2px solid #000; padding: 8px 0; }
  nav.toc, .no-print, .filters, .pager, button, .skip, #findings { display: none !important; }
  th button.sort { display: inline !important; }
  th button.sort .arrow { display: none; }
  section.card { border: 0; padding: 0; margin: 0 0 16px; break-inside: auto; }
  thead th { position: static; background: #fff; }
  .table-wrap, .chartbox .table-wrap { overflow: visible; max-height: none; border: 0; }
  details.rule > summary .chev { display: none; }
  details.rule .body { display: block; }
  tr.detail > td, tr.row.open > td { background: #fff; }
  .print-only { display: block; }
  .print-fail { break-inside: avoid; border-top: 1px solid #999; padding: 6px 0; }
  a { color: #000; }
  pre { background: #fff; }
}
`;
