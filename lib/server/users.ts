import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit, recordAuditAlone } from "./audit";
import { db, type Tx } from "./db";
import { env } from "./env";
import { conflict, forbidden, invalid, rateLimited } from "./errors";
import { auditInvitationRefusal, consumeInvitation } from "./invitations";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password";
import { hitRateLimit, resetRateLimit, sweepRateLimits } from "./rate-limit";
import type { RequestContext } from "./request-context";
import { slugify } from "./slug";

export type SessionUser = { id: string; email: string; name: string };

/** A fresh install: nobody has an account yet (the first visitor is sent to create it). */
export async function isFreshInstall(): Promise<boolean> {
  return (await db().user.findFirst({ select: { id: true } })) === null;
}

/**
 * Creates the account. The first user of a fresh install becomes owner of a new team; a user
 * who signs up through an invitation joins that team; anyone else starts without a team.
 */
export async function signUp(input: { name: string; email: string; password: string; invitation?: string }): Promise<SessionUser> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction((tx) => createUser(tx, { name: input.name, email: input.email, passwordHash, invitation: input.invitation }));
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw conflict("An account with this email already exists.", { email: ["An account with this email already exists. Sign in instead."] });
    }
    // a refused invitation (someone else's address; revoked, used, expired): no account was made
    if (input.invitation) await auditInvitationRefusal(error, input.invitation, { id: "", email: input.email });
    throw error;
  }
}

export async function createUser(
  tx: Tx,
  input: { name: string; email: string; passwordHash?: string; oidcSubject?: string; invitation?: string },
): Promise<SessionUser> {
  // One sign-up at a time decides who is "first", even across several Berth instances.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('berth:first-user', 0))`;
  const isFirst = (await tx.user.count()) === 0;
  const user = await tx.user.create({
    data: { name: input.name, email: input.email, passwordHash: input.passwordHash, oidcSubject: input.oidcSubject },
    select: { id: true, email: true, name: true },
  });
  let teamId: string | null = null;
  if (input.invitation) {
    teamId = (await consumeInvitation(tx, { token: input.invitation, user })).teamId;
  } else if (isFirst) {
    teamId = await createTeamWithOwner(tx, user, `${input.name.split(" ")[0]}'s team`);
  }
  await recordAudit(tx, {
    action: "auth.sign_up",
    actor: user,
    teamId,
    target: { type: "user", id: user.id, name: user.email },
    summary: { firstUser: isFirst, viaInvitation: Boolean(input.invitation), method: input.oidcSubject ? "oidc" : "password" },
  });
  return user;
}

export async function createTeamWithOwner(tx: Tx, user: SessionUser, name: string): Promise<string> {
  const team = await tx.team.create({ data: { name, slug: `${slugify(name)}-${user.id.slice(-6)}` } });
  await tx.membership.create({ data: { teamId: team.id, userId: user.id, role: "owner" } });
  await recordAudit(tx, { action: "team.create", actor: user, teamId: team.id, target: { type: "team", id: team.id, name } });
  return team.id;
}

/**
 * Checks an email + password sign-in. Rate-limited per account (every attempt; reset on
 * success) and per IP (failures only), in Postgres so all instances share the counts.
 */
