import "server-only";
import { msg } from "@/lib/i18n/message";
import { roleAllows } from "@/lib/auth/roles";
import type { ChainedContent } from "@/lib/audit/hash-chain";
import type { ReviewFilter } from "@/lib/audit/review-filter";
import {
  ALL_COLUMNS,
  buildReviewSql,
  encodeCursor,
  managerScope,
  narrowScope,
  ownScope,
  scopeAllows,
  type Branch,
  type Cursor,
  LIST_COLUMNS,
  type PageRequest,
} from "@/lib/audit/review-sql";
import { TEAM_VISIBLE_ACTIONS, type AuditAction } from "@/lib/audit/actions";
import { authorize, type Actor, type Ctx } from "./authz";
import { db } from "./db";
import { notFound } from "./errors";
import { teamMembers } from "./teams";
import { deploymentAccess } from "./template-access";

// The review side of the audit trail: list (filters + keyset pages), one event, and the batches
// the export streams. Owners/admins see the team's chain and its members' sign-ins; members and
// viewers their own events plus the team's deploy events (lib/audit/review-sql.ts has the rule).
type ListColumn = Exclude<(typeof LIST_COLUMNS)[number], "id">;
export type AuditEventRow = Pick<ChainedContent, ListColumn> & { id: string };
export type AuditEventDetail = Omit<ChainedContent, "summary"> & { id: string; summary: unknown; hash: string };

export type AuditPage = { events: AuditEventRow[]; older?: string; newer?: string; scope: "team" | "own" };

export const PAGE_SIZE = 50;

type Scope = { actor: Actor; manager: boolean; branches: Branch[] };

/** Who the caller is and which events they may see. */
export async function auditScope(ctx: Ctx): Promise<Scope> {
  const actor = await authorize(ctx, "team.read");
  const manager = roleAllows(actor.role, "audit.read.team");
  if (!manager) return { actor, manager, branches: ownScope(ctx.teamId, ctx.userId) };
  const members = await teamMembers(ctx.teamId); // the same read as the page's actor filter (listMembers)
  return { actor, manager, branches: managerScope(ctx.teamId, members.map((m) => m.userId)) };
}

/** The scope narrowed by the filter's actor (an email, resolved to a user id) and action. */
async function filteredBranches(scope: Scope, filter: ReviewFilter): Promise<Branch[]> {
  let actorId: string | undefined;
  if (filter.actor) {
    const user = await db().user.findUnique({ where: { email: filter.actor }, select: { id: true } });
    if (!user) return [];
    actorId = user.id;
  }
  return narrowScope(scope.branches, actorId, filter.action);
}

type RawRow = Omit<AuditEventDetail, "id"> & { id: bigint };

// What stays of a teammate's deploy event whose deployment the caller may not see in detail
// (someone else's private template, lib/server/template-access.ts): who, when, where, which app
// and record — not its diff, template, note or failure text.
const KEPT_SUMMARY_KEYS = ["deploymentId", "replayOf", "refused", "objects", "applied", "deleted", "via"];
export const HIDDEN_REASON = "Details hidden: this deployment's template is private.";

type Hideable = { actorId: string | null; action: string; targetType: string; targetId: string; reason: string; summary?: unknown };

function deploymentIdOf(e: Hideable): string | null {
  if (e.targetType === "deployment") return e.targetId;
  const replayOf = e.summary && typeof e.summary === "object" ? (e.summary as Record<string, unknown>).replayOf : undefined;
  return typeof replayOf === "string" ? replayOf : null;
}

