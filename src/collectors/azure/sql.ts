/**
 * Azure SQL collector: logical servers, databases, TDE, encryption protectors, failover groups,
 * database replication links (geo-replicas), managed instances and their instance failover groups.
 */
import { SqlManagementClient, type SqlManagementClientOptionalParams } from "@azure/arm-sql";
import { type CollectorContext, READ_PRIORITY, type SubscriptionCollector } from "../contracts.js";
import { armIdParts, asAddressed, lastSegment } from "./arm-id.js";
import { normalizeRegion } from "../../config/regions.js";
import type { ArmResource, AzureCollection, SubscriptionSnapshot } from "../../snapshot/types.js";

const NAMESPACE = "Microsoft.Sql";

/** api-versions @azure/arm-sql 10.0.0 sends for each operation (read from its operation specs). */
const API = {
  servers: "2022-08-01-preview",
  databases: "2022-08-01-preview",
  tde: "2022-08-01-preview",
  encryptionProtector: "2020-11-01-preview",
  failoverGroups: "2020-11-01-preview",
  replicationLinks: "2022-02-01-preview",
  managedInstances: "2022-08-01-preview",
  miEncryptionProtector: "2020-11-01-preview",
  instanceFailoverGroups: "2022-05-01-preview",
} as const;

/** The SQL collections and the api-version each is read with. */
const VERSIONS: ReadonlyArray<[AzureCollection, string]> = [
  ["sqlServers", API.servers],
  ["sqlDatabases", API.databases],
  ["sqlTransparentDataEncryption", API.tde],
  ["sqlEncryptionProtectors", API.encryptionProtector],
  ["sqlFailoverGroups", API.failoverGroups],
  ["sqlReplicationLinks", API.replicationLinks],
  ["sqlManagedInstances", API.managedInstances],
  ["sqlManagedInstanceEncryptionProtectors", API.miEncryptionProtector],
  ["sqlInstanceFailoverGroups", API.instanceFailoverGroups],
];

/** The logical servers and what is read under them. */
const SERVER_COLLECTIONS: readonly AzureCollection[] = ["sqlServers", "sqlDatabases", "sqlTransparentDataEncryption", "sqlEncryptionProtectors", "sqlFailoverGroups", "sqlReplicationLinks"];
/** The managed instances and what is read under them. */
const MANAGED_INSTANCE_COLLECTIONS: readonly AzureCollection[] = ["sqlManagedInstances", "sqlManagedInstanceEncryptionProtectors", "sqlInstanceFailoverGroups"];

/**
 * Reads Azure SQL for one subscription. Child reads (databases, TDE, protectors, failover groups,
 * replication links) are scoped to their parent's id, so a 403 on one server or database blinds
 * only that one. Replication links are listed once per server (ReplicationLinks_ListByServer: one
 * request instead of one per database); each link's id names its database. Instance failover
 * groups are listed per resource group and location where managed instances are
 * (InstanceFailoverGroups_ListByLocation; the spec has no subscription-wide list), scoped to
 * `…/resourceGroups/{rg}/providers/Microsoft.Sql/locations/{location}`: a failure there blinds the
 * instances of that resource group and location only.
 * TDE is read for user databases only (`master` has none to judge). A singleton's failed read is a
 * gap, except the documented absences of absence.ts (a server deleted after the server list).
 */
export const sqlCollector: SubscriptionCollector = {
  name: "sql",
  collections: VERSIONS.map(([c]) => c),
  async collect(ctx, sub) {
    const s = sub.subscriptionId;
    if (!ctx.isRegistered(s, NAMESPACE)) {
      for (const [c] of VERSIONS) sub.collections[c] = [];
      return;
    }
    for (const [c, v] of VERSIONS) ctx.apiVersion(c, v);
    const client = new SqlManagementClient(ctx.credential, s, ctx.armClientOptions as SqlManagementClientOptionalParams);
    await Promise.all([collectServers(ctx, sub, client), collectManagedInstances(ctx, sub, client)]);
  },
};

