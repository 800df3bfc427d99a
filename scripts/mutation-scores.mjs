// The mutation scores as the committed incremental files record them (npm run mutate:scores): a
// Markdown table with a row per mutated file, a row per target and one for all targets together.
// Each incremental file holds the status of every mutant of its target's last run, so the table can
// be checked against the committed files without running Stryker. Stryker's score: killed and timed
// out over all mutants that ran or had no test reaching them (ignored static mutants and mutants that
// did not compile are left out).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const DIR = "mutation";
const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

/** Counts of one file's or target's mutants. */
function tally(mutants) {
  const t = { mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 };
  for (const m of mutants) {
    if (m.status === "Ignored") t.ignored++;
    if (!DETECTED.has(m.status) && !UNDETECTED.has(m.status)) continue;
    t.mutants++;
    if (m.status === "Killed") t.killed++;
    if (m.status === "Timeout") t.timeout++;
    if (m.status === "Survived") t.survived++;
    if (m.status === "NoCoverage") t.noCoverage++;
  }
  return t;
}

function add(a, b) {
  for (const k of Object.keys(a)) a[k] += b[k];
  return a;
}

function score(t) {
  return t.mutants === 0 ? "—" : `${((100 * (t.killed + t.timeout)) / t.mutants).toFixed(1)} %`;
}

function row(name, t) {
  return `| ${name} | ${t.mutants} | ${t.killed + t.timeout} | ${t.survived} | ${t.noCoverage} | ${score(t)} |`;
}

const files = readdirSync(DIR).filter((f) => f.endsWith(".incremental.json")).sort();
if (files.length === 0) {
  process.stderr.write(`mutation-scores: no *.incremental.json in ${DIR}/ (run npm run mutate first)\n`);
  process.exit(2);
}
const lines = ["| target / file | mutants | killed | survived | no coverage | score |", "| --- | ---: | ---: | ---: | ---: | ---: |"];
const all = tally([]);
for (const f of files) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(join(DIR, f), "utf8"));
  } catch (e) {
    process.stderr.write(`mutation-scores: ${join(DIR, f)} is not JSON (${e.message})\n`);
    process.exit(2);
  }
  if (typeof doc?.files !== "object" || doc.files === null) {
    process.stderr.write(`mutation-scores: ${join(DIR, f)} has no "files" object (expected a Stryker incremental report)\n`);
    process.exit(2);
  }
  const target = tally([]);
  const perFile = [];
  for (const [path, file] of Object.entries(doc.files).sort(([a], [b]) => a.localeCompare(b))) {
    const t = tally(Array.isArray(file.mutants) ? file.mutants : []);
    if (t.mutants === 0) continue;
    perFile.push(row(`&nbsp;&nbsp;${path}`, t));
    add(target, t);
  }
  lines.push(row(`**${f.replace(".incremental.json", "")}**`, target), ...perFile);
  add(all, target);
}
lines.push(row("**all targets**", all));
process.stdout.write(`${lines.join("\n")}\n`);
