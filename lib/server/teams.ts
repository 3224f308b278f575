import "server-only";
import { msg } from "@/lib/i18n/message";
import { cache } from "react";
import { assignableRoles, type Role } from "@/lib/auth/roles";
import { recordAudit, recordRefusal } from "./audit";
import { authorize, type Actor, type Ctx } from "./authz";
import { db, type Tx } from "./db";
import { invalid, notFound } from "./errors";
import { createTeamWithOwner, type SessionUser } from "./users";

export type TeamSummary = { id: string; name: string; role: Role };
export type MemberView = { membershipId: string; userId: string; name: string; email: string; role: Role; joinedAt: Date };

/**
 * The user's teams with their role, oldest membership first. One statement (a join): Prisma reads
 * a relation with a second query, and every console page asks this.
 */
export async function listMyTeams(userId: string): Promise<TeamSummary[]> {
  return db().$queryRaw<TeamSummary[]>`
    SELECT t.id, t.name, m.role::text AS role
    FROM "Membership" m JOIN "Team" t ON t.id = m."teamId"
    WHERE m."userId" = ${userId}
    ORDER BY m."createdAt" ASC, m.id ASC`;
}

export async function createTeam(user: SessionUser, name: string): Promise<string> {
  return db().$transaction((tx) => createTeamWithOwner(tx, user, name));
}

export async function listMembers(ctx: Ctx): Promise<MemberView[]> {
  await authorize(ctx, "team.read");
  return teamMembers(ctx.teamId);
}

/**
 * A team's members, oldest first, in one joined statement, read once per server render (React
 * cache(): the audit page's actor filter and its scope both need them; never kept across
 * requests, and outside a render every call reads). Not a permission check: callers authorize first.
 */
export const teamMembers = cache(
  (teamId: string): Promise<MemberView[]> => db().$queryRaw<MemberView[]>`
    SELECT m.id AS "membershipId", m."userId", u.name, u.email, m.role::text AS role, m."createdAt" AS "joinedAt"
    FROM "Membership" m JOIN "User" u ON u.id = m."userId"
    WHERE m."teamId" = ${teamId}
    ORDER BY m."createdAt" ASC, m.id ASC`,
);

/**
 * Owners and admins change roles; admins cannot touch owners; a team always keeps an owner.
 * Decided under a lock on the team row (lockTeam), so two owners demoting or removing each other
 * at the same moment cannot both succeed. Refusals (an admin granting or removing owner, the last
 * owner) are audited.
 */
export async function changeMemberRole(ctx: Ctx, membershipId: string, role: Role): Promise<void> {
  const actor = await authorize(ctx, "team.manage", { what: "change a member's role", targetId: membershipId });
  try {
    await db().$transaction(async (tx) => {
      const actorRole = await lockTeam(tx, actor);
      const m = await tx.membership.findFirst({ where: { id: membershipId, teamId: ctx.teamId }, include: { user: { select: { email: true } } } });
      if (!m) throw notFound(msg("serverErrors.what.member"));
      if (!assignableRoles(actorRole).includes(role) || (m.role === "owner" && actorRole !== "owner")) {
        throw invalid(msg("serverErrors.teams.onlyOwnerGrantsOwner"), { role: [msg("serverErrors.teams.onlyOwnerGrantsOwner")] });
      }
      if (m.role === "owner" && role !== "owner") await ensureAnotherOwner(tx, ctx.teamId, m.id);
      await tx.membership.update({ where: { id: m.id }, data: { role } });
      await recordAudit(tx, {
        action: "member.role_change",
        actor: { id: actor.userId, email: actor.email },
        teamId: ctx.teamId,
        target: { type: "membership", id: m.id, name: m.user.email },
        summary: { from: m.role, to: role },
      });
    });
  } catch (e) {
    await recordRefusal(e, { action: "member.role_change", actor: { id: actor.userId, email: actor.email }, teamId: ctx.teamId, target: { type: "membership", id: membershipId }, summary: { to: role } });
    throw e;
  }
}

export async function removeMember(ctx: Ctx, membershipId: string): Promise<void> {
  const actor = await authorize(ctx, "team.manage", { what: "remove a member", targetId: membershipId });
  try {
    await db().$transaction(async (tx) => {
      const actorRole = await lockTeam(tx, actor);
      const m = await tx.membership.findFirst({ where: { id: membershipId, teamId: ctx.teamId }, include: { user: { select: { email: true } } } });
      if (!m) throw notFound(msg("serverErrors.what.member"));
      if (m.role === "owner" && actorRole !== "owner") throw invalid(msg("serverErrors.teams.onlyOwnerRemovesOwner"));
      if (m.role === "owner") await ensureAnotherOwner(tx, ctx.teamId, m.id);
      await tx.membership.delete({ where: { id: m.id } });
      await recordAudit(tx, { action: "member.remove", actor: { id: actor.userId, email: actor.email }, teamId: ctx.teamId, target: { type: "membership", id: m.id, name: m.user.email }, summary: { role: m.role } });
    });
  } catch (e) {
    await recordRefusal(e, { action: "member.remove", actor: { id: actor.userId, email: actor.email }, teamId: ctx.teamId, target: { type: "membership", id: membershipId } });
    throw e;
  }
}

/**
 * Serializes changes to a team's memberships (SELECT … FOR UPDATE on the team row, held until the
 * transaction ends) and returns the actor's role as it is now, under the lock: the role authorize()
 * read may have been changed by the transaction that held the lock before us.
 */
async function lockTeam(tx: Tx, actor: Actor): Promise<Role> {
  await tx.$queryRaw`SELECT id FROM "Team" WHERE id = ${actor.teamId} FOR UPDATE`;
  const me = await tx.membership.findUnique({ where: { teamId_userId: { teamId: actor.teamId, userId: actor.userId } }, select: { role: true } });
  if (!me || !assignableRoles(me.role).length) throw invalid(msg("serverErrors.teams.roleChanged"));
  return me.role;
}

async function ensureAnotherOwner(tx: Tx, teamId: string, exceptId: string) {
  const owners = await tx.membership.count({ where: { teamId, role: "owner", id: { not: exceptId } } });
  if (owners === 0) throw invalid(msg("serverErrors.teams.needsOwner"));
}
