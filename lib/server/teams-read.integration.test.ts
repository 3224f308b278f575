import { describe, expect, it } from "vitest";
import { addMember, newTeam } from "@/scripts/test-support/fixtures";
import { db } from "./db";
import { listMembers, listMyTeams } from "./teams";

// Every console page reads the signed-in user's teams, and the audit and team pages a team's
// members: each is one joined statement now (teams.ts). Checked against the rows themselves.
describe("reading teams and members", () => {
  it("a user's teams: each with its name and the user's role there, oldest membership first, no one else's", async () => {
    const a = await newTeam("mine-a");
    const b = await newTeam("mine-b");
    const c = await newTeam("mine-c");
    await db().membership.create({ data: { teamId: b.teamId, userId: a.owner.id, role: "viewer", createdAt: new Date(Date.now() + 1000) } });
    await db().membership.create({ data: { teamId: c.teamId, userId: a.owner.id, role: "admin", createdAt: new Date(Date.now() + 2000) } });
    const names = await db().team.findMany({ where: { id: { in: [a.teamId, b.teamId, c.teamId] } }, select: { id: true, name: true } });
    const name = (id: string) => names.find((t) => t.id === id)!.name;
    expect(await listMyTeams(a.owner.id)).toEqual([
      { id: a.teamId, name: name(a.teamId), role: "owner" },
      { id: b.teamId, name: name(b.teamId), role: "viewer" },
      { id: c.teamId, name: name(c.teamId), role: "admin" },
    ]);
    expect(await listMyTeams(b.owner.id)).toEqual([{ id: b.teamId, name: name(b.teamId), role: "owner" }]);
  });

  it("a team's members: membership, user, name, email, role and joining time, oldest first, only this team's", async () => {
    const t = await newTeam("members");
    const viewer = await addMember(t.teamId, "viewer");
    const admin = await addMember(t.teamId, "admin");
    await newTeam("members-other");
    const rows = await db().membership.findMany({ where: { teamId: t.teamId }, include: { user: true }, orderBy: { createdAt: "asc" } });
    const members = await listMembers(viewer.ctx);
    expect(members).toEqual(rows.map((m) => ({ membershipId: m.id, userId: m.userId, name: m.user.name, email: m.user.email, role: m.role, joinedAt: m.createdAt })));
    expect(members.map((m) => m.userId)).toEqual([t.owner.id, viewer.user.id, admin.user.id]);
  });
});
