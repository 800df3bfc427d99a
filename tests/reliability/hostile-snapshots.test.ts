/**
 * Files that decide verdicts: snapshots. A list that repeats an item across pages (ARM `nextLink`,
 * Graph `@odata.nextLink`, Resource Graph `$skipToken`) is kept once, the later page's copy; a
 * snapshot holding an id, a subscription or a region twice is refused by `evaluate` and `merge`;
 * `merge` refuses shards that disagree on tenant-level data; `evaluate --verify FINDINGS` refuses a
 * snapshot whose bytes are not the ones the findings.json recorded. Each refusal: exit 2, one line
 * naming the file and what was found, nothing written.
 */
import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nock from "nock";
import { beforeAll, describe, expect, it } from "vitest";
import { createGraphCollector } from "../../src/collectors/m365/graph.js";
import { collect } from "../../src/collectors/index.js";
import { startResourceGraphInventory } from "../../src/collectors/azure/resource-graph.js";
import { storageCollector } from "../../src/collectors/azure/storage.js";
import { keepLastPerId } from "../../src/collectors/one-per-id.js";
import { loadRules } from "../../src/engine/registry.js";
import { defaultConfig, runRules } from "../../src/index.js";
import type { Snapshot } from "../../src/snapshot/types.js";
import { ARM, FAST_RETRY, GRAPH, SUB, SUB2, SUB_ID, arm, collectOptions, graph, harness, requests, useNock } from "../collectors/helpers.js";
import { provider, storageAccount, subscription } from "../collectors/fixtures.js";
import { hemvistInProcess } from "../helpers/in-process.js";
import { folderState, resultKey, runCli, tempDir } from "./helpers.js";

const NOW = new Date("2026-11-27T03:00:00Z");
const sha = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");
/** A literal as a regular expression. */
const lit = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

