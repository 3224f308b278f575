import { describe, expect, test } from "vitest";
import { clientIp, HEADER_LIMITS, parseTrustedProxies } from "./client-ip";

// X-Forwarded-For is "client, proxy1, proxy2", each proxy appending the address it was connected
// from; the launcher's Node server appends the socket's address last. Only entries added by hops we
// trust can be believed: the client is the right-most address not added by a trusted proxy.
const none = parseTrustedProxies("")!;
describe("client IP from X-Forwarded-For", () => {
  test("no trusted proxies: the socket address (the right-most entry), whatever the client wrote", () => {
    expect(clientIp("1.2.3.4, 10.0.0.9", none)).toBe("10.0.0.9");
    expect(clientIp("203.0.113.7", none)).toBe("203.0.113.7");
    expect(clientIp("spoofed, 1.1.1.1, 192.0.2.1", none)).toBe("192.0.2.1");
  });

  test("a count of proxies: that many hops from the right are trusted", () => {
    const one = parseTrustedProxies("1")!;
    expect(clientIp("6.6.6.6, 203.0.113.7, 10.0.0.2", one)).toBe("203.0.113.7");
    const two = parseTrustedProxies("2")!;
    expect(clientIp("6.6.6.6, 203.0.113.7, 10.0.0.3, 10.0.0.2", two)).toBe("203.0.113.7");
    // Fewer entries than hops: the left-most there is.
    expect(clientIp("10.0.0.2", two)).toBe("10.0.0.2");
  });

  test("CIDRs and addresses: skip trusted hops from the right; a spoofed left part is ignored", () => {
    const cidrs = parseTrustedProxies("10.0.0.0/8, 192.168.1.10, fd00::/8")!;
    expect(clientIp("6.6.6.6, 203.0.113.7, 10.1.2.3, 10.0.0.2", cidrs)).toBe("203.0.113.7");
    expect(clientIp("6.6.6.6, 198.51.100.4, 192.168.1.10", cidrs)).toBe("198.51.100.4");
    expect(clientIp("2001:db8::1, fd00::5", cidrs)).toBe("2001:db8::1");
    expect(clientIp("10.0.0.7, 10.0.0.2", cidrs)).toBe("10.0.0.7"); // all trusted: the left-most
    expect(clientIp("::ffff:10.0.0.2", cidrs)).toBe("::ffff:10.0.0.2"); // mapped IPv4 is checked as IPv4
    expect(clientIp("203.0.113.9, ::ffff:10.0.0.2", cidrs)).toBe("203.0.113.9");
  });

  test("garbage entries are never returned as an address", () => {
    expect(clientIp("<script>, 10.0.0.2", parseTrustedProxies("1")!)).toBe("10.0.0.2");
    expect(clientIp("", none)).toBe("");
    expect(clientIp(null, none)).toBe("");
    expect(clientIp("not-an-ip", none)).toBe("");
    expect(clientIp(`${"1.2.3.4, ".repeat(10_000)}9.9.9.9`, parseTrustedProxies("3")!)).toBe("1.2.3.4");
  });

  test("the setting is a count or a list of CIDRs/addresses; anything else is refused", () => {
    for (const bad of ["-1", "1.5", "abc", "10.0.0.0/33", "10.0.0.0/8, nope", "1000"]) expect(parseTrustedProxies(bad), bad).toBeNull();
    expect(parseTrustedProxies("0")).toEqual(none);
    expect(parseTrustedProxies(" 2 ")).toMatchObject({ count: 2 });
  });

  test("stored headers have a bounded length", () => {
    expect(HEADER_LIMITS).toMatchObject({ userAgent: expect.any(Number), requestId: expect.any(Number), forwardedFor: expect.any(Number) });
  });
});
