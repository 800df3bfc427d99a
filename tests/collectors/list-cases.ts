/** Shared test table: the behaviours every ARM list read must show (paging, 403, 404, 409, 429, malformed pages, loops, foreign nextLinks). */
import { expect, it } from "vitest";
import type { Collection } from "../../src/snapshot/types.js";
import { ARM, arm, FOREIGN, forbidden, harness, notRegistered, requests, throttled, trap, type Harness } from "./helpers.js";

/** One list read of a collector, and how to run and inspect it. */
export interface ListSpec {
  /** The list's path (no query). */
  path: string;
  collection: Collection;
  /** Coverage scope a failure is recorded under. */
  scope: string;
  operation: string;
  permission: string;
  /** Resource provider namespace (enables the 409 case). */
  namespace?: string;
  /** A realistic raw item; `i` varies names. */
  item(i: number): { id: string; name?: string; [k: string]: unknown };
  /**
   * What `item(i)` is stored as, when the collector replaces each listed item by another read
   * (e.g. a GET of each item, mocked in `background`). Default: the list item itself.
   */
  stored?(i: number): unknown;
  /** Mocks the collector's other reads (answered normally). */
  background?(): void;
  /** Runs the collector. */
  run(h: Harness): Promise<void>;
  /** Where this read's items land. */
  result(h: Harness): unknown[] | undefined;
  /** Other collections of the same collector that must still fill when this read fails. */
  others?(h: Harness): unknown[];
}

