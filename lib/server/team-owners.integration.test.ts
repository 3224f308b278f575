import { describe, expect, it } from "vitest";
import { addMember, newTeam } from "@/scripts/test-support/fixtures";
import { db } from "./db";
import { changeMemberRole, removeMember } from "./teams";

// A team must never be left without an owner, also when two owners act at the same moment: the
// check and the change are decided under a lock in Postgres, not by two reads that both see the
// other owner still there.
async function membershipId(teamId: string, userId: string) {
  return (await db().membership.findUniqueOrThrow({ where: { teamId_userId: { teamId, userId } } })).id;
}

describe("the last owner", () => {
  it.each([1, 2, 3, 4, 5])("two owners demoting each other at once: one is refused, one owner remains (round %i)", async () => {
    const t = await newTeam("two-owners");
    const second = await addMember(t.teamId, "owner", "owner2");
    const firstId = await membershipId(t.teamId, t.owner.id);
    const secondId = await membershipId(t.teamId, second.user.id);
    const results = await Promise.allSettled([changeMemberRole(t.ctx, secondId, "admin"), changeMemberRole(second.ctx, firstId, "admin")]);
    expect(results.filter((r) => r.status === "fulfilled").length).toBe(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason.message))).toEqual([
      expect.stringMatching(/at least one owner|no longer an owner|only an owner/i),
    ]);
    expect(await db().membership.count({ where: { teamId: t.teamId, role: "owner" } })).toBe(1);
  });

  it.each([1, 2, 3])("two owners removing each other at once: one owner remains (round %i)", async () => {
    const t = await newTeam("two-removers");
    const second = await addMember(t.teamId, "owner", "owner2");
    const firstId = await membershipId(t.teamId, t.owner.id);
    const secondId = await membershipId(t.teamId, second.user.id);
    await Promise.allSettled([removeMember(t.ctx, secondId), removeMember(second.ctx, firstId)]);
    expect(await db().membership.count({ where: { teamId: t.teamId, role: "owner" } })).toBe(1);
  });

  it("an admin granting or removing the owner role is refused and the refusal is audited", async () => {
    const t = await newTeam("owner-grant");
    const admin = await addMember(t.teamId, "admin");
    const member = await addMember(t.teamId, "member");
    const memberId = await membershipId(t.teamId, member.user.id);
    await expect(changeMemberRole(admin.ctx, memberId, "owner")).rejects.toThrow(/Only an owner/);
    await expect(removeMember(admin.ctx, await membershipId(t.teamId, t.owner.id))).rejects.toThrow(/Only an owner/);
    await expect(changeMemberRole(t.ctx, await membershipId(t.teamId, t.owner.id), "admin")).rejects.toThrow(/at least one owner/);
    const refused = await db().auditEvent.findMany({ where: { chainKey: t.teamId, result: "failure" }, orderBy: { id: "asc" } });
    expect(refused.map((e) => [e.action, e.actorId, e.reason])).toEqual([
      ["member.role_change", admin.user.id, expect.stringMatching(/Only an owner can grant/)],
      ["member.remove", admin.user.id, expect.stringMatching(/Only an owner can remove/)],
      ["member.role_change", t.owner.id, expect.stringMatching(/at least one owner/)],
    ]);
    expect(refused[0]).toMatchObject({ targetId: memberId, summary: { to: "owner", refused: "invalid" } });
    expect((await db().membership.findUniqueOrThrow({ where: { id: memberId } })).role).toBe("member");
  });
});
