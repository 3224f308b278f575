import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authorize, type Actor, type Ctx } from "./authz";
import { openMyKubeConfig } from "./clusters-credentials";
import { db } from "./db";
import type { HistoryFilter } from "./deployments-input";
import { STALE_AFTER_MS } from "./deployments-record";
import { AppError, notFound } from "./errors";
import { readRollout, type RolloutView } from "./k8s/rollout";
import { visibleTemplatesWhere } from "./template-access";

// Reading deployment history: every member of the team may read its deployments (scoped by
// team, so another team's id is "not found"); the live rollout is read with the reader's own
// credential.
export const PAGE_SIZE = 20;

const SUMMARY_INCLUDE = {
  cluster: { select: { id: true, name: true, removedAt: true } },
  actor: { select: { id: true, name: true, email: true } },
  template: { select: { id: true, name: true } },
  templateVersion: { select: { version: true } },
} as const;

type Row = Prisma.DeploymentGetPayload<{ include: typeof SUMMARY_INCLUDE }>;

export type DeploymentSummary = {
  id: string;
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
  reason: string;
  message: string;
  /** Still pending/applying long after it started: the server most likely stopped mid-way. */
  stale: boolean;
};
export type DeploymentDetail = DeploymentSummary & { parameters: Record<string, unknown>; manifest: string; results: Array<Record<string, unknown>> };

function summary(r: Row): DeploymentSummary {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    appName: r.appName,
    namespace: r.namespace,
    cluster: { id: r.cluster.id, name: r.cluster.name, removed: r.cluster.removedAt !== null },
    actor: r.actor,
    template: r.template ? { id: r.template.id, name: r.template.name, version: r.templateVersion?.version ?? null } : null,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    durationMs: r.durationMs,
    replayOfId: r.replayOfId,
    reason: r.reason,
    message: r.message,
    stale: (r.status === "pending" || r.status === "applying") && Date.now() - r.startedAt.getTime() > STALE_AFTER_MS,
  };
}

export async function listDeployments(ctx: Ctx, f: HistoryFilter): Promise<{ items: DeploymentSummary[]; total: number; page: number; pages: number }> {
  await authorize(ctx, "team.read");
  const where: Prisma.DeploymentWhereInput = {
    teamId: ctx.teamId,
    ...(f.clusterId ? { clusterId: f.clusterId } : {}),
    ...(f.namespace ? { namespace: f.namespace } : {}),
    ...(f.app ? { appName: f.app } : {}),
    ...(f.templateId ? { templateId: f.templateId } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.actorId ? { actorId: f.actorId } : {}),
  };
  const [rows, total] = await Promise.all([
    db().deployment.findMany({ where, include: SUMMARY_INCLUDE, orderBy: [{ startedAt: "desc" }, { id: "desc" }], skip: (f.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    db().deployment.count({ where }),
  ]);
  return { items: rows.map(summary), total, page: f.page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** The raw row of a deployment of the caller's team (for redeploy/undeploy), or "not found". */
export async function findTeamDeployment(actor: Actor, id: string) {
  const row = await db().deployment.findFirst({ where: { id, teamId: actor.teamId } });
  if (!row) throw notFound("That deployment");
  return row;
}

export async function getDeployment(ctx: Ctx, id: string): Promise<DeploymentDetail> {
  await authorize(ctx, "team.read");
  const r = await db().deployment.findFirst({ where: { id, teamId: ctx.teamId }, include: SUMMARY_INCLUDE });
  if (!r) throw notFound("That deployment");
  return { ...summary(r), parameters: r.parameters as Record<string, unknown>, manifest: r.manifest, results: r.results as Array<Record<string, unknown>> };
}

/** The live rollout of a deployment's StatefulSet, read now with the caller's credential. */
export async function deploymentRollout(ctx: Ctx, id: string): Promise<RolloutView> {
  const actor = await authorize(ctx, "team.read");
  const d = await findTeamDeployment(actor, id);
  const base = { replicas: 0, readyReplicas: 0, updatedReplicas: 0, updateRevision: "", pods: [], checkedAt: new Date().toISOString() };
  if (d.kind === "undeploy") return { ...base, state: "missing", reason: "This record removed the app." };
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
    if (e instanceof AppError) return { ...base, state: "unavailable", reason: e.message };
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
