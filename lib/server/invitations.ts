import "server-only";
import { msg, type Msg } from "@/lib/i18n/message";
import { assignableRoles, type Role } from "@/lib/auth/roles";
import { recordAudit, recordRefusal } from "./audit";
import { authorize, type Ctx } from "./authz";
import { db, type Tx } from "./db";
import { env, mailEnabled } from "./env";
import { AppError, forbidden, invalid, notFound } from "./errors";
import { hashLinkToken, linkTokenLookup, newLinkToken } from "./link-token";
import { mailLink, sendMail } from "./mail";
import { invitationMail } from "./mail-text";
import { errorFields, log } from "./observability/log";


export type InvitationView = {
  id: string;
  email: string | null;
  role: Role;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  state: "pending" | "accepted" | "revoked" | "expired";
};

function stateOf(i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }): InvitationView["state"] {
  if (i.acceptedAt) return "accepted";
  if (i.revokedAt) return "revoked";
  return i.expiresAt.getTime() < Date.now() ? "expired" : "pending";
}

/**
 * Makes an invitation link. Bound to an email while Berth can send mail, the link goes only to
 * that mailbox (`mailed`: the inviter never sees it), so whoever holds it proved the address.
 */
export async function createInvitation(ctx: Ctx, input: { email: string; role: Role }): Promise<{ token: string; id: string; mailed: boolean }> {
  const actor = await authorize(ctx, "team.manage", { what: "invite a member" });
  if (!assignableRoles(actor.role).includes(input.role)) {
    const refusal = invalid(msg("serverErrors.invitations.cannotGrantRole"), { role: [msg("serverErrors.invitations.onlyOwnerInvitesOwner")] });
    await recordRefusal(refusal, { action: "invitation.create", actor: { id: actor.userId, email: actor.email }, teamId: ctx.teamId, summary: { role: input.role, by: actor.role } });
    throw refusal;
  }
  const token = newLinkToken();
  const expiresAt = new Date(Date.now() + env().BERTH_INVITATION_TTL_HOURS * 3600_000);
  const mail = mailEnabled() && input.email ? input.email : null;
  const inv = await db().$transaction(async (tx) => {
    const inv = await tx.invitation.create({
      data: { teamId: ctx.teamId, email: input.email || null, role: input.role, tokenHash: hashLinkToken(token), createdById: ctx.userId, expiresAt, mailedAt: mail ? new Date() : null },
      include: { team: { select: { name: true } } },
    });
    await recordAudit(tx, {
      action: "invitation.create",
      actor: { id: actor.userId, email: actor.email },
      teamId: ctx.teamId,
      target: { type: "invitation", id: inv.id, name: input.email || "(link)" },
      summary: { role: input.role, expiresAt: expiresAt.toISOString(), mailed: Boolean(mail) },
    });
    return inv;
  });
  if (mail) {
    try {
      // in the invitee's language if they already have an account here, else English
      const invitee = await db().user.findUnique({ where: { email: mail }, select: { locale: true } });
      const content = invitationMail(invitee?.locale, { inviter: actor.name || actor.email, team: inv.team.name, role: input.role, expiresAt, link: mailLink(`/invite/${token}`) });
      await sendMail({ to: mail, ...content });
    } catch (error) {
      // Nobody can use a link that did not arrive: revoke it, say so.
      await db().$transaction(async (tx) => {
        await tx.invitation.update({ where: { id: inv.id }, data: { revokedAt: new Date() } });
        await recordAudit(tx, { action: "invitation.revoke", actor: { id: actor.userId, email: actor.email }, teamId: ctx.teamId, target: { type: "invitation", id: inv.id, name: mail }, summary: { why: "the invitation mail could not be sent" } });
      });
      log().error(errorFields(error), "could not send the invitation mail");
      throw new AppError(msg("serverErrors.invitations.mailFailed"), "unavailable");
    }
  }
  return { token, id: inv.id, mailed: Boolean(mail) };
}

export async function listInvitations(ctx: Ctx): Promise<InvitationView[]> {
  await authorize(ctx, "team.manage", { what: "list invitations" });
  const rows = await db().invitation.findMany({
    where: { teamId: ctx.teamId },
    orderBy: { createdAt: "desc" },
    take: 100,
    include: { createdBy: { select: { email: true } } },
  });
  return rows.map((i) => ({ id: i.id, email: i.email, role: i.role, createdBy: i.createdBy.email, createdAt: i.createdAt, expiresAt: i.expiresAt, state: stateOf(i) }));
}

export async function revokeInvitation(ctx: Ctx, id: string): Promise<void> {
  const actor = await authorize(ctx, "team.manage", { what: "revoke an invitation", targetId: id });
  await db().$transaction(async (tx) => {
    const inv = await tx.invitation.findFirst({ where: { id, teamId: ctx.teamId } });
    if (!inv) throw notFound(msg("serverErrors.what.invitation"));
    if (stateOf(inv) !== "pending") throw invalid(msg("serverErrors.invitations.alreadyInState", { state: msg(`serverErrors.invitations.state.${stateOf(inv)}`) }));
    await tx.invitation.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { action: "invitation.revoke", actor: { id: actor.userId, email: actor.email }, teamId: ctx.teamId, target: { type: "invitation", id, name: inv.email ?? "(link)" } });
  });
}

