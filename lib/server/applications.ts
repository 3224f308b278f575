import "server-only";
import { msg } from "@/lib/i18n/message";
import { Prisma } from "@/lib/generated/prisma/client";
import { diffYamlText } from "@/lib/manifests";
import { authorize, type Actor, type Ctx } from "./authz";
import { decodeCursor, encodeCursor, type AppFilter, type AppKey } from "./applications-input";
import { db } from "./db";
import { notFound } from "./errors";
import { deploymentAccess, visibleTemplatesWhere, type DeploymentAccess } from "./template-access";

// Applications = what Berth deployed and has not undeployed, keyed by (cluster, namespace, app),
// built from deployment records alone (no cluster call): one row per key whose latest applied
// deploy/redeploy is newer than its latest applied undeploy. Scoped by team; keyset pages.
export const APPS_PAGE_SIZE = 50;
/** With a live filter (health/sync) at most this many records are checked for one page. */
export const LIVE_FILTER_SCAN = 500;

export type AppRecord = {
  clusterId: string;
  clusterName: string;
  clusterRemoved: boolean;
  namespace: string;
  appName: string;
  /** The latest record of any kind and result (what the "last deployment" column shows). */
  last: { id: string; kind: string; status: string; startedAt: Date; actorName: string; actorEmail: string };
  /** The latest applied deploy/redeploy: its manifest is what "in sync" compares with. */
  applied: { id: string; startedAt: Date; templateId: string | null; templateName: string | null; templateVersion: number | null };
  /** deploymentAccess of the applied record: its manifest's values may be shown / it may be redeployed (Sync, rollback). */
  access: DeploymentAccess;
};

type Raw = {
  clusterId: string;
  clusterName: string;
  clusterRemoved: boolean;
  namespace: string;
  appName: string;
  lastId: string;
  lastKind: string;
  lastStatus: string;
  lastStartedAt: Date;
  actorName: string;
  actorEmail: string;
  appliedId: string;
  appliedStartedAt: Date;
  templateId: string | null;
  templateName: string | null;
  templateVersion: number | null;
  templateOwnerId: string | null;
  templateVisibility: "team" | "private" | null;
  appliedActorId: string;
};

function whereSql(actor: Actor, f: AppFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`d."teamId" = ${actor.teamId}`];
  if (f.cluster) parts.push(Prisma.sql`d."clusterId" = ${f.cluster}`);
  if (f.namespace) parts.push(Prisma.sql`d."namespace" = ${f.namespace}`);
  if (f.q) parts.push(Prisma.sql`strpos(d."appName", ${f.q.toLowerCase()}) > 0`);
  return Prisma.join(parts, " AND ");
}

