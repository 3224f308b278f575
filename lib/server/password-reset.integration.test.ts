import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addMember, auditEventsFor, newTeam, newUser, restoreSettings, TEST_PASSWORD, uniqueEmail, useSettings } from "@/scripts/test-support/fixtures";
import { startSmtpServer } from "@/scripts/test-support/smtp";
import { db } from "./db";
import { AppError } from "./errors";
import { createInvitation } from "./invitations";
import { createResetLink, requestPasswordReset, resetPassword } from "./password-reset";
import { signUp, verifyPasswordSignIn } from "./users";

// Password reset and mail, against a real SMTP server on loopback (smtp-server).
const ORIGIN = "http://berth.test";
const NEW_PASSWORD = "a brand new password";
let ip = 0;
const ctx = () => ({ ip: `198.18.0.${++ip}`, userAgent: "vitest", requestId: "reset" });
const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));
const linkIn = (text: string, path: string) => new RegExp(`${ORIGIN}/${path}/([A-Za-z0-9_-]+)`).exec(text)?.[1] ?? "";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});

const withMail = () => useSettings({ BERTH_SMTP_URL: smtp.url, BERTH_MAIL_FROM: "Berth <berth@berth.test>", AUTH_URL: ORIGIN });
afterEach(restoreSettings);

describe("forgot password, by mail", () => {
  it("mails a single-use link (stored hashed) that sets a new password, proves the address, and is audited", async () => {
    withMail();
    const user = await newUser("forgot");
    const asked = Date.now();
    await requestPasswordReset(user.email, ctx());
    const answered = Date.now();
    const mail = await smtp.waitForMail(user.email);
    expect(mail.raw).toMatch(/^From: Berth <berth@berth\.test>/m);
    const token = linkIn(mail.text, "reset");
    expect(token.length).toBeGreaterThan(20);
    const row = await db().passwordResetToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.tokenHash).not.toContain(token);
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(asked + 30 * 60_000);
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(answered + 30 * 60_000);

    await expect(resetPassword(token, NEW_PASSWORD, ctx())).resolves.toEqual({ email: user.email });
    await expect(verifyPasswordSignIn(user.email, NEW_PASSWORD, ctx())).resolves.toMatchObject({ id: user.id });
    expect(code(await verifyPasswordSignIn(user.email, TEST_PASSWORD, ctx()).catch((e) => e))).toBe("invalid");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull();

    const again = await resetPassword(token, "yet another password", ctx()).catch((e) => e);
    expect((again as AppError).message).toMatch(/already been used/);
    const events = [...(await auditEventsFor(null, "auth.password_reset_request")), ...(await auditEventsFor(null, "auth.password_reset"))].filter((e) => e.actorId === user.id);
    expect(events.map((e) => [e.action, e.result, e.reason])).toEqual([
      ["auth.password_reset_request", "success", ""],
      ["auth.password_reset", "success", ""],
      ["auth.password_reset", "failure", "reset link used"],
    ]);
    expect(JSON.stringify(events.map(({ id: _id, ...rest }) => rest))).not.toContain(token);
  });

  it("answers the same for an unknown address, sends nothing, and records the attempt", async () => {
    withMail();
    const email = uniqueEmail("nobody");
    const before = smtp.mails.length;
    await expect(requestPasswordReset(email, ctx())).resolves.toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.slice(before).filter((m) => m.to.includes(email))).toEqual([]);
    const events = (await auditEventsFor(null, "auth.password_reset_request")).filter((e) => e.actorEmail === email);
    expect(events.map((e) => [e.result, e.reason])).toEqual([["failure", "no account with this email: no mail sent"]]);
  });

  it("refuses an expired link and an unknown one, changing nothing", async () => {
    withMail();
    const user = await newUser("expired-reset");
    await requestPasswordReset(user.email, ctx());
    const token = linkIn((await smtp.waitForMail(user.email)).text, "reset");
    await db().passwordResetToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await resetPassword(token, NEW_PASSWORD, ctx()).catch((e) => e) as AppError).message).toMatch(/expired/);
    expect(code(await resetPassword("not-a-token", NEW_PASSWORD, ctx()).catch((e) => e))).toBe("invalid");
    await expect(verifyPasswordSignIn(user.email, TEST_PASSWORD, ctx())).resolves.toMatchObject({ id: user.id });
    const failures = (await auditEventsFor(null, "auth.password_reset")).filter((e) => e.actorId === user.id).map((e) => e.reason);
    expect(failures).toEqual(["reset link expired"]);
  });

  it("an invitation bound to an email is mailed there, not shown, and accepting it proves the address", async () => {
    withMail();
    const t = await newTeam("mailed-invite");
    const email = uniqueEmail("mailed");
    const created = await createInvitation(t.ctx, { email, role: "member" });
    expect(created.mailed).toBe(true);
    const token = linkIn((await smtp.waitForMail(email)).text, "invite");
    expect(token).toBe(created.token);
    const user = await signUp({ name: "Mailed", email, password: TEST_PASSWORD, invitation: token }, ctx());
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull();
    expect(await db().membership.count({ where: { teamId: t.teamId, userId: user.id } })).toBe(1);
  });

  it("mails in the recipient's saved language (User.locale), else English", async () => {
    withMail();
    const english = await newUser("mail-en");
    await requestPasswordReset(english.email, ctx());
    const enMail = await smtp.waitForMail(english.email);
    expect(enMail.subject).toBe("Reset your Berth password");
    expect(enMail.text).toContain("Choose a new password here (the link works once, for 30 minutes):");

    const chinese = await newUser("mail-zh");
    await db().user.update({ where: { id: chinese.id }, data: { locale: "zh-CN" } });
    await requestPasswordReset(chinese.email, ctx());
    const zhMail = await smtp.waitForMail(chinese.email);
    expect(zhMail.subject).toBe("重置您的 Berth 密码");
    expect(zhMail.text).toContain("请通过以下链接设置新密码（链接仅可使用一次，30 分钟内有效）：");
    expect(linkIn(zhMail.text, "reset")).not.toBe("");

    // an invitation to an address with an account here: in that account's language; the role too
    const t = await newTeam("mail-zh-invite");
    await db().user.update({ where: { id: t.owner.id }, data: { name: "Ana" } });
    await createInvitation(t.ctx, { email: chinese.email, role: "viewer" });
    const invite = await smtp.waitForMail(chinese.email);
    expect(invite.subject).toMatch(/ 邀请您加入 Berth 上的 mail-zh-invite /);
    expect(invite.text).toContain("以 查看者 角色加入");
    expect(linkIn(invite.text, "invite")).not.toBe("");
    // and to an address nobody has yet: English
    const stranger = uniqueEmail("mail-stranger");
    await createInvitation(t.ctx, { email: stranger, role: "member" });
    const strangerMail = await smtp.waitForMail(stranger);
    expect(strangerMail.subject).toMatch(/ invited you to mail-zh-invite .* on Berth$/);
    expect(strangerMail.text).toMatch(/on Berth as member\.\s+Accept here \(the link works once; it expires \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2} UTC\):/);
  });
});

