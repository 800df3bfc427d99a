/**
 * The HTTP policies (src/collectors/http-policies.ts) driven directly, on a fake clock: the exact
 * wait before every request of a subscription that ARM throttles (429 with or without Retry-After,
 * `x-ms-ratelimit-remaining-subscription-reads` running low), the retry count of a bare 429, the
 * abortable sleep and the per-request defaults. No test here measures real time: the clock only
 * moves when the test moves it, so every wait is asserted as one exact number.
 *
 * Headers and bodies are ARM's throttling answers as documented in "Understand how Azure Resource
 * Manager throttles requests" (azure-resource-manager/management/request-limits-and-throttling):
 * a 429 `TooManyRequests` with `Retry-After` in seconds, and the remaining-reads header on every answer.
 */
import { createHttpHeaders, createPipelineRequest, type PipelineRequest, type PipelineResponse } from "@azure/core-rest-pipeline";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffDelay, DEFAULT_RETRY, requestDefaultsPolicy, retryAfterMs, sleep, throttlePolicy } from "../../src/collectors/http-policies.js";

const T0 = Date.parse("2026-12-05T10:00:00.000Z");
const SUB_A = "9c4e2a31-5b7d-4f60-8e1a-2d3c4b5a6f70";
const SUB_B = "1f0e9d8c-7b6a-4543-a210-fedcba987654";
const url = (sub: string) => `https://management.azure.com/subscriptions/${sub}/providers/Microsoft.Storage/storageAccounts?api-version=2025-01-01`;
const THROTTLED = JSON.stringify({
  error: { code: "TooManyRequests", message: "The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00." },
});

function answer(req: PipelineRequest, status: number, headers: Record<string, string> = {}): PipelineResponse {
  return { request: req, status, headers: createHttpHeaders(headers), bodyAsText: status === 429 ? THROTTLED : '{"value":[]}' };
}

/** A `next` that answers from a script and records when (ms after T0) and where each request was sent. */
function server(script: { status: number; headers?: Record<string, string> }[]) {
  const sent: [number, string][] = [];
  const next = vi.fn(async (req: PipelineRequest) => {
    sent.push([Date.now() - T0, new URL(req.url).pathname.split("/")[2] ?? ""]);
    const a = script.shift();
    if (!a) throw new Error(`unexpected request ${req.url}`);
    return answer(req, a.status, a.headers);
  });
  return { next, sent };
}

/** Sends one request through the policy, moving the fake clock until it is answered. */
async function send(policy: ReturnType<typeof throttlePolicy>, target: string, next: (req: PipelineRequest) => Promise<PipelineResponse>): Promise<PipelineResponse> {
  const p = policy.sendRequest(createPipelineRequest({ url: target }), next);
  await vi.runAllTimersAsync();
  return p;
}

const RATE = { threshold: 25, refillPerSecond: 25 };
const RETRY = { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 1_000 };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("retryAfterMs: the wait a 429 names", () => {
  const res = (headers: Record<string, string>) => answer(createPipelineRequest({ url: url(SUB_A) }), 429, headers);
  it.each([
    ["retry-after-ms", { "retry-after-ms": "250" }, 250],
    ["retry-after-ms 0 (retry at once)", { "retry-after-ms": "0", "retry-after": "9" }, 0],
    ["x-ms-retry-after-ms", { "x-ms-retry-after-ms": "40" }, 40],
    ["retry-after-ms before x-ms-retry-after-ms", { "retry-after-ms": "10", "x-ms-retry-after-ms": "40" }, 10],
    ["an empty retry-after-ms is skipped", { "retry-after-ms": "", "x-ms-retry-after-ms": "40" }, 40],
    ["a blank retry-after-ms is skipped", { "retry-after-ms": "  ", "retry-after": "2" }, 2_000],
    ["a negative retry-after-ms is skipped", { "retry-after-ms": "-5", "retry-after": "2" }, 2_000],
    ["a retry-after-ms that is no number is skipped", { "retry-after-ms": "soon", "retry-after": "1" }, 1_000],
    ["an infinite retry-after-ms is skipped", { "x-ms-retry-after-ms": "Infinity", "retry-after": "1" }, 1_000],
    ["Retry-After in seconds", { "retry-after": "17" }, 17_000],
    ["Retry-After 0", { "retry-after": "0" }, 0],
    ["Retry-After in fractional seconds", { "retry-after": "1.5" }, 1_500],
    ["Retry-After as an HTTP date two seconds ahead", { "retry-after": "Sat, 05 Dec 2026 10:00:02 GMT" }, 2_000],
    ["Retry-After as a date in the past: at once", { "retry-after": "Sat, 05 Dec 2026 09:59:00 GMT" }, 0],
    ["a negative Retry-After is no wait in seconds (read as a date long past: at once)", { "retry-after": "-1" }, 0],
    ["an infinite Retry-After", { "retry-after": "Infinity" }, undefined],
    ["Retry-After that is neither", { "retry-after": "soon" }, undefined],
    ["an empty Retry-After", { "retry-after": "" }, undefined],
    ["a blank Retry-After", { "retry-after": " " }, undefined],
    ["no header", {}, undefined],
  ])("%s", (_name, headers, expected) => {
    expect(retryAfterMs(res(headers))).toBe(expected);
  });
});