/** The application keys and their two records, in (app, namespace, cluster) order, after a cursor. */
async function queryApps(actor: Actor, f: AppFilter, limit: number, key?: AppKey, templateIds?: string[]): Promise<Raw[]> {
  const where = key
    ? Prisma.sql`d."teamId" = ${actor.teamId} AND d."clusterId" = ${key.clusterId} AND d."namespace" = ${key.namespace} AND d."appName" = ${key.appName}`
    : whereSql(actor, f);
  const cursor = decodeCursor(f.after);
  const after = cursor ? Prisma.sql`AND (a."appName", a."namespace", a."clusterId") > (${cursor[0]}, ${cursor[1]}, ${cursor[2]})` : Prisma.empty;
  // A private template's name is shown only to its owner (the same rule as the template library).
  const wanted = f.template ? [f.template] : templateIds;
  const template = wanted ? Prisma.sql`AND a."templateId" IN (${Prisma.join(wanted)})` : Prisma.empty;
  // Asked for some templates: only the apps that ever ran one of them can run one now (the rest of
  // the team's history cannot change these apps' last/applied/removed records, which are per app).
  const keys = wanted
    ? Prisma.sql`AND (d."clusterId", d."namespace", d."appName") IN (SELECT k."clusterId", k."namespace", k."appName" FROM "Deployment" k WHERE k."teamId" = ${actor.teamId} AND k."templateId" IN (${Prisma.join(wanted)}))`
    : Prisma.empty;
  // Only the columns used below: the records' manifests and results are not copied into the CTE.
  return db().$queryRaw<Raw[]>`
    WITH scoped AS (
      SELECT d."clusterId", d."namespace", d."appName", d.id, d.kind, d.status, d."startedAt", d."actorId", d."templateId", d."templateVersionId"
      FROM "Deployment" d WHERE ${where} ${keys}
    ),
    last AS (
      SELECT DISTINCT ON ("clusterId", "namespace", "appName") "clusterId", "namespace", "appName", id, kind::text AS kind, status::text AS status, "startedAt", "actorId"
      FROM scoped ORDER BY "clusterId", "namespace", "appName", "startedAt" DESC, id DESC
    ),
    applied AS (
      SELECT DISTINCT ON ("clusterId", "namespace", "appName") "clusterId", "namespace", "appName", id, "startedAt", "templateId", "templateVersionId", "actorId"
      FROM scoped WHERE kind <> 'undeploy' AND status = 'applied'
      ORDER BY "clusterId", "namespace", "appName", "startedAt" DESC, id DESC
    ),
    removed AS (
      SELECT "clusterId", "namespace", "appName", max("startedAt") AS at
      FROM scoped WHERE kind = 'undeploy' AND status = 'applied' GROUP BY 1, 2, 3
    )
    SELECT a."clusterId", c.name AS "clusterName", (c."removedAt" IS NOT NULL) AS "clusterRemoved", a."namespace", a."appName",
           l.id AS "lastId", l.kind AS "lastKind", l.status AS "lastStatus", l."startedAt" AS "lastStartedAt",
           u.name AS "actorName", u.email AS "actorEmail",
           a.id AS "appliedId", a."startedAt" AS "appliedStartedAt", a."actorId" AS "appliedActorId", a."templateId",
           t.name AS "templateName", t."ownerId" AS "templateOwnerId", t.visibility::text AS "templateVisibility", v.version AS "templateVersion"
    FROM applied a
    JOIN last l USING ("clusterId", "namespace", "appName")
    LEFT JOIN removed r USING ("clusterId", "namespace", "appName")
    JOIN "Cluster" c ON c.id = a."clusterId"
    JOIN "User" u ON u.id = l."actorId"
    LEFT JOIN "Template" t ON t.id = a."templateId"
    LEFT JOIN "TemplateVersion" v ON v.id = a."templateVersionId"
    WHERE (r.at IS NULL OR a."startedAt" > r.at) ${after} ${template}
    ORDER BY a."appName", a."namespace", a."clusterId"
    LIMIT ${limit}`;
}

function toRecord(actor: Actor, r: Raw): AppRecord {
  const template = r.templateOwnerId && r.templateVisibility ? { ownerId: r.templateOwnerId, visibility: r.templateVisibility } : null;
  // A private template's name and link are for its owner alone (the template library's rule).
  const shown = template !== null && (template.visibility === "team" || template.ownerId === actor.userId);
  return {
    clusterId: r.clusterId,
    clusterName: r.clusterName,
    clusterRemoved: r.clusterRemoved,
    namespace: r.namespace,
    appName: r.appName,
    last: { id: r.lastId, kind: r.lastKind, status: r.lastStatus, startedAt: r.lastStartedAt, actorName: r.actorName, actorEmail: r.actorEmail },
    applied: {
      id: r.appliedId,
      startedAt: r.appliedStartedAt,
      templateId: shown ? r.templateId : null,
      templateName: shown ? r.templateName : null,
      templateVersion: shown ? r.templateVersion : null,
    },
    access: deploymentAccess(actor, { actorId: r.appliedActorId, template }),
  };
}

export type AppPage = { items: AppRecord[]; next: string | null };

/** One page of applications from the records (live filters are applied by the caller on `scan`). */
export async function listApplications(ctx: Ctx, f: AppFilter, opts: { limit?: number } = {}): Promise<AppPage> {
  const actor = await authorize(ctx, "team.read");
  const limit = opts.limit ?? APPS_PAGE_SIZE;
  const rows = await queryApps(actor, f, limit + 1);
  const items = rows.slice(0, limit).map((r) => toRecord(actor, r));
  return { items, next: rows.length > limit ? encodeCursor(items[items.length - 1]) : null };
}

/** One application by its key, or "not found" (another team's key is not found either). */
export async function getApplication(ctx: Ctx, key: AppKey): Promise<AppRecord> {
  const actor = await authorize(ctx, "team.read");
  const [row] = await queryApps(actor, {}, 1, key);
  if (!row) throw notFound(msg("serverErrors.what.application"));
  return toRecord(actor, row);
}

