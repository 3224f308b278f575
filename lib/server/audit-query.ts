import "server-only";
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
import { authorize, type Actor, type Ctx } from "./authz";
import { db } from "./db";
import { notFound } from "./errors";

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
  const members = await db().membership.findMany({ where: { teamId: ctx.teamId }, select: { userId: true } });
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
  const shown = rows.slice(0, limit);
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
  if (!/^\d{1,19}$/.test(id)) throw notFound("That audit event");
  const row = await db().auditEvent.findUnique({ where: { id: BigInt(id) } });
  if (!row || !scopeAllows(scope.branches, row)) throw notFound("That audit event");
  const { id: rawId, ...rest } = row;
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
    yield rows.map(toRow) as AuditEventDetail[];
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1];
    cursor = { createdAt: last.createdAt, id: last.id };
  }
}
