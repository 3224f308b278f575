import { beforeAll, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./crypto";

beforeAll(() => {
  process.env.DATABASE_URL ??= "postgres://u@localhost/unused";
  process.env.AUTH_SECRET ??= "s".repeat(40);
  process.env.BERTH_ENCRYPTION_KEY ??= "cd".repeat(32);
  process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
});

describe("secrets at rest (AES-256-GCM)", () => {
  it("round-trips and never stores the plaintext", () => {
    const sealed = encryptSecret("apiVersion: v1\nkind: Config", "cluster1:user1");
    expect(sealed.toString("utf8")).not.toContain("apiVersion");
    expect(decryptSecret(sealed, "cluster1:user1")).toBe("apiVersion: v1\nkind: Config");
  });

  it("refuses a ciphertext moved to another row or tampered with", () => {
    const sealed = encryptSecret("secret", "cluster1:user1");
    expect(() => decryptSecret(sealed, "cluster1:user2")).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(() => decryptSecret(tampered, "cluster1:user1")).toThrow();
  });
});