describe("backoffDelay: min(cap, base·2^attempt), jittered into [50 %, 100 %]", () => {
  it.each([
    [0, 0, 50],
    [0, 0.5, 75],
    [1, 0, 100],
    [3, 0.25, 500],
    [4, 0, 500],
    [4, 0.999, 1_000],
  ])("attempt %i with random %d waits %i ms", (attempt, random, expected) => {
    vi.spyOn(Math, "random").mockReturnValue(random);
    expect(backoffDelay(attempt, RETRY)).toBe(expected);
  });

  it("the SDK's defaults: 3 retries, 1 s base, 64 s cap", () => {
    expect(DEFAULT_RETRY).toEqual({ maxRetries: 3, retryDelayInMs: 1_000, maxRetryDelayInMs: 64_000 });
  });
});

describe("throttlePolicy: a bare 429 is retried here, at most maxRetries times, after its backoff", () => {
  it("three attempts 50 and 100 ms apart, then the 429 goes back to the SDK; the subscription's next reads are paced", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { next, sent } = server([{ status: 429 }, { status: 429 }, { status: 429 }, { status: 200 }, { status: 200 }, { status: 200 }, { status: 200 }]);
    const policy = throttlePolicy(RETRY, RATE);
    const res = await send(policy, url(SUB_A), next);
    expect(res.status).toBe(429);
    // Backoff 50 (attempt 0) and 100 (attempt 1); the third 429's backoff (200) holds the subscription until 350.
    expect(sent).toEqual([
      [0, SUB_A],
      [50, SUB_A],
      [150, SUB_A],
    ]);
    expect((await send(policy, url(SUB_A), next)).status).toBe(200);
    // Paced for 2 s after the last 429's wait: one read every 40 ms (25/s).
    expect((await send(policy, url(SUB_A), next)).status).toBe(200);
    // Another subscription's bucket is its own: sent at once.
    expect((await send(policy, url(SUB_B), next)).status).toBe(200);
    // The subscription id in another letter case is the same bucket.
    expect((await send(policy, url(SUB_A.toUpperCase()), next)).status).toBe(200);
    expect(sent.slice(3)).toEqual([
      [350, SUB_A],
      [390, SUB_A],
      [390, SUB_B],
      [430, SUB_A.toUpperCase()],
    ]);
  });

  it("with maxRetries 0 the first 429 goes back at once", async () => {
    const { next, sent } = server([{ status: 429 }]);
    const res = await send(throttlePolicy({ ...RETRY, maxRetries: 0 }, RATE), url(SUB_A), next);
    expect(res.status).toBe(429);
    expect(sent).toEqual([[0, SUB_A]]);
  });

  it("a request outside any subscription (a tenant-level read) has a bucket of its own", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const tenantUrl = "https://management.azure.com/providers/Microsoft.Management/managementGroups?api-version=2023-04-01";
    const { next, sent } = server([{ status: 429 }, { status: 200 }, { status: 200 }]);
    const policy = throttlePolicy({ ...RETRY, maxRetries: 1 }, RATE);
    expect((await send(policy, tenantUrl, next)).status).toBe(200);
    expect((await send(policy, url(SUB_A), next)).status).toBe(200);
    expect(sent).toEqual([
      [0, "Microsoft.Management"],
      [50, "Microsoft.Management"],
      [50, SUB_A],
    ]);
  });
});

