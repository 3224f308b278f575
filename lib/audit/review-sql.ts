import { TEAM_VISIBLE_ACTIONS } from "./actions";
import type { ReviewFilter } from "./review-filter";

// The review query, pure: who may see which events (a scope made of "branches"), and the one SQL
// statement that lists a page of them. The data layer runs it through Prisma, the benchmark
// through pg: both measure and use the same text.
//
// A branch is one index range: events of one chain, optionally of some actors and/or actions.
// Every branch is read newest-first through an index on (chainKey, …, createdAt, id) and cut at
// the page size, so a page costs a few short index scans however big the table is.
export type Branch = { chainKey: string; actorIds?: string[]; actions?: readonly string[]; notActor?: string };

export const GLOBAL_CHAIN = "global";

/** What owners/admins see of their members' events outside the team (chain "global"). */
export const SESSION_ACTIONS: readonly string[] = ["auth.sign_in", "auth.sign_out", "auth.sign_up", "auth.sso_connect", "auth.password_reset_request", "auth.password_reset"];

/** Owners/admins: the team's chain + the sign-ins/outs (chain "global") of its current members. */
export function managerScope(teamId: string, memberIds: string[]): Branch[] {
  return [{ chainKey: teamId }, { chainKey: GLOBAL_CHAIN, actorIds: memberIds, actions: SESSION_ACTIONS }];
}

/** Members/viewers: their own events (team and global) + everyone's deploy events of the team. */
export function ownScope(teamId: string, userId: string): Branch[] {
  return [
    { chainKey: teamId, actorIds: [userId] },
    { chainKey: teamId, actions: TEAM_VISIBLE_ACTIONS, notActor: userId },
    { chainKey: GLOBAL_CHAIN, actorIds: [userId] },
  ];
}

type Visible = { chainKey: string; actorId: string | null; action: string };

/** Whether one event is inside the scope (the detail page's check, same rule as the list). */
export function scopeAllows(scope: Branch[], e: Visible): boolean {
  return scope.some(
    (b) =>
      b.chainKey === e.chainKey &&
      (!b.actorIds || (e.actorId !== null && b.actorIds.includes(e.actorId))) &&
      (!b.actions || b.actions.includes(e.action)) &&
      (b.notActor === undefined || e.actorId !== b.notActor),
  );
}

function intersect(list: readonly string[] | undefined, value: string | undefined): readonly string[] | undefined {
  if (value === undefined) return list;
  return list ? list.filter((v) => v === value) : [value];
}

/** Folds the actor (resolved to a user id) and action filters into the branches; drops empty ones. */
export function narrowScope(scope: Branch[], actorId: string | undefined, action: string | undefined): Branch[] {
  const out: Branch[] = [];
  for (const b of scope) {
    if (actorId !== undefined && b.notActor === actorId) continue;
    const actorIds = intersect(b.actorIds, actorId) as string[] | undefined;
    const actions = intersect(b.actions, action);
    if (actorIds?.length === 0 || actions?.length === 0) continue;
    out.push({ ...b, actorIds, actions });
  }
  return out;
}

export type Cursor = { createdAt: Date; id: bigint };
export type PageRequest = { cursor?: Cursor; direction: "older" | "newer"; limit: number };

export function encodeCursor(c: Cursor): string {
  return `${c.createdAt.getTime()}_${c.id}`;
}

export function decodeCursor(value: string | undefined | null): Cursor | undefined {
  const m = /^(\d{1,15})_(\d{1,19})$/.exec(value ?? "");
  return m ? { createdAt: new Date(Number(m[1])), id: BigInt(m[2]) } : undefined;
}

export const LIST_COLUMNS = [
  "id", "chainKey", "actorId", "actorEmail", "action", "targetType", "targetId", "targetName",
  "clusterId", "clusterName", "namespace", "result", "reason", "createdAt",
] as const;
export const ALL_COLUMNS = [...LIST_COLUMNS, "teamId", "summary", "ip", "userAgent", "requestId", "prevHash", "hash"] as const;

export type Sql = { text: string; values: unknown[] };

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A target search of 3 characters or more: the trigram GIN index on (chainKey, targetId,
 * targetName) finds the chain's matching events directly (migration …_audit_target_trgm). A
 * shorter one has no trigram to look up, and reads the chain newest-first like other filters.
 */
function trigramSearch(filter: ReviewFilter): boolean {
  return (filter.target?.length ?? 0) >= 3;
}

/**
 * The longest word (letters and digits, as pg_trgm splits) of a search made of several, when it
 * is long enough to have a trigram of its own; otherwise null (the whole search is looked up).
 */
