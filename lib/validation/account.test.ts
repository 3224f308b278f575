import { describe, expect, it } from "vitest";
import { safeNextPath } from "./account";

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