describe("throttlePolicy: a 429 with Retry-After is left to the SDK's retry, and holds the subscription", () => {
  it.each([
    ["Retry-After in seconds", { "retry-after": "2" }, 2_000],
    ["retry-after-ms", { "retry-after-ms": "300" }, 300],
    ["x-ms-retry-after-ms", { "x-ms-retry-after-ms": "700" }, 700],
  ])("%s: not retried here; the next read waits %i ms, and the ones after it are paced", async (_name, headers, wait) => {
    const { next, sent } = server([{ status: 429, headers }, { status: 200 }, { status: 200 }, { status: 200 }]);
    const policy = throttlePolicy(RETRY, RATE);
    expect((await send(policy, url(SUB_A), next)).status).toBe(429);
    expect(sent).toEqual([[0, SUB_A]]);
    await send(policy, url(SUB_A), next);
    await send(policy, url(SUB_A), next);
    await send(policy, url(SUB_B), next);
    expect(sent.slice(1)).toEqual([
      [wait, SUB_A],
      [wait + 40, SUB_A],
      [wait + 40, SUB_B],
    ]);
  });

  it("a read after the hold (Retry-After plus 2 s) is not paced any more", async () => {
    const { next, sent } = server([{ status: 429, headers: { "retry-after": "1" } }, { status: 200 }, { status: 200 }]);
    const policy = throttlePolicy(RETRY, RATE);
    await send(policy, url(SUB_A), next);
    await send(policy, url(SUB_A), next);
    await vi.advanceTimersByTimeAsync(3_000);
    await send(policy, url(SUB_A), next);
    expect(sent).toEqual([
      [0, SUB_A],
      [1_000, SUB_A],
      [4_000, SUB_A],
    ]);
  });
});

describe("throttlePolicy: where pacing ends", () => {
  it("a read at the very end of the hold is not paced: two reads then go out together", async () => {
    const { next, sent } = server([{ status: 429, headers: { "retry-after": "1" } }, { status: 200 }, { status: 200 }, { status: 200 }]);
    const policy = throttlePolicy(RETRY, RATE);
    await send(policy, url(SUB_A), next);
    await send(policy, url(SUB_A), next);
    // Held until 1 s, paced until 3 s: at exactly 3 s pacing is over.
    await vi.advanceTimersByTimeAsync(2_000);
    const a = policy.sendRequest(createPipelineRequest({ url: url(SUB_A) }), next);
    const b = policy.sendRequest(createPipelineRequest({ url: url(SUB_A) }), next);
    await vi.runAllTimersAsync();
    await Promise.all([a, b]);
    expect(sent.map(([t]) => t)).toEqual([0, 1_000, 3_000, 3_000]);
  });

  it("a read at the very end of a brake longer than the paced second is not paced either", async () => {
    // Threshold 50, 0 left, 25/s: braked for 2 s, paced for 1 s only.
    const { next, sent } = server([
      { status: 200, headers: { "x-ms-ratelimit-remaining-subscription-reads": "0" } },
      { status: 200 },
      { status: 200 },
    ]);
    const policy = throttlePolicy(RETRY, { threshold: 50, refillPerSecond: 25 });
    await send(policy, url(SUB_A), next);
    await vi.advanceTimersByTimeAsync(2_000);
    const a = policy.sendRequest(createPipelineRequest({ url: url(SUB_A) }), next);
    const b = policy.sendRequest(createPipelineRequest({ url: url(SUB_A) }), next);
    await vi.runAllTimersAsync();
    await Promise.all([a, b]);
    expect(sent.map(([t]) => t)).toEqual([0, 2_000, 2_000]);
  });

  it("reads inside the 2 s after a 429's wait are released one interval apart", async () => {
    const { next, sent } = server([{ status: 429, headers: { "retry-after": "1" } }, { status: 200 }, { status: 200 }, { status: 200 }]);
    const policy = throttlePolicy(RETRY, RATE);
    await send(policy, url(SUB_A), next);
    await send(policy, url(SUB_A), next);
    // At 2 s the slot of 1.04 s is long past, but the subscription is paced until 3 s.
    await vi.advanceTimersByTimeAsync(1_000);
    const a = policy.sendRequest(createPipelineRequest({ url: url(SUB_A) }), next);
    const b = policy.sendRequest(createPipelineRequest({ url: url(SUB_A) }), next);
    await vi.runAllTimersAsync();
    await Promise.all([a, b]);
    expect(sent.map(([t]) => t)).toEqual([0, 1_000, 2_000, 2_040]);
  });

  it("a read during a brake longer than the paced second still waits for the brake's end", async () => {
    const { next, sent } = server([{ status: 200, headers: { "x-ms-ratelimit-remaining-subscription-reads": "0" } }, { status: 200 }]);
    const policy = throttlePolicy(RETRY, { threshold: 50, refillPerSecond: 25 });
    await send(policy, url(SUB_A), next);
    await vi.advanceTimersByTimeAsync(1_500);
    await send(policy, url(SUB_A), next);
    expect(sent.map(([t]) => t)).toEqual([0, 2_000]);
  });

  it("a nextLink spelling /SUBSCRIPTIONS/ in capitals is the same subscription", async () => {
    const { next, sent } = server([{ status: 429, headers: { "retry-after": "1" } }, { status: 200 }]);
    const policy = throttlePolicy(RETRY, RATE);
    await send(policy, url(SUB_A), next);
    await send(policy, url(SUB_A).replace("/subscriptions/", "/SUBSCRIPTIONS/"), next);
    expect(sent.map(([t]) => t)).toEqual([0, 1_000]);
  });
});

