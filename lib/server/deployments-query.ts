import "server-only";
import { english } from "@/lib/i18n/english";
import { isMsg, msg, type Msg } from "@/lib/i18n/message";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditAction } from "@/lib/audit/actions";
import { roleAllows } from "@/lib/auth/roles";
import { recordAuditAlone } from "./audit";
import { authorize, type Actor, type Ctx } from "./authz";
import { openMyKubeConfig } from "./clusters-credentials";
import { db } from "./db";
import type { HistoryFilter } from "./deployments-input";
import { leaseExpired } from "./deployments-record";
import { AppError, forbidden, notFound } from "./errors";
import { because, readRollout, type RolloutView } from "./k8s/rollout";
import { deploymentAccess, visibleTemplatesWhere, type DeploymentAccess } from "./template-access";

// Reading deployment history: every member of the team sees that each deployment happened
// (scoped by team, so another team's id is "not found"); its manifest, values, results and
// messages only when deploymentAccess() says so (not through someone else's private template).
// The live rollout is read with the reader's own credential.
export const PAGE_SIZE = 20;

// A record's own columns for the history (not its manifest, values or results: the list never
// shows them) and, for one record's page, those too.
const SUMMARY_FIELDS = {
  id: true, number: true, kind: true, status: true, appName: true, namespace: true, clusterId: true, actorId: true, templateId: true,
  startedAt: true, finishedAt: true, durationMs: true, replayOfId: true, reason: true, message: true, breakGlass: true, requestId: true, heartbeatAt: true,
} as const satisfies Prisma.DeploymentSelect;
const DETAIL_FIELDS = { ...SUMMARY_FIELDS, parameters: true, manifest: true, results: true, messageMsg: true } as const satisfies Prisma.DeploymentSelect;

/** What a record's summary shows of its cluster, deployer, template, version and replayed record. */
type Relations = {
  cluster: { id: string; name: string; removedAt: Date | null };
  actor: { id: string; name: string; email: string };
  template: { id: string; name: string; visibility: "private" | "team"; ownerId: string } | null;
  templateVersion: { version: number } | null;
  replayOf: { id: string; number: number } | null;
};
type Row = Prisma.DeploymentGetPayload<{ select: typeof SUMMARY_FIELDS }> & Relations;

type RelationRow = {
  id: string; clusterName: string; clusterRemovedAt: Date | null; actorName: string; actorEmail: string;
  templateName: string | null; templateVisibility: "private" | "team" | null; templateOwnerId: string | null; templateVersion: number | null; replayOfNumber: number | null;
};

/**
 * The records with their relations, read in one joined statement (Prisma's `include` reads each
 * relation with a query of its own: five per list). The records were already read within the
 * caller's team; this adds what they point to.
 */
async function withRelations<T extends { id: string; clusterId: string; actorId: string; templateId: string | null; replayOfId: string | null }>(rows: T[]): Promise<(T & Relations)[]> {
  if (!rows.length) return [];
  const found = await db().$queryRaw<RelationRow[]>`
    SELECT d.id, c.name AS "clusterName", c."removedAt" AS "clusterRemovedAt", u.name AS "actorName", u.email AS "actorEmail",
           t.name AS "templateName", t.visibility::text AS "templateVisibility", t."ownerId" AS "templateOwnerId", v.version AS "templateVersion", r.number AS "replayOfNumber"
    FROM "Deployment" d
    JOIN "Cluster" c ON c.id = d."clusterId"
    JOIN "User" u ON u.id = d."actorId"
    LEFT JOIN "Template" t ON t.id = d."templateId"
    LEFT JOIN "TemplateVersion" v ON v.id = d."templateVersionId"
    LEFT JOIN "Deployment" r ON r.id = d."replayOfId"
    WHERE d.id = ANY(${rows.map((r) => r.id)}::text[])`;
  const byId = new Map(found.map((f) => [f.id, f]));
  return rows.map((r) => {
    const f = byId.get(r.id);
    if (!f) throw new Error(`deployment ${r.id} vanished while its page was read`); // records are never deleted
    return {
      ...r,
      cluster: { id: r.clusterId, name: f.clusterName, removedAt: f.clusterRemovedAt },
      actor: { id: r.actorId, name: f.actorName, email: f.actorEmail },
      template: r.templateId && f.templateName !== null ? { id: r.templateId, name: f.templateName, visibility: f.templateVisibility!, ownerId: f.templateOwnerId! } : null,
      templateVersion: f.templateVersion !== null ? { version: f.templateVersion } : null,
      replayOf: r.replayOfId && f.replayOfNumber !== null ? { id: r.replayOfId, number: f.replayOfNumber } : null,
    };
  });
}