describe("keepLastPerId", () => {
  it("keeps the later copy's content at the first copy's place, ids compared case-insensitively and without a trailing slash; items without an id stay", () => {
    const a1 = { id: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a", v: 1 };
    const b = { id: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/b", v: 1 };
    const noId = { name: "no id" };
    const a2 = { id: "/SUBSCRIPTIONS/x/resourceGroups/RG/providers/Microsoft.Storage/storageAccounts/A/", v: 2 };
    expect(keepLastPerId([a1, b, noId, a2])).toEqual([a2, b, noId]);
    const once = [a1, b, noId];
    expect(keepLastPerId(once)).toBe(once);
  });
});

describe("collectors: one item per id when pages repeat one", () => {
  useNock();
  const PATH = `${SUB_ID}/providers/Microsoft.Storage/storageAccounts`;

  /**
   * Two pages of `StorageAccounts_List` (shape of azure-rest-api-specs
   * specification/storage/resource-manager/Microsoft.Storage/stable/2023-05-01/examples/StorageAccountList.json,
   * `{ value, nextLink }`): page 2 repeats `first` as `again` (the list changed between the requests).
   */
  function twoPages(first: object, again: object): void {
    arm()
      .get(PATH)
      .query((q) => !q.$skiptoken)
      .reply(200, { value: [first, storageAccount("stlogs02")], nextLink: `${ARM}${PATH}?api-version=2026-09-01&$skiptoken=page2` })
      .get(PATH)
      .query({ "api-version": "2026-09-01", $skiptoken: "page2" })
      .reply(200, { value: [again, storageAccount("starkiv03")] });
  }

  it("ARM nextLink: page 2 repeats a page-1 account with another key source; the snapshot holds it once with page 2's properties, and ENC-01 gives it one result", async () => {
    const { ctx, snap, sub } = harness();
    twoPages(storageAccount("stdata01", { keySource: "Microsoft.Keyvault" }), storageAccount("stdata01", { keySource: "Microsoft.Storage" }));
    await storageCollector.collect(ctx, sub);
    const accounts = sub.collections.storageAccounts ?? [];
    expect(accounts.map((a) => a.name)).toEqual(["stdata01", "stlogs02", "starkiv03"]);
    expect((accounts[0]!.properties as { encryption: { keySource: string } }).encryption.keySource).toBe("Microsoft.Storage");
    expect(requests).toHaveLength(2);
    const rules = (await loadRules()).filter((r) => r.id === "ENC-01");
    const findings = runRules(snap, rules, { config: defaultConfig(), now: NOW }).findings.filter((f) => f.resourceName === "stdata01");
    expect(findings.map((f) => f.status)).toEqual(["fail"]);
  });

  it("ARM nextLink: the repeat spells the id in other case; it is still one account (page 2's copy)", async () => {
    const { ctx, sub } = harness();
    const first = storageAccount("stdata01");
    const again = { ...storageAccount("stdata01", { location: "westeurope" }), id: first.id.replace("resourceGroups/rg-data", "resourcegroups/RG-DATA") };
    twoPages(first, again);
    await storageCollector.collect(ctx, sub);
    const accounts = sub.collections.storageAccounts ?? [];
    expect(accounts).toHaveLength(3);
    expect(accounts[0]?.id).toBe(again.id);
    expect(accounts[0]?.location).toBe("westeurope");
  });

  it("Resource Graph $skipToken: page 2 repeats a row with another minimum TLS version; the collection holds it once with page 2's value", async () => {
    // Shape of specification/resourcegraph/resource-manager/Microsoft.ResourceGraph/stable/2021-03-01/examples/ResourcesFirstPageQuery.json and ResourcesNextPageQuery.json.
    const { ctx, sub, snap } = harness();
    const row = (name: string, tls: string) => ({
      id: `${SUB_ID}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/${name}`,
      name,
      type: "microsoft.storage/storageaccounts",
      location: "swedencentral",
      kind: "StorageV2",
      sku: { name: "Standard_ZRS", tier: "Standard" },
      tags: {},
      identity: null,
      managedBy: "",
      zones: null,
      extendedLocation: null,
      plan: null,
      properties: { minimumTlsVersion: tls, encryption: { keySource: "Microsoft.Storage" } },
    });
    const page = (data: unknown[], skipToken?: string) => ({ totalRecords: 3, count: data.length, resultTruncated: "false", ...(skipToken ? { $skipToken: skipToken } : {}), data, facets: [] });
    const post = (body: unknown) => nock(ARM).post("/providers/Microsoft.ResourceGraph/resources").query({ "api-version": "2024-04-01" }).reply(200, body as nock.Body);
    post(page([])); // the types with children (none here)
    post(page([row("stdata01", "TLS1_0"), row("stlogs02", "TLS1_2")], "ew0KICAiJGlkIjogIjEiLA0K"));
    post(page([row("stdata01", "TLS1_2")]));
    arm().get(PATH).query({ "api-version": "2026-09-01", $top: "1" }).reply(200, { value: [storageAccount("stdata01")] });
    const inv = startResourceGraphInventory(ctx, [sub]);
    await storageCollector.collect(inv.contextFor(sub), sub);
    await inv.done;
    const accounts = sub.collections.storageAccounts ?? [];
    expect(accounts.map((a) => a.name)).toEqual(["stdata01", "stlogs02"]);
    expect((accounts[0]!.properties as { minimumTlsVersion: string }).minimumTlsVersion).toBe("TLS1_2");
    expect(snap.coverage).toEqual([]);
  });

  it("Graph @odata.nextLink: page 2 repeats a user with another preferredDataLocation; the tenant holds the user once with page 2's value", async () => {
    const { ctx, snap } = harness();
    const SELECT = "id,displayName,userPrincipalName,preferredDataLocation,usageLocation";
    const user = (i: number, pdl: string | null) => ({ id: `8a7b6c5d-0000-4000-8000-00000000000${i}`, displayName: `Användare ${i}`, userPrincipalName: `user${i}@exempelkommun.se`, preferredDataLocation: pdl, usageLocation: "SE" });
    const g = graph();
    g.get("/v1.0/organization").reply(200, { value: [{ id: "72f988bf-86f1-41af-91ab-2d7cd011db47", displayName: "Exempelkommun", countryLetterCode: "SE" }] });
    g.get("/v1.0/users")
      .query({ $select: SELECT, $top: "999" })
      .reply(200, { value: [user(1, "SWE"), user(2, "SWE")], "@odata.nextLink": `${GRAPH}/v1.0/users?$select=${SELECT}&$top=999&$skiptoken=RFNwdAIAAQAAAA` })
      .get("/v1.0/users")
      .query({ $select: SELECT, $top: "999", $skiptoken: "RFNwdAIAAQAAAA" })
      .reply(200, { value: [user(1, "NAM"), user(3, "EUR")] });
    g.get("/v1.0/groups").query(true).reply(200, { value: [] });
    g.get("/v1.0/sites/getAllSites").query(true).reply(200, { value: [] });
    g.get("/v1.0/sites/root").query(true).reply(200, { id: "exempelkommun.sharepoint.com,bf6fb551-d508-4946-a439-b2a6154fc1d9,65a04b8b-1f44-442b-a1fc-9e5852fb946c", webUrl: "https://exempelkommun.sharepoint.com" });
    g.get("/v1.0/subscribedSkus").reply(200, { value: [] });
    await createGraphCollector({ retry: FAST_RETRY, timeoutMs: 5_000 }).collect(ctx, snap);
    expect(snap.tenant.m365?.users?.map((u) => [u.id.slice(-1), u.preferredDataLocation])).toEqual([
      ["1", "NAM"],
      ["2", "SWE"],
      ["3", "EUR"],
    ]);
  });

  it("GET /subscriptions: page 2 repeats a subscription; the snapshot holds it once", async () => {
    arm()
      .get("/subscriptions")
      .query((q) => !q.$skiptoken)
      .reply(200, { value: [subscription(SUB, "Prod"), subscription(SUB2, "Dev")], nextLink: `${ARM}/subscriptions?api-version=2022-12-01&$skiptoken=2` })
      .get("/subscriptions")
      .query({ "api-version": "2022-12-01", $skiptoken: "2" })
      .reply(200, { value: [subscription(SUB, "Prod (renamed)")] });
    for (const s of [SUB, SUB2]) arm().get(`/subscriptions/${s}/providers`).query(true).reply(200, { value: [provider("Microsoft.Storage", "Registered")] });
    const snap = await collect(collectOptions({ collectors: { subscription: [], tenant: [] } }));
    // Sorted by id: SUB2 (1f0e…) before SUB (9c4e…).
    expect(snap.subscriptions.map((s) => [s.subscriptionId, s.displayName])).toEqual([
      [SUB2, "Dev"],
      [SUB, "Prod (renamed)"],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The CLI: a demo audit's snapshot and findings.json, then copies of them made hostile.

let work = "";
let demoSnapshot = "";
let demoFindings = "";
let base: Snapshot;
/** Result keys of `evaluate` on the untouched snapshot. */
let wholeKeys: string[] = [];

beforeAll(async () => {
  work = await tempDir("hemvist-snapshots-");
  const demo = join(work, "demo");
  const r = await runCli(["demo", "--out", demo, "--quiet"]);
  expect(r.code, r.stderr).toBe(0);
  demoSnapshot = join(demo, "snapshot.json");
  demoFindings = join(demo, "findings.json");
  base = JSON.parse(await readFile(demoSnapshot, "utf8"));
}, 180_000);

/** Each CLI test starts one to three runs of the built CLI (4–10 s each on two busy cores). */
const CLI = { timeout: 120_000 };

let n = 0;
/** Writes a (changed) copy of the demo snapshot and returns its path. */
async function variant(change: (s: Snapshot) => void, name = `snap-${++n}.json`): Promise<string> {
  const s = structuredClone(base);
  change(s);
  const f = join(work, name);
  await writeFile(f, `${JSON.stringify(s, null, 1)}\n`);
  return f;
}

/**
 * Exit 2, nothing on stdout, one line on stderr matching every fragment, `out` unchanged. Through
 * main() in this process (tests/helpers/in-process.ts); "through the built CLI" below checks that
 * a child process refuses the same way, and the accepted runs go through the built CLI.
 */
async function expectRefusal(args: string[], out: string, fragments: RegExp[]): Promise<string> {
  const before = await folderState(out);
  const run = await hemvistInProcess(args);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(/^hemvist: [^\n]+\n$/);
  expect(run.stderr).not.toMatch(/crashed|\n\s+at /);
  for (const f of fragments) expect(run.stderr).toMatch(f);
  expect(await folderState(out), "nothing written").toEqual(before);
  return run.stderr;
}

type DuplicateCase = [string, (s: Snapshot) => void, (f: string) => RegExp];
const sub0 = () => base.subscriptions[0]!;

const DUPLICATES: DuplicateCase[] = [
  [
    "a storage account twice, the copy failing where the original passes",
    (s) => {
      const list = s.subscriptions[0]!.collections.storageAccounts!;
      const copy = structuredClone(list[0]!);
      (copy.properties as { encryption: { keySource: string } }).encryption.keySource = "Microsoft.Storage";
      list.push(copy);
    },
    (f) => lit(`hemvist: ${f}: collection storageAccounts of subscription ${sub0().subscriptionId} holds the id "${sub0().collections.storageAccounts![0]!.id}" twice, at subscriptions[0].collections.storageAccounts[0] and [${sub0().collections.storageAccounts!.length}]; each id may appear once in a collection`),
  ],
  [
    "a storage account twice, the copy's id in upper case",
    (s) => {
      const list = s.subscriptions[0]!.collections.storageAccounts!;
      list.splice(2, 0, { ...structuredClone(list[1]!), id: list[1]!.id.toUpperCase() });
    },
    (f) => lit(`${f}: collection storageAccounts of subscription ${sub0().subscriptionId} holds the id "${sub0().collections.storageAccounts![1]!.id.toUpperCase()}" twice, at subscriptions[0].collections.storageAccounts[1] and [2];`),
  ],
  [
    "a resource group twice, the copy's id ending in a slash",
    (s) => {
      const list = s.subscriptions[1]!.collections.resourceGroups!;
      list.push({ ...structuredClone(list[0]!), id: `${list[0]!.id}/`, location: "westeurope" });
    },
    (f) => lit(`${f}: collection resourceGroups of subscription ${base.subscriptions[1]!.subscriptionId} holds the id "${base.subscriptions[1]!.collections.resourceGroups![0]!.id}/" twice, at subscriptions[1].collections.resourceGroups[0] and [${base.subscriptions[1]!.collections.resourceGroups!.length}];`),
  ],
  [
    "a Key Vault key (a child collection) twice",
    (s) => {
      const list = s.subscriptions[1]!.collections.vaultKeys!;
      list.unshift(structuredClone(list[3]!));
    },
    (f) => lit(`${f}: collection vaultKeys of subscription ${base.subscriptions[1]!.subscriptionId} holds the id "${base.subscriptions[1]!.collections.vaultKeys![3]!.id}" twice, at subscriptions[1].collections.vaultKeys[0] and [4];`),
  ],
  [
    "a storage account of one subscription copied into another's",
    (s) => {
      s.subscriptions[2]!.collections.storageAccounts!.push(structuredClone(s.subscriptions[0]!.collections.storageAccounts![2]!));
    },
    (f) => lit(`${f}: collection storageAccounts holds the id "${sub0().collections.storageAccounts![2]!.id}" in two subscriptions, at subscriptions[0].collections.storageAccounts[2] and subscriptions[2].collections.storageAccounts[${base.subscriptions[2]!.collections.storageAccounts!.length}]; a resource belongs to one subscription`),
  ],
  [
    "a Microsoft 365 user twice",
    (s) => {
      const users = s.tenant.m365!.users!;
      users.push({ ...structuredClone(users[1]!), preferredDataLocation: "NAM" });
    },
    (f) => lit(`${f}: collection m365Users holds the id "${base.tenant.m365!.users![1]!.id}" twice, at tenant.m365.users[1] and [${base.tenant.m365!.users!.length}];`),
  ],
  [
    "a subscription twice",
    (s) => {
      s.subscriptions.push(structuredClone(s.subscriptions[0]!));
    },
    (f) => lit(`${f}: subscription ${sub0().subscriptionId} appears twice, at subscriptions[0] and subscriptions[${base.subscriptions.length}]; a snapshot holds each subscription once.`),
  ],
  [
    "a subscription twice, the copy's id in upper case and its resources emptied",
    (s) => {
      const copy = structuredClone(s.subscriptions[2]!);
      copy.subscriptionId = copy.subscriptionId.toUpperCase();
      copy.id = copy.id.toUpperCase();
      copy.collections = { storageAccounts: [] };
      s.subscriptions.splice(1, 0, copy);
    },
    (f) => lit(`${f}: subscription ${base.subscriptions[2]!.subscriptionId} appears twice, at subscriptions[1] and subscriptions[3];`),
  ],
  [
    "a region twice, the copy in another geography",
    (s) => {
      s.regions.push({ ...structuredClone(s.regions[0]!), geography: "United States" });
    },
    (f) => lit(`${f}: region ${base.regions[0]!.name} appears twice, at regions[0] and regions[${base.regions.length}]; a snapshot describes each region once.`),
  ],
];

describe("through the built CLI: the same refusals as in this process", CLI, () => {
  /** A refusal of `args` by bin/hemvist.js in a child process: exit 2, and the same stdout and stderr as main() in this process. */
  async function same(args: string[], out: string): Promise<void> {
    const before = await folderState(out);
    const child = await runCli(args);
    expect(child.code, child.stderr).toBe(2);
    expect({ code: child.code, stdout: child.stdout, stderr: child.stderr }).toEqual(await hemvistInProcess(args));
    expect(await folderState(out)).toEqual(before);
  }

  it("evaluate of a snapshot holding an id twice", async () => {
    const f = await variant(DUPLICATES[0]![1]);
    const out = join(work, "child-dup");
    await same(["evaluate", f, "--out", out], out);
  });

  it("merge of shards that disagree on tenant-level data", async () => {
    const one = await variant((s) => shard(1, s), "child-shard-1.json");
    const two = await variant((s) => {
      shard(2, s);
      s.cloud = { ...s.cloud, name: "AzureUSGovernment" };
    }, "child-shard-2.json");
    const out = join(work, "child-merge");
    await same(["merge", one, two, "--snapshot-out", join(out, "merged.json")], out);
  });
});

describe("evaluate refuses a snapshot holding an id twice", CLI, () => {
  it.each(DUPLICATES)("%s: exit 2, one line naming the file, the collection, the id and both positions, nothing written", async (_name, change, message) => {
    const f = await variant(change);
    const out = join(work, `out-dup-${n}`);
    await expectRefusal(["evaluate", f, "--out", out], out, [message(f), /Collect the snapshot again\.\n$/]);
  });

  it("merge refuses a shard holding an id twice, naming that shard, and writes no merged snapshot", async () => {
    const good = await variant((s) => {
      s.subscriptions = s.subscriptions.slice(0, 1);
    });
    const bad = await variant((s) => {
      s.subscriptions = s.subscriptions.slice(1);
      s.tenant = { tenantId: s.tenant.tenantId };
      const list = s.subscriptions[0]!.collections.storageAccounts!;
      list.push(structuredClone(list[0]!));
    });
    const out = join(work, "merge-dup");
    await expectRefusal(["merge", good, bad, "--snapshot-out", join(out, "merged.json")], out, [lit(`hemvist: ${bad}: collection storageAccounts of subscription ${base.subscriptions[1]!.subscriptionId} holds the id`)]);
  });
});

/** Shard 1 (tenant data, the first subscription) and shard 2 (the others, no tenant data), as `collect --shard i/2` writes them. */
function shard(i: 1 | 2, s: Snapshot): void {
  s.scope = { ...s.scope, allVisibleSubscriptions: false, shard: `${i}/2`, m365Collected: i === 1 && s.scope.m365Collected };
  s.subscriptions = i === 1 ? s.subscriptions.slice(0, 1) : s.subscriptions.slice(1);
  if (i === 2) s.tenant = { tenantId: s.tenant.tenantId };
}

/** Name, the change to shard 2, and the field path the refusal names (computed once the demo snapshot is read). */
type DisagreeCase = [string, (s: Snapshot) => void, () => string];
const DISAGREEMENTS: DisagreeCase[] = [
  ["Customer Lockbox opted in on one shard, out on the other", (s) => (s.tenant.customerLockbox = { isOptedIn: true }), () => "tenant.customerLockbox.isOptedIn"],
  [
    "a user's preferred data location",
    (s) => {
      s.tenant.m365 = structuredClone(base.tenant.m365!);
      s.tenant.m365.users![2]!.preferredDataLocation = "NAM";
    },
    () => "tenant.m365.users[2].preferredDataLocation",
  ],
  [
    "a user more in one shard's Microsoft 365 data",
    (s) => {
      s.tenant.m365 = structuredClone(base.tenant.m365!);
      s.tenant.m365.users!.push({ id: "0f0e0d0c-0000-4000-8000-00000000abcd", displayName: "Extra", preferredDataLocation: "SWE" });
    },
    () => `tenant.m365.users[${base.tenant.m365!.users!.length}]`,
  ],
  ["the tenant's display name", (s) => (s.tenant.displayName = "Annan kommun"), () => "tenant.displayName"],
  ["the identity that collected", (s) => (s.identity = { ...s.identity, clientId: "11111111-2222-4333-8444-555555555555" }), () => "identity.clientId"],
  ["the profile's allowed regions", (s) => (s.profile = { ...s.profile, allowedRegions: [...s.profile.allowedRegions, "westeurope"] }), () => `profile.allowedRegions[${base.profile.allowedRegions.length}]`],
  ["the cloud", (s) => (s.cloud = { ...s.cloud, name: "AzureUSGovernment" }), () => "cloud.name"],
  [
    "a region both shards describe",
    (s) => {
      s.regions = structuredClone(s.regions);
      s.regions[0]!.geography = "Norway";
    },
    () => `regions[name=${base.regions[0]!.name}].geography`,
  ],
];

describe("merge and tenant-level data", CLI, () => {
  let one = "";
  let two = "";
  beforeAll(async () => {
    one = await variant((s) => shard(1, s), "shard-1.json");
    two = await variant((s) => shard(2, s), "shard-2.json");
  });

  it("shards that agree merge as before: exit 0, every subscription once, tenant data from shard 1, the printed SHA-256 that of the file", async () => {
    const merged = join(work, "merged", "snapshot.json");
    const r = await runCli(["merge", one, two, "--snapshot-out", merged]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const bytes = await readFile(merged);
    expect(r.stdout).toBe(`Merged 2 snapshot(s), 3 subscription(s) → ${merged} (sha256 ${sha(bytes)})\n`);
    const m = JSON.parse(bytes.toString("utf8")) as Snapshot;
    expect(m.subscriptions.map((s) => s.subscriptionId)).toEqual(base.subscriptions.map((s) => s.subscriptionId));
    expect(m.tenant).toEqual(base.tenant);
  });

  it.each(DISAGREEMENTS)("refuses shards that disagree on %s: exit 2 naming both files and the first differing field, no merged snapshot", async (_name, change, field) => {
    const other = await variant((s) => {
      shard(2, s);
      change(s);
    });
    const out = join(work, `merge-disagree-${n}`);
    await expectRefusal(["merge", one, other, "--snapshot-out", join(out, "merged.json")], out, [
      lit(`hemvist: merge: ${one} and ${other} disagree on tenant-level data, first at ${field()}; shards of one collection agree there, and merge keeps one copy. Collect the shards again in one run.\n`),
    ]);
  });

  it("finds a disagreement between the second and third shard when the first holds no copy of the field", async () => {
    const a = await variant((s) => {
      shard(2, s);
      s.subscriptions = s.subscriptions.slice(0, 1);
    });
    const b = await variant((s) => {
      shard(2, s);
      s.subscriptions = s.subscriptions.slice(1);
      s.tenant.customerLockbox = { isOptedIn: true };
    });
    const c = await variant((s) => {
      shard(1, s);
      s.tenant.customerLockbox = { isOptedIn: false };
    });
    const out = join(work, "merge-three");
    await expectRefusal(["merge", a, b, c, "--snapshot-out", join(out, "merged.json")], out, [lit(`merge: ${b} and ${c} disagree on tenant-level data, first at tenant.customerLockbox.isOptedIn;`)]);
  });

  it("refuses shards of different tenants, naming both files", async () => {
    const other = await variant((s) => {
      shard(2, s);
      s.tenant.tenantId = "00000000-0000-0000-0000-000000000001";
    });
    const out = join(work, "merge-tenant");
    await expectRefusal(["merge", one, other, "--snapshot-out", join(out, "merged.json")], out, [
      lit(`hemvist: ${other}: tenant 00000000-0000-0000-0000-000000000001 differs from ${one}'s tenant ${base.tenant.tenantId}; only shards of one tenant can be merged.\n`),
    ]);
  });

  it.each([
    ["the same path", false],
    ["a symbolic link to it", true],
  ])("refuses a --snapshot-out that is one of the shards (%s) before reading anything: exit 2, the shard unchanged", async (_how, link) => {
    const dir = join(work, `merge-onto-input-${link ? "link" : "same"}`);
    await mkdir(dir, { recursive: true });
    const shardCopy = join(dir, "shard-2.json");
    await copyFile(two, shardCopy);
    const target = link ? join(dir, "merged.json") : shardCopy;
    if (link) await symlink(shardCopy, target);
    await expectRefusal(["merge", one, shardCopy, "--snapshot-out", target], dir, [
      lit(`hemvist: --snapshot-out: found "${target}", which is the shard ${shardCopy} being merged; expected a new path (merge never overwrites its input).\n`),
    ]);
    expect(await readFile(shardCopy)).toEqual(await readFile(two));
  });

  it("refuses two shards holding the same subscription, naming both files", async () => {
    const overlap = await variant((s) => {
      shard(2, s);
      s.subscriptions = base.subscriptions.slice(0, 2).map((x) => structuredClone(x));
    });
    const out = join(work, "merge-overlap");
    await expectRefusal(["merge", one, overlap, "--snapshot-out", join(out, "merged.json")], out, [
      lit(`hemvist: merge: subscriptions collected by more than one shard: ${sub0().subscriptionId} (in ${one} and ${overlap}). Each subscription must come from exactly one shard.\n`),
    ]);
  });
});

describe("evaluate --verify FINDINGS", CLI, () => {
  it("the snapshot the demo audit wrote matches its findings.json: one line saying so, then the evaluation (exit 1, as the demo's)", async () => {
    const out = join(work, "verify-ok");
    const r = await runCli(["evaluate", demoSnapshot, "--verify", demoFindings, "--out", out, "--format", "json", "--lang", "en"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/Exit code: 1/);
    expect(r.stderr).toBe(`hemvist: ${demoSnapshot} is the snapshot ${demoFindings} was made from (SHA-256 ${sha(await readFile(demoSnapshot))}).\n`);
    const doc = JSON.parse(await readFile(join(out, "findings.json"), "utf8"));
    expect(doc.snapshotSha256).toBe(sha(await readFile(demoSnapshot)));
    wholeKeys = resultKey(doc);
    // Accepted although a management group's policy assignment is in two subscriptions' lists (each reads what applies to it).
    const assignments = base.subscriptions.flatMap((x) => (x.collections.policyAssignments ?? []).map((a) => a.id.toLowerCase()));
    expect(assignments.filter((id) => id.startsWith("/providers/microsoft.management/")).length).toBeGreaterThan(new Set(assignments.filter((id) => id.startsWith("/providers/microsoft.management/"))).size);
    expect(wholeKeys.length).toBeGreaterThan(100);
  });

  it("a findings.json written by evaluate of a merged snapshot verifies that snapshot (silently under --quiet), and the merged shards give the unsharded results", async () => {
    const merged = join(work, "merged", "snapshot.json");
    const out = join(work, "verify-merged");
    const e = await runCli(["evaluate", merged, "--out", out, "--format", "json", "--quiet"]);
    expect(e.code, e.stderr).toBe(1);
    const doc = JSON.parse(await readFile(join(out, "findings.json"), "utf8"));
    expect(doc.snapshotSha256).toBe(sha(await readFile(merged)));
    expect(resultKey(doc)).toEqual(wholeKeys);
    const v = await runCli(["evaluate", merged, "--verify", join(out, "findings.json"), "--out", join(work, "verify-merged-2"), "--format", "json", "--quiet"]);
    expect(v.code, v.stderr).toBe(1);
    expect(v.stderr).toBe("");
  });

  type Edit = [string, (text: string) => string];
  const EDITS: Edit[] = [
    ["a location changed after collection", (t) => t.replace('"location": "westeurope"', '"location": "swedencentral"')],
    [
      "a collection deleted after collection",
      (t) => {
        const s = JSON.parse(t) as Snapshot;
        delete s.subscriptions[0]!.collections.storageAccounts;
        return `${JSON.stringify(s, null, 1)}\n`;
      },
    ],
    ["the same JSON re-indented", (t) => `${JSON.stringify(JSON.parse(t), null, 2)}\n`],
    ["a final newline removed", (t) => t.replace(/\n$/, "")],
  ];
  it.each(EDITS)("%s: exit 2, one line naming both hashes, nothing written", async (_name, edit) => {
    const text = await readFile(demoSnapshot, "utf8");
    const edited = edit(text);
    expect(edited).not.toBe(text);
    const f = join(work, `edited-${++n}.json`);
    await writeFile(f, edited);
    const out = join(work, `verify-edited-${n}`);
    await expectRefusal(["evaluate", f, "--verify", demoFindings, "--out", out], out, [
      lit(`hemvist: ${f}: the snapshot is not the one this report was made from: its SHA-256 is ${sha(edited)}, ${demoFindings} recorded ${sha(text)} (field "snapshotSha256").\n`),
    ]);
  });

  it("without --verify, a snapshot whose storage accounts were deleted is evaluated as not assessed there (exit 3), never as passing", async () => {
    const f = await variant((s) => {
      delete s.subscriptions[0]!.collections.storageAccounts;
    });
    const out = join(work, "deleted-collection");
    const r = await runCli(["evaluate", f, "--out", out, "--format", "json", "--quiet"]);
    expect(r.code, r.stderr).toBe(3);
    const doc = JSON.parse(await readFile(join(out, "findings.json"), "utf8"));
    const enc01 = doc.results.filter((x: any) => x.ruleId === "ENC-01" && x.resourceId.toLowerCase().startsWith(sub0().id.toLowerCase()));
    expect(enc01.map((x: any) => x.status)).toEqual(sub0().collections.storageAccounts!.map(() => "not-assessed"));
    expect(doc.coverage.some((c: any) => c.code === "NotCollected" && c.collection === "storageAccounts" && c.scope === sub0().id)).toBe(true);
  });

  type BadFindings = [string, string | undefined, (f: string) => RegExp];
  const BAD: BadFindings[] = [
    ["a findings.json that does not exist", undefined, (f) => lit(`hemvist: ${f}: cannot read the findings.json given to --verify (ENOENT).\n`)],
    ["the snapshot itself instead of a findings.json", "SNAPSHOT", (f) => lit(`hemvist: ${f}: field "snapshotSha256" is missing; expected a Hemvist findings.json (--verify), which records the SHA-256 of the snapshot its report was made from.\n`)],
    ["a snapshotSha256 that is no SHA-256", '{"schemaVersion":"1.4.0","snapshotSha256":"sha256:not-a-hash","results":[]}', (f) => lit(`hemvist: ${f}: field "snapshotSha256": found "sha256:not-a-hash", expected 64 hexadecimal digits (a SHA-256).\n`)],
    ["a snapshotSha256 that is a number", '{"snapshotSha256":42}', (f) => lit(`hemvist: ${f}: field "snapshotSha256": found 42, expected 64 hexadecimal digits (a SHA-256).\n`)],
    ["a truncated findings.json", '{"schemaVersion":"1.4.0","snapshotSha256":"ab', (f) => new RegExp(`^hemvist: ${lit(f).source}:1:\\d+: not valid JSON \\(.+\\); expected a Hemvist findings\\.json \\(--verify\\)\\.\\n$`)],
    ["an empty file", "", (f) => lit(`hemvist: ${f}: the file is empty; expected a Hemvist findings.json (--verify).\n`)],
    ["a list", "[]", (f) => lit(`hemvist: ${f}: field "snapshotSha256" is missing;`)],
  ];
  it.each(BAD)("refuses %s: exit 2, one line naming the file and field, nothing written", async (_name, content, message) => {
    const f = content === "SNAPSHOT" ? demoSnapshot : join(work, `findings-${++n}.json`);
    if (content !== undefined && content !== "SNAPSHOT") await writeFile(f, content);
    const out = join(work, `verify-bad-${n}`);
    await expectRefusal(["evaluate", demoSnapshot, "--verify", f, "--out", out], out, [message(f)]);
  });

  it("refuses to verify against the findings.json this run would overwrite, and leaves it as it was", async () => {
    const out = join(work, "demo");
    const before = await readFile(demoFindings);
    await expectRefusal(["evaluate", demoSnapshot, "--verify", demoFindings, "--out", out], out, [
      lit(`hemvist: --verify: ${demoFindings} is the findings.json this run would write (--out ${out}); choose another --out so the report being checked is kept.\n`),
    ]);
    expect(await readFile(demoFindings)).toEqual(before);
  });
});
