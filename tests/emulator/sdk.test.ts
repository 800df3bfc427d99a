/** The real Azure SDK and Graph client against the emulator, in a child process that trusts its certificate. */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import { SUB1, SUB2, testModel } from "./fixture.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
let em: Emulator;
let dir: string;

beforeAll(async () => {
  em = await startEmulator({ model: testModel() });
  dir = await mkdtemp(join(tmpdir(), "hemvist-emulator-"));
  await em.writeCa(join(dir, "ca.pem"));
});
afterAll(async () => {
  await em.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs an ES module snippet with Node, resolving packages from the project root and trusting the emulator. */
function runChild(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--input-type=module", "-e", script],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_EXTRA_CA_CERTS: em.certPath, EMULATOR_URL: em.url, SUB: SUB1, SUB2 },
        timeout: 30_000,
      },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

it("ResourceManagementClient lists resource groups across pages", async () => {
  const script = `
    import { ResourceManagementClient } from "@azure/arm-resources";
    const credential = { getToken: async () => ({ token: "x", expiresOnTimestamp: Date.now() + 3600e3 }) };
    const client = new ResourceManagementClient(credential, process.env.SUB, { endpoint: process.env.EMULATOR_URL });
    const names = [];
    for await (const group of client.resourceGroups.list()) names.push(group.name);
    const types = [];
    for await (const r of client.resources.list({ filter: "resourceType eq 'Microsoft.Sql/servers/databases'" })) types.push(r.name);
    console.log(JSON.stringify({ names, types }));
  `;
  const out = JSON.parse(await runChild(script));
  expect(out.names).toEqual(["rg-data", "rg-web", "rg-ai", "rg-backup", "rg-network"]);
  expect(out.types).toEqual(["master", "elevregister"]);
  const listCalls = em.requests.filter((r) => r.path.toLowerCase() === `/subscriptions/${SUB1}/resourcegroups`);
  expect(listCalls).toHaveLength(3);
  expect(listCalls.every((r) => r.hasAuthorization && r.status === 200)).toBe(true);
  expect(listCalls[1]!.query).toContain("%24skiptoken=");
});

it("the Graph client pages users by @odata.nextLink", async () => {
  const script = `
    import { Client } from "@microsoft/microsoft-graph-client";
    const url = new URL(process.env.EMULATOR_URL);
    const client = Client.init({
      authProvider: (done) => done(null, "x"),
      baseUrl: process.env.EMULATOR_URL,
      customHosts: new Set([url.hostname]),
    });
    const ids = [];
    let page = await client.api("/users").select("id,preferredDataLocation").top(2).get();
    for (;;) {
      for (const u of page.value) ids.push(u.id + ":" + u.preferredDataLocation);
      if (!page["@odata.nextLink"]) break;
      page = await client.api(page["@odata.nextLink"]).get();
    }
    console.log(JSON.stringify(ids));
  `;
  const ids = JSON.parse(await runChild(script));
  expect(ids).toHaveLength(5);
  expect(ids[4]).toBe("00000000-0000-0000-0000-000000000005:NAM");
  const graphCalls = em.requests.filter((r) => r.host === "graph");
  expect(graphCalls).toHaveLength(3);
  expect(graphCalls.every((r) => r.hasAuthorization)).toBe(true);
});

it("classic and modular SDK clients read children, singletons, policy and registration errors", async () => {
  const script = `
    import { SqlManagementClient } from "@azure/arm-sql";
    import { RecoveryServicesBackupClient } from "@azure/arm-recoveryservicesbackup";
    import { CosmosDBManagementClient } from "@azure/arm-cosmosdb";
    import { PolicyClient } from "@azure/arm-policy";
    const credential = { getToken: async () => ({ token: "x", expiresOnTimestamp: Date.now() + 3600e3 }) };
    const endpoint = process.env.EMULATOR_URL;
    const sql = new SqlManagementClient(credential, process.env.SUB, { endpoint });
    const dbs = [];
    for await (const db of sql.databases.listByServer("rg-data", "sql-kommun")) dbs.push(db.name + ":" + db.requestedBackupStorageRedundancy);
    const tde = await sql.transparentDataEncryptions.get("rg-data", "sql-kommun", "elevregister", "current");
    const backup = await new RecoveryServicesBackupClient(credential, process.env.SUB, { endpoint })
      .backupResourceStorageConfigsNonCRR.get("rsv-kommun", "rg-data");
    const policy = new PolicyClient(credential, process.env.SUB, { endpoint });
    const assignments = [];
    for await (const a of policy.policyAssignments.list({ filter: "atScope()" })) assignments.push(a.name);
    const setDefinition = await policy.policySetDefinitions.get("eu-residency-set");
    let cosmos;
    try {
      for await (const _ of new CosmosDBManagementClient(credential, process.env.SUB2, { endpoint }).databaseAccounts.list()) {}
      cosmos = "no error";
    } catch (e) { cosmos = e.statusCode + ":" + e.code; }
    console.log(JSON.stringify({ dbs, tde: tde.state, backup: backup.properties.storageModelType, assignments, set: setDefinition.displayName, cosmos }));
  `;
  const out = JSON.parse(await runChild(script));
  expect(out).toEqual({
    dbs: ["master:Local", "elevregister:Geo"],
    tde: "Enabled",
    backup: "GeoRedundant",
    assignments: ["eu-residency", "allowed-locations-sub"],
    set: "EU residency",
    cosmos: "409:MissingSubscriptionRegistration",
  });
  // The backup SDK asks with a capital S; the emulator matched it anyway.
  expect(em.requests.some((r) => r.path.startsWith("/Subscriptions/") && r.status === 200)).toBe(true);
});
