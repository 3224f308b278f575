import "server-only";
import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import type { Prisma } from "@/lib/generated/prisma/client";
import { roleAllows } from "@/lib/auth/roles";
import { authorize, type Actor, type Ctx } from "./authz";
import { db } from "./db";
import { replanRequest } from "./deploy-requests";
import { storedSnapshot, type PlanSnapshot } from "./deploy-requests-plan";
import { AppError, notFound } from "./errors";
import { mayApprove, type Protection } from "./protection";
import { listProtections } from "./protection";

// Reading deploy requests: the requester, owners/admins and the approvers a cluster's policy
// names see them (they hold a manifest and values); "waiting for me" is what the navigation badge
// counts: pending, not expired, someone else's, and no valid approval of mine on it yet.
export type RequestSummary = {
  id: string;
  kind: string;
  status: string;
  appName: string;
  namespace: string;
  cluster: string;
  requester: string;
  reason: string;
  approvals: number;
  required: number;
  createdAt: Date;
  expiresAt: Date;
  waitingForMe: boolean;
};
export type ApprovalView = { approver: string; decision: string; comment: string; stale: boolean; createdAt: Date };
export type RequestDetail = RequestSummary & {
  clusterId: string;
  manifest: string;
  parameters: Record<string, unknown>;
  templateId: string | null;
  templateVersion: number | null;
  options: Record<string, boolean>;
  message: string;
  deploymentId: string | null;
  atRequest: PlanSnapshot;
  approvalList: ApprovalView[];
  /** The plan made again now with the requester's credential, or why it could not be. */
  live: { snapshot: PlanSnapshot; digest: string; changedSinceRequest: boolean } | { error: string; errorMsg: Msg };
  canDecide: boolean;
  canWithdraw: boolean;
};

const INCLUDE = {
  cluster: { select: { name: true } },
  requester: { select: { email: true } },
  approvals: { include: { approver: { select: { email: true } } }, orderBy: { createdAt: "asc" } },
  templateVersion: { select: { version: true } },
} as const satisfies Prisma.DeployRequestInclude;
type Row = Prisma.DeployRequestGetPayload<{ include: typeof INCLUDE }>;

function canSee(actor: Actor, r: { requesterId: string; clusterId: string }, policies: Map<string, Protection>): boolean {
  if (r.requesterId === actor.userId || roleAllows(actor.role, "cluster.manage")) return true;
  const p = policies.get(r.clusterId);
  return !!p && mayApprove(p, actor);
}

function waitingFor(actor: Actor, r: Row, policies: Map<string, Protection>, now: Date): boolean {
  if (r.status !== "pending" || r.expiresAt <= now || r.requesterId === actor.userId) return false;
  if (!mayApprove(policies.get(r.clusterId) ?? { approvers: "managers", approverIds: [] }, actor)) return false;
  return !r.approvals.some((a) => a.approverId === actor.userId && a.decision === "approve" && !a.staleAt && a.planDigest === r.liveDigest);
}

const validApprovals = (r: Row) => new Set(r.approvals.filter((a) => a.decision === "approve" && !a.staleAt && a.planDigest === r.liveDigest).map((a) => a.approverId)).size;

function summary(actor: Actor, r: Row, policies: Map<string, Protection>, now: Date): RequestSummary {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status === "pending" && r.expiresAt <= now ? "expired" : r.status,
    appName: r.appName,
    namespace: r.namespace,
    cluster: r.cluster.name,
    requester: r.requester.email,
    reason: r.reason,
    approvals: validApprovals(r),
    required: r.approvalsRequired,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    waitingForMe: waitingFor(actor, r, policies, now),
  };
}

export type RequestFilter = { scope: "waiting" | "mine" | "all"; now?: Date };

/** The newest requests the caller may see (at most 100), filtered to those waiting for them or their own. */
export async function listDeployRequests(ctx: Ctx, filter: RequestFilter): Promise<RequestSummary[]> {
  const actor = await authorize(ctx, "team.read");
  const now = filter.now ?? new Date();
  const policies = await listProtections(ctx);
  const where: Prisma.DeployRequestWhereInput = { teamId: ctx.teamId, ...(filter.scope === "mine" ? { requesterId: actor.userId } : {}), ...(filter.scope === "waiting" ? { status: "pending", expiresAt: { gt: now } } : {}) };
  const rows = await db().deployRequest.findMany({ where, include: INCLUDE, orderBy: { createdAt: "desc" }, take: 100 });
  return rows
    .filter((r) => canSee(actor, r, policies))
    .map((r) => summary(actor, r, policies, now))
    .filter((r) => filter.scope !== "waiting" || r.waitingForMe);
}

/** The navigation badge: how many requests wait for the caller's decision. */
export async function countWaitingForMe(ctx: Ctx, now: Date = new Date()): Promise<number> {
  // Every console page shows this badge. Usually nothing someone else asked for is pending: one
  // indexed query then, instead of the policies and the requests with their relations (7 statements).
  const actor = await authorize(ctx, "team.read");
  const anyFromOthers = await db().deployRequest.findFirst({ where: { teamId: ctx.teamId, status: "pending", expiresAt: { gt: now }, requesterId: { not: actor.userId } }, select: { id: true } });
  if (!anyFromOthers) return 0;
  return (await listDeployRequests(ctx, { scope: "waiting", now })).length;
}

export async function getDeployRequest(ctx: Ctx, id: string, opts: { now?: Date; replan?: boolean } = {}): Promise<RequestDetail> {
  const actor = await authorize(ctx, "team.read");
  const now = opts.now ?? new Date();
  const policies = await listProtections(ctx);
  const r = await db().deployRequest.findFirst({ where: { id, teamId: ctx.teamId }, include: INCLUDE });
  if (!r || !canSee(actor, r, policies)) throw notFound(msg("serverErrors.what.deployRequest"));
  const s = summary(actor, r, policies, now);
  const liveError = (m: Msg) => ({ error: english(m), errorMsg: m });
  let live: RequestDetail["live"] = liveError(msg("serverErrors.deployRequests.decidedNoReplan"));
  if (s.status === "pending" && opts.replan !== false) {
    try {
      const plan = await replanRequest(r);
      live = { ...plan, changedSinceRequest: plan.digest !== r.planDigest };
    } catch (e) {
      live = liveError(e instanceof AppError && e.msg ? e.msg : msg("serverErrors.deployRequests.replanFailed"));
    }
  }
  const policy = policies.get(r.clusterId) ?? { approvers: "managers" as const, approverIds: [] };
  return {
    ...s,
    clusterId: r.clusterId,
    manifest: r.manifest,
    parameters: (r.parameters ?? {}) as Record<string, unknown>,
    templateId: r.templateId,
    templateVersion: r.templateVersion?.version ?? null,
    options: (r.options ?? {}) as Record<string, boolean>,
    message: r.message,
    deploymentId: r.deploymentId,
    atRequest: storedSnapshot(r.plan),
    approvalList: r.approvals.map((a) => ({ approver: a.approver.email, decision: a.decision, comment: a.comment, stale: !!a.staleAt || (a.decision === "approve" && a.planDigest !== r.liveDigest), createdAt: a.createdAt })),
    live,
    canDecide: s.status === "pending" && r.requesterId !== actor.userId && mayApprove(policy, actor),
    canWithdraw: s.status === "pending" && r.requesterId === actor.userId,
  };
}
