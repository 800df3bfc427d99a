/**
 * `hemvist rules`: the rule list (id, name, severity, title).
 */
import { loadRules } from "../../engine/registry.js";
import { UsageError } from "../../base/errors.js";
import { LANGS, parseLang } from "../../base/lang.js";

export async function rulesCommand(flags: { rules?: string; lang?: string; json?: boolean }): Promise<void> {
  const lang = parseLang(flags.lang ?? "en");
  if (!lang) throw new UsageError(`--lang: found "${flags.lang}", expected ${LANGS.join(" or ")}.`);
  const rules = await loadRules(flags.rules);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(rules.map((r) => ({ id: r.id, name: r.name, severity: r.severity, title: r.title[lang] })), null, 2)}\n`);
    return;
  }
  const w = Math.max(...rules.map((r) => r.name.length), 4);
  process.stdout.write(`${"ID".padEnd(8)}${"NAME".padEnd(w + 2)}${"SEVERITY".padEnd(10)}TITLE\n`);
  for (const r of rules) process.stdout.write(`${r.id.padEnd(8)}${r.name.padEnd(w + 2)}${r.severity.padEnd(10)}${r.title[lang]}\n`);
  process.stdout.write(`\n${rules.length} rules\n`);
}
