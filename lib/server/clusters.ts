import "server-only";
import { msg } from "@/lib/i18n/message";
import { roleAllows } from "@/lib/auth/roles";
import type { Msg } from "@/lib/i18n/message";
import { missingFeatureMsgs, missingFeatures, parseCapabilities, type Capabilities } from "./k8s/capabilities";
import { recordAudit, type AuditInput } from "./audit";
import { authorize, type Actor, type Ctx } from "./authz";
import type { RegisterClusterInput } from "./clusters-input";
import { db, type Tx } from "./db";
import { conflict, forbidden, notFound } from "./errors";

// Clusters a team registers by name. Removing one is a soft delete (removedAt): its deployment
// history stays readable. Credentials (one per user and cluster) live in clusters-credentials.ts.
export type CredentialView = {
  server: string;
  context: string;
  namespace: string;
  insecureSkipTls: boolean;
  serverVersion: string | null;
  lastCheckedAt: Date | null;
  updatedAt: Date;
  /** What the cluster served at the last attach, test or plan with this credential. */
  capabilities: Capabilities | null;
  /** What the cluster lacks, in plain sentences ("no CronHorizontalPodAutoscaler CRD: …"). */
  missing: string[];
  /** The same as catalogue messages, for the cluster page in the reader's language. */
  missingMsgs: Msg[];
};
export type ClusterView = {
  id: string;
  name: string;
  description: string;
  profile: string;
  createdBy: string;
  createdAt: Date;
  removedAt: Date | null;
  canRemove: boolean;
  /** The caller's own credential (never the kubeconfig itself), or null. */
  myCredential: CredentialView | null;
  credentialCount: number;
};

export const CREDENTIAL_VIEW_SELECT = {
  server: true,
  contextName: true,
  defaultNamespace: true,
  insecureSkipTls: true,
  serverVersion: true,
  lastCheckedAt: true,
  updatedAt: true,
  capabilities: true,
} as const;

type CredentialRow = { server: string; contextName: string; defaultNamespace: string; insecureSkipTls: boolean; serverVersion: string | null; lastCheckedAt: Date | null; updatedAt: Date; capabilities: unknown };

export function credentialView(c: CredentialRow): CredentialView {
  const capabilities = parseCapabilities(c.capabilities);
  return {
    server: c.server,
    context: c.contextName,
    namespace: c.defaultNamespace,
    insecureSkipTls: c.insecureSkipTls,
    serverVersion: c.serverVersion,
    lastCheckedAt: c.lastCheckedAt,
    updatedAt: c.updatedAt,
    capabilities,
    missing: capabilities ? missingFeatures(capabilities) : [],
    missingMsgs: capabilities ? missingFeatureMsgs(capabilities) : [],
  };
}

export async function listClusters(ctx: Ctx, opts: { includeRemoved?: boolean } = {}): Promise<ClusterView[]> {
  const actor = await authorize(ctx, "team.read");
  const rows = await db().cluster.findMany({
    where: { teamId: ctx.teamId, ...(opts.includeRemoved ? {} : { removedAt: null }) },
    include: {
      createdBy: { select: { name: true } },
      credentials: { where: { userId: ctx.userId }, select: CREDENTIAL_VIEW_SELECT },
      _count: { select: { credentials: true } },
    },
    orderBy: { name: "asc" },
  });
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    description: c.description,
    profile: c.profile,
    createdBy: c.createdBy.name,
    createdAt: c.createdAt,
    removedAt: c.removedAt,
    canRemove: canRemoveCluster(actor, c.createdById),
    myCredential: c.credentials[0] ? credentialView(c.credentials[0]) : null,
    credentialCount: c._count.credentials,
  }));
}

export async function registerCluster(ctx: Ctx, input: RegisterClusterInput): Promise<string> {
  const actor = await authorize(ctx, "cluster.register", { what: "register a cluster" });
  return db().$transaction(async (tx) => {
    const taken = await tx.cluster.findFirst({ where: { teamId: ctx.teamId, name: input.name, removedAt: null }, select: { id: true } });
    if (taken) throw conflict(msg("serverErrors.clusters.nameTaken", { name: input.name }), { name: [msg("serverErrors.clusters.nameTakenField")] });
    const cluster = await tx.cluster.create({ data: { teamId: ctx.teamId, name: input.name, description: input.description, profile: input.profile, createdById: actor.userId } });
    await recordClusterAudit(tx, actor, cluster, { action: "cluster.register", summary: { profile: input.profile } });
    return cluster.id;
  });
}

/** Soft delete: hidden from lists and deploys; history and its credentials' rows stay. */
export async function removeCluster(ctx: Ctx, clusterId: string): Promise<void> {
  const actor = await authorize(ctx, "team.read");
  await db().$transaction(async (tx) => {
    const cluster = await tx.cluster.findFirst({ where: { id: clusterId, teamId: ctx.teamId, removedAt: null } });
    if (!cluster) throw notFound(msg("serverErrors.what.cluster"));
    if (!canRemoveCluster(actor, cluster.createdById)) throw forbidden(msg("serverErrors.clusters.removeWho"));
    await tx.cluster.update({ where: { id: cluster.id }, data: { removedAt: new Date() } });
    const deployments = await tx.deployment.count({ where: { clusterId: cluster.id } });
    await recordClusterAudit(tx, actor, cluster, { action: "cluster.remove", summary: { deploymentsKept: deployments } });
  });
}

/** A live (not removed) cluster of the caller's team, or "not found". */
export async function findTeamCluster(actor: Actor, clusterId: string) {
  const cluster = await db().cluster.findFirst({ where: { id: clusterId, teamId: actor.teamId, removedAt: null } });
  if (!cluster) throw notFound(msg("serverErrors.what.cluster"));
  return cluster;
}

function canRemoveCluster(actor: Actor, createdById: string): boolean {
  return roleAllows(actor.role, "cluster.manage") || (createdById === actor.userId && roleAllows(actor.role, "cluster.register"));
}

/** The audit event of a change to a cluster or to a credential on it. */
export function recordClusterAudit(tx: Tx, actor: Actor, cluster: { id: string; name: string }, event: Pick<AuditInput, "action" | "summary" | "namespace">) {
  return recordAudit(tx, {
    ...event,
    actor: { id: actor.userId, email: actor.email },
    teamId: actor.teamId,
    target: { type: "cluster", id: cluster.id, name: cluster.name },
    cluster: { id: cluster.id, name: cluster.name },
  });
}