describe("reset links made by an owner or admin (no mail)", () => {
  it("an owner makes a one-time link for a member; it works once and is audited in the team", async () => {
    const t = await newTeam("admin-reset");
    const { user } = await addMember(t.teamId, "member", "reset-me");
    const membership = await db().membership.findFirstOrThrow({ where: { teamId: t.teamId, userId: user.id } });
    const { token } = await createResetLink(t.ctx, membership.id);
    await resetPassword(token, NEW_PASSWORD, ctx());
    await expect(verifyPasswordSignIn(user.email, NEW_PASSWORD, ctx())).resolves.toMatchObject({ id: user.id });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull(); // an admin's link proves no mailbox
    const events = await auditEventsFor(t.teamId, "auth.password_reset_link");
    expect(events.map((e) => [e.actorId, e.targetId, e.result])).toEqual([[t.owner.id, user.id, "success"]]);
  });

  it("refuses a viewer, an admin resetting an owner, and an admin of one team resetting someone who is also in another", async () => {
    const t = await newTeam("admin-reset-refusals");
    const admin = await addMember(t.teamId, "admin", "reset-admin");
    const viewer = await addMember(t.teamId, "viewer", "reset-viewer");
    const ownerMembership = await db().membership.findFirstOrThrow({ where: { teamId: t.teamId, userId: t.owner.id } });
    const viewerMembership = await db().membership.findFirstOrThrow({ where: { teamId: t.teamId, userId: viewer.user.id } });
    expect(code(await createResetLink(viewer.ctx, ownerMembership.id).catch((e) => e))).toBe("forbidden");
    expect(code(await createResetLink(admin.ctx, ownerMembership.id).catch((e) => e))).toBe("forbidden");
    // the viewer also owns a team of their own: this team's admin must not take that account over
    const other = await newTeam("other-team");
    await db().membership.create({ data: { teamId: other.teamId, userId: viewer.user.id, role: "owner" } });
    expect(code(await createResetLink(admin.ctx, viewerMembership.id).catch((e) => e))).toBe("forbidden");
    expect(await db().passwordResetToken.count({ where: { userId: { in: [t.owner.id, viewer.user.id] } } })).toBe(0);
    const refusals = (await auditEventsFor(t.teamId, "auth.password_reset_link")).filter((e) => e.result === "failure");
    expect(refusals.map((e) => e.targetId)).toEqual([t.owner.id, viewer.user.id]);
  });

  it("is not offered when Berth can send mail", async () => {
    withMail();
    const t = await newTeam("admin-reset-mail");
    const { user } = await addMember(t.teamId, "member", "reset-mail");
    const membership = await db().membership.findFirstOrThrow({ where: { teamId: t.teamId, userId: user.id } });
    expect(code(await createResetLink(t.ctx, membership.id).catch((e) => e))).toBe("invalid");
  });
});
