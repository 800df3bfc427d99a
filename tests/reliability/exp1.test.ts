import { join } from "node:path";
import { it, expect } from "vitest";
import { demoTenant } from "../../src/emulator/demo-tenant.js";
import { lab, runCli, auditArgs, resultKey } from "../../tests/reliability/helpers.js";
import { readJson } from "../../tests/e2e/helpers.js";

it("exp", async () => {
  const clean = await lab(demoTenant());
  let t = Date.now();
  const r0 = await runCli(auditArgs(clean.emulator.url, join(clean.dir, "out"), ["--format", "json", "--quiet"]), clean.env);
  console.log("clean", r0.code, Date.now() - t, clean.emulator.requests.length, r0.stderr);
  const a = await readJson(join(clean.dir, "out", "findings.json"));
  for (const seed of [1, 2, 3]) {
    const f = await lab(demoTenant(), { seed, rate429: 0.1, rate5xx: 0.05, resetRate: 0.03 });
    t = Date.now();
    const r = await runCli(auditArgs(f.emulator.url, join(f.dir, "out"), ["--format", "json", "--quiet"]), f.env);
    const b = await readJson(join(f.dir, "out", "findings.json"));
    const kinds: Record<string, number> = {};
    for (const i of f.chaos!.injected) kinds[i.kind] = (kinds[i.kind] ?? 0) + 1;
    console.log(seed, r.code, Date.now() - t, f.emulator.requests.length, JSON.stringify(kinds), JSON.stringify(b.coverage.map((c: any) => [c.operation, c.code, c.message])), r.stderr.slice(0, 2000));
    const ka = resultKey(a), kb = resultKey(b);
    console.log("diff", ka.filter((x) => !kb.includes(x)).length, kb.filter((x) => !ka.includes(x)).length);
    await f.emulator.close();
  }
  await clean.emulator.close();
}, 300_000);
