import { test } from "vitest";
import { demoTenant } from "../../src/emulator/demo-tenant.js";
test("scratch", () => {
const m = demoTenant();
let total = 0;
for (const s of m.subscriptions) { console.log(s.displayName, s.resourceGroups.length, s.resources.length); total += s.resources.length; }
console.log("total", total, "non-policy", m.subscriptions.flatMap(s=>s.resources).filter(r=>!r.type?.startsWith("Microsoft.Authorization")).length);
const types = new Map<string, number>();
for (const r of m.subscriptions.flatMap(s=>s.resources)) types.set(r.type!, (types.get(r.type!) ?? 0) + 1);
console.log([...types].sort().map(([t,n])=>`${n} ${t}`).join("\n"));
});