/** Hides the details of teammates' deploy events the caller may not see (owners/admins see all). */
async function hidePrivateDeployDetails<T extends Hideable>(scope: Scope, rows: T[]): Promise<T[]> {
  if (scope.manager) return rows;
  const others = rows.filter((e) => e.actorId !== scope.actor.userId && TEAM_VISIBLE_ACTIONS.includes(e.action as AuditAction));
  const ids = [...new Set(others.map(deploymentIdOf).filter((id): id is string => id !== null))];
  if (others.length === 0) return rows;
  const deployments = await db().deployment.findMany({
    where: { id: { in: ids }, teamId: scope.actor.teamId },
    select: { id: true, actorId: true, template: { select: { ownerId: true, visibility: true } } },
  });
  const visible = new Set(deployments.filter((d) => deploymentAccess(scope.actor, d).details).map((d) => d.id));
  return rows.map((e) => {
    if (!others.includes(e)) return e;
    const id = deploymentIdOf(e);
    if (id !== null && visible.has(id)) return e;
    const kept: Record<string, unknown> = { detailsHidden: true };
    if (e.summary && typeof e.summary === "object") {
      for (const key of KEPT_SUMMARY_KEYS) if (key in e.summary) kept[key] = (e.summary as Record<string, unknown>)[key];
    }
    return { ...e, reason: e.reason ? HIDDEN_REASON : "", ...("summary" in e ? { summary: kept } : {}) };
  });
}

async function fetchRows(branches: Branch[], filter: ReviewFilter, page: PageRequest, columns?: readonly string[]): Promise<RawRow[]> {
  const sql = buildReviewSql(branches, filter, page, columns);
  if (!sql) return [];
  return db().$queryRawUnsafe<RawRow[]>(sql.text, ...sql.values);
}

function toRow<T extends { id: bigint }>(row: T): Omit<T, "id"> & { id: string } {
  return { ...row, id: row.id.toString() };
}

const cursorOf = (e: { createdAt: Date; id: bigint }) => encodeCursor({ createdAt: e.createdAt, id: e.id });

/**
 * One page of events, newest first. `before` (older page) and `after` (newer page) are the cursors
 * the previous page handed out; without either, the newest events.
 */
export async function listAuditEvents(
  ctx: Ctx,
  filter: ReviewFilter,
  position: { before?: Cursor; after?: Cursor } = {},
  limit = PAGE_SIZE,
): Promise<AuditPage> {
  const scope = await auditScope(ctx);
  const branches = await filteredBranches(scope, filter);
  const newer = position.after !== undefined && position.before === undefined;
  const page: PageRequest = { cursor: newer ? position.after : position.before, direction: newer ? "newer" : "older", limit: limit + 1 };
  const rows = await fetchRows(branches, filter, page);
  const more = rows.length > limit;
  const shown = await hidePrivateDeployDetails(scope, rows.slice(0, limit));
  if (newer) shown.reverse();
  const first = shown[0];
  const last = shown[shown.length - 1];
  return {
    events: shown.map(toRow) as AuditEventRow[],
    older: last && (newer || more) ? cursorOf(last) : undefined,
    newer: first && (newer ? more : page.cursor !== undefined) ? cursorOf(first) : undefined,
    scope: scope.manager ? "team" : "own",
  };
}

/** One event with every field, if the caller may see it; otherwise "not found". */
export async function getAuditEvent(ctx: Ctx, id: string): Promise<AuditEventDetail> {
  const scope = await auditScope(ctx);
  if (!/^\d{1,19}$/.test(id)) throw notFound(msg("serverErrors.what.auditEvent"));
  const row = await db().auditEvent.findUnique({ where: { id: BigInt(id) } });
  if (!row || !scopeAllows(scope.branches, row)) throw notFound(msg("serverErrors.what.auditEvent"));
  const [shown] = await hidePrivateDeployDetails(scope, [row]);
  const { id: rawId, ...rest } = shown;
  return { ...rest, id: rawId.toString() } as AuditEventDetail;
}

/** Every event matching the filter, newest first, in keyset batches (what the export streams). */
export async function* auditEventBatches(ctx: Ctx, filter: ReviewFilter, batchSize = 1000): AsyncGenerator<AuditEventDetail[]> {
  const scope = await auditScope(ctx);
  const branches = await filteredBranches(scope, filter);
  let cursor: Cursor | undefined;
  for (;;) {
    const rows = await fetchRows(branches, filter, { cursor, direction: "older", limit: batchSize }, ALL_COLUMNS);
    if (rows.length === 0) return;
    yield (await hidePrivateDeployDetails(scope, rows)).map(toRow) as AuditEventDetail[];
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1];
    cursor = { createdAt: last.createdAt, id: last.id };
  }
}
