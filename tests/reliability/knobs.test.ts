/** The test-only knobs the reliability suite gives the CLI: retry/timeout tuning and short-lived static tokens. */
import { describe, expect, it } from "vitest";
import { envTuning } from "../../src/cli/env-knobs.js";
import { makeCredential, staticCredential } from "../../src/cli/credential.js";
import { isTransientNetworkError } from "../../src/collectors/m365/transient.js";
import { redactTokens } from "../../src/collectors/failures.js";

describe("knobs", () => {
  it("envTuning reads retry delay, retries and timeout; unset gives nothing; bad values are usage errors", () => {
    expect(envTuning({})).toEqual({});
    expect(envTuning({ HEMVIST_RETRY_DELAY_MS: "5", HEMVIST_MAX_RETRIES: "2", HEMVIST_TIMEOUT_MS: "1500" })).toEqual({
      retry: { retryDelayInMs: 5, maxRetryDelayInMs: 80, maxRetries: 2 },
      timeoutMs: 1500,
    });
    expect(() => envTuning({ HEMVIST_MAX_RETRIES: "many" })).toThrow(/HEMVIST_MAX_RETRIES: found "many", expected a whole number from 0 to 10/);
    expect(() => envTuning({ HEMVIST_TIMEOUT_MS: "5" })).toThrow(/HEMVIST_TIMEOUT_MS/);
  });

  it("a static credential with a TTL hands out short-lived tokens and renews them at half their life", async () => {
    const cred = staticCredential("tok", 1000);
    const a = await cred.getToken("s");
    const b = await cred.getToken("s");
    expect(a?.token).toBe("tok-1");
    expect(b?.token).toBe("tok-1");
    expect((a?.expiresOnTimestamp ?? 0) - Date.now()).toBeLessThanOrEqual(1000);
    await new Promise((r) => setTimeout(r, 600));
    expect((await cred.getToken("s"))?.token).toBe("tok-2");
    expect((await staticCredential("tok").getToken("s"))?.token).toBe("tok");
    expect(() => makeCredential("static", { env: { HEMVIST_STATIC_TOKEN: "t", HEMVIST_STATIC_TOKEN_TTL_MS: "10" } })).toThrow(/at least 1000/);
  });

  it("transient network errors are told from aborts and timeouts", () => {
    const reset = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) });
    expect(isTransientNetworkError(reset)).toBe(true);
    expect(isTransientNetworkError(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } }))).toBe(true);
    expect(isTransientNetworkError(new DOMException("The operation was aborted due to timeout", "TimeoutError"))).toBe(false);
    expect(isTransientNetworkError(Object.assign(new Error("aborted"), { name: "AbortError" }))).toBe(false);
    expect(isTransientNetworkError(new SyntaxError("Unexpected end of JSON input"))).toBe(false);
  });

  it("redactTokens removes every token handed out, wherever it appears", () => {
    expect(redactTokens("token 'abcdefgh-1' and abcdefgh-1 again; not abcdefgh-2", ["abcdefgh-1"])).toBe("token '[redacted]' and [redacted] again; not abcdefgh-2");
    expect(redactTokens("short x", ["x"])).toBe("short x");
  });
});
