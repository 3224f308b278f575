import { describe, expect, it } from "vitest";
import type { ParameterDefinition } from "@/lib/manifests";
import { defaultAppSpec } from "@/lib/manifests";
import { addMember, newTeam, newUser, TEST_PASSWORD, uniqueEmail } from "@/scripts/test-support/fixtures";
import { db } from "./db";
import { AppError } from "./errors";
import { acceptInvitation, createInvitation, revokeInvitation } from "./invitations";
import { createTemplate, saveTemplateVersion, setTemplateArchived, setTemplateVisibility } from "./templates";
import { signUp } from "./users";

// Refusals that matter are audited (result "failure", with the reason), besides role denials:
// locked-parameter bypasses, edit/archive/share of someone else's template, owner invitations by
// admins, and invitations used by the wrong person or after they were revoked, used or expired.
const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));
const tag: ParameterDefinition = { name: "imageTag", type: "string", required: true, default: "1.27", lockedByAdmin: false };
const nginx = (overrides: Record<string, unknown> = {}) => ({
  name: "nginx web", description: "", labels: [], visibility: "team" as const,
  spec: defaultAppSpec("nginx") as unknown as Record<string, unknown>, parameters: [tag],
  bindings: [{ path: "containers.0.image", parameter: "imageTag", mode: "tag" as const }], message: "", ...overrides,
});

async function failures(teamId: string | null, actorEmail: string) {
  return db().auditEvent.findMany({ where: { chainKey: teamId ?? "global", actorEmail, result: "failure" }, orderBy: { id: "asc" } });
}

describe("audited refusals", () => {
  it("a member's locked-parameter bypass and edit/archive/share of someone else's template", async () => {
    const t = await newTeam("refuse-tpl");
    const member = await addMember(t.teamId, "member");
    const locked = { ...tag, lockedByAdmin: true };
    expect(code(await createTemplate(member.ctx, nginx({ parameters: [locked] })).catch((e) => e))).toBe("forbidden");
    const { id } = await createTemplate(t.ctx, nginx({ parameters: [locked] }));
    expect(code(await saveTemplateVersion(member.ctx, id, { ...nginx({ parameters: [{ ...locked, default: "1.28" }] }), baseVersion: 1 }).catch((e) => e))).toBe("forbidden");
    expect(code(await setTemplateArchived(member.ctx, id, true).catch((e) => e))).toBe("forbidden");
    expect(code(await setTemplateVisibility(member.ctx, id, "private").catch((e) => e))).toBe("forbidden");
    const events = await failures(t.teamId, member.user.email);
    expect(events.map((e) => [e.action, e.targetId || null])).toEqual([
      ["template.create", null],
      ["template.version", id],
      ["template.archive", id],
      ["template.share", id],
    ]);
    expect(events.every((e) => e.reason.length > 0)).toBe(true);
    expect(events[1].reason).toMatch(/lock/);
  });

  it("an admin inviting an owner", async () => {
    const t = await newTeam("refuse-invite");
    const admin = await addMember(t.teamId, "admin");
    expect(code(await createInvitation(admin.ctx, { email: "", role: "owner" }).catch((e) => e))).toBe("invalid");
    const [event] = await failures(t.teamId, admin.user.email);
    expect(event).toMatchObject({ action: "invitation.create", summary: expect.objectContaining({ role: "owner" }), reason: expect.stringMatching(/cannot grant/) });
    expect(await db().invitation.count({ where: { teamId: t.teamId } })).toBe(0);
  });

  it("invitations used by the wrong person, or revoked, used or expired ones (at most one event per person and link per hour)", async () => {
    const t = await newTeam("refuse-accept");
    const { token: personal, id: personalId } = await createInvitation(t.ctx, { email: "named@it.test", role: "member" });
    const stranger = await newUser("stranger");
    for (let i = 0; i < 3; i++) expect(code(await acceptInvitation(stranger, personal).catch((e) => e))).toBe("forbidden");

    const { token: revoked, id: revokedId } = await createInvitation(t.ctx, { email: "", role: "viewer" });
    await revokeInvitation(t.ctx, revokedId);
    expect(code(await acceptInvitation(stranger, revoked).catch((e) => e))).toBe("invalid");

    const { token: expired, id: expiredId } = await createInvitation(t.ctx, { email: "", role: "viewer" });
    await db().invitation.update({ where: { id: expiredId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const email = uniqueEmail("late");
    expect(code(await signUp({ name: "Late", email, password: TEST_PASSWORD, invitation: expired }, { ip: "192.0.2.77", userAgent: "vitest", requestId: "refusals" }).catch((e) => e))).toBe("invalid");

    const byStranger = await failures(t.teamId, stranger.email);
    expect(byStranger.map((e) => [e.action, e.targetId, e.reason])).toEqual([
      ["invitation.accept", personalId, expect.stringMatching(/for named@it.test/)],
      ["invitation.accept", revokedId, expect.stringMatching(/revoked/)],
    ]);
    const [late] = await failures(t.teamId, email);
    expect(late).toMatchObject({ action: "invitation.accept", targetId: expiredId, reason: expect.stringMatching(/expired/) });
    expect(await db().user.count({ where: { email } })).toBe(0); // the refused sign-up left no account
  });
});
