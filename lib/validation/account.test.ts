import { describe, expect, it } from "vitest";
import { english } from "@/lib/i18n/english";
import { inviteSchema, safeNextPath, signInSchema, signUpSchema, teamNameSchema } from "./account";

describe("safeNextPath", () => {
  it("keeps paths on this site", () => {
    expect(safeNextPath("/deployments?page=2")).toBe("/deployments?page=2");
    expect(safeNextPath("/invite/abc_DEF-123")).toBe("/invite/abc_DEF-123");
  });

  it("falls back for anything a browser would follow off the site", () => {
    for (const bad of ["//evil.example", "/\\evil.example", "/\\/evil.example", "/\t/evil.example", "https://evil.example", "evil.example", "", null, undefined, 42]) {
      expect(safeNextPath(bad)).toBe("/templates");
    }
    expect(safeNextPath("//evil.example", "/login")).toBe("/login");
  });
});

describe("account form messages", () => {
  // runAction shows "validation.…" messages in the reader's language: each must be a catalogue key.
  it("are catalogue keys with English text", () => {
    const messages = [
      ...signUpSchema.safeParse({ name: "", email: "not-an-address", password: "short" }).error!.issues,
      ...signUpSchema.safeParse({ name: "x".repeat(101), email: "", password: "p".repeat(201) }).error!.issues,
      ...signInSchema.safeParse({ email: `${"a".repeat(250)}@example.com`, password: "" }).error!.issues,
      ...teamNameSchema.safeParse({ name: "x" }).error!.issues,
      ...inviteSchema.safeParse({ email: "", role: "emperor" }).error!.issues,
    ].map((i) => i.message);
    expect(messages.length).toBeGreaterThan(8);
    for (const m of messages) {
      expect(m).toMatch(/^validation\.account\.[A-Za-z]+$/);
      expect(english({ key: m })).not.toBe(m);
    }
    expect(english({ key: "validation.account.emailInvalid" })).toBe("Enter a valid email address, like ana@example.com.");
  });
});
