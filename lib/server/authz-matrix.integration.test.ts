import { beforeAll, describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, type Permission, type Role } from "@/lib/auth/roles";
import { addMember, newTeam, newUser } from "@/scripts/test-support/fixtures";
import { authorize, type Ctx } from "./authz";
import { db } from "./db";
import { AppError } from "./errors";

// The whole role matrix, written out by hand (not derived from lib/auth/roles.ts, so a change there
// must change this table too), checked once at the data layer with real membership rows.
const Y = true, N = false;
const MATRIX: Record<Permission, Record<Role, boolean>> = {
  //                   owner  admin  member  viewer
  "team.read":        { owner: Y, admin: Y, member: Y, viewer: Y },
  "team.manage":      { owner: Y, admin: Y, member: N, viewer: N },
  "template.write":   { owner: Y, admin: Y, member: Y, viewer: N },
  "template.manage":  { owner: Y, admin: Y, member: N, viewer: N },
  "cluster.register": { owner: Y, admin: Y, member: Y, viewer: N },
  "cluster.manage":   { owner: Y, admin: Y, member: N, viewer: N },
  "credential.write": { owner: Y, admin: Y, member: Y, viewer: N },
  "deploy.run":       { owner: Y, admin: Y, member: Y, viewer: N },
  "webhook.manage":   { owner: Y, admin: Y, member: N, viewer: N },
  "audit.read.team":  { owner: Y, admin: Y, member: N, viewer: N },
};

const ctxs = {} as Record<Role | "outsider", Ctx>;
let teamId = "";

beforeAll(async () => {
  const t = await newTeam("matrix");
  teamId = t.teamId;
  ctxs.owner = t.ctx;
  for (const role of ["admin", "member", "viewer"] as const) ctxs[role] = (await addMember(teamId, role)).ctx;
  const stranger = await newUser("stranger");
  ctxs.outsider = { userId: stranger.id, teamId };
});

describe("the role matrix at the data layer", () => {
  it("lists every permission and every role", () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(PERMISSIONS).sort());
    expect([...ROLES].sort()).toEqual(["admin", "member", "owner", "viewer"]);
  });

  const cases = (Object.keys(MATRIX) as Permission[]).flatMap((permission) => ROLES.map((role) => [permission, role, MATRIX[permission][role]] as const));
  it.each(cases)("%s for %s → allowed: %s", async (permission, role, allowed) => {
    const before = await db().auditEvent.count({ where: { chainKey: teamId, action: "authz.denied" } });
    const attempt = authorize(ctxs[role], permission);
    if (allowed) {
      await expect(attempt).resolves.toMatchObject({ role, teamId });
      expect(await db().auditEvent.count({ where: { chainKey: teamId, action: "authz.denied" } })).toBe(before);
    } else {
      await expect(attempt).rejects.toSatisfy((e) => e instanceof AppError && e.code === "forbidden");
      const denied = await db().auditEvent.findFirstOrThrow({ where: { chainKey: teamId, action: "authz.denied" }, orderBy: { id: "desc" } });
      expect(denied).toMatchObject({ actorId: ctxs[role].userId, result: "failure", summary: expect.objectContaining({ permission, role }) });
    }
  });

  it.each(Object.keys(MATRIX) as Permission[])("%s is refused to someone outside the team", async (permission) => {
    await expect(authorize(ctxs.outsider, permission)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "forbidden");
  });
});
