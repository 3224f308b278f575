import { describe, expect, test } from "vitest";
import { HEADER_LIMITS } from "@/lib/config/client-ip";
import { fromHeaders } from "./request-context";

describe("request context", () => {
  test("X-Forwarded-For is not trusted from its first entry (no proxies configured)", () => {
    const ctx = fromHeaders(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }));
    expect(ctx.ip).toBe("203.0.113.7");
  });

  test("every header Berth stores is capped", () => {
    const h = new Headers({ "user-agent": "u".repeat(100_000), "x-request-id": "r".repeat(100_000), "x-forwarded-for": `${"1.2.3.4,".repeat(20_000)}5.6.7.8` });
    const ctx = fromHeaders(h);
    expect(ctx.userAgent.length).toBeLessThanOrEqual(HEADER_LIMITS.userAgent);
    expect(ctx.requestId.length).toBeLessThanOrEqual(HEADER_LIMITS.requestId);
    expect(ctx.ip).toBe("5.6.7.8");
  });

  test("a request id with control characters is replaced", () => {
    expect(fromHeaders(new Headers({ "x-request-id": "abc\u0001def" })).requestId).not.toContain("\u0001");
    expect(fromHeaders(new Headers({ "x-request-id": "req-123" })).requestId).toBe("req-123");
  });
});
