import { describe, expect, it } from "vitest";
import { assignableRoles, PERMISSIONS, roleAllows, ROLES } from "./roles";

describe("roles", () => {
  it("gives viewers read access only", () => {
    const allowed = (Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]).filter((p) => roleAllows("viewer", p));
    expect(allowed).toEqual(["team.read"]);
  });

  it("lets members build and deploy but not manage the team", () => {
    expect(roleAllows("member", "template.write")).toBe(true);
    expect(roleAllows("member", "deploy.run")).toBe(true);
    expect(roleAllows("member", "team.manage")).toBe(false);
    expect(roleAllows("member", "audit.read.team")).toBe(false);
  });

  it("lets owners and admins do everything", () => {
    for (const role of ["owner", "admin"] as const) {
      for (const p of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) expect(roleAllows(role, p)).toBe(true);
    }
  });

  it("only owners grant the owner role", () => {
    expect(assignableRoles("owner")).toEqual([...ROLES]);
    expect(assignableRoles("admin")).not.toContain("owner");
    expect(assignableRoles("member")).toEqual([]);
    expect(assignableRoles("viewer")).toEqual([]);
  });
});