export type RecordRef = { id: string; number: number; kind: string; startedAt: Date };

export type DeploymentSummary = {
  id: string;
  /** The record's number in its team ("#12"). */
  number: number;
  kind: string;
  status: string;
  appName: string;
  namespace: string;
  cluster: { id: string; name: string; removed: boolean };
  actor: { id: string; name: string; email: string };
  template: { id: string; name: string; version: number | null } | null;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  replayOfId: string | null;
  replayOf: { id: string; number: number } | null;
  reason: string;
  message: string;
  /** Still pending/applying long after it started: the server most likely stopped mid-way. */
  stale: boolean;
  /** The template is private to someone else: manifest, values, results, messages are not shown. */
  detailsHidden: boolean;
  /** The caller may redeploy or undeploy it (the deployer, or an owner/admin). */
  canAct: boolean;
  /** An owner applied it without approvals or through a freeze on a protected cluster. */
  breakGlass: boolean;
  /** The approved deploy request that applied it. */
  requestId: string | null;
};
export type DeploymentDetail = DeploymentSummary & {
  parameters: Record<string, unknown>;
  manifest: string;
  results: Array<Record<string, unknown>>;
  /** The next applied record at the same cluster/namespace/app, which replaced this one's objects. */
  supersededBy: RecordRef | null;
  /** The applied record whose objects are live there now (null: none — removed by an undeploy, or never applied). */
  live: RecordRef | null;
  /** `message` as a catalogue message, for the console to word in the reader's language (null: older records, sweeps). */
  messageMsg: Msg | null;
};

function summary(r: Row, access: DeploymentAccess): DeploymentSummary {
  const hidden = !access.details;
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    status: r.status,
    appName: r.appName,
    namespace: r.namespace,
    cluster: { id: r.cluster.id, name: r.cluster.name, removed: r.cluster.removedAt !== null },
    actor: r.actor,
    template: r.template && !hidden ? { id: r.template.id, name: r.template.name, version: r.templateVersion?.version ?? null } : null,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    durationMs: r.durationMs,
    replayOfId: r.replayOfId,
    replayOf: r.replayOf,
    reason: hidden ? "" : r.reason,
    message: hidden ? "" : r.message,
    stale: leaseExpired(r),
    detailsHidden: hidden,
    canAct: access.act,
    breakGlass: r.breakGlass,
    requestId: r.requestId,
  };
}

