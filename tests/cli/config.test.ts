/**
 * Configuration: presets, overrides, and errors that name the file, line, field and expectation.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveSettings } from "../../src/cli/pipeline.js";
import { loadConfig } from "../../src/config/load.js";
import { UsageError } from "../../src/base/errors.js";
import { tempDir } from "../e2e/helpers.js";

async function withConfig(name: string, text: string) {
  const dir = await tempDir("hemvist-config-");
  const path = join(dir, name);
  await writeFile(path, text);
  return { dir, path };
}

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("loadConfig", () => {
  it("defaults to the se preset without a file", async () => {
    const dir = await tempDir();
    const { config, path } = await loadConfig(undefined, {}, dir);
    expect(path).toBeUndefined();
    expect(config.profile.allowedRegions).toEqual(["swedencentral", "swedensouth"]);
    expect(config.profile.allowedM365Geos).toEqual(["SWE"]);
    expect(config.classification.defaultLevel).toBe(2);
  });

  it("azure.enabled defaults to true and reads false from the file; a wrong type names the field", async () => {
    expect((await loadConfig(undefined, {}, await tempDir())).config.azure).toEqual({ enabled: true });
    const { dir } = await withConfig("hemvist.config.yaml", "azure:\n  enabled: false\n");
    const { config } = await loadConfig(undefined, {}, dir);
    expect(config.azure).toEqual({ enabled: false });
    expect(config.m365).toEqual({ enabled: true });
    const bad = await withConfig("hemvist.config.yaml", "azure:\n  enabled: nej\n");
    expect(await errorOf(loadConfig(undefined, {}, bad.dir))).toMatch(/azure\.enabled/);
  });

  it("turning off both Azure and Microsoft 365 leaves nothing to audit (a usage error)", async () => {
    const { dir } = await withConfig("hemvist.config.yaml", "azure:\n  enabled: false\n");
    expect(await errorOf(resolveSettings({ m365: false }, dir))).toMatch(/^Nothing to audit: /);
    expect((await resolveSettings({}, dir)).config.azure.enabled).toBe(false);
  });

  it("eu preset lists only EU member-state regions", async () => {
    const dir = await tempDir();
    const { config } = await loadConfig(undefined, { profile: "eu" }, dir);
    expect(config.profile.allowedRegions).toEqual(expect.arrayContaining(["swedencentral", "westeurope", "northeurope", "germanywestcentral"]));
    expect(config.profile.allowedRegions).not.toContain("uksouth");
    expect(config.profile.allowedRegions).not.toContain("norwayeast");
    expect(config.profile.allowedRegions).not.toContain("switzerlandnorth");
    expect(config.profile.aiDataZoneAllowed).toBe(true);
  });

  it("reads hemvist.config.yaml from the working directory, normalises regions, finds exceptions.yaml beside it", async () => {
    const { dir } = await withConfig("hemvist.config.yaml", "profile: se\nallowedRegions: [Sweden Central, northeurope]\nclassification:\n  valueMap: { intern: 1, K3: 3, hemlig: sakerhetsskydd }\n");
    await writeFile(join(dir, "exceptions.yaml"), "exceptions: []\n");
    const { config, exceptionsPath } = await loadConfig(undefined, {}, dir);
    expect(config.profile.allowedRegions).toEqual(["swedencentral", "northeurope"]);
    expect(config.profile.name).toBe("se+custom");
    expect(config.classification.valueMap).toEqual({ intern: 1, K3: 3, hemlig: 4 });
    expect(exceptionsPath).toBe(join(dir, "exceptions.yaml"));
  });

  it("command-line regions override the file", async () => {
    const { path } = await withConfig("c.yaml", "allowedRegions: [northeurope]\n");
    const { config } = await loadConfig(path, { allowedRegions: ["swedencentral"] });
    expect(config.profile.allowedRegions).toEqual(["swedencentral"]);
  });

  it("names file, line, field, what was found and what was expected", async () => {
    const { path } = await withConfig("hemvist.config.yaml", "profile: se\nclassification:\n  tagKeys: [confidentiality]\n  defaultLevel: high\n");
    const msg = await errorOf(loadConfig(path, {}));
    expect(msg).toContain(`${path}:4: field "classification.defaultLevel": found string "high", expected integer`);
  });

  it("ownerTags: defaults to owner, ansvarig; read from the file in its order, trimmed; [] turns owners off", async () => {
    expect((await loadConfig(undefined, {}, await tempDir())).config.ownerTags).toEqual(["owner", "ansvarig"]);
    const { dir } = await withConfig("hemvist.config.yaml", "ownerTags: [Ansvarig, ' systemägare ', owner]\n");
    expect((await loadConfig(undefined, {}, dir)).config.ownerTags).toEqual(["Ansvarig", "systemägare", "owner"]);
    const off = await withConfig("hemvist.config.yaml", "ownerTags: []\n");
    expect((await loadConfig(undefined, {}, off.dir)).config.ownerTags).toEqual([]);
  });

  it("ownerTags: a bad key is refused naming the file, the field and what was expected", async () => {
    const notList = await withConfig("hemvist.config.yaml", "ownerTags: owner\n");
    expect(await errorOf(loadConfig(notList.path, {}))).toContain(`${notList.path}:1: field "ownerTags": found string "owner", expected array`);
    const notString = await withConfig("hemvist.config.yaml", "ownerTags: [owner, 7]\n");
    expect(await errorOf(loadConfig(notString.path, {}))).toContain(`${notString.path}:1: field "ownerTags[1]": found number 7, expected string`);
    const blank = await withConfig("hemvist.config.yaml", "ownerTags: [owner, '   ']\n");
    expect(await errorOf(loadConfig(blank.path, {}))).toBe(`${blank.path}: field "ownerTags[1]": found an empty tag key "   "; expected a tag key such as "owner".`);
    const slash = await withConfig("hemvist.config.yaml", "ownerTags: [team/owner]\n");
    expect(await errorOf(loadConfig(slash.path, {}))).toBe(`${slash.path}: field "ownerTags[0]": found "team/owner" with "/"; expected a tag key ARM accepts (without < > % & \\ ? /).`);
    const twice = await withConfig("hemvist.config.yaml", "ownerTags: [owner, Owner]\n");
    expect(await errorOf(loadConfig(twice.path, {}))).toBe(`${twice.path}: field "ownerTags[1]": found "owner" and "Owner", the same tag key (tag keys are compared case-insensitively); expected each key once.`);
  });

  it("rejects unknown fields by name", async () => {
    const { path } = await withConfig("hemvist.config.yaml", "profile: se\nallowedRegion: [swedencentral]\n");
    const msg = await errorOf(loadConfig(path, {}));
    expect(msg).toMatch(/:2: field "allowedRegion": found an unknown field/);
  });

  it("rejects a wrong preset name with the allowed values", async () => {
    const { path } = await withConfig("hemvist.config.yaml", "profile: norden\n");
    expect(await errorOf(loadConfig(path, {}))).toMatch(/field "profile": found string "norden", expected one of "se", "eu"/);
  });

  it("reports YAML syntax errors with line and column", async () => {
    const { path } = await withConfig("hemvist.config.yaml", "profile: se\nallowedRegions: [swedencentral\n");
    expect(await errorOf(loadConfig(path, {}))).toMatch(/hemvist\.config\.yaml:\d+:\d+: not valid YAML/);
  });

  it("rejects empty, binary, non-mapping and JSON-invalid files", async () => {
    expect(await errorOf(loadConfig((await withConfig("a.yaml", "")).path, {}))).toMatch(/is empty/);
    expect(await errorOf(loadConfig((await withConfig("b.yaml", "\u0000\u0001garbage")).path, {}))).toMatch(/binary file/);
    expect(await errorOf(loadConfig((await withConfig("c.yaml", "- a\n- b\n")).path, {}))).toMatch(/must be a mapping.*found a list/);
    expect(await errorOf(loadConfig((await withConfig("d.json", "{ profile: se }")).path, {}))).toMatch(/not valid JSON/);
  });

  it("says so when --config names a missing file", async () => {
    const dir = await tempDir();
    expect(await errorOf(loadConfig(join(dir, "nope.yaml"), {}))).toMatch(/cannot read the configuration \(ENOENT\)|does not exist/);
  });
});

describe("attestations", () => {
  const NOW = new Date("2026-12-05T03:00:00Z");
  const geo = (over: string) =>
    `attestations:\n  m365DefaultGeo: { geo: SWE, attestedBy: it@kommun.se, attestedOn: 2026-11-20, source: "Microsoft 365 admin center, Data location"${over} }\n`;

  it("reads them, the geo in upper case, and reports each with its state and the day it goes stale", async () => {
    const { path } = await withConfig(
      "hemvist.config.yaml",
      "attestations:\n  m365DefaultGeo: { geo: swe, attestedBy: it@kommun.se, attestedOn: 2026-11-20, source: admin center }\n  customerKeyPolicies: { assigned: false, attestedBy: it@kommun.se, attestedOn: 2025-12-20, source: Purview }\n",
    );
    const { config } = await loadConfig(path, {}, undefined, NOW);
    expect(config.attestations).toEqual({
      m365DefaultGeo: { geo: "SWE", attestedBy: "it@kommun.se", attestedOn: "2026-11-20", source: "admin center" },
      customerKeyPolicies: { assigned: false, attestedBy: "it@kommun.se", attestedOn: "2025-12-20", source: "Purview" },
    });
    const { attestationReport } = await import("../../src/findings/document.js");
    expect(attestationReport(config, NOW)).toEqual([
      { key: "m365DefaultGeo", value: "SWE", attestedBy: "it@kommun.se", attestedOn: "2026-11-20", source: "admin center", state: "valid", staleOn: "2027-11-21" },
      // 350 days old: stale in 16 days, inside the 30 days' warning.
      { key: "customerKeyPolicies", value: false, attestedBy: "it@kommun.se", attestedOn: "2025-12-20", source: "Purview", state: "expiring", staleOn: "2026-12-21" },
    ]);
    expect(attestationReport(config, new Date("2026-12-21T00:00:00Z"))[1]?.state).toBe("stale");
    expect(attestationReport(config, new Date("2026-12-20T23:59:59Z"))[1]?.state).toBe("expiring");
  });

  it("refuses a date after the run, naming the file and the field", async () => {
    const { path } = await withConfig("hemvist.config.yaml", geo("").replace("2026-11-20", "2026-12-06"));
    expect(await errorOf(loadConfig(path, {}, undefined, NOW))).toBe(
      `${path}: attestations.m365DefaultGeo.attestedOn: found "2026-12-06", a day after today (2026-12-05); expected the day the fact was read.`,
    );
  });

  it("refuses a geo that is not a Microsoft 365 geo", async () => {
    const { path } = await withConfig("hemvist.config.yaml", geo("").replace("geo: SWE", "geo: XYZ"));
    expect(await errorOf(loadConfig(path, {}, undefined, NOW))).toBe(
      `${path}: attestations.m365DefaultGeo.geo: found "XYZ", expected a Microsoft 365 geo code such as SWE, EUR or NOR.`,
    );
  });

  it("refuses an impossible date, a missing field and an unknown key through the schema", async () => {
    const bad = await withConfig("hemvist.config.yaml", geo("").replace("2026-11-20", "2026-02-30"));
    expect(await errorOf(loadConfig(bad.path, {}, undefined, NOW))).toMatch(/attestations\.m365DefaultGeo\.attestedOn/);
    const missing = await withConfig("hemvist.config.yaml", "attestations:\n  customerKeyPolicies: { assigned: true, attestedOn: 2026-11-20, source: Purview }\n");
    expect(await errorOf(loadConfig(missing.path, {}, undefined, NOW))).toMatch(/attestedBy/);
    const unknown = await withConfig("hemvist.config.yaml", "attestations:\n  tenantRegion: { attestedBy: a, attestedOn: 2026-11-20, source: b }\n");
    expect(await errorOf(loadConfig(unknown.path, {}, undefined, NOW))).toMatch(/tenantRegion/);
  });
});
