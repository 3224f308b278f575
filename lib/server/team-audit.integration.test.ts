import { describe, expect, it } from "vitest";
import { addMember, newTeam, newUser, restoreSettings, TEST_PASSWORD, uniqueEmail, useSettings } from "@/scripts/test-support/fixtures";
import { db } from "./db";
import { acceptInvitation, createInvitation, revokeInvitation } from "./invitations";
import { changeMemberRole, createTeam, removeMember } from "./teams";
import { signUp, verifyPasswordSignIn } from "./users";

const ctx = { ip: "192.0.2.10", userAgent: "vitest", requestId: "audit-coverage" };

/** Runs a mutation and returns the audit events it wrote (any chain). */
async function eventsWrittenBy(run: () => Promise<unknown>) {
  const before = (await db().auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
  await run();
  return db().auditEvent.findMany({ where: { id: { gt: before } }, orderBy: { id: "asc" } });
}

describe("every team and account mutation writes exactly one audit event", () => {
  it("team create, invitations, roles and removal", async () => {
    const owner = await newUser("cover-owner");
    let teamId = "";
    const created = await eventsWrittenBy(async () => (teamId = await createTeam(owner, "Coverage team")));
    expect(created).toEqual([expect.objectContaining({ action: "team.create", teamId, actorId: owner.id, targetType: "team", targetId: teamId, targetName: "Coverage team", result: "success" })]);

    const ownerCtx = { userId: owner.id, teamId };
    let invitation = { token: "", id: "" };
    const invited = await eventsWrittenBy(async () => (invitation = await createInvitation(ownerCtx, { email: "", role: "member" })));
    expect(invited).toEqual([expect.objectContaining({ action: "invitation.create", teamId, actorId: owner.id, targetType: "invitation", targetId: invitation.id, summary: expect.objectContaining({ role: "member" }) })]);
    expect(JSON.stringify(invited[0].summary)).not.toContain(invitation.token);

    const joiner = await newUser("cover-joiner");
    const accepted = await eventsWrittenBy(() => acceptInvitation(joiner, invitation.token));
    expect(accepted).toEqual([expect.objectContaining({ action: "invitation.accept", teamId, actorId: joiner.id, targetId: invitation.id })]);

    const membership = await db().membership.findUniqueOrThrow({ where: { teamId_userId: { teamId, userId: joiner.id } } });
    const changed = await eventsWrittenBy(() => changeMemberRole(ownerCtx, membership.id, "admin"));
    expect(changed).toEqual([expect.objectContaining({ action: "member.role_change", targetId: membership.id, targetName: joiner.email, summary: { from: "member", to: "admin" } })]);

    const second = await createInvitation(ownerCtx, { email: uniqueEmail("revoked"), role: "viewer" });
    const revoked = await eventsWrittenBy(() => revokeInvitation(ownerCtx, second.id));
    expect(revoked).toEqual([expect.objectContaining({ action: "invitation.revoke", targetId: second.id })]);

    const removed = await eventsWrittenBy(() => removeMember(ownerCtx, membership.id));
    expect(removed).toEqual([expect.objectContaining({ action: "member.remove", targetId: membership.id, summary: { role: "admin" } })]);
  });

  it("sign-up and sign-in (success and failure), with request details and no secrets", async () => {
    const email = uniqueEmail("cover-signup");
    useSettings({ BERTH_SIGNUP: "open" });
    const signedUp = await eventsWrittenBy(() => signUp({ name: "Cover", email, password: TEST_PASSWORD }, ctx)).finally(restoreSettings);
    expect(signedUp).toEqual([expect.objectContaining({ action: "auth.sign_up", targetName: email, chainKey: "global" })]);

    const ok = await eventsWrittenBy(() => verifyPasswordSignIn(email, TEST_PASSWORD, ctx));
    expect(ok).toEqual([expect.objectContaining({ action: "auth.sign_in", result: "success", actorEmail: email, ip: "192.0.2.10", userAgent: "vitest", requestId: "audit-coverage" })]);

    const bad = await eventsWrittenBy(() => verifyPasswordSignIn(email, "wrong password!", ctx).catch(() => undefined));
    expect(bad).toEqual([expect.objectContaining({ action: "auth.sign_in", result: "failure", reason: "wrong password" })]);
    expect(JSON.stringify([...ok, ...bad].map((e) => e.summary))).not.toMatch(/wrong password!|integration-password/);
  });

  it("a refused mutation writes one failure event and changes nothing", async () => {
    const t = await newTeam("cover-refused");
    const viewer = await addMember(t.teamId, "viewer");
    const events = await eventsWrittenBy(() => createInvitation(viewer.ctx, { email: "", role: "member" }).catch(() => undefined));
    expect(events).toEqual([expect.objectContaining({ action: "authz.denied", result: "failure", actorId: viewer.user.id, teamId: t.teamId })]);
    expect(await db().invitation.count({ where: { teamId: t.teamId } })).toBe(0);
  });
});