export async function listDeployments(ctx: Ctx, f: HistoryFilter): Promise<{ items: (DeploymentSummary & { live: boolean })[]; total: number; page: number; pages: number }> {
  const actor = await authorize(ctx, "team.read");
  const where = historyWhere(actor, f);
  const [rows, total] = await Promise.all([
    db().deployment.findMany({ where, select: SUMMARY_FIELDS, orderBy: [{ startedAt: "desc" }, { id: "desc" }], skip: (f.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    db().deployment.count({ where }),
  ]);
  return { items: await withLive(actor, await withRelations(rows)), total, page: f.page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export type HistoryCursor = { startedAt: Date; id: string };

/** The same history in keyset pages (the API): records older than `after`, newest first, and the cursor of the next page. */
export async function listDeploymentsAfter(ctx: Ctx, f: Omit<HistoryFilter, "page">, page: { after?: HistoryCursor; limit: number }): Promise<{ items: (DeploymentSummary & { live: boolean })[]; next: HistoryCursor | null }> {
  const actor = await authorize(ctx, "team.read");
  const after = page.after;
  const where: Prisma.DeploymentWhereInput = {
    AND: [historyWhere(actor, f), after ? { OR: [{ startedAt: { lt: after.startedAt } }, { startedAt: after.startedAt, id: { lt: after.id } }] } : {}],
  };
  const rows = await db().deployment.findMany({ where, select: SUMMARY_FIELDS, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: page.limit + 1 });
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  return { items: await withLive(actor, await withRelations(shown)), next: rows.length > page.limit && last ? { startedAt: last.startedAt, id: last.id } : null };
}

function historyWhere(actor: Actor, f: Omit<HistoryFilter, "page">): Prisma.DeploymentWhereInput {
  return {
    teamId: actor.teamId,
    ...(f.clusterId ? { clusterId: f.clusterId } : {}),
    ...(f.namespace ? { namespace: f.namespace } : {}),
    ...(f.app ? { appName: f.app } : {}),
    // filtering by a template the caller cannot see finds nothing (its history is not theirs to probe)
    ...(f.templateId ? { templateId: f.templateId, template: visibleOrManaged(actor) } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.actorId ? { actorId: f.actorId } : {}),
  };
}

async function withLive(actor: Actor, rows: Row[]): Promise<(DeploymentSummary & { live: boolean })[]> {
  const live = await liveRecordIds(actor.teamId, rows);
  return rows.map((r) => ({ ...summary(r, deploymentAccess(actor, r)), live: live.has(r.id) }));
}

/** Of these records, the ones whose objects are live: the latest applied record of their target, not an undeploy. */
async function liveRecordIds(teamId: string, rows: { clusterId: string; namespace: string; appName: string }[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const latest = await db().$queryRaw<{ id: string; kind: string }[]>`
    SELECT DISTINCT ON (d."clusterId", d.namespace, d."appName") d.id, d.kind::text AS kind
    FROM "Deployment" d
    WHERE d."teamId" = ${teamId} AND d.status = 'applied'
      AND (d."clusterId", d.namespace, d."appName") IN (
        SELECT * FROM unnest(${rows.map((r) => r.clusterId)}::text[], ${rows.map((r) => r.namespace)}::text[], ${rows.map((r) => r.appName)}::text[]))
    ORDER BY d."clusterId", d.namespace, d."appName", d."startedAt" DESC, d.number DESC`;
  return new Set(latest.filter((r) => r.kind !== "undeploy").map((r) => r.id));
}

function visibleOrManaged(actor: Actor): Prisma.TemplateWhereInput {
  return roleAllows(actor.role, "audit.read.team") ? {} : visibleTemplatesWhere(actor);
}

const TEMPLATE_FACTS = { template: { select: { ownerId: true, visibility: true } } } as const;

/**
 * The raw row of a deployment the caller may redeploy or undeploy (the deployer, or an
 * owner/admin); another team's id is "not found"; a refusal is audited under `action`.
 */
export async function findActableDeployment(actor: Actor, id: string, action: AuditAction) {
  const row = await db().deployment.findFirst({ where: { id, teamId: actor.teamId }, include: TEMPLATE_FACTS });
  if (!row) throw notFound(msg("serverErrors.what.deployment"));
  if (!deploymentAccess(actor, row).act) {
    const message = msg("serverErrors.deployments.actWho");
    await recordAuditAlone({
      action,
      actor: { id: actor.userId, email: actor.email },
      teamId: actor.teamId,
      target: { type: "deployment", id: row.id, name: row.appName },
      namespace: row.namespace,
      summary: { refused: true, replayOf: row.id },
      result: "failure",
      reason: english(message),
    });
    throw forbidden(message);
  }
  return row;
}

export async function getDeployment(ctx: Ctx, id: string): Promise<DeploymentDetail> {
  const actor = await authorize(ctx, "team.read");
  const found = await db().deployment.findFirst({ where: { id, teamId: ctx.teamId }, select: DETAIL_FIELDS });
  if (!found) throw notFound(msg("serverErrors.what.deployment"));
  const [r] = await withRelations([found]);
  const access = deploymentAccess(actor, r);
  const target = { teamId: ctx.teamId, clusterId: r.clusterId, namespace: r.namespace, appName: r.appName, status: "applied" as const };
  const ref = { id: true, number: true, kind: true, startedAt: true } as const;
  const [supersededBy, latest] = await Promise.all([
    db().deployment.findFirst({ where: { ...target, OR: [{ startedAt: { gt: r.startedAt } }, { startedAt: r.startedAt, number: { gt: r.number } }] }, orderBy: [{ startedAt: "asc" }, { number: "asc" }], select: ref }),
    db().deployment.findFirst({ where: target, orderBy: [{ startedAt: "desc" }, { number: "desc" }], select: ref }),
  ]);
  const records = { supersededBy: r.status === "applied" ? supersededBy : null, live: latest && latest.kind !== "undeploy" ? latest : null };
  if (!access.details) return { ...summary(r, access), parameters: {}, manifest: "", results: [], ...records, messageMsg: null };
  return {
    ...summary(r, access),
    messageMsg: isMsg(r.messageMsg) ? r.messageMsg : null,
    parameters: r.parameters as Record<string, unknown>,
    manifest: r.manifest,
    results: r.results as Array<Record<string, unknown>>,
    ...records,
  };
}

export type DeploymentCounts = { total: number; applied: number; failed: number; undeploys: number };

/**
 * What the deployment history of each of these templates holds, by outcome (applied deploys and
 * redeploys, failed ones, undeploys). Only templates the caller may see are counted; where a
 * template runs now is `templatesRunningOn` (applications.ts).
 */
export async function templateDeploymentCounts(ctx: Ctx, ids: string[]): Promise<Map<string, DeploymentCounts>> {
  const actor = await authorize(ctx, "team.read");
  const out = new Map(ids.map((id) => [id, { total: 0, applied: 0, failed: 0, undeploys: 0 }]));
  if (!ids.length) return out;
  // Only templates the caller may see are counted: the rule is part of the one statement.
  const counts = await db().deployment.groupBy({
    by: ["templateId", "kind", "status"],
    where: { teamId: ctx.teamId, templateId: { in: ids }, template: { teamId: ctx.teamId, ...visibleOrManaged(actor) } },
    _count: { _all: true },
  });
  for (const c of counts) {
    const s = c.templateId ? out.get(c.templateId) : undefined;
    if (!s) continue;
    s.total += c._count._all;
    if (c.kind === "undeploy") s.undeploys += c._count._all;
    else if (c.status === "applied") s.applied += c._count._all;
    else if (c.status === "failed") s.failed += c._count._all;
  }
  return out;
}

/** The live rollout of a deployment's StatefulSet, read now with the caller's credential. */
export async function deploymentRollout(ctx: Ctx, id: string): Promise<RolloutView> {
  const actor = await authorize(ctx, "team.read");
  const d = await db().deployment.findFirst({ where: { id, teamId: actor.teamId }, include: TEMPLATE_FACTS });
  if (!d) throw notFound(msg("serverErrors.what.deployment"));
  if (!deploymentAccess(actor, d).details) throw forbidden(msg("serverErrors.deployments.rolloutPrivate"));
  const base = { replicas: 0, readyReplicas: 0, updatedReplicas: 0, updateRevision: "", pods: [], checkedAt: new Date().toISOString() };
  if (d.kind === "undeploy") return { ...base, state: "missing", ...because(msg("serverErrors.rollout.removedByRecord")) };
  try {
    const { kc } = await openMyKubeConfig(actor, d.clusterId);
    // The live app may have been deployed again since: its deadline runs from the latest start.
    const latest = await db().deployment.findFirst({
      where: { teamId: actor.teamId, clusterId: d.clusterId, namespace: d.namespace, appName: d.appName, kind: { not: "undeploy" } },
      orderBy: { startedAt: "desc" },
      select: { startedAt: true },
    });
    return await readRollout(kc, d.namespace, d.appName, latest?.startedAt ?? d.startedAt);
  } catch (e) {
    if (e instanceof AppError) return { ...base, state: "unavailable", reason: e.message, ...(e.msg ? { reasonMsg: e.msg } : {}) };
    throw e;
  }
}

export async function historyFilterOptions(ctx: Ctx) {
  const actor = await authorize(ctx, "team.read");
  const [clusters, templates, actors] = await Promise.all([
    db().cluster.findMany({ where: { teamId: ctx.teamId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db().template.findMany({ where: { ...visibleTemplatesWhere(actor), deployments: { some: {} } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db().user.findMany({ where: { deployments: { some: { teamId: ctx.teamId } } }, select: { id: true, name: true, email: true }, orderBy: { name: "asc" } }),
  ]);
  return { clusters, templates, actors };
}

/**
 * Where a template already runs: the cluster and namespace of its latest applied deploy or
 * redeploy that no later undeploy there undid (the deploy form proposes it instead of `default`).
 */
export async function whereTemplateRuns(ctx: Ctx, templateId: string): Promise<Array<{ clusterId: string; namespace: string; deploymentId: string }>> {
  await authorize(ctx, "team.read");
  const rows = await db().deployment.findMany({
    where: { teamId: ctx.teamId, templateId, status: "applied", cluster: { removedAt: null } },
    select: { id: true, kind: true, clusterId: true, namespace: true },
    orderBy: { startedAt: "desc" },
    take: 100,
  });
  const seen = new Set<string>();
  const out: Array<{ clusterId: string; namespace: string; deploymentId: string }> = [];
  for (const r of rows) {
    const key = `${r.clusterId}/${r.namespace}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (r.kind !== "undeploy") out.push({ clusterId: r.clusterId, namespace: r.namespace, deploymentId: r.id });
  }
  return out;
}
