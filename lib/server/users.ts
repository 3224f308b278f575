import "server-only";
import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit, recordAuditAlone } from "./audit";
import { db, type Tx } from "./db";
import { env } from "./env";
import { AppError, conflict, forbidden, invalid, rateLimited } from "./errors";
import { auditInvitationRefusal, consumeInvitation } from "./invitations";
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from "./password";
import { hitRateLimit, ipRateKey, rateLimitReached, resetRateLimit, retryMinutes, sweepRateLimits } from "./rate-limit";
import type { RequestContext } from "./request-context";
import { slugify } from "./slug";

export type SessionUser = { id: string; email: string; name: string };

/** A fresh install: nobody has an account yet (the first visitor is sent to create it). */
export async function isFreshInstall(): Promise<boolean> {
  return (await db().user.findFirst({ select: { id: true } })) === null;
}

const SIGNUP_WINDOW_SECONDS = 3600;

/**
 * Creates a password account, under the sign-up policy (BERTH_SIGNUP, BERTH_PASSWORD_SIGNIN)
 * and a per-IP limit counted in Postgres. The first user of a fresh install becomes owner of a
 * new team; a user who signs up through an invitation joins that team.
 */
export async function signUp(input: { name: string; email: string; password: string; invitation?: string }, context: RequestContext): Promise<SessionUser> {
  const e = env();
  if (!e.BERTH_PASSWORD_SIGNIN) {
    throw forbidden(msg("serverErrors.auth.passwordAccountsOff", { provider: e.BERTH_OIDC_NAME }));
  }
  const limit = await hitRateLimit(ipRateKey("signup", context), e.BERTH_SIGNUP_MAX_PER_IP, SIGNUP_WINDOW_SECONDS);
  if (!limit.allowed) {
    // One audit event per IP and window (the first refusal), so a flood cannot grow the table.
    if (limit.count === e.BERTH_SIGNUP_MAX_PER_IP + 1) {
      await recordAuditAlone({ action: "auth.sign_up", actor: { id: "", email: input.email }, result: "failure", reason: "rate limited (further attempts from this address in this window are not recorded)", context });
    }
    throw rateLimited(msg("serverErrors.auth.signUpsRateLimited", { minutes: retryMinutes(limit) }));
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      await assertSignUpAllowed(tx, input.invitation);
      return createUser(tx, { name: input.name, email: input.email, passwordHash, invitation: input.invitation }, context);
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw conflict(msg("serverErrors.auth.emailTaken"), { email: [msg("serverErrors.auth.emailTakenSignIn")] });
    }
    await auditRefusedSignUp(error, { email: input.email, method: "password", invitation: input.invitation }, context);
    throw error;
  }
}

