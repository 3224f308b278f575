import { describe, expect, it } from "vitest";
import { redactSummary } from "./redact";

describe("redactSummary", () => {
  it("removes secret-looking keys at any depth and keeps the rest", () => {
    expect(
      redactSummary({ kubeconfig: "apiVersion: v1", name: "web", nested: { password: "p", token: "t", clientKeyData: "k", ok: [1, { secret: "s" }] } }),
    ).toEqual({ kubeconfig: "[redacted]", name: "web", nested: { password: "[redacted]", token: "[redacted]", clientKeyData: "[redacted]", ok: [1, { secret: "[redacted]" }] } });
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
