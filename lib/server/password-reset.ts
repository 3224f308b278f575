import "server-only";
import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import { recordAudit, recordAuditAlone } from "./audit";
import { authorize, type Ctx } from "./authz";
import { db } from "./db";
import { env, mailEnabled } from "./env";
import { forbidden, invalid, notFound, rateLimited } from "./errors";
import { hashLinkToken, linkTokenLookup, newLinkToken } from "./link-token";
import { mailLink, sendMailInBackground } from "./mail";
import { passwordResetMail } from "./mail-text";
import { hashPassword } from "./password";
import { hitRateLimit, ipRateKey, resetRateLimit, retryMinutes } from "./rate-limit";
import { assertPasswordSignIn } from "./users";
import type { RequestContext } from "./request-context";

// Password reset links: a random secret in the link, only its SHA-256 stored; single use, 30
// minutes. Mailed to the account's own address when mail is set up (the reply never says whether
// the address has an account), or made by a team owner/admin for a member when it is not.
export const RESET_TTL_MINUTES = 30;
const RESET_WINDOW_SECONDS = 3600;
const RESET_MAILS_PER_ACCOUNT = 3; // per hour: nobody can flood someone's mailbox through Berth

export const RESET_REQUESTED_MSG = msg("serverErrors.passwordReset.requested");

/** "Forgot password?": mails a reset link when the address has an account; the same reply either way. */
export async function requestPasswordReset(email: string, context: RequestContext): Promise<void> {
  assertPasswordSignIn();
  const e = env();
  if (!mailEnabled()) throw forbidden(msg("serverErrors.passwordReset.noMail"));
  const ip = await hitRateLimit(ipRateKey("reset", context), e.BERTH_SIGNIN_MAX_PER_IP, RESET_WINDOW_SECONDS);
  if (!ip.allowed) throw rateLimited(msg("serverErrors.passwordReset.ipRateLimited", { minutes: retryMinutes(ip) }));
  const perAccount = await hitRateLimit(`reset:account:${email}`, RESET_MAILS_PER_ACCOUNT, RESET_WINDOW_SECONDS);
  const user = await db().user.findUnique({ where: { email }, select: { id: true, email: true, locale: true } });
  if (!user || !perAccount.allowed) {
    // Recorded once per address and window at most (unknown addresses are capped by the IP limit).
    if (perAccount.count <= RESET_MAILS_PER_ACCOUNT + 1) {
      await recordAuditAlone({ action: "auth.password_reset_request", actor: { id: user?.id ?? "", email }, result: "failure", reason: user ? "too many requests for this account: no mail sent" : "no account with this email: no mail sent", context });
    }
    return;
  }
  const token = newLinkToken();
  const expiresAt = new Date(Date.now() + RESET_TTL_MINUTES * 60_000);
  await db().$transaction(async (tx) => {
    await tx.passwordResetToken.create({ data: { userId: user.id, tokenHash: hashLinkToken(token), via: "email", expiresAt } });
    await recordAudit(tx, { action: "auth.password_reset_request", actor: { id: user.id, email: user.email }, target: { type: "user", id: user.id, name: user.email }, summary: { via: "email", expiresAt: expiresAt.toISOString() }, context });
  });
  sendMailInBackground({ to: user.email, ...passwordResetMail(user.locale, { minutes: RESET_TTL_MINUTES, link: mailLink(`/reset/${token}`) }) }, "password reset");
}

/**
 * An owner or admin makes a one-time reset link for a member (only when Berth cannot send mail).
 * The account may belong to other teams too, so the actor must be able to manage it in every one
 * of them: otherwise an admin of one team could take over the owner of another.
 */