async function collectServers(ctx: CollectorContext, sub: SubscriptionSnapshot, client: SqlManagementClient): Promise<void> {
  const s = sub.subscriptionId;
  const servers = await ctx.read(
    {
      subscriptionId: s,
      scope: sub.id,
      collection: "sqlServers",
      operation: `GET /subscriptions/${s}/providers/Microsoft.Sql/servers`,
      providerNamespace: NAMESPACE,
      permission: "Microsoft.Sql/servers/read",
      priority: READ_PRIORITY.parentList,
    },
    () => ctx.drain(client.servers.list()),
  );
  if (!servers) {
    // Not read: the child collections stay "not collected" too.
    ctx.markFinal(sub, SERVER_COLLECTIONS);
    return;
  }
  sub.collections.sqlServers = servers;
  ctx.markFinal(sub, ["sqlServers"]);
  // Results are gathered per server and flattened in list order, so snapshots are reproducible.
  // The server-level reads first, final as soon as they are in (rules reading databases, protectors
  // or failover groups need not wait for the TDE reads), then TDE for each user database.
  const perServer = await Promise.all(
    servers.map(async (server) => {
      const { resourceGroup, name } = armIdParts(server.id);
      const [dbs, protector, groups, links] = await Promise.all([
        ctx.read(
          {
            subscriptionId: s,
            scope: server.id,
            collection: "sqlDatabases",
            operation: `GET ${server.id}/databases`,
            providerNamespace: NAMESPACE,
            permission: "Microsoft.Sql/servers/databases/read",
          },
          () => ctx.drain(client.databases.listByServer(resourceGroup, name)),
        ),
        ctx.read(
          {
            subscriptionId: s,
            scope: server.id,
            collection: "sqlEncryptionProtectors",
            operation: `GET ${server.id}/encryptionProtector/current`,
            providerNamespace: NAMESPACE,
            permission: "Microsoft.Sql/servers/encryptionProtector/read",
          },
          () => client.encryptionProtectors.get(resourceGroup, name, "current"),
        ),
        ctx.read(
          {
            subscriptionId: s,
            scope: server.id,
            collection: "sqlFailoverGroups",
            operation: `GET ${server.id}/failoverGroups`,
            providerNamespace: NAMESPACE,
            permission: "Microsoft.Sql/servers/failoverGroups/read",
          },
          () => ctx.drain(client.failoverGroups.listByServer(resourceGroup, name)),
        ),
        ctx.read(
          {
            subscriptionId: s,
            scope: server.id,
            collection: "sqlReplicationLinks",
            operation: `GET ${server.id}/replicationLinks`,
            providerNamespace: NAMESPACE,
            permission: "Microsoft.Sql/servers/replicationLinks/read",
          },
          () => ctx.drain(client.replicationLinks.listByServer(resourceGroup, name)),
        ),
      ]);
      return { server, resourceGroup, name, dbs: dbs ?? [], protector: protector ?? [], groups: groups ?? [], links: links ?? [] };
    }),
  );
  sub.collections.sqlDatabases = perServer.flatMap((r) => r.dbs);
  sub.collections.sqlEncryptionProtectors = perServer.flatMap((r) => r.protector);
  sub.collections.sqlFailoverGroups = perServer.flatMap((r) => r.groups);
  sub.collections.sqlReplicationLinks = perServer.flatMap((r) => r.links);
  ctx.markFinal(sub, ["sqlDatabases", "sqlEncryptionProtectors", "sqlFailoverGroups", "sqlReplicationLinks"]);
  const tdes = await Promise.all(
    perServer.map(({ dbs, resourceGroup, name }) =>
      Promise.all(
        dbs
          .filter((db) => !isMaster(db))
          .map((db) =>
            ctx.read(
              {
                subscriptionId: s,
                scope: db.id,
                collection: "sqlTransparentDataEncryption",
                operation: `GET ${db.id}/transparentDataEncryption/current`,
                providerNamespace: NAMESPACE,
                permission: "Microsoft.Sql/servers/databases/transparentDataEncryption/read",
              },
              () => client.transparentDataEncryptions.get(resourceGroup, name, lastSegment(db.id), "current"),
            ).then((read) => read?.map((item) => asAddressed(item, `${db.id}/transparentDataEncryption/current`))),
          ),
      ),
    ),
  );
  sub.collections.sqlTransparentDataEncryption = tdes.flatMap((perDb) => perDb.flatMap((t) => t ?? []));
  ctx.markFinal(sub, SERVER_COLLECTIONS);
}

