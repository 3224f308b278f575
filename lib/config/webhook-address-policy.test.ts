import { describe, expect, it } from "vitest";
import { parseWebhookAddressPolicy, webhookAddressRefusal, webhookHostRefusal } from "./webhook-address-policy";

describe("webhook address policy", () => {
  const strict = parseWebhookAddressPolicy(undefined);
  it("refuses metadata, loopback, private and mapped addresses by default, allows public ones", () => {
    expect(webhookAddressRefusal(strict, "hooks.example.com", "93.184.216.34")).toBeNull();
    expect(webhookAddressRefusal(strict, "hooks.example.com", "2606:2800:220:1::1")).toBeNull();
    for (const a of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "100.64.0.1", "::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:7f00:1"]) {
      expect(webhookAddressRefusal(strict, "evil.example.com", a), a).toMatch(/loopback or private/);
    }
    expect(webhookAddressRefusal(strict, "x.example.com", "169.254.169.254")).toMatch(/metadata/);
    expect(webhookHostRefusal(strict, "metadata.google.internal")).toMatch(/metadata/);
    expect(webhookHostRefusal(strict, "localhost")).toMatch(/local name/);
  });

  it("lets the operator allow a private address or name, never metadata", () => {
    const allowing = parseWebhookAddressPolicy("127.0.0.1/32, chat.internal, 169.254.169.254");
    expect(webhookAddressRefusal(allowing, "127.0.0.1", "127.0.0.1")).toBeNull();
    expect(webhookAddressRefusal(allowing, "chat.internal", "10.0.0.5")).toBeNull();
    expect(webhookAddressRefusal(allowing, "127.0.0.2", "127.0.0.2")).toMatch(/private/);
    expect(webhookAddressRefusal(allowing, "169.254.169.254", "169.254.169.254")).toMatch(/metadata/);
  });

  it("refuses a list it cannot read", () => {
    expect(() => parseWebhookAddressPolicy("10.0.0.0/99")).toThrow(/invalid prefix/);
  });
});