/** Registers the standard cases for one list read. */
export function listCases(spec: ListSpec): void {
  const bg = () => spec.background?.();
  const names = (h: Harness) => (spec.result(h) as { name?: string }[] | undefined)?.map((x) => x.name);

  it(`${spec.collection}: pages over an absolute nextLink, keeping raw payloads`, async () => {
    const h = harness();
    bg();
    const a = spec.item(1);
    const b = spec.item(2);
    arm()
      .get(spec.path)
      .query((q) => !q.$skiptoken)
      .reply(200, { value: [a], nextLink: `${ARM}${spec.path}?api-version=2099-01-01&$skiptoken=p2` })
      .get(spec.path)
      .query({ "api-version": "2099-01-01", $skiptoken: "p2" })
      .reply(200, { value: [b] });
    await spec.run(h);
    expect(spec.result(h)).toEqual(spec.stored ? [spec.stored(1), spec.stored(2)] : [a, b]);
    expect(h.snap.coverage).toEqual([]);
    expect(h.snap.apiVersions[spec.collection]).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  it(`${spec.collection}: 403 AuthorizationFailed → coverage entry, other collections still fill`, async () => {
    const h = harness();
    bg();
    arm().get(spec.path).query(true).reply(403, forbidden(spec.permission, spec.scope));
    await spec.run(h);
    expect(spec.result(h)).toBeUndefined();
    expect(h.snap.coverage).toEqual([
      {
        scope: spec.scope,
        collection: spec.collection,
        operation: spec.operation,
        httpStatus: 403,
        code: "AuthorizationFailed",
        message: expect.stringContaining(`perform action '${spec.permission}'`),
        permission: spec.permission,
      },
    ]);
    for (const other of spec.others?.(h) ?? []) expect(other).toBeDefined();
  });

  it(`${spec.collection}: 404 on the list → a coverage gap, never an empty collection`, async () => {
    const h = harness();
    bg();
    arm()
      .get(spec.path)
      .query(true)
      .reply(404, { error: { code: "ResourceNotFound", message: "The Resource was not found." } });
    await spec.run(h);
    expect(spec.result(h)).toBeUndefined();
    expect(h.snap.coverage).toEqual([
      {
        scope: spec.scope,
        collection: spec.collection,
        operation: spec.operation,
        httpStatus: 404,
        code: "ResourceNotFound",
        message: "The Resource was not found.",
        permission: spec.permission,
      },
    ]);
    for (const other of spec.others?.(h) ?? []) expect(other).toBeDefined();
  });

  it(`${spec.collection}: 409 other than MissingSubscriptionRegistration → a coverage gap`, async () => {
    const h = harness();
    bg();
    arm()
      .get(spec.path)
      .query(true)
      .reply(409, { error: { code: "Conflict", message: "The request conflicts with an operation in progress on this scope. Retry later." } });
    await spec.run(h);
    expect(spec.result(h)).toBeUndefined();
    expect(h.snap.coverage).toEqual([
      expect.objectContaining({ scope: spec.scope, collection: spec.collection, httpStatus: 409, code: "Conflict" }),
    ]);
    expect(h.sub.notRegisteredProviders).toBeUndefined();
  });

  if (spec.namespace) {
    const ns = spec.namespace;
    it(`${spec.collection}: 409 MissingSubscriptionRegistration → notRegisteredProviders, no coverage`, async () => {
      const h = harness();
      bg();
      arm().get(spec.path).query(true).reply(409, notRegistered(ns));
      await spec.run(h);
      expect(spec.result(h)).toEqual([]);
      expect(h.sub.notRegisteredProviders).toContain(ns);
      expect(h.snap.coverage).toEqual([]);
    });
  }

  it(`${spec.collection}: 429 with Retry-After: 0, then 200 → complete`, async () => {
    const h = harness();
    bg();
    arm()
      .get(spec.path)
      .query(true)
      .reply(429, throttled, { "Retry-After": "0" })
      .get(spec.path)
      .query(true)
      .reply(200, { value: [spec.item(1)] });
    await spec.run(h);
    expect(names(h)).toEqual([spec.item(1).name]);
    expect(h.snap.coverage).toEqual([]);
  });

  it(`${spec.collection}: 429 without Retry-After is retried`, async () => {
    const h = harness();
    bg();
    arm()
      .get(spec.path)
      .query(true)
      .reply(429, throttled)
      .get(spec.path)
      .query(true)
      .reply(200, { value: [spec.item(1)] });
    await spec.run(h);
    expect(names(h)).toEqual([spec.item(1).name]);
    expect(h.snap.coverage).toEqual([]);
    expect(requests.filter((r) => r.startsWith(`GET ${spec.path}?`))).toHaveLength(2);
  });

  it(`${spec.collection}: truncated JSON → MalformedResponse`, async () => {
    const h = harness();
    bg();
    const text = JSON.stringify({ value: [spec.item(1), spec.item(2)] });
    arm()
      .get(spec.path)
      .query(true)
      .reply(200, text.slice(0, Math.floor(text.length * 0.6)), { "Content-Type": "application/json; charset=utf-8" });
    await spec.run(h);
    expect(spec.result(h)).toBeUndefined();
    expect(h.snap.coverage.map((c) => [c.scope, c.collection, c.code])).toEqual([[spec.scope, spec.collection, "MalformedResponse"]]);
  });

  it(`${spec.collection}: a page without value → MalformedResponse`, async () => {
    const h = harness();
    bg();
    arm()
      .get(spec.path)
      .query(true)
      .reply(200, { items: [spec.item(1)] });
    await spec.run(h);
    expect(spec.result(h)).toBeUndefined();
    expect(h.snap.coverage.map((c) => [c.scope, c.collection, c.code])).toEqual([[spec.scope, spec.collection, "MalformedResponse"]]);
  });

  it(`${spec.collection}: nextLink loop → PagingLoop`, async () => {
    const h = harness();
    bg();
    const again = `${ARM}${spec.path}?api-version=2099-01-01&$skiptoken=again`;
    arm()
      .get(spec.path)
      .query((q) => !q.$skiptoken)
      .reply(200, { value: [spec.item(1)], nextLink: again })
      .get(spec.path)
      .query({ "api-version": "2099-01-01", $skiptoken: "again" })
      .reply(200, { value: [spec.item(2)], nextLink: again });
    await spec.run(h);
    expect(spec.result(h)).toBeUndefined();
    expect(h.snap.coverage.map((c) => [c.scope, c.collection, c.code])).toEqual([[spec.scope, spec.collection, "PagingLoop"]]);
  });

  // A nextLink off the ARM host (or over http) is never requested: the bearer token would go with it.
  for (const [label, origin] of [
    ["another host", FOREIGN],
    ["another port", `${ARM}:8443`],
    ["http on the ARM host", ARM.replace(/^https:/, "http:")],
  ] as const) {
    it(`${spec.collection}: a nextLink to ${label} → ForeignNextLink, no request sent there`, async () => {
      const h = harness();
      bg();
      const foreign = trap(origin);
      arm()
        .get(spec.path)
        .query(true)
        .reply(200, { value: [spec.item(1)], nextLink: `${origin}${spec.path}?api-version=2099-01-01&$skiptoken=SECRET-p2` });
      await spec.run(h);
      expect(foreign.release()).toEqual([]);
      expect(spec.result(h)).toBeUndefined();
      expect(h.snap.coverage.map((c) => [c.scope, c.collection, c.code])).toEqual([[spec.scope, spec.collection, "ForeignNextLink"]]);
      const message = h.snap.coverage[0]?.message ?? "";
      expect(message).toContain(`'${new URL(origin).host}'`);
      expect(message).not.toContain("SECRET");
      expect(requests.filter((r) => r.startsWith(`GET ${spec.path}?`))).toHaveLength(1);
    });
  }

  it(`${spec.collection}: a nextLink on the ARM host in other letter case is followed`, async () => {
    const h = harness();
    bg();
    const a = spec.item(1);
    const b = spec.item(2);
    arm()
      .get(spec.path)
      .query((q) => !q.$skiptoken)
      .reply(200, { value: [a], nextLink: `${ARM.toUpperCase().replace(/^HTTPS/, "https")}${spec.path}?api-version=2099-01-01&$skiptoken=p2` })
      .get(spec.path)
      .query({ "api-version": "2099-01-01", $skiptoken: "p2" })
      .reply(200, { value: [b] });
    await spec.run(h);
    expect(spec.result(h)).toEqual(spec.stored ? [spec.stored(1), spec.stored(2)] : [a, b]);
    expect(h.snap.coverage).toEqual([]);
  });
}
