/**
 * Who must act, end to end: `hemvist demo` reads the demo tenant's owner tags through the emulator
 * (subscription, resource group and resource tags as ARM returns them), findings.json names
 * subscription, resource group and owner on every result of a resource, and the personal owner
 * (an e-mail address on rg-exk-vard-journal) is in findings.json and report.html only.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/engine/types.js";
import { readJson, runCli, tempDir, type CliRun } from "./helpers.js";

const PERSONAL = "journal.forvaltare@exempelkommun.se";
let out: string;
let run: CliRun;
let results: Finding[];

beforeAll(async () => {
  out = await tempDir("hemvist-owners-");
  run = await runCli(["demo", "--out", out]);
  results = (await readJson(join(out, "findings.json"))).results as Finding[];
}, 180_000);

describe("owners in the demo", () => {
  it("the demo exits 0", () => {
    expect(run.code).toBe(0);
  });

  it("every result of a resource names its subscription and resource group; tenant-level results name neither", () => {
    const arm = results.filter((f) => f.resourceId.startsWith("/subscriptions/"));
    const tenant = results.filter((f) => f.resourceId.startsWith("/tenants/"));
    expect(arm.length).toBeGreaterThan(100);
    expect(tenant.length).toBeGreaterThan(0);
    for (const f of arm) expect(f.subscriptionName, f.resourceId).toMatch(/^Exempelkommun – (Gemensam IT|Vård och omsorg|Utbildning)$/);
    for (const f of arm.filter((x) => /\/resourcegroups\//i.test(x.resourceId))) expect(f.resourceGroup, f.resourceId).toBeTruthy();
    for (const f of tenant) {
      expect(f).not.toHaveProperty("subscriptionName");
      expect(f).not.toHaveProperty("owner");
      expect(f).not.toHaveProperty("resourceGroup");
    }
  });

  it("owners come from the resource, else its resource group, else its subscription", () => {
    const ownerOf = (name: string) => results.find((f) => f.resourceId.endsWith(`/${name}`))?.owner;
    expect(ownerOf("oai-exk-gem-assistent01")).toEqual({ value: "Team Kommunassistenten", key: "owner", source: "resource", personal: false });
    expect(ownerOf("stexkdrkopia01")).toEqual({ value: "IT-drift", key: "owner", source: "subscription", personal: false });
    expect(results.find((f) => f.resourceGroup === "rg-exk-vard-app")?.owner).toEqual({ value: "Team Verksamhetssystem", key: "Owner", source: "resource-group", personal: false });
    expect(results.find((f) => f.resourceGroup === "rg-exk-vard-journal")?.owner).toEqual({ value: PERSONAL, key: "ansvarig", source: "resource-group", personal: true });
    // Utbildning's elevdata group has no owner tag, nor has its subscription.
    expect(results.filter((f) => f.resourceGroup === "rg-exk-skola-elevdata").every((f) => f.owner === undefined)).toBe(true);
  });

  it("the personal owner is in findings.json and report.html, and nowhere in SARIF, summary.md or findings.csv", async () => {
    expect(await readFile(join(out, "findings.json"), "utf8")).toContain(PERSONAL);
    expect(await readFile(join(out, "report.html"), "utf8")).toContain(PERSONAL);
    for (const name of ["findings.sarif", "summary.md", "findings.csv"]) {
      const text = await readFile(join(out, name), "utf8");
      expect(text, name).not.toContain("journal.forvaltare");
    }
    expect(run.stdout).not.toContain("journal.forvaltare");
    expect(await readFile(join(out, "findings.csv"), "utf8")).toContain("(personlig ägare, se rapporten)");
    expect(await readFile(join(out, "summary.md"), "utf8")).toContain("(personlig ägare, se rapporten)");
  });
});
