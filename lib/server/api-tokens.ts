import "server-only";
import { randomBytes } from "node:crypto";
import { lowerRole, roleAllows, type Role } from "@/lib/auth/roles";
import { msg } from "@/lib/i18n/message";
import type { CreateApiTokenInput } from "@/lib/validation/api-tokens";
import { recordAudit, recordAuditAlone, recordRefusal } from "./audit";
import { authorize, isManager, type Ctx } from "./authz";
import { db } from "./db";
import { AppError, forbidden, invalid, notFound } from "./errors";
import { hashLinkToken } from "./link-token";

// API tokens: a user's credential for the REST API and the CLI, bound to one team with a role
// cap (viewer = read, member = deploy). The secret is `berth_` + 32 random bytes (base64url): the
// prefix lets secret scanners recognise a leaked one; only its SHA-256 is stored (like invitation
// and reset links, lib/server/link-token.ts). Each request re-reads the token and the membership.
export const TOKEN_PREFIX = "berth_";
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;
/** Active tokens one user may hold in one team (a bound on rows, not a security limit). */
export const MAX_TOKENS_PER_USER_TEAM = 50;
const LAST_USED_GRANULARITY_MS = 60_000;

export type ApiTokenView = {
  id: string;
  name: string;
  /** The first characters of the secret (`berth_AbC123`), to match a leaked secret to its row. */
  prefix: string;
  role: Role;
  team: { id: string; name: string };
  user: { id: string; name: string; email: string };
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  state: "active" | "expired" | "revoked";
};

const VIEW_SELECT = {
  id: true, name: true, prefix: true, role: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true,
  team: { select: { id: true, name: true } },
  user: { select: { id: true, name: true, email: true } },
} as const;

type ViewRow = { id: string; name: string; prefix: string; role: Role; createdAt: Date; expiresAt: Date; lastUsedAt: Date | null; revokedAt: Date | null; team: { id: string; name: string }; user: { id: string; name: string; email: string } };

function toView(r: ViewRow): ApiTokenView {
  const state = r.revokedAt ? "revoked" : r.expiresAt.getTime() <= Date.now() ? "expired" : "active";
  return { ...r, state };
}

/** A fresh secret: what the user copies once. */
export function newApiTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** Creates a token for the caller in `input.teamId`; the role may not exceed the caller's own. The secret is returned once. */
export async function createApiToken(ctx: Pick<Ctx, "userId" | "token">, input: CreateApiTokenInput): Promise<{ token: ApiTokenView; secret: string }> {
  // Tokens are made by a person at the console: a token cannot mint another one.
  if (ctx.token) throw forbidden(msg("apiTokens.errors.notThroughApi"));
  const teamCtx = { userId: ctx.userId, teamId: input.teamId };
  const actor = await authorize(teamCtx, "team.read", { what: "create an API token" });
  const audit = { action: "api_token.create" as const, actor: { id: actor.userId, email: actor.email }, teamId: actor.teamId };
  try {
    if (input.role === "member" && !roleAllows(actor.role, "deploy.run")) {
      throw invalid(msg("apiTokens.errors.roleTooHigh"), { role: [msg("apiTokens.errors.viewersReadOnly")] });
    }
    const active = await db().apiToken.count({ where: { userId: actor.userId, teamId: actor.teamId, revokedAt: null, expiresAt: { gt: new Date() } } });
    if (active >= MAX_TOKENS_PER_USER_TEAM) throw invalid(msg("apiTokens.errors.tooMany", { count: active }));
  } catch (e) {
    await recordRefusal(e, { ...audit, summary: { name: input.name, role: input.role } });
    throw e;
  }
  const secret = newApiTokenSecret();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const row = await db().$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId: actor.userId, teamId: actor.teamId, name: input.name, role: input.role, tokenHash: hashLinkToken(secret), prefix: secret.slice(0, SHOWN_PREFIX_LENGTH), expiresAt },
      select: VIEW_SELECT,
    });
    await recordAudit(tx, { ...audit, target: { type: "api_token", id: row.id, name: row.name }, summary: { role: input.role, expiresAt: expiresAt.toISOString(), prefix: row.prefix } });
    return row;
  });
  return { token: toView(row), secret };
}