/** Serializes account creation (who is "first" is decided once, even across instances). */
async function lockAccounts(tx: Tx): Promise<boolean> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('berth:first-user', 0))`;
  return (await tx.user.count()) === 0;
}

/** Where sign-up is not open, refuses to create an account (the first one is always allowed). */
export async function assertSignUpAllowed(tx: Tx, invitation: string | undefined): Promise<void> {
  if (await lockAccounts(tx)) return;
  const policy = env().BERTH_SIGNUP;
  if (policy === "closed") throw forbidden(SIGNUP_CLOSED_MSG);
  if (policy === "invite" && !invitation) throw forbidden(SIGNUP_BY_INVITATION_MSG);
}

const SIGNUP_BY_INVITATION_MSG = msg("serverErrors.auth.signUpByInvitation");
const SIGNUP_CLOSED_MSG = msg("serverErrors.auth.signUpClosed");
// The English text: which refusal an error is (auth.ts, isPolicyRefusal) is told by its message.
export const SIGNUP_BY_INVITATION = english(SIGNUP_BY_INVITATION_MSG);
const SIGNUP_CLOSED = english(SIGNUP_CLOSED_MSG);

/** A refusal by the sign-up policy (an invitation's own refusals are audited by the invitation). */
function isPolicyRefusal(error: unknown): error is AppError {
  return error instanceof AppError && (error.message === SIGNUP_BY_INVITATION || error.message === SIGNUP_CLOSED);
}

/**
 * Audits a sign-up that made no account: a refusal by the sign-up policy as auth.sign_up, and a
 * refused invitation (someone else's address; revoked, used, expired) in its team's trail.
 */
async function auditRefusedSignUp(error: unknown, attempt: { email: string; method: "password" | "oidc"; invitation?: string }, context: RequestContext): Promise<void> {
  if (isPolicyRefusal(error)) {
    await recordAuditAlone({ action: "auth.sign_up", actor: { id: "", email: attempt.email }, result: "failure", reason: error.message, summary: { method: attempt.method }, context });
  }
  if (attempt.invitation) await auditInvitationRefusal(error, attempt.invitation, { id: "", email: attempt.email });
}

/**
 * Creates the user row (no policy check: callers decide; tests' fixtures call it directly), joins
 * the invitation's team or, for the very first user, a new team of its own, and audits it.
 */
export async function createUser(
  tx: Tx,
  input: { name: string; email: string; passwordHash?: string; oidcSubject?: string; emailVerified?: boolean; invitation?: string },
  context?: RequestContext,
): Promise<SessionUser> {
  const isFirst = await lockAccounts(tx);
  const user = await tx.user.create({
    data: { name: input.name, email: input.email, passwordHash: input.passwordHash, oidcSubject: input.oidcSubject, emailVerifiedAt: input.emailVerified ? new Date() : null },
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
    context,
  });
  return user;
}

export async function createTeamWithOwner(tx: Tx, user: SessionUser, name: string): Promise<string> {
  const team = await tx.team.create({ data: { name, slug: `${slugify(name)}-${user.id.slice(-6)}` } });
  await tx.membership.create({ data: { teamId: team.id, userId: user.id, role: "owner" } });
  await recordAudit(tx, { action: "team.create", actor: user, teamId: team.id, target: { type: "team", id: team.id, name } });
  return team.id;
}

/** Refuses password sign-in, reset and the like where the operator turned passwords off (BERTH_PASSWORD_SIGNIN=false). */
export function assertPasswordSignIn(): void {
  const e = env();
  if (!e.BERTH_PASSWORD_SIGNIN) throw forbidden(msg("serverErrors.auth.passwordSignInOff", { provider: e.BERTH_OIDC_NAME }));
}

/**
 * Checks an email + password sign-in. Rate-limited per account (every attempt; reset on
 * success) and per IP (failures only), in Postgres so all instances share the counts. A hash made
 * with older, weaker parameters is replaced on success.
 */
export async function verifyPasswordSignIn(email: string, password: string, context: RequestContext): Promise<SessionUser> {
  assertPasswordSignIn();
  const { BERTH_SIGNIN_MAX_PER_ACCOUNT, BERTH_SIGNIN_MAX_PER_IP, BERTH_SIGNIN_WINDOW_SECONDS: window } = env();
  const accountKey = `signin:account:${email}`;
  const ipKey = ipRateKey("signin", context);
  const fail = async (reason: string, userId?: string) =>
    recordAuditAlone({ action: "auth.sign_in", actor: userId ? { id: userId, email } : { id: "", email }, result: "failure", reason, summary: { method: "password" }, context });

  const ipSpent = await rateLimitReached(ipKey, BERTH_SIGNIN_MAX_PER_IP, window);
  const account = await hitRateLimit(accountKey, BERTH_SIGNIN_MAX_PER_ACCOUNT, window);
  if (!account.allowed || ipSpent) {
    const minutes = retryMinutes(account);
    await auditRateLimited(account.allowed ? "ip" : "account", account.allowed ? ipKey : accountKey, window, (summary) =>
      recordAuditAlone({ action: "auth.sign_in", actor: { id: "", email }, result: "failure", reason: "rate limited", summary: { method: "password", ...summary }, context }),
    );
    throw rateLimited(msg("serverErrors.auth.signInRateLimited", { minutes }));
  }
  const user = await db().user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.passwordHash || !ok) {
    await hitRateLimit(ipKey, BERTH_SIGNIN_MAX_PER_IP, window);
    await fail(user ? "wrong password" : "unknown account", user?.id);
    throw invalid(msg("serverErrors.auth.wrongPassword"), { password: [msg("serverErrors.auth.wrongPassword")] });
  }
  if (needsRehash(user.passwordHash)) {
    const upgraded = await hashPassword(password);
    // Only if nobody changed the password meanwhile.
    await db().user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash: upgraded } });
  }
  await resetRateLimit(accountKey);
  await sweepRateLimits(); // keeps the counters table small; any instance may do it
  const session = { id: user.id, email: user.email, name: user.name };
  await recordAuditAlone({ action: "auth.sign_in", actor: session, target: { type: "user", id: user.id, name: user.email }, summary: { method: "password" }, context });
  return session;
}

export type OidcProfile = { sub: string; email: string; name: string; emailVerified: boolean };

const SSO_NOT_CONNECTED_MSG = msg("serverErrors.auth.ssoNotConnected");
export const SSO_NOT_CONNECTED = english(SSO_NOT_CONNECTED_MSG);

/**
 * A flood must not grow the audit trail without bound: the refusals of one rate-limit window are
 * one audit event per account (or per IP) — the first; the rest are only counted, in the
 * RateLimitBucket row under `signin:refused:<key>`.
 */
async function auditRateLimited(limited: "account" | "ip", key: string, window: number, record: (summary: Record<string, unknown>) => Promise<unknown>): Promise<void> {
  const refusedKey = `signin:refused:${key}`;
  const first = await hitRateLimit(refusedKey, 1, window);
  if (!first.allowed) return;
  await record({ limited, windowStart: first.windowStart.toISOString(), note: `later refusals in this window are counted under ${refusedKey}, not recorded one by one` });
}

/**
 * Finds or creates the user behind an OpenID Connect sign-in. By subject first. An email that
 * matches an existing account never signs in to it on its own (someone may have signed up with
 * that address and a password of their choosing, waiting for its owner to use single sign-on):
 * the identity is connected only from a session signed in to that account (`linkToUserId`, the
 * account page's "Connect single sign-on"), or, when the operator trusts the provider's emails
 * (BERTH_OIDC_TRUST_EMAIL=true), by an address the provider verified. A new identity creates an
 * account under the sign-up policy (`invitation`: the link it came through).
 */
export async function upsertOidcUser(profile: OidcProfile, context: RequestContext, opts: { linkToUserId?: string; invitation?: string } = {}): Promise<SessionUser> {
  if (opts.linkToUserId) return connectSso(opts.linkToUserId, profile, context);
  const select = { id: true, email: true, name: true, oidcSubject: true, emailVerifiedAt: true } as const;
  const refuse = async (actor: { id: string; email: string }, reason: string, message: Msg): Promise<never> => {
    await recordAuditAlone({ action: "auth.sign_in", actor, result: "failure", reason: `single sign-on refused: ${reason}`, summary: { method: "oidc", providerEmail: profile.email }, context });
    throw forbidden(message);
  };
  let user: SessionUser;
  const bySubject = await db().user.findUnique({ where: { oidcSubject: profile.sub }, select });
  const byEmail = bySubject ? null : await db().user.findUnique({ where: { email: profile.email }, select });
  if (bySubject) {
    user = { id: bySubject.id, email: bySubject.email, name: bySubject.name };
    if (!bySubject.emailVerifiedAt && profile.emailVerified && profile.email === bySubject.email) {
      await db().user.update({ where: { id: bySubject.id }, data: { emailVerifiedAt: new Date() } });
    }
  } else if (byEmail) {
    if (byEmail.oidcSubject) {
      return refuse(byEmail, "the email belongs to an account connected to another identity", msg("serverErrors.auth.ssoOtherIdentity"));
    }
    if (!env().BERTH_OIDC_TRUST_EMAIL) return refuse(byEmail, "the email matches an account that is not connected to single sign-on", SSO_NOT_CONNECTED_MSG);
    if (!profile.emailVerified) {
      return refuse(byEmail, "the identity provider has not verified the email", msg("serverErrors.auth.ssoEmailUnverified", { email: profile.email }));
    }
    await db().$transaction(async (tx) => {
      await tx.user.update({ where: { id: byEmail.id }, data: { oidcSubject: profile.sub, emailVerifiedAt: new Date() } });
      await recordAudit(tx, { action: "auth.sso_connect", actor: byEmail, target: { type: "user", id: byEmail.id, name: byEmail.email }, summary: { via: "provider-verified email (BERTH_OIDC_TRUST_EMAIL)" }, context });
    });
    user = { id: byEmail.id, email: byEmail.email, name: byEmail.name };
  } else {
    try {
      user = await db().$transaction(async (tx) => {
        await assertSignUpAllowed(tx, opts.invitation);
        return createUser(tx, { name: profile.name, email: profile.email, oidcSubject: profile.sub, emailVerified: profile.emailVerified, invitation: opts.invitation }, context);
      });
    } catch (error) {
      await auditRefusedSignUp(error, { email: profile.email, method: "oidc", invitation: opts.invitation }, context);
      throw error;
    }
  }
  await recordAuditAlone({ action: "auth.sign_in", actor: user, target: { type: "user", id: user.id, name: user.email }, summary: { method: "oidc" }, context });
  return user;
}

/** "Connect single sign-on" from a signed-in session: this identity signs in to that account from now on. */
async function connectSso(userId: string, profile: OidcProfile, context: RequestContext): Promise<SessionUser> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, oidcSubject: true } });
  if (!user) throw forbidden(msg("errors.sessionEnded"));
  const session = { id: user.id, email: user.email, name: user.name };
  const owner = await db().user.findUnique({ where: { oidcSubject: profile.sub }, select: { id: true } });
  const refusal =
    owner && owner.id !== user.id
      ? msg("serverErrors.auth.ssoIdentityTaken")
      : user.oidcSubject && user.oidcSubject !== profile.sub
        ? msg("serverErrors.auth.ssoAccountTaken")
        : null;
  if (refusal) {
    await recordAuditAlone({ action: "auth.sso_connect", actor: session, target: { type: "user", id: user.id, name: user.email }, result: "failure", reason: english(refusal), summary: { providerEmail: profile.email }, context });
    throw conflict(refusal);
  }
  if (!owner) {
    await db().$transaction(async (tx) => {
      const verified = profile.emailVerified && profile.email === user.email;
      await tx.user.update({ where: { id: user.id }, data: { oidcSubject: profile.sub, ...(verified ? { emailVerifiedAt: new Date() } : {}) } });
      await recordAudit(tx, { action: "auth.sso_connect", actor: session, target: { type: "user", id: user.id, name: user.email }, summary: { via: "signed-in session", providerEmail: profile.email }, context });
    });
  }
  return session;
}

/** `message` is the English text; `msg` the same in the catalogue, for the page to show in the reader's language. */
export type SignUpStatus = { fresh: boolean; password: boolean; sso: boolean; needsInvitation: boolean; closed: boolean; message: string; msg: Msg | null };

/** What the sign-up page may offer (the same rules signUp and upsertOidcUser enforce). */
export async function signUpStatus(): Promise<SignUpStatus> {
  const e = env();
  const empty = await isFreshInstall();
  const closed = !empty && e.BERTH_SIGNUP === "closed";
  const needsInvitation = !empty && e.BERTH_SIGNUP === "invite";
  const message = closed ? SIGNUP_CLOSED_MSG : needsInvitation ? SIGNUP_BY_INVITATION_MSG : null;
  return { fresh: empty, password: e.BERTH_PASSWORD_SIGNIN, sso: Boolean(e.BERTH_OIDC_ISSUER), needsInvitation, closed, message: message ? english(message) : "", msg: message };
}

export type AccountView = { name: string; email: string; emailVerified: boolean; hasPassword: boolean; ssoConnected: boolean };

/** The signed-in user's own account (the account page). */
export async function accountOverview(userId: string): Promise<AccountView> {
  const u = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true, emailVerifiedAt: true, passwordHash: true, oidcSubject: true } });
  return { name: u.name, email: u.email, emailVerified: Boolean(u.emailVerifiedAt), hasPassword: Boolean(u.passwordHash), ssoConnected: Boolean(u.oidcSubject) };
}
