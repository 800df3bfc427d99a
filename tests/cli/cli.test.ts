/**
 * The command line as users meet it: rules listing, usage errors (exit 2, one clear line, no stack).
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../e2e/helpers.js";

describe("hemvist CLI", () => {
  it("rules lists all 27 catalog rules with id, name, severity and title", async () => {
    const r = await runCli(["rules"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+NAME\s+SEVERITY\s+TITLE/m);
    expect(r.stdout).toMatch(/^ENC-01\s+storage-account-customer-managed-key\s+by-level\s+Storage accounts encrypt/m);
    expect(r.stdout).toMatch(/27 rules/);
    const sv = await runCli(["rules", "--lang", "sv", "--json"]);
    const list = JSON.parse(sv.stdout);
    expect(list).toHaveLength(27);
    expect(list.find((x: any) => x.id === "ENC-01").title).toMatch(/Lagringskonton/);
  });

  it("a bad flag value exits 2 with a message and no stack trace", async () => {
    const r = await runCli(["evaluate", "x.json", "--fail-on", "severe"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fail-on/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a missing static token exits 2 naming the variable", async () => {
    const r = await runCli(["audit", "--auth", "static", "--arm-endpoint", "https://127.0.0.1:9", "--out", await tempDir()], { HEMVIST_STATIC_TOKEN: "" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/HEMVIST_STATIC_TOKEN/);
  });

  it("an http endpoint is refused (bearer tokens only over TLS)", async () => {
    const r = await runCli(["audit", "--auth", "static", "--arm-endpoint", "http://127.0.0.1:9", "--out", await tempDir()], { HEMVIST_STATIC_TOKEN: "x" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/https:\/\//);
  });

  it("evaluate refuses a snapshot of another major format with a clear message", async () => {
    const dir = await tempDir();
    const f = join(dir, "snap.json");
    await writeFile(f, JSON.stringify({ schemaVersion: "2.0.0", tool: { name: "hemvist", version: "9.0.0" } }));
    const r = await runCli(["evaluate", f, "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}: snapshot format 2.0.0 is not supported`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("evaluate names the field of an invalid snapshot", async () => {
    const dir = await tempDir();
    const f = join(dir, "snap.json");
    await writeFile(f, JSON.stringify({ schemaVersion: "1.0.0", tool: { name: "hemvist", version: "0.1.0" }, subscriptions: "nope" }));
    const r = await runCli(["evaluate", f, "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a valid Hemvist snapshot/);
    expect(r.stderr).toMatch(/subscriptions|collectedAt/);
  });
});