/** The caller's own tokens in every team, newest first (revoked and expired ones included, for a while). */
export async function listMyApiTokens(userId: string): Promise<ApiTokenView[]> {
  const rows = await db().apiToken.findMany({
    where: { userId, OR: [{ revokedAt: null }, { revokedAt: { gt: new Date(Date.now() - 30 * 86_400_000) } }] },
    select: VIEW_SELECT,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  return rows.map(toView);
}

/** Every member's tokens of the team: owners and admins only. */
export async function listTeamApiTokens(ctx: Ctx): Promise<ApiTokenView[]> {
  await authorize(ctx, "team.manage", { what: "list the team's API tokens" });
  const rows = await db().apiToken.findMany({
    where: { teamId: ctx.teamId, revokedAt: null, expiresAt: { gt: new Date() } },
    select: VIEW_SELECT,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
  });
  return rows.map(toView);
}

/** Revokes a token: its owner may, and an owner/admin of its team. Another team's token is "not found". */
export async function revokeApiToken(ctx: Pick<Ctx, "userId" | "token">, tokenId: string): Promise<void> {
  const row = await db().apiToken.findUnique({ where: { id: tokenId }, select: { id: true, name: true, userId: true, teamId: true, revokedAt: true, prefix: true } });
  if (!row) throw notFound(msg("apiTokens.errors.thatToken"));
  const actor = await authorize({ userId: ctx.userId, teamId: row.teamId, token: ctx.token }, "team.read", { what: "revoke an API token", targetId: row.id });
  if (row.userId !== actor.userId && !isManager(actor)) throw notFound(msg("apiTokens.errors.thatToken"));
  if (row.revokedAt) return;
  await db().$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: new Date(), revokedById: actor.userId } });
    if (count === 0) return;
    await recordAudit(tx, {
      action: "api_token.revoke",
      actor: { id: actor.userId, email: actor.email },
      teamId: row.teamId,
      target: { type: "api_token", id: row.id, name: row.name },
      summary: { prefix: row.prefix, ownToken: row.userId === actor.userId },
    });
  });
}

/** Why a presented secret does not work; each becomes a 401 with its own problem type. */
export class TokenRefused extends AppError {
  constructor(
    message: string,
    readonly reason: "unauthenticated" | "token_expired" | "token_revoked",
  ) {
    super(message, "forbidden");
    this.name = "TokenRefused";
  }
}

export type AuthenticatedToken = { ctx: Ctx & { token: NonNullable<Ctx["token"]> }; token: { id: string; name: string; role: Role; expiresAt: Date }; team: { id: string; name: string }; user: { id: string; email: string; name: string }; role: Role };

/** The token row a secret names, or null (no secret of ours: wrong prefix, oversized, unknown). */
export async function findTokenBySecret(secret: string) {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  return db().apiToken.findUnique({
    where: { tokenHash: hashLinkToken(secret) },
    select: { id: true, name: true, role: true, userId: true, teamId: true, createdAt: true, expiresAt: true, revokedAt: true, lastUsedAt: true, team: { select: { name: true } } },
  });
}

type TokenRow = NonNullable<Awaited<ReturnType<typeof findTokenBySecret>>>;

/**
 * Checks a known token is usable now: not revoked, not expired, its user still a member of its
 * team (since before the token was made: leaving and rejoining does not revive old tokens).
 * Refusals of a known token are audited; the effective role is min(token role, member role).
 */
export async function acceptToken(row: TokenRow): Promise<AuthenticatedToken> {
  const now = new Date();
  const membership = await db().membership.findUnique({
    where: { teamId_userId: { teamId: row.teamId, userId: row.userId } },
    select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  let refusal: TokenRefused | null = null;
  if (row.revokedAt) refusal = new TokenRefused(`This API token (${row.name}) was revoked. Create a new one on your account page.`, "token_revoked");
  else if (row.expiresAt.getTime() <= now.getTime()) refusal = new TokenRefused(`This API token (${row.name}) expired on ${row.expiresAt.toISOString()}. Create a new one on your account page.`, "token_expired");
  else if (!membership || membership.createdAt.getTime() > row.createdAt.getTime()) {
    refusal = new TokenRefused(`This API token (${row.name}) no longer works: its user is no longer a member of team ${row.team.name}.`, "token_revoked");
  }
  if (refusal) {
    await recordAuditAlone({
      action: "api_token.refused",
      actor: membership ? { id: membership.user.id, email: membership.user.email } : { id: row.userId, email: "" },
      teamId: row.teamId,
      target: { type: "api_token", id: row.id, name: row.name },
      summary: { refused: refusal.reason },
      result: "failure",
      reason: refusal.message,
    });
    throw refusal;
  }
  const m = membership!;
  // Last use to the minute: one write per token per minute at most, not one per request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  const token = { id: row.id, name: row.name, role: row.role };
  return {
    ctx: { userId: row.userId, teamId: row.teamId, token },
    token: { ...token, expiresAt: row.expiresAt },
    team: { id: row.teamId, name: row.team.name },
    user: m.user,
    role: lowerRole(m.role, row.role),
  };
}
