import { describe, expect, it } from "vitest";
import { redactSummary } from "./redact";

describe("redactSummary", () => {
  it("removes secret-looking keys at any depth and keeps the rest", () => {
    expect(
      redactSummary({ kubeconfig: "apiVersion: v1", name: "web", nested: { password: "p", token: "t", clientKeyData: "k", ok: [1, { secret: "s" }] } }),
    ).toEqual({ kubeconfig: "[redacted]", name: "web", nested: { password: "[redacted]", token: "[redacted]", clientKeyData: "[redacted]", ok: [1, { secret: "[redacted]" }] } });
  });

  // One case per alternative of the redaction rule, in the spellings they arrive in (HTTP headers,
  // kubeconfig fields, form fields): removing any alternative fails its case.
  it.each([
    "password", "Password", "pass", "passphrase", "newPassword",
    "secret", "clientSecret", "AUTH_SECRET",
    "token", "accessToken", "id_token",
    "kubeconfig", "kubeConfig",
    "credential", "credentials",
    "privateKey", "private_key", "private-key",
    "authorization", "Authorization", "proxy-authorization",
    "cookie", "Cookie", "set-cookie",
    "certificate-authority-data", "client-certificate-data", "certData",
    "client-key-data", "keyData", "key_data",
  ])("redacts %s at the top level, nested and inside arrays", (key) => {
    const secret = "s3cr3t-value";
    const out = redactSummary({ [key]: secret, nested: { [key]: { deeper: secret } }, list: [{ [key]: [secret] }], name: "web" });
    expect(out).toEqual({ [key]: "[redacted]", nested: { [key]: "[redacted]" }, list: [{ [key]: "[redacted]" }], name: "web" });
    expect(JSON.stringify(out)).not.toContain(secret);
  });

  it.each(["name", "namespace", "image", "replicas", "cluster", "keys", "monkey"])("keeps the ordinary key %s", (key) => {
    expect(redactSummary({ [key]: "visible" })).toEqual({ [key]: "visible" });
  });

  it("bounds long strings, long arrays and deep nesting", () => {
    const out = redactSummary({ s: "x".repeat(5000), list: Array.from({ length: 500 }, (_, i) => i) }) as { s: string; list: number[] };
    expect(out.s.length).toBe(2001);
    expect(out.list.length).toBe(200);
    let deep: Record<string, unknown> = { v: 1 };
    for (let i = 0; i < 20; i++) deep = { d: deep };
    expect(JSON.stringify(redactSummary(deep))).toContain("[…]");
  });
});