describe("throttlePolicy: the remaining-reads header brakes the subscription", () => {
  const reads = (left: string) => ({ status: 200, headers: { "x-ms-ratelimit-remaining-subscription-reads": left } });

  it("5 left of threshold 25 at 25/s: the next read waits 800 ms, the next 40 ms more, then (after 1 s) none", async () => {
    const { next, sent } = server([reads("5"), reads("249"), reads("248"), reads("247")]);
    const policy = throttlePolicy(RETRY, RATE);
    await send(policy, url(SUB_A), next);
    await send(policy, url(SUB_A), next);
    await send(policy, url(SUB_A), next);
    await vi.advanceTimersByTimeAsync(500);
    await send(policy, url(SUB_A), next);
    expect(sent.map(([t]) => t)).toEqual([0, 800, 840, 1_340]);
  });

  it("waits the deficit's refill time rounded up: 1 read short at 3/s is 334 ms", async () => {
    const { next, sent } = server([reads("9"), reads("200")]);
    const policy = throttlePolicy(RETRY, { threshold: 10, refillPerSecond: 3 });
    await send(policy, url(SUB_A), next);
    await send(policy, url(SUB_A), next);
    expect(sent.map(([t]) => t)).toEqual([0, 334]);
  });

  it.each([
    ["exactly at the threshold", "25"],
    ["above it", "26"],
    ["not a number", "unknown"],
    ["minus infinity", "-Infinity"],
  ])("no brake %s", async (_name, left) => {
    const { next, sent } = server([reads(left), reads("200")]);
    const policy = throttlePolicy(RETRY, RATE);
    await send(policy, url(SUB_A), next);
    await send(policy, url(SUB_A), next);
    expect(sent.map(([t]) => t)).toEqual([0, 0]);
  });

  it("a 200 without the header leaves a subscription unbraked", async () => {
    const { next, sent } = server([{ status: 200 }, { status: 200 }]);
    const policy = throttlePolicy(RETRY, RATE);
    await send(policy, url(SUB_A), next);
    await send(policy, url(SUB_A), next);
    expect(sent.map(([t]) => t)).toEqual([0, 0]);
  });

  it("a low header on a 429 with a shorter Retry-After: the longer of the two waits wins", async () => {
    // 0 left: 1 s to refill to the threshold; the 429 asks for 500 ms.
    const { next, sent } = server([{ status: 429, headers: { "retry-after-ms": "500", "x-ms-ratelimit-remaining-subscription-reads": "0" } }, reads("200")]);
    const policy = throttlePolicy(RETRY, RATE);
    await send(policy, url(SUB_A), next);
    await send(policy, url(SUB_A), next);
    expect(sent.map(([t]) => t)).toEqual([0, 1_000]);
  });

  it("a read that arrives after the brake is over but inside the paced second keeps its slot order", async () => {
    // 24 left: 40 ms brake; paced until 1 s; two reads at 100 ms go out at 100 and 140.
    const { next, sent } = server([reads("24"), reads("200"), reads("200")]);
    const policy = throttlePolicy(RETRY, RATE);
    await send(policy, url(SUB_A), next);
    await vi.advanceTimersByTimeAsync(100);
    const a = policy.sendRequest(createPipelineRequest({ url: url(SUB_A) }), next);
    const b = policy.sendRequest(createPipelineRequest({ url: url(SUB_A) }), next);
    await vi.runAllTimersAsync();
    await Promise.all([a, b]);
    expect(sent.map(([t]) => t)).toEqual([0, 100, 140]);
  });

  it("an abort while a read waits for its slot rejects it with AbortError and sends nothing", async () => {
    const ac = new AbortController();
    const { next, sent } = server([reads("0")]);
    const policy = throttlePolicy(RETRY, RATE, ac.signal);
    await send(policy, url(SUB_A), next);
    const waiting = policy.sendRequest(createPipelineRequest({ url: url(SUB_A) }), next);
    const outcome = waiting.then(
      () => "answered",
      (e: Error) => e.name,
    );
    await vi.advanceTimersByTimeAsync(100);
    ac.abort();
    expect(await outcome).toBe("AbortError");
    expect(sent).toEqual([[0, SUB_A]]);
  });
});

