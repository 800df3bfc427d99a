/**
 * The layers, checked from the imports of every source file (read as text: tools that parse
 * TypeScript through its JavaScript API do not load with TypeScript 7).
 *
 *   base ← config, snapshot ← collectors, engine ← findings ← reporters ← cli
 *
 * An arrow may only point down the chain; siblings (config/snapshot, collectors/engine) do not
 * import each other. The emulator, the shared payload builders and the benchmark stand outside the
 * product: they may use it, and nothing of the product imports them but the demo command. A rule
 * (`rules/**\/rule.ts`) sees only the rule API (`src/index.ts`); a rule's demo fragment only the
 * builders and the demo tenant's base. No file-level import cycle anywhere.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

type Layer = "base" | "config" | "snapshot" | "collectors" | "engine" | "findings" | "reporters" | "cli" | "emulator" | "builders" | "bench" | "rule" | "demo-fragment" | "browser";

/** Product layers by rank: a file may import its own layer and layers of a lower rank only. */
const RANK: Partial<Record<Layer, number>> = { base: 0, config: 1, snapshot: 1, collectors: 2, engine: 2, findings: 3, reporters: 4, cli: 5 };

function layerOf(file: string): Layer | undefined {
  const f = relative(ROOT, file).split("\\").join("/");
  if (f === "src/paths.ts" || f.startsWith("src/base/")) return "base";
  if (f === "src/index.ts") return "engine"; // the rule API: engine, config and snapshot types
  if (/^rules\/.+\/rule\.ts$/.test(f)) return "rule";
  if (/^rules\/.+\/demo\.ts$/.test(f)) return "demo-fragment";
  if (f.startsWith("src/reporters/html/browser/")) return "browser";
  const m = /^src\/([a-z-]+)\//.exec(f);
  if (m) return m[1] as Layer;
  if (f.startsWith("bench/")) return "bench";
  return undefined;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(m?ts)$/.test(name) && !name.endsWith(".d.ts") && !/\.test\.ts$/.test(name) ? [p] : [];
  });
}

/** Relative imports of a file (static, `export … from`, and `import("…")` with a literal), resolved to .ts files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"|import\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g)) {
    const spec = m[1] ?? m[2];
    if (spec) out.push(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
  }
  return out;
}

const FILES = [...sources(join(ROOT, "src")), ...sources(join(ROOT, "rules")), ...sources(join(ROOT, "bench"))];
const EDGES = new Map(FILES.map((f) => [f, importsOf(f)]));
const rel = (f: string) => relative(ROOT, f).split("\\").join("/");

/** Whether `from` may import `to`; otherwise the reason. */
function refusal(from: string, to: string): string | undefined {
  const a = layerOf(from);
  const b = layerOf(to);
  if (!a || !b) return `${rel(to)} is in no layer`;
  if (a === b) return undefined;
  const toProduct = RANK[b] !== undefined;
  switch (a) {
    case "rule":
      return rel(to) === "src/index.ts" ? undefined : "a rule imports the rule API (src/index.ts) only";
    case "demo-fragment":
      return b === "builders" || rel(to).startsWith("src/emulator/demo/") ? undefined : "a demo fragment imports the builders and src/emulator/demo/ only";
    case "browser":
      return "the report's browser code imports nothing of the product";
    case "builders":
      return ["base", "config", "snapshot"].includes(b) ? undefined : "the builders import base, config and snapshot only";
    case "emulator":
      return ["base", "config", "snapshot", "builders"].includes(b) ? undefined : "the emulator imports base, config, snapshot and the builders only";
    case "bench":
      return toProduct || b === "emulator" || b === "builders" ? undefined : `bench does not import ${b}`;
  }
  if (!toProduct) {
    // The demo command alone starts the emulator and assembles the demo tenant.
    if (rel(from) === "src/cli/commands/demo.ts" && (b === "emulator" || b === "demo-fragment")) return undefined;
    return `the product (${a}) does not import ${b}`;
  }
  const ra = RANK[a] as number;
  const rb = RANK[b] as number;
  if (rb > ra) return `${a} is below ${b}: the arrow runs up the chain`;
  if (rb === ra) return `${a} and ${b} are siblings and do not import each other`;
  return undefined;
}

describe("layers", () => {
  it("puts every source file in a layer", () => {
    expect(FILES.filter((f) => !layerOf(f)).map(rel)).toEqual([]);
    expect(FILES.length).toBeGreaterThan(100);
  });

  it("has no arrow up the chain, between siblings, or into the emulator, builders or bench", () => {
    const wrong: string[] = [];
    for (const [from, tos] of EDGES) for (const to of tos) {
      const why = refusal(from, to);
      if (why) wrong.push(`${rel(from)} → ${rel(to)}: ${why}`);
    }
    expect(wrong).toEqual([]);
  });

  it("has no import cycle between files", () => {
    // Tarjan's strongly connected components over the file graph.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string): void => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of EDGES.get(v) ?? []) {
        if (!EDGES.has(w)) continue;
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
      }
      if (low.get(v) === idx.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          on.delete(w);
          scc.push(rel(w));
        } while (w !== v);
        if (scc.length > 1) cycles.push(scc.sort());
      }
    };
    for (const f of FILES) if (!idx.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it("reads the imports it checks (the scan is not blind)", () => {
    // A known arrow of each kind must be seen, or the checks above pass on nothing.
    const seen = (from: string, to: string) => (EDGES.get(join(ROOT, from)) ?? []).includes(join(ROOT, to));
    expect(seen("src/engine/run.ts", "src/engine/inventory.ts")).toBe(true);
    expect(seen("src/cli/pipeline.ts", "src/engine/registry.ts")).toBe(true);
    expect(refusal(join(ROOT, "src/engine/run.ts"), join(ROOT, "src/reporters/json.ts"))).toMatch(/runs up/);
    expect(refusal(join(ROOT, "src/collectors/index.ts"), join(ROOT, "src/engine/run.ts"))).toMatch(/siblings/);
    expect(refusal(join(ROOT, "src/findings/outcome.ts"), join(ROOT, "src/emulator/server.ts"))).toMatch(/does not import emulator/);
  });
});
