/**
 * A generic ARM client for the services no installed SDK reads (PostgreSQL and MySQL flexible
 * servers, policy exemptions, Data Protection backup vaults): the same pipeline options as every SDK
 * client (token scope, retries, the raw-capture policy), and a pager over ARM's `nextLink`.
 */
import { type ClientOptions, createRestError, getClient } from "@azure-rest/core-client";
import type { CollectorContext } from "../contracts.js";

export type ArmClient = ReturnType<typeof getClient>;

/** A REST client on the context's ARM endpoint, with the options every SDK client gets. */
export function genericArmClient(ctx: CollectorContext): ArmClient {
  const endpoint = typeof ctx.armClientOptions.endpoint === "string" ? ctx.armClientOptions.endpoint : ctx.cloud.armEndpoint;
  return getClient(endpoint, ctx.credential, {
    ...(ctx.armClientOptions as ClientOptions),
    credentials: { scopes: [ctx.cloud.armScope] },
  });
}

/**
 * Yields an ARM list's pages: the first GET, then every `nextLink` (absolute, already carrying
 * api-version and `$skipToken`). Drained through `ctx.drain`, so the pipeline's capture policy keeps
 * each page's payloads and stops a repeating nextLink or one off the read's ARM host
 * (`ForeignNextLink`, thrown before this pager sees the page); a non-200 answer becomes a `RestError`.
 * `query` adds parameters to the first GET only (a `$filter`).
 */
export async function* listPages(
  client: ArmClient,
  path: string,
  apiVersion: string,
  query: Record<string, string> = {},
): AsyncGenerator<unknown> {
  let response = await client.pathUnchecked(path).get({ queryParameters: { "api-version": apiVersion, ...query } });
  for (;;) {
    if (response.status !== "200") throw createRestError(response);
    const body = response.body as { nextLink?: unknown } | undefined;
    yield body;
    const next = body?.nextLink;
    if (typeof next !== "string" || next.length === 0) return;
    response = await client.pathUnchecked(next).get();
  }
}