async function collectManagedInstances(
  ctx: CollectorContext,
  sub: SubscriptionSnapshot,
  client: SqlManagementClient,
): Promise<void> {
  const s = sub.subscriptionId;
  const instances = await ctx.read(
    {
      subscriptionId: s,
      scope: sub.id,
      collection: "sqlManagedInstances",
      operation: `GET /subscriptions/${s}/providers/Microsoft.Sql/managedInstances`,
      providerNamespace: NAMESPACE,
      permission: "Microsoft.Sql/managedInstances/read",
      priority: READ_PRIORITY.parentList,
    },
    () => ctx.drain(client.managedInstances.list()),
  );
  if (!instances) {
    ctx.markFinal(sub, MANAGED_INSTANCE_COLLECTIONS);
    return;
  }
  sub.collections.sqlManagedInstances = instances;
  ctx.markFinal(sub, ["sqlManagedInstances"]);
  const groupsRead = readInstanceFailoverGroups(ctx, sub, client, instances);
  const protectors = await Promise.all(
    instances.map((mi) => {
      const { resourceGroup, name } = armIdParts(mi.id);
      return ctx.read(
        {
          subscriptionId: s,
          scope: mi.id,
          collection: "sqlManagedInstanceEncryptionProtectors",
          operation: `GET ${mi.id}/encryptionProtector/current`,
          providerNamespace: NAMESPACE,
          permission: "Microsoft.Sql/managedInstances/encryptionProtector/read",
        },
        () => client.managedInstanceEncryptionProtectors.get(resourceGroup, name, "current"),
      );
    }),
  );
  sub.collections.sqlManagedInstanceEncryptionProtectors = protectors.flatMap((p) => p ?? []);
  sub.collections.sqlInstanceFailoverGroups = await groupsRead;
  ctx.markFinal(sub, MANAGED_INSTANCE_COLLECTIONS);
}

/**
 * The coverage scope of one instance-failover-group list: the resource group's `locations/{location}`
 * under Microsoft.Sql, which is where the listed groups' ids hang.
 */
export function instanceFailoverGroupScope(subscriptionId: string, resourceGroup: string, location: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${NAMESPACE}/locations/${location}`;
}

/**
 * Lists the instance failover groups of each resource group and location that holds a managed
 * instance, once per pair (the location normalised: `Sweden Central` and `swedencentral` are one
 * list), in the order the instances were listed.
 */
async function readInstanceFailoverGroups(
  ctx: CollectorContext,
  sub: SubscriptionSnapshot,
  client: SqlManagementClient,
  instances: readonly ArmResource[],
): Promise<ArmResource[]> {
  const s = sub.subscriptionId;
  const places = new Map<string, { resourceGroup: string; location: string }>();
  for (const mi of instances) {
    const { resourceGroup } = armIdParts(mi.id);
    const location = typeof mi.location === "string" ? normalizeRegion(mi.location) : "";
    // An instance without a location names no list to read; RES-05 fails it as an unknown location.
    if (!resourceGroup || !location) continue;
    const key = `${resourceGroup.toLowerCase()}|${location}`;
    if (!places.has(key)) places.set(key, { resourceGroup, location });
  }
  const lists = await Promise.all(
    [...places.values()].map(({ resourceGroup, location }) => {
      const scope = instanceFailoverGroupScope(s, resourceGroup, location);
      return ctx.read(
        {
          subscriptionId: s,
          scope,
          collection: "sqlInstanceFailoverGroups",
          operation: `GET ${scope}/instanceFailoverGroups`,
          providerNamespace: NAMESPACE,
          permission: "Microsoft.Sql/locations/instanceFailoverGroups/read",
        },
        () => ctx.drain(client.instanceFailoverGroups.listByLocation(resourceGroup, location)),
      );
    }),
  );
  return lists.flatMap((l) => l ?? []);
}

/** `master` is the logical server's system database; TDE is not judged there (ENC-02). */
function isMaster(db: ArmResource): boolean {
  return (db.name ?? lastSegment(db.id)).toLowerCase() === "master";
}