export function trigramWord(target: string): string | null {
  const words = target.match(/[\p{L}\p{N}]+/gu) ?? [];
  const longest = words.reduce((a, w) => (w.length > a.length ? w : a), "");
  return words.length > 1 && longest.length >= 3 ? longest : null;
}

/**
 * The exact id, or the name containing the search (any case, wildcards literal). A search of
 * several words ("app-4242") asks the trigram index for its longest word only and checks the
 * whole search on the rows found (strpos on lower(), what ILIKE does): the trigrams of a word
 * nearly every name shares ("app" here) have posting lists as long as the whole table, and the
 * index decodes them all however few rows match — 10–50 ms at 1M events, growing with the
 * table. Any name containing the search contains its word, so the rows found are the same.
 */
function targetCondition(target: string, p: (v: unknown) => string): string {
  const word = trigramWord(target);
  const id = `"targetId" = ${p(target)}`;
  if (!word) return `(${id} OR "targetName" ILIKE ${p(`%${escapeLike(target)}%`)})`;
  return `(${id} OR ("targetName" ILIKE ${p(`%${word}%`)} AND strpos(lower("targetName"), lower(${p(target)})) > 0))`;
}

/** The filter conditions every branch shares (actor and action are already in the branches). */
function filterConditions(filter: ReviewFilter, page: PageRequest, p: (v: unknown) => string): string[] {
  const c: string[] = [];
  if (filter.targetType) c.push(`"targetType" = ${p(filter.targetType)}`);
  if (filter.target) c.push(targetCondition(filter.target, p));
  if (filter.cluster) {
    const v = p(filter.cluster);
    c.push(`("clusterName" = ${v} OR "clusterId" = ${v})`);
  }
  if (filter.namespace) c.push(`"namespace" = ${p(filter.namespace)}`);
  if (filter.result) c.push(`"result" = ${p(filter.result)}::"AuditResult"`);
  if (filter.from) c.push(`"createdAt" >= ${p(filter.from.toISOString())}::timestamptz`);
  if (filter.to) c.push(`"createdAt" < ${p(filter.to.toISOString())}::timestamptz`);
  if (page.cursor) {
    const op = page.direction === "older" ? "<" : ">";
    c.push(`("createdAt", "id") ${op} (${p(page.cursor.createdAt.toISOString())}::timestamptz, ${p(page.cursor.id.toString())}::bigint)`);
  }
  return c;
}

/**
 * One page of events in the scope, newest first ("older") or oldest first ("newer", the caller
 * reverses). Fetches `limit` rows; ask for one more than you show to know whether more exist.
 * Returns null when the scope is empty (nothing to query).
 */
export function buildReviewSql(scope: Branch[], filter: ReviewFilter, page: PageRequest, columns: readonly string[] = LIST_COLUMNS): Sql | null {
  if (scope.length === 0) return null;
  const values: unknown[] = [];
  const p = (v: unknown) => `$${values.push(v)}`;
  const cols = columns.map((c) => `"${c}"`).join(", ");
  const dir = page.direction === "older" ? "DESC" : "ASC";
  const order = `ORDER BY "createdAt" ${dir}, "id" ${dir} LIMIT ${Math.max(1, Math.floor(page.limit))}`;
  const shared = filterConditions(filter, page, p);

  const branches = scope.map((b) => {
    const where = [`"chainKey" = ${p(b.chainKey)}`, ...shared];
    if (b.notActor !== undefined) where.push(`"actorId" IS DISTINCT FROM ${p(b.notActor)}`);
    // A list of more than one value is walked per value (LATERAL), keeping each index scan ordered.
    // Not with a target search the trigram index can answer: that reads the index (unordered)
    // once per branch, and once per value would repeat it.
    const fanOut = trigramSearch(filter) ? null : b.actorIds && b.actorIds.length > 1 ? "actorId" : b.actions && b.actions.length > 1 ? "action" : null;
    for (const [col, list] of [["actorId", b.actorIds], ["action", b.actions]] as const) {
      if (!list || col === fanOut) continue;
      where.push(list.length === 1 ? `"${col}" = ${p(list[0])}` : `"${col}" = ANY(${p([...list])}::text[])`);
    }
    if (!fanOut) return `(SELECT ${cols} FROM "AuditEvent" WHERE ${where.join(" AND ")} ${order})`;
    const list = fanOut === "actorId" ? b.actorIds! : b.actions!;
    where.push(`"${fanOut}" = k.v`);
    return `(SELECT e.* FROM unnest(${p([...list])}::text[]) AS k(v) CROSS JOIN LATERAL (SELECT ${cols} FROM "AuditEvent" WHERE ${where.join(" AND ")} ${order}) AS e)`;
  });
  return { text: `SELECT ${cols} FROM (${branches.join(" UNION ALL ")}) AS u ${order}`, values };
}