/** The manifests Berth last applied, by record id (only the caller's team's records). */
export async function appliedManifests(actor: Actor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db().deployment.findMany({ where: { id: { in: ids }, teamId: actor.teamId }, select: { id: true, manifest: true } });
  return new Map(rows.map((r) => [r.id, r.manifest]));
}

/** Filter choices: the team's clusters, namespaces and templates that have deployments. */
export async function applicationFilterOptions(ctx: Ctx) {
  const actor = await authorize(ctx, "team.read");
  const [clusters, namespaces, templates] = await Promise.all([
    db().cluster.findMany({ where: { teamId: ctx.teamId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db().deployment.findMany({ where: { teamId: ctx.teamId }, distinct: ["namespace"], select: { namespace: true }, orderBy: { namespace: "asc" }, take: 500 }),
    db().template.findMany({ where: { ...visibleTemplatesWhere(actor), deployments: { some: {} } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { clusters, namespaces: namespaces.map((n) => n.namespace), templates };
}

export type HistoryEntry = {
  id: string;
  /** "#12": how the record is named to users. */
  number: number;
  kind: string;
  status: string;
  startedAt: Date;
  actorName: string;
  reason: string;
  message: string;
  replayOfId: string | null;
  /** The viewer may redeploy this record (the deployer, or an owner/admin). */
  canRollback: boolean;
  template: { id: string; name: string; version: number | null } | null;
  /** Unified diff of this record's manifest against the previous record's (empty: identical or first). */
  diff: string;
};

export const HISTORY_LIMIT = 50;

/** Every deploy / redeploy / undeploy of this app on this cluster and namespace, newest first, with diffs. */
export async function applicationHistory(ctx: Ctx, key: AppKey): Promise<HistoryEntry[]> {
  const actor = await authorize(ctx, "team.read");
  const rows = await db().deployment.findMany({
    where: { teamId: actor.teamId, clusterId: key.clusterId, namespace: key.namespace, appName: key.appName },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: HISTORY_LIMIT + 1,
    include: { actor: { select: { name: true } }, template: { select: { id: true, name: true, visibility: true, ownerId: true } }, templateVersion: { select: { version: true } } },
  });
  return rows.slice(0, HISTORY_LIMIT).map((r, i) => {
    const prev = rows.slice(i + 1).find((p) => p.kind !== "undeploy");
    const visible = r.template && (r.template.visibility === "team" || r.template.ownerId === actor.userId);
    const access = deploymentAccess(actor, r);
    const both = access.details && (!prev || deploymentAccess(actor, prev).details);
    return {
      id: r.id,
      number: r.number,
      kind: r.kind,
      status: r.status,
      startedAt: r.startedAt,
      actorName: r.actor.name,
      reason: access.details ? r.reason : "",
      message: access.details ? r.message : "",
      replayOfId: r.replayOfId,
      canRollback: access.act,
      template: visible ? { id: r.template!.id, name: r.template!.name, version: r.templateVersion?.version ?? null } : null,
      diff: both && r.kind !== "undeploy" && prev && prev.manifest !== r.manifest ? diffYamlText(prev.manifest, r.manifest, `#${prev.number}.yaml`, `#${r.number}.yaml`).slice(0, 20_000) : "",
    };
  });
}

export type RunsOn = { clusterId: string; clusterName: string; namespace: string; appName: string; version: number | null };

/** Where each of these templates runs now (its applications), for the templates page. */
export async function templatesRunningOn(ctx: Ctx, templateIds: string[]): Promise<Map<string, RunsOn[]>> {
  const actor = await authorize(ctx, "team.read");
  const out = new Map<string, RunsOn[]>();
  if (templateIds.length === 0) return out;
  const rows = await queryApps(actor, {}, 1000, undefined, templateIds.slice(0, 100));
  for (const r of rows) {
    if (!r.templateId || !(r.templateVisibility === "team" || r.templateOwnerId === actor.userId)) continue;
    out.set(r.templateId, [...(out.get(r.templateId) ?? []), { clusterId: r.clusterId, clusterName: r.clusterName, namespace: r.namespace, appName: r.appName, version: r.templateVersion }]);
  }
  return out;
}
