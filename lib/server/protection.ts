import "server-only";
import { msg } from "@/lib/i18n/message";
import { describeWindow, storedWindows, type FreezeWindow } from "@/lib/approvals/freeze";
import { coversNamespace, type ProtectionInput } from "@/lib/approvals/policy-input";
import { roleAllows } from "@/lib/auth/roles";
import { recordRefusal } from "./audit";
import { authorize, type Actor, type Ctx } from "./authz";
import { findTeamCluster, recordClusterAudit } from "./clusters";
import { db } from "./db";
import { invalid, notFound } from "./errors";

// Protected clusters: owners/admins set, per cluster (optionally only some namespaces), how many
// approvals a deploy needs, who may give them, when deploys are frozen and when requests expire.
// Every change is audited with the policy before and after.
export type Protection = {
  clusterId: string;
  namespaces: string[];
  approvalsRequired: number;
  approvers: "managers" | "named";
  approverIds: string[];
  freezeWindows: FreezeWindow[];
  expiryHours: number;
};
export type ProtectionView = Protection & { approverNames: string[]; windowsText: string[]; updatedBy: string; updatedAt: Date };

type Row = { clusterId: string; namespaces: string[]; approvalsRequired: number; approvers: string; approverIds: string[]; freezeWindows: unknown; expiryHours: number };

function fromRow(row: Row): Protection {
  return {
    clusterId: row.clusterId,
    namespaces: row.namespaces,
    approvalsRequired: Math.min(3, Math.max(1, row.approvalsRequired)),
    approvers: row.approvers === "named" ? "named" : "managers",
    approverIds: row.approverIds,
    freezeWindows: storedWindows(row.freezeWindows),
    expiryHours: row.expiryHours,
  };
}

/** The policy that applies to a deploy to (cluster, namespace), or null: not protected. */
export async function protectionFor(teamId: string, clusterId: string, namespace: string): Promise<Protection | null> {
  const row = await db().protectionPolicy.findFirst({ where: { clusterId, teamId } });
  if (!row) return null;
  const policy = fromRow(row);
  return coversNamespace(policy.namespaces, namespace) ? policy : null;
}

/** Whether this member may approve under this policy (never the requester: checked by the caller). */
export function mayApprove(policy: Pick<Protection, "approvers" | "approverIds">, actor: Pick<Actor, "userId" | "role">): boolean {
  if (actor.role === "viewer") return false;
  return policy.approvers === "named" ? policy.approverIds.includes(actor.userId) : roleAllows(actor.role, "cluster.manage");
}

export async function getProtection(ctx: Ctx, clusterId: string): Promise<ProtectionView | null> {
  await authorize(ctx, "team.read");
  const row = await db().protectionPolicy.findFirst({ where: { clusterId, teamId: ctx.teamId } });
  if (!row) return null;
  const policy = fromRow(row);
  const people = await db().user.findMany({ where: { id: { in: [...policy.approverIds, row.updatedById] } }, select: { id: true, name: true, email: true } });
  const name = (id: string) => people.find((p) => p.id === id)?.email ?? "(removed)";
  return { ...policy, approverNames: policy.approverIds.map(name), windowsText: policy.freezeWindows.map(describeWindow), updatedBy: name(row.updatedById), updatedAt: row.updatedAt };
}

/** Policies of the team's clusters by cluster id (the cluster list shows them). */
export async function listProtections(ctx: Ctx): Promise<Map<string, Protection>> {
  await authorize(ctx, "team.read");
  const rows = await db().protectionPolicy.findMany({ where: { teamId: ctx.teamId } });
  return new Map(rows.map((r) => [r.clusterId, fromRow(r)]));
}

const summaryOf = (p: Protection | null) =>
  p
    ? { namespaces: p.namespaces.length ? p.namespaces : "all", approvalsRequired: p.approvalsRequired, approvers: p.approvers, approverIds: p.approverIds, freezeWindows: p.freezeWindows.map(describeWindow), expiryHours: p.expiryHours }
    : null;

export async function setProtection(ctx: Ctx, input: ProtectionInput): Promise<void> {
  const actor = await authorize(ctx, "cluster.manage", { what: "protect a cluster", targetId: input.clusterId });
  const cluster = await findTeamCluster(actor, input.clusterId);
  try {
    await db().$transaction(async (tx) => {
      if (input.approvers === "named") {
        const members = await tx.membership.findMany({ where: { teamId: ctx.teamId, userId: { in: input.approverIds }, role: { not: "viewer" } }, select: { userId: true } });
        const missing = input.approverIds.filter((id) => !members.some((m) => m.userId === id));
        if (missing.length) throw invalid(msg("serverErrors.clusters.approversMembers"), { approverIds: [msg("serverErrors.clusters.approverNotMember")] });
      }
      const before = await tx.protectionPolicy.findUnique({ where: { clusterId: cluster.id } });
      const data = {
        namespaces: input.namespaces,
        approvalsRequired: input.approvalsRequired,
        approvers: input.approvers,
        approverIds: input.approvers === "named" ? [...new Set(input.approverIds)] : [],
        freezeWindows: input.freezeWindows as object[],
        expiryHours: input.expiryHours,
        updatedById: actor.userId,
      };
      const after = await tx.protectionPolicy.upsert({ where: { clusterId: cluster.id }, create: { ...data, teamId: ctx.teamId, clusterId: cluster.id }, update: data });
      await recordClusterAudit(tx, actor, cluster, { action: "cluster.protection_set", summary: { before: summaryOf(before && fromRow(before)), after: summaryOf(fromRow(after)) } });
    });
  } catch (e) {
    await recordRefusal(e, { action: "cluster.protection_set", actor: { id: actor.userId, email: actor.email }, teamId: ctx.teamId, target: { type: "cluster", id: cluster.id, name: cluster.name }, cluster });
    throw e;
  }
}

export async function removeProtection(ctx: Ctx, clusterId: string): Promise<void> {
  const actor = await authorize(ctx, "cluster.manage", { what: "unprotect a cluster", targetId: clusterId });
  const cluster = await findTeamCluster(actor, clusterId);
  await db().$transaction(async (tx) => {
    const before = await tx.protectionPolicy.findUnique({ where: { clusterId: cluster.id } });
    if (!before) throw notFound(msg("serverErrors.what.protection"));
    await tx.protectionPolicy.delete({ where: { clusterId: cluster.id } });
    await recordClusterAudit(tx, actor, cluster, { action: "cluster.protection_remove", summary: { before: summaryOf(fromRow(before)) } });
  });
}