/** What the invitation page may show before sign-in: the team's name and the role, nothing else. */
export async function describeInvitation(token: string): Promise<{ teamName: string; role: Role; email: string | null; state: InvitationView["state"] } | null> {
  const tokenHash = linkTokenLookup(token);
  if (!tokenHash) return null;
  const inv = await db().invitation.findUnique({ where: { tokenHash }, include: { team: { select: { name: true } } } });
  return inv ? { teamName: inv.team.name, role: inv.role, email: inv.email, state: stateOf(inv) } : null;
}

const REFUSALS: Record<Exclude<InvitationView["state"], "pending">, Msg> = {
  accepted: msg("serverErrors.invitations.linkUsed"),
  revoked: msg("serverErrors.invitations.revoked"),
  expired: msg("serverErrors.invitations.linkExpired"),
};

/** Joins the user to the invitation's team, inside the caller's transaction. */
export async function consumeInvitation(tx: Tx, input: { token: string; user: { id: string; email: string } }): Promise<{ teamId: string }> {
  const inv = await tx.invitation.findUnique({ where: { tokenHash: hashLinkToken(input.token) } });
  if (!inv) throw invalid(msg("serverErrors.invitations.linkInvalid"), { invitation: [msg("serverErrors.invitations.linkInvalid")] });
  const state = stateOf(inv);
  if (state !== "pending") throw invalid(REFUSALS[state], { invitation: [REFUSALS[state]] });
  if (inv.email) {
    // Bound to an address: the acceptor must have proven it. Either Berth mailed this link only to
    // that address (holding it is the proof, and now verifies the account's address), or the
    // account's address was verified before (single sign-on, a mailed password reset).
    if (inv.email !== input.user.email) throw forbidden(msg("serverErrors.invitations.forOtherEmail", { email: inv.email }));
    const account = await tx.user.findUniqueOrThrow({ where: { id: input.user.id }, select: { emailVerifiedAt: true } });
    if (!account.emailVerifiedAt && !inv.mailedAt) {
      throw forbidden(msg("serverErrors.invitations.emailUnverified", { email: inv.email }));
    }
    if (!account.emailVerifiedAt) await tx.user.update({ where: { id: input.user.id }, data: { emailVerifiedAt: new Date() } });
  }
  // Conditional update: two people racing for one link, only one wins.
  const claimed = await tx.invitation.updateMany({ where: { id: inv.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date(), acceptedById: input.user.id } });
  if (claimed.count !== 1) throw invalid(REFUSALS.accepted);
  const existing = await tx.membership.findUnique({ where: { teamId_userId: { teamId: inv.teamId, userId: input.user.id } } });
  if (existing) throw invalid(msg("serverErrors.invitations.alreadyMember"));
  await tx.membership.create({ data: { teamId: inv.teamId, userId: input.user.id, role: inv.role } });
  await recordAudit(tx, { action: "invitation.accept", actor: input.user, teamId: inv.teamId, target: { type: "invitation", id: inv.id, name: input.user.email }, summary: { role: inv.role } });
  return { teamId: inv.teamId };
}

export async function acceptInvitation(user: { id: string; email: string }, token: string): Promise<{ teamId: string }> {
  try {
    return await db().$transaction((tx) => consumeInvitation(tx, { token, user }));
  } catch (e) {
    await auditInvitationRefusal(e, token, user);
    throw e;
  }
}

const REFUSAL_DEDUPE_MS = 3600_000;

/**
 * Records a refused use of an existing invitation (someone else's address; revoked, used or
 * expired) in its team's trail, after the refused transaction rolled back. Unknown links record
 * nothing (no team to tell), and one person retrying one link is recorded at most once an hour,
 * so a flood cannot grow the trail without bound.
 */
export async function auditInvitationRefusal(error: unknown, token: string, user: { id: string; email: string }): Promise<void> {
  const tokenHash = linkTokenLookup(token);
  if (!(error instanceof AppError) || !tokenHash) return;
  const inv = await db().invitation.findUnique({ where: { tokenHash }, select: { id: true, teamId: true, email: true } });
  if (!inv) return;
  const recent = await db().auditEvent.findFirst({
    where: { chainKey: inv.teamId, action: "invitation.accept", result: "failure", createdAt: { gt: new Date(Date.now() - REFUSAL_DEDUPE_MS) }, targetId: inv.id, actorEmail: user.email },
    select: { id: true },
  });
  if (recent) return;
  await recordRefusal(error, {
    action: "invitation.accept",
    actor: { id: user.id, email: user.email },
    teamId: inv.teamId,
    target: { type: "invitation", id: inv.id, name: inv.email ?? "(link)" },
    summary: { invitedEmail: inv.email },
  });
}
