import { describe, expect, it } from "vitest";
import { addMember, auditEventsFor, newTeam, uniqueEmail } from "@/scripts/test-support/fixtures";
import { db } from "./db";
import { AppError } from "./errors";
import { createInvitation, listInvitations, revokeInvitation } from "./invitations";
import { changeMemberRole, listMembers, removeMember } from "./teams";

const rejectsWith = (p: Promise<unknown>, code: AppError["code"]) => expect(p).rejects.toSatisfy((e) => e instanceof AppError && e.code === code);

describe("data-layer authorization across teams", () => {
  it("a user of team A cannot read or change team B's rows, even knowing their ids", async () => {
    const a = await newTeam("alpha");
    const b = await newTeam("bravo");
    const bMember = await addMember(b.teamId, "member");
    const bInvite = await createInvitation(b.ctx, { email: "", role: "viewer" });

    // A's owner pretends to be in team B
    const intruder = { userId: a.owner.id, teamId: b.teamId };
    await rejectsWith(listMembers(intruder), "forbidden");
    await rejectsWith(listInvitations(intruder), "forbidden");
    await rejectsWith(revokeInvitation(intruder, bInvite.id), "forbidden");
    await rejectsWith(changeMemberRole(intruder, (await membershipId(b.teamId, bMember.user.id))!, "owner"), "forbidden");

    // A's owner in their own team, naming B's rows by id: not found, nothing changes
    await rejectsWith(revokeInvitation(a.ctx, bInvite.id), "not_found");
    await rejectsWith(removeMember(a.ctx, (await membershipId(b.teamId, bMember.user.id))!), "not_found");

    const inv = await db().invitation.findUniqueOrThrow({ where: { id: bInvite.id } });
    expect(inv.revokedAt).toBeNull();
    expect(await db().membership.count({ where: { teamId: b.teamId } })).toBe(2);
    const denied = await auditEventsFor(null, "authz.denied");
    expect(denied.some((e) => e.actorId === a.owner.id && (e.summary as { teamId?: string }).teamId === b.teamId)).toBe(true);
  });

  it("a viewer cannot invite, change roles or remove members; the attempt is audited", async () => {
    const t = await newTeam("viewers");
    const viewer = await addMember(t.teamId, "viewer");
    const member = await addMember(t.teamId, "member");
    await rejectsWith(createInvitation(viewer.ctx, { email: uniqueEmail(), role: "member" }), "forbidden");
    await rejectsWith(changeMemberRole(viewer.ctx, (await membershipId(t.teamId, member.user.id))!, "admin"), "forbidden");
    await rejectsWith(removeMember(member.ctx, (await membershipId(t.teamId, viewer.user.id))!), "forbidden");
    expect(await db().invitation.count({ where: { teamId: t.teamId } })).toBe(0);
    const denied = await auditEventsFor(t.teamId, "authz.denied");
    expect(denied.map((e) => e.actorId)).toEqual([viewer.user.id, viewer.user.id, member.user.id]);
    expect(denied.every((e) => e.result === "failure" && e.reason.length > 0)).toBe(true);
  });

  it("admins cannot grant owner, and a team never loses its last owner", async () => {
    const t = await newTeam("owners");
    const admin = await addMember(t.teamId, "admin");
    const ownerMembership = (await membershipId(t.teamId, t.owner.id))!;
    await rejectsWith(changeMemberRole(admin.ctx, ownerMembership, "member"), "invalid");
    await rejectsWith(changeMemberRole(t.ctx, ownerMembership, "admin"), "invalid");
    await rejectsWith(createInvitation(admin.ctx, { email: "", role: "owner" }), "invalid");
    const roles = (await listMembers(t.ctx)).map((m) => m.role).sort();
    expect(roles).toEqual(["admin", "owner"]);
  });
});

async function membershipId(teamId: string, userId: string) {
  return (await db().membership.findUnique({ where: { teamId_userId: { teamId, userId } } }))?.id;
}
