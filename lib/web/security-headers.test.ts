import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, pageSecurityHeaders, servedOverHttps } from "./security-headers";

describe("security headers", () => {
  it("script-src is nonce-based with 'strict-dynamic', never unsafe-inline; eval only in next dev", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123abc123abc123ab==", https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123abc123abc123ab==' 'strict-dynamic'; ");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "n", https: false, dev: true })).toMatch(/script-src[^;]*'unsafe-eval'/);
  });

  it("over https: upgrade-insecure-requests and HSTS; form-action allows the OpenID provider", () => {
    expect(contentSecurityPolicy({ nonce: "n", https: true, formActions: ["https://id.example.com"] })).toMatch(/form-action 'self' https:\/\/id\.example\.com; .*upgrade-insecure-requests$/);
    expect(pageSecurityHeaders({ https: true })["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(pageSecurityHeaders({ https: false })).toEqual({});
  });

  it("decides https from AUTH_URL first, then the request, then X-Forwarded-Proto", () => {
    expect(servedOverHttps({ authUrl: "https://berth.example.com", requestProtocol: "http:" })).toBe(true);
    expect(servedOverHttps({ authUrl: "http://localhost:3000", requestProtocol: "http:", forwardedProto: "https" })).toBe(false);
    expect(servedOverHttps({ requestProtocol: "https:" })).toBe(true);
    expect(servedOverHttps({ requestProtocol: "http:", forwardedProto: "HTTPS, http" })).toBe(true);
    expect(servedOverHttps({ requestProtocol: "http:", forwardedProto: null })).toBe(false);
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
