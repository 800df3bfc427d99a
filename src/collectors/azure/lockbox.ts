/** Customer Lockbox for Microsoft Azure: the tenant's opt-in state (no SDK exists, so a generic ARM client). */
import { createRestError, getClient } from "@azure-rest/core-client";
import type { ClientOptions } from "@azure-rest/core-client";
import type { TenantCollector } from "../contracts.js";

/** API version of `Get_TenantOptedIn` (azure-rest-api-specs customerlockbox 2018-02-28-preview). */
export const LOCKBOX_API_VERSION = "2018-02-28-preview";

/** `GET /providers/Microsoft.CustomerLockbox/tenantOptedIn/{tenantId}` into `tenant.customerLockbox`. */
export const lockboxCollector: TenantCollector = {
  name: "customer-lockbox",
  collections: ["customerLockbox"],
  async collect(ctx, snap) {
    const t = snap.tenant.tenantId;
    const arm = getClient(ctx.cloud.armEndpoint, ctx.credential, ctx.armClientOptions as ClientOptions);
    const raw = await ctx.read(
      {
        scope: `/tenants/${t}`,
        collection: "customerLockbox",
        operation: "GET /providers/Microsoft.CustomerLockbox/tenantOptedIn/{tenantId}",
        permission: "Microsoft.CustomerLockbox/TenantOptedIn/read",
      },
      async () => {
        const r = await arm
          .pathUnchecked("/providers/Microsoft.CustomerLockbox/tenantOptedIn/{tenantId}", t)
          .get({ queryParameters: { "api-version": LOCKBOX_API_VERSION } });
        if (!/^2\d\d$/.test(r.status)) throw createRestError(r);
      },
    );
    // Unread (any error answer, a 404 included: the spec documents none as "not opted in") →
    // coverage, and `customerLockbox` stays absent.
    if (!raw) return;
    const body = raw[0] as { isOptedIn?: unknown } | undefined;
    // A 200 without a body or without a boolean: opt-in unknown, recorded as null.
    snap.tenant.customerLockbox = body ? { isOptedIn: typeof body.isOptedIn === "boolean" ? body.isOptedIn : null } : null;
  },
};
