import "server-only";
import { cache } from "react";
import { lowerRole, roleAllows, type Permission, type Role } from "@/lib/auth/roles";
import { recordAuditAlone } from "./audit";
import { db } from "./db";
import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import { forbidden } from "./errors";

// The one authorization helper. Every data-layer function that touches team rows calls
// authorize() with the caller's { userId, teamId } and the permission it needs; the role is
// always read from the database, never trusted from the caller.
// A caller acting through an API token carries `token`: its role caps the user's current role
// (min of the two), so a read token never deploys and a demoted user's token shrinks with them.
export type TokenCaller = { id: string; name: string; role: Role };
export type Ctx = { userId: string; teamId: string; token?: TokenCaller };
export type Actor = Ctx & { role: Role; email: string; name: string };

// The catalogue's keys are camelCase: next-intl reads a dot in a key as nesting.
const DENIED: Record<Permission, Msg> = {
  "team.read": msg("serverErrors.authz.teamRead"),
  "team.manage": msg("serverErrors.authz.teamManage"),
  "template.write": msg("serverErrors.authz.templateWrite"),
  "template.manage": msg("serverErrors.authz.templateManage"),
  "cluster.register": msg("serverErrors.authz.clusterRegister"),
  "cluster.manage": msg("serverErrors.authz.clusterManage"),
  "credential.write": msg("serverErrors.authz.credentialWrite"),
  "deploy.run": msg("serverErrors.authz.deployRun"),
  "webhook.manage": msg("serverErrors.authz.webhookManage"),
  "audit.read.team": msg("serverErrors.authz.auditReadTeam"),
};

// The actors read during one server render (React cache(): per render, never across requests;
// outside a render a fresh map each call, so server actions and route handlers always read).
type Member = Pick<Actor, "role" | "email" | "name">;
const renderActors = cache(() => new Map<string, Promise<Member | null>>());
const actorKey = (ctx: Ctx) => `${ctx.userId}\0${ctx.teamId}`;

/** The caller's membership (role) and identity, read once per render for each (user, team). */
export function loadActor(ctx: Ctx): Promise<Actor | null> {
  const seen = renderActors();
  const key = actorKey(ctx);
  let member = seen.get(key);
  if (!member) {
    member = readMember(ctx);
    seen.set(key, member);
  }
  // Through an API token the role is capped by the token's: min(token role, current membership role).
  return member.then((m) => (m ? { ...ctx, role: ctx.token ? lowerRole(m.role, ctx.token.role) : m.role, email: m.email, name: m.name } : null));
}

/** The workspace read this render already holds the actor's row (session.ts): the data layer reuses it. */
export function rememberActor(actor: Actor): void {
  const seen = renderActors();
  const key = actorKey(actor);
  if (!seen.has(key)) seen.set(key, Promise.resolve({ role: actor.role, email: actor.email, name: actor.name }));
}

async function readMember(ctx: Ctx): Promise<Member | null> {
  const m = await db().membership.findUnique({
    where: { teamId_userId: { teamId: ctx.teamId, userId: ctx.userId } },
    select: { role: true, user: { select: { email: true, name: true } } },
  });
  return m ? { role: m.role, email: m.user.email, name: m.user.name } : null;
}

/** Returns the actor when allowed; otherwise records the attempt in the audit trail and throws. */
export async function authorize(ctx: Ctx, permission: Permission, attempt?: { what?: string; targetId?: string }): Promise<Actor> {
  const actor = await loadActor(ctx);
  if (actor && roleAllows(actor.role, permission)) return actor;
  const message = actor ? DENIED[permission] : DENIED["team.read"];
  await recordAuditAlone({
    action: "authz.denied",
    actor: actor ? { id: actor.userId, email: actor.email } : { id: ctx.userId, email: "" },
    teamId: actor ? ctx.teamId : null,
    target: attempt?.targetId ? { type: "attempt", id: attempt.targetId } : undefined,
    summary: { permission, attempted: attempt?.what ?? permission, teamId: ctx.teamId, role: actor?.role ?? "none" },
    result: "failure",
    reason: english(message),
  });
  throw forbidden(message);
}

/** For reads that must also work for rows the user owns outside the role rule (own private items). */
export function isManager(actor: Actor): boolean {
  return roleAllows(actor.role, "team.manage");
}