describe("sleep", () => {
  it("resolves after exactly the wait, and stops listening for the abort", async () => {
    const ac = new AbortController();
    const removed = vi.spyOn(ac.signal, "removeEventListener");
    let done = false;
    const p = sleep(500, ac.signal, () => new Error("aborted")).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await p;
    expect(done).toBe(true);
    expect(removed).toHaveBeenCalledWith("abort", expect.any(Function));
  });

  it("without a signal it just waits", async () => {
    const p = sleep(10, undefined, () => new Error("never"));
    await vi.advanceTimersByTimeAsync(10);
    await expect(p).resolves.toBeUndefined();
  });

  it("rejects at once with the reason when the signal is already aborted, without a timer", async () => {
    const ac = new AbortController();
    ac.abort();
    const reason = new Error("Collection was aborted.");
    await expect(sleep(1_000, ac.signal, () => reason)).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects with the reason when aborted mid-wait, and clears its timer", async () => {
    const ac = new AbortController();
    const reason = new Error("Collection was aborted.");
    const p = sleep(1_000, ac.signal, () => reason);
    const outcome = p.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    expect(vi.getTimerCount()).toBe(1);
    ac.abort();
    expect(await outcome).toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("requestDefaultsPolicy", () => {
  const passthrough = async (req: PipelineRequest) => answer(req, 200);

  it("sets the timeout and the run's signal on a request that has neither", async () => {
    const ac = new AbortController();
    const req = createPipelineRequest({ url: url(SUB_A) });
    const res = await requestDefaultsPolicy(60_000, ac.signal).sendRequest(req, passthrough);
    expect(res.request).toBe(req);
    expect(req.timeout).toBe(60_000);
    expect(req.abortSignal).toBe(ac.signal);
  });

  it("keeps a request's own timeout and signal", async () => {
    const own = new AbortController();
    const req = createPipelineRequest({ url: url(SUB_A), timeout: 5_000, abortSignal: own.signal });
    await requestDefaultsPolicy(60_000, new AbortController().signal).sendRequest(req, passthrough);
    expect(req.timeout).toBe(5_000);
    expect(req.abortSignal).toBe(own.signal);
  });

  it("sets no signal when the run has none", async () => {
    const req = createPipelineRequest({ url: url(SUB_A) });
    await requestDefaultsPolicy(1_000).sendRequest(req, passthrough);
    expect(req.timeout).toBe(1_000);
    expect(req.abortSignal).toBeUndefined();
  });
});