export async function createResetLink(ctx: Ctx, membershipId: string): Promise<{ token: string; expiresAt: Date }> {
  const actor = await authorize(ctx, "team.manage", { what: "create a password reset link", targetId: membershipId });
  if (mailEnabled()) throw invalid(msg("serverErrors.passwordReset.mailEnabled"));
  const target = await db().membership.findFirst({ where: { id: membershipId, teamId: ctx.teamId }, select: { user: { select: { id: true, email: true, memberships: { select: { teamId: true, role: true } } } } } });
  if (!target) throw notFound(msg("serverErrors.what.member"));
  const user = target.user;
  const refuse = async (reason: Msg) => {
    await recordAuditAlone({ action: "auth.password_reset_link", actor: { id: actor.userId, email: actor.email }, teamId: ctx.teamId, target: { type: "user", id: user.id, name: user.email }, result: "failure", reason: english(reason) });
    throw forbidden(reason);
  };
  if (user.id === actor.userId) await refuse(msg("serverErrors.passwordReset.notYourself"));
  const mine = await db().membership.findMany({ where: { userId: actor.userId }, select: { teamId: true, role: true } });
  const roleIn = new Map(mine.map((m) => [m.teamId, m.role]));
  const manageable = user.memberships.every((m) => {
    const r = roleIn.get(m.teamId);
    return r === "owner" || (r === "admin" && m.role !== "owner");
  });
  if (!manageable) await refuse(msg("serverErrors.passwordReset.notAllTeams"));
  const token = newLinkToken();
  const expiresAt = new Date(Date.now() + RESET_TTL_MINUTES * 60_000);
  await db().$transaction(async (tx) => {
    await tx.passwordResetToken.create({ data: { userId: user.id, tokenHash: hashLinkToken(token), via: "admin", createdById: actor.userId, teamId: ctx.teamId, expiresAt } });
    await recordAudit(tx, { action: "auth.password_reset_link", actor: { id: actor.userId, email: actor.email }, teamId: ctx.teamId, target: { type: "user", id: user.id, name: user.email }, summary: { expiresAt: expiresAt.toISOString() } });
  });
  return { token, expiresAt };
}

const LINK_REFUSALS = {
  unknown: msg("serverErrors.passwordReset.linkUnknown"),
  used: msg("serverErrors.passwordReset.linkUsed"),
  expired: msg("serverErrors.passwordReset.linkExpired"),
} as const;

function linkState(row: { usedAt: Date | null; expiresAt: Date } | null): "usable" | keyof typeof LINK_REFUSALS {
  return !row ? "unknown" : row.usedAt ? "used" : row.expiresAt.getTime() <= Date.now() ? "expired" : "usable";
}

/** Whether a reset link can still be used (the page shows the form or the reason). */
export async function describeResetLink(token: string): Promise<{ state: "usable" | keyof typeof LINK_REFUSALS; message: string; msg: Msg | null }> {
  const tokenHash = linkTokenLookup(token);
  const state = linkState(tokenHash ? await db().passwordResetToken.findUnique({ where: { tokenHash } }) : null);
  return state === "usable" ? { state, message: "", msg: null } : { state, message: english(LINK_REFUSALS[state]), msg: LINK_REFUSALS[state] };
}

/** Sets a new password through a reset link: once, before it expires; every attempt is audited. */
export async function resetPassword(token: string, password: string, context: RequestContext): Promise<{ email: string }> {
  assertPasswordSignIn();
  const e = env();
  const ipKey = ipRateKey("reset", context);
  const tokenHash = linkTokenLookup(token);
  const row = tokenHash ? await db().passwordResetToken.findUnique({ where: { tokenHash }, include: { user: { select: { id: true, email: true } } } }) : null;
  const state = linkState(row);
  if (!row || state !== "usable") {
    const limit = await hitRateLimit(ipKey, e.BERTH_SIGNIN_MAX_PER_IP, RESET_WINDOW_SECONDS); // guessing links costs the IP's budget
    if (limit.count <= e.BERTH_SIGNIN_MAX_PER_IP) {
      await recordAuditAlone({ action: "auth.password_reset", actor: row ? row.user : null, target: row ? { type: "user", id: row.user.id, name: row.user.email } : undefined, result: "failure", reason: `reset link ${state}`, context });
    }
    if (!limit.allowed) throw rateLimited(msg("serverErrors.passwordReset.attemptsRateLimited"));
    throw invalid(LINK_REFUSALS[state as keyof typeof LINK_REFUSALS], { token: [LINK_REFUSALS[state as keyof typeof LINK_REFUSALS]] });
  }
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    // Conditional: two tabs racing with one link, only one wins.
    const claimed = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
    if (claimed.count !== 1) throw invalid(LINK_REFUSALS.used, { token: [LINK_REFUSALS.used] });
    // A mailed link reached the account's mailbox: that proves the address.
    await tx.user.update({ where: { id: row.user.id }, data: { passwordHash, ...(row.via === "email" ? { emailVerifiedAt: new Date() } : {}) } });
    // Other links for this account stop working too.
    await tx.passwordResetToken.updateMany({ where: { userId: row.user.id, usedAt: null }, data: { usedAt: new Date() } });
    await recordAudit(tx, { action: "auth.password_reset", actor: row.user, target: { type: "user", id: row.user.id, name: row.user.email }, summary: { via: row.via }, context });
  });
  await resetRateLimit(`signin:account:${row.user.email}`);
  return { email: row.user.email };
}