export async function verifyPasswordSignIn(email: string, password: string, context: RequestContext): Promise<SessionUser> {
  const { BERTH_SIGNIN_MAX_PER_ACCOUNT, BERTH_SIGNIN_MAX_PER_IP, BERTH_SIGNIN_WINDOW_SECONDS: window } = env();
  const accountKey = `signin:account:${email}`;
  const ipKey = `signin:ip:${context.ip || "unknown"}`;
  const fail = async (reason: string, userId?: string) =>
    recordAuditAlone({ action: "auth.sign_in", actor: userId ? { id: userId, email } : { id: "", email }, result: "failure", reason, summary: { method: "password" }, context });

  const ipBudget = await db().rateLimitBucket.findMany({ where: { key: ipKey, windowStart: { gt: new Date(Date.now() - window * 1000) } } });
  const account = await hitRateLimit(accountKey, BERTH_SIGNIN_MAX_PER_ACCOUNT, window);
  if (!account.allowed || ipBudget.some((b) => b.count >= BERTH_SIGNIN_MAX_PER_IP)) {
    const minutes = Math.max(1, Math.ceil(account.retryAfterSeconds / 60));
    await auditRateLimited(account.allowed ? "ip" : "account", account.allowed ? ipKey : accountKey, window, (summary) =>
      recordAuditAlone({ action: "auth.sign_in", actor: { id: "", email }, result: "failure", reason: "rate limited", summary: { method: "password", ...summary }, context }),
    );
    throw rateLimited(`Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
  const user = await db().user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.passwordHash || !ok) {
    await hitRateLimit(ipKey, BERTH_SIGNIN_MAX_PER_IP, window);
    await fail(user ? "wrong password" : "unknown account", user?.id);
    throw invalid("That email and password do not match an account.", { password: ["That email and password do not match an account."] });
  }
  await resetRateLimit(accountKey);
  await sweepRateLimits(); // keeps the counters table small; any instance may do it
  const session = { id: user.id, email: user.email, name: user.name };
  await recordAuditAlone({ action: "auth.sign_in", actor: session, target: { type: "user", id: user.id, name: user.email }, summary: { method: "password" }, context });
  return session;
}

/**
 * A flood must not grow the audit trail without bound: the refusals of one rate-limit window are
 * one audit event per account (or per IP) — the first; the rest are only counted, in the
 * RateLimitBucket row under `signin:refused:<key>`.
 */
async function auditRateLimited(limited: "account" | "ip", key: string, window: number, record: (summary: Record<string, unknown>) => Promise<unknown>): Promise<void> {
  const refusedKey = `signin:refused:${key}`;
  const first = await hitRateLimit(refusedKey, 1, window);
  if (!first.allowed) return;
  const windowStart = new Date(Math.floor(Date.now() / (window * 1000)) * window * 1000).toISOString();
  await record({ limited, windowStart, note: `later refusals in this window are counted under ${refusedKey}, not recorded one by one` });
}

/**
 * Finds or creates the user behind an OpenID Connect sign-in: by subject first; by email only to
 * link an account that has no subject yet, and only when the provider says the address is verified
 * (otherwise anyone who can set that address at the provider would take the account over).
 */
export async function upsertOidcUser(profile: { sub: string; email: string; name: string; emailVerified: boolean }, context: RequestContext): Promise<SessionUser> {
  const select = { id: true, email: true, name: true, oidcSubject: true } as const;
  const existing =
    (await db().user.findUnique({ where: { oidcSubject: profile.sub }, select })) ?? (await db().user.findUnique({ where: { email: profile.email }, select }));
  let user: SessionUser;
  if (existing) {
    if (existing.oidcSubject !== profile.sub) {
      const refusal = existing.oidcSubject ? "the email belongs to an account linked to another identity" : !profile.emailVerified ? "the identity provider has not verified the email" : "";
      if (refusal) {
        await recordAuditAlone({ action: "auth.sign_in", actor: { id: existing.id, email: existing.email }, result: "failure", reason: `single sign-on refused: ${refusal}`, summary: { method: "oidc" }, context });
        throw forbidden(`Single sign-on refused: ${refusal}. Sign in with your password instead.`);
      }
      await db().user.update({ where: { id: existing.id }, data: { oidcSubject: profile.sub } });
    }
    user = { id: existing.id, email: existing.email, name: existing.name };
  } else {
    user = await db().$transaction((tx) => createUser(tx, { name: profile.name, email: profile.email, oidcSubject: profile.sub }));
  }
  await recordAuditAlone({ action: "auth.sign_in", actor: user, target: { type: "user", id: user.id, name: user.email }, summary: { method: "oidc" }, context });
  return user;
}
