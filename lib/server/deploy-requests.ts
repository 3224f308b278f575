import "server-only";
import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import type { DeployRequest } from "@/lib/generated/prisma/client";
import { activeFreeze, describeWindow } from "@/lib/approvals/freeze";
import type { WebhookEvent } from "@/lib/approvals/webhook-events";
import { roleAllows } from "@/lib/auth/roles";
import { recordAudit, recordRefusal, type AuditInput } from "./audit";
import { authorize, loadActor, type Actor, type Ctx } from "./authz";
import { findTeamCluster } from "./clusters";
import { db, type Tx } from "./db";
import { planRequest, type RequestPlan } from "./deploy-requests-plan";
import { auditRefusal, type RecordMeta } from "./deployments-record";
import { parseManifest, type Bundle } from "./deployments-render";
import { deployOnCluster, undeployOnCluster, type ClusterResult, type RunOptions } from "./deployments-run";
import { AppError, conflict, forbidden, invalid, notFound } from "./errors";
import { mayApprove, protectionFor, type Protection } from "./protection";
import { enqueueWebhookEvent, type EventFacts } from "./webhook-outbox";

// Deploys aimed at a protected target (lib/server/protection.ts). Instead of applying, a deploy,
// redeploy or undeploy becomes a request holding exactly what would be applied and the plan made
// with the requester's credential. Other members approve (never the requester); with enough
// approvals Berth applies it through the normal deploy path with the requester's credential.
// Approvals are given to the digest of the diff the approver saw; if a plan made again gives
// another digest (live state changed), earlier approvals go stale. Freeze windows refuse, expiry
// ends requests, an owner may break glass (applied, flagged, notified). Time comes from `now`.
export type Clock = { now?: () => Date };
export type BreakGlass = { reason: string };
type Gate = RunOptions & Clock & { breakGlass?: BreakGlass | null };

const clock = (c: Clock) => (c.now ? c.now() : new Date());
const actorRef = (a: Pick<Actor, "userId" | "email">) => ({ id: a.userId, email: a.email });

/**
 * A deploy (or redeploy/undeploy) to one cluster, through its protection: not protected → `run`;
 * frozen → refused; break glass → `run` flagged; otherwise a request waiting for approvals.
 */
export async function throughProtection(actor: Actor, clusterId: string, namespace: string, bundle: Bundle, meta: RecordMeta, gate: Gate, run: (meta: RecordMeta) => Promise<ClusterResult>): Promise<ClusterResult> {
  const policy = await protectionFor(actor.teamId, clusterId, namespace);
  if (!policy) return run(meta);
  const cluster = await findTeamCluster(actor, clusterId);
  const now = clock(gate);
  if (gate.breakGlass) return breakGlass(actor, cluster, namespace, bundle, meta, gate.breakGlass, run);
  const frozen = activeFreeze(policy.freezeWindows, now);
  if (frozen) {
    const outcome = msg("serverErrors.deployRequests.frozenNow", { target: `${cluster.name}/${namespace}`, window: describeWindow(frozen), owner: actor.role === "owner" ? msg("serverErrors.deployRequests.ownerMayBreakGlass") : "" });
    const message = english(outcome);
    await auditRefusal(actor, clusterId, cluster.name, namespace, bundle, meta, message);
    return { clusterId, clusterName: cluster.name, deploymentId: null, status: "refused", message, msg: outcome };
  }
  try {
    const plan = await planRequest(actor, null, clusterId, namespace, meta.kind, bundle, gate);
    const request = await createRequest(actor, cluster, namespace, bundle, meta, gate, policy, plan, now);
    const outcome = msg("serverErrors.deployRequests.waiting", { target: `${cluster.name}/${namespace}`, id: request.id, count: policy.approvalsRequired });
    return { clusterId, clusterName: cluster.name, deploymentId: null, status: "waiting_for_approval", requestId: request.id, message: english(outcome), msg: outcome };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    await auditRefusal(actor, clusterId, cluster.name, namespace, bundle, meta, e.message);
    return { clusterId, clusterName: cluster.name, deploymentId: null, status: "refused", message: e.message, msg: e.msg ?? undefined };
  }
}

async function breakGlass(actor: Actor, cluster: { id: string; name: string }, namespace: string, bundle: Bundle, meta: RecordMeta, glass: BreakGlass, run: (meta: RecordMeta) => Promise<ClusterResult>): Promise<ClusterResult> {
  const event = { actor: actorRef(actor), teamId: actor.teamId, target: { type: "app", id: bundle.appName, name: bundle.appName }, cluster, namespace };
  if (actor.role !== "owner") {
    const refusal = forbidden(msg("serverErrors.deployRequests.breakGlassOwnerOnly"));
    await recordRefusal(refusal, { ...event, action: "deploy.break_glass", summary: { kind: meta.kind } });
    return { clusterId: cluster.id, clusterName: cluster.name, deploymentId: null, status: "refused", message: refusal.message, msg: refusal.msg ?? undefined };
  }
  const reason = glass.reason.trim();
  if (reason.length < 10) throw invalid(msg("serverErrors.deployRequests.breakGlassReason"), { breakGlassReason: [msg("serverErrors.deployRequests.atLeast10")] });
  await db().$transaction(async (tx) => {
    await recordAudit(tx, { ...event, action: "deploy.break_glass", summary: { kind: meta.kind, reason, template: bundle.templateId } });
    await notify(tx, actor.teamId, "break_glass", { actor: actor.email, cluster: cluster.name, namespace, app: bundle.appName, kind: meta.kind, requestId: null, deploymentId: null, reason, message: "Applied without approvals (and through any freeze)." });
  });
  return run({ ...meta, breakGlass: true, reason: meta.reason ? `${meta.reason} — break glass: ${reason}` : `break glass: ${reason}` });
}

async function createRequest(actor: Actor, cluster: { id: string; name: string }, namespace: string, bundle: Bundle, meta: RecordMeta, opts: RunOptions, policy: Protection, plan: RequestPlan, now: Date) {
  return db().$transaction(async (tx) => {
    const request = await tx.deployRequest.create({
      data: {
        teamId: actor.teamId,
        kind: meta.kind,
        clusterId: cluster.id,
        namespace,
        appName: bundle.appName,
        requesterId: actor.userId,
        templateId: bundle.templateId,
        templateVersionId: bundle.templateVersionId,
        parameters: bundle.parameters,
        manifest: bundle.manifest,
        options: { force: !!opts.force, recreate: !!opts.recreate, createNamespace: !!opts.createNamespace, takeOver: !!opts.takeOver },
        replayOfId: meta.replayOfId ?? null,
        reason: meta.reason ?? "",
        plan: plan.snapshot as object,
        planDigest: plan.digest,
        liveDigest: plan.digest,
        approvalsRequired: policy.approvalsRequired,
        createdAt: now,
        expiresAt: new Date(now.getTime() + policy.expiryHours * 3_600_000),
      },
    });
    await recordAudit(tx, requestEvent(actor, cluster, request, "deploy_request.create", { kind: meta.kind, approvalsRequired: policy.approvalsRequired, expiresAt: request.expiresAt.toISOString(), planDigest: plan.digest, ...(meta.reason ? { reason: meta.reason } : {}) }));
    await notifyRequest(tx, request, cluster.name, actor.email, "request.created", "");
    return request;
  });
}

function requestEvent(actor: Pick<Actor, "userId" | "email" | "teamId">, cluster: { id: string; name: string }, r: Pick<DeployRequest, "id" | "appName" | "namespace">, action: AuditInput["action"], summary: Record<string, unknown>): AuditInput {
  return { action, actor: actorRef(actor), teamId: actor.teamId, target: { type: "deploy_request", id: r.id, name: r.appName }, cluster, namespace: r.namespace, summary: { requestId: r.id, ...summary } };
}

function notify(tx: Tx, teamId: string, event: WebhookEvent, facts: Omit<EventFacts, "team">) {
  return enqueueWebhookEvent(tx, teamId, event, { ...facts, team: teamId });
}

function notifyRequest(tx: Tx, r: DeployRequest, clusterName: string, actorEmail: string, event: WebhookEvent, message: string, deploymentId: string | null = null) {
  return notify(tx, r.teamId, event, {
    actor: actorEmail, cluster: clusterName, namespace: r.namespace, app: r.appName, kind: r.kind, requestId: r.id, deploymentId, reason: r.reason, message, link: `/approvals/${r.id}`,
  });
}

// ─── decisions ────────────────────────────────────────────────────────────────────────────────

export type DecisionInput = { requestId: string; comment: string; /** The digest of the live diff the approver reviewed (from getDeployRequest). */ digest: string };
/** `message` is the outcome in English (the API); `msg` the same as a catalogue message, for the console. */
export type DecisionResult = { status: DeployRequest["status"]; approvals: number; required: number; approvedBy: string[]; staled: string[]; deploymentId: string | null; message: string; msg?: Msg };

/** A request's state, named in a sentence (the catalogue words of serverErrors.deployRequests.state). */
const requestState = (status: string): Msg => msg(`serverErrors.deployRequests.state.${status}`);

/** The request, scoped to the team, or "not found"; a pending one past its expiry is expired first. */
async function pendingRequest(actor: Actor, requestId: string, now: Date) {
  const r = await db().deployRequest.findFirst({ where: { id: requestId, teamId: actor.teamId }, include: { cluster: { select: { id: true, name: true } }, requester: { select: { email: true } } } });
  if (!r) throw notFound(msg("serverErrors.what.deployRequest"));
  if (r.status === "pending" && r.expiresAt <= now) {
    await expireOne(r.id, now);
    throw conflict(msg("serverErrors.deployRequests.expired", { at: r.expiresAt.toISOString() }));
  }
  if (r.status !== "pending") throw conflict(msg("serverErrors.deployRequests.alreadyInState", { status: requestState(r.status) }));
  return r;
}

/** The requester as an actor again (role re-read: a member removed or made viewer cannot deploy). */
async function requesterActor(r: { requesterId: string; teamId: string; requester: { email: string } }): Promise<Actor> {
  const requester = await loadActor({ userId: r.requesterId, teamId: r.teamId });
  if (!requester || !roleAllows(requester.role, "deploy.run")) throw invalid(msg("serverErrors.deployRequests.requesterMayNotDeploy", { email: r.requester.email }));
  return requester;
}

function requestBundle(r: DeployRequest): Bundle {
  return { appName: r.appName, objects: parseManifest(r.manifest), manifest: r.manifest, templateId: r.templateId, templateVersionId: r.templateVersionId, parameters: r.parameters as Bundle["parameters"] };
}

const requestOptions = (r: DeployRequest): RunOptions => {
  const o = (r.options ?? {}) as Record<string, unknown>;
  return { force: o.force === true, recreate: o.recreate === true, createNamespace: o.createNamespace === true, takeOver: o.takeOver === true };
};

/** The request's plan made again now with the requester's credential. */
export async function replanRequest(r: DeployRequest & { requester: { email: string } }): Promise<RequestPlan> {
  const requester = await requesterActor(r);
  return planRequest(requester, r.requester.email, r.clusterId, r.namespace, r.kind, requestBundle(r), requestOptions(r));
}

export async function approveDeployRequest(ctx: Ctx, input: DecisionInput, hooks: Clock & Pick<RunOptions, "beforeObject"> = {}): Promise<DecisionResult> {
  const actor = await authorize(ctx, "team.read");
  const now = clock(hooks);
  let r: Awaited<ReturnType<typeof pendingRequest>> | undefined;
  try {
    r = await pendingRequest(actor, input.requestId, now);
    await mayDecide(actor, r, now);
    const plan = await replanRequest(r);
    if (plan.digest !== input.digest) {
      throw conflict(msg("serverErrors.deployRequests.liveStateChanged"));
    }
    const decided = await recordApproval(actor, r, input, plan.digest);
    if (decided.status !== "applying") return decided;
    return await applyRequest(r, decided, hooks);
  } catch (e) {
    if (r) await recordRefusal(e, requestEvent(actor, r.cluster, r, "deploy_request.approve", { comment: input.comment }));
    throw e;
  }
}

/** Not the requester; allowed by the policy as it is now; not during a freeze. */
async function mayDecide(actor: Actor, r: { requesterId: string; teamId: string; clusterId: string; namespace: string }, now: Date): Promise<Protection | null> {
  if (r.requesterId === actor.userId) throw forbidden(msg("serverErrors.deployRequests.notOwnRequest"));
  const policy = await protectionFor(r.teamId, r.clusterId, r.namespace);
  if (!mayApprove(policy ?? { approvers: "managers", approverIds: [] }, actor)) {
    throw forbidden(msg(policy?.approvers === "named" ? "serverErrors.deployRequests.namedApproversOnly" : "serverErrors.deployRequests.managersOnly"));
  }
  const frozen = policy && activeFreeze(policy.freezeWindows, now);
  if (frozen) throw conflict(msg("serverErrors.deployRequests.frozen", { window: describeWindow(frozen) }));
  return policy;
}

async function recordApproval(actor: Actor, r: DeployRequest & { cluster: { id: string; name: string } }, input: DecisionInput, digest: string): Promise<DecisionResult> {
  return db().$transaction(async (tx) => {
    // The row lock orders concurrent decisions: only one of them can move the request on.
    const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM "DeployRequest" WHERE id = ${r.id} FOR UPDATE`;
    if (locked?.status !== "pending") throw conflict(msg("serverErrors.deployRequests.alreadyInState", { status: requestState(locked?.status ?? "gone") }));
    const valid = await tx.deployApproval.findMany({ where: { requestId: r.id, decision: "approve", staleAt: null }, include: { approver: { select: { email: true } } } });
    const stale = valid.filter((a) => a.planDigest !== digest);
    if (stale.length) {
      await tx.deployApproval.updateMany({ where: { id: { in: stale.map((a) => a.id) } }, data: { staleAt: new Date() } });
      await recordAudit(tx, requestEvent(actor, r.cluster, r, "deploy_request.stale", { staleApprovals: stale.map((a) => a.approver.email), was: r.liveDigest, now: digest }));
    }
    if (valid.some((a) => a.approverId === actor.userId && a.planDigest === digest)) throw conflict(msg("serverErrors.deployRequests.alreadyApproved"));
    await tx.deployApproval.create({ data: { requestId: r.id, approverId: actor.userId, decision: "approve", comment: input.comment, planDigest: digest } });
    const approvers = [...new Set([...valid.filter((a) => a.planDigest === digest).map((a) => a.approver.email), actor.email])];
    const enough = approvers.length >= r.approvalsRequired;
    await tx.deployRequest.update({ where: { id: r.id }, data: { liveDigest: digest, ...(enough ? { status: "applying", decidedAt: new Date() } : {}) } });
    await recordAudit(tx, requestEvent(actor, r.cluster, r, "deploy_request.approve", { comment: input.comment, approvals: approvers.length, required: r.approvalsRequired, planDigest: digest }));
    await notifyRequest(tx, r, r.cluster.name, actor.email, "request.approved", `${approvers.length} of ${r.approvalsRequired} approvals.${input.comment ? ` "${input.comment}"` : ""}`);
    const staled = stale.map((a) => a.approver.email);
    const outcome = enough
      ? msg("serverErrors.deployRequests.approvedApplying")
      : staled.length
        ? msg("serverErrors.deployRequests.approvalsCountStale", { count: approvers.length, required: r.approvalsRequired, emails: staled.join(", ") })
        : msg("serverErrors.deployRequests.approvalsCount", { count: approvers.length, required: r.approvalsRequired });
    return { status: enough ? "applying" : "pending", approvals: approvers.length, required: r.approvalsRequired, staled, deploymentId: null, message: english(outcome), msg: outcome, approvedBy: approvers };
  });
}

/** Enough approvals: apply through the normal deploy path with the requester's own credential. */
async function applyRequest(r: DeployRequest & { cluster: { id: string; name: string }; requester: { email: string } }, decided: DecisionResult, hooks: Pick<RunOptions, "beforeObject">): Promise<DecisionResult> {
  const approvedBy = decided.approvedBy;
  let result: ClusterResult;
  try {
    const requester = await requesterActor(r);
    const meta: RecordMeta = { kind: r.kind, replayOfId: r.replayOfId, reason: r.reason, requestId: r.id, approvedBy };
    const bundle = requestBundle(r);
    result = r.kind === "undeploy"
      ? await undeployOnCluster(requester, r.clusterId, r.namespace, bundle, meta)
      : await deployOnCluster(requester, r.clusterId, r.namespace, bundle, meta, { ...requestOptions(r), ...hooks });
  } catch (e) {
    result = { clusterId: r.clusterId, clusterName: r.cluster.name, deploymentId: null, status: "refused", message: e instanceof Error ? e.message : String(e), msg: e instanceof AppError ? (e.msg ?? undefined) : undefined };
  }
  const ok = result.status === "applied";
  await db().$transaction(async (tx) => {
    await tx.deployRequest.update({ where: { id: r.id }, data: { status: ok ? "applied" : "failed", deploymentId: result.deploymentId, message: result.message.slice(0, 4000) } });
    await notifyRequest(tx, r, r.cluster.name, r.requester.email, ok ? "request.applied" : "request.failed", result.message.slice(0, 1000), result.deploymentId);
  });
  return { ...decided, status: ok ? "applied" : "failed", deploymentId: result.deploymentId, message: result.message, msg: result.msg };
}

export async function rejectDeployRequest(ctx: Ctx, input: Omit<DecisionInput, "digest">, hooks: Clock = {}): Promise<DecisionResult> {
  const actor = await authorize(ctx, "team.read");
  const now = clock(hooks);
  let r: Awaited<ReturnType<typeof pendingRequest>> | undefined;
  try {
    r = await pendingRequest(actor, input.requestId, now);
    if (r.requesterId === actor.userId) throw forbidden(msg("serverErrors.deployRequests.rejectOwn"));
    const policy = await protectionFor(r.teamId, r.clusterId, r.namespace);
    if (!mayApprove(policy ?? { approvers: "managers", approverIds: [] }, actor)) throw forbidden(msg("serverErrors.deployRequests.approversOnlyReject"));
    const req = r;
    await db().$transaction(async (tx) => {
      const n = await tx.deployRequest.updateMany({ where: { id: req.id, status: "pending" }, data: { status: "rejected", decidedAt: now, message: input.comment } });
      if (n.count !== 1) throw conflict(msg("serverErrors.deployRequests.decidedAlready"));
      await tx.deployApproval.create({ data: { requestId: req.id, approverId: actor.userId, decision: "reject", comment: input.comment, planDigest: req.liveDigest } });
      await recordAudit(tx, requestEvent(actor, req.cluster, req, "deploy_request.reject", { comment: input.comment }));
      await notifyRequest(tx, req, req.cluster.name, actor.email, "request.rejected", input.comment);
    });
    return { status: "rejected", approvals: 0, required: r.approvalsRequired, approvedBy: [], staled: [], deploymentId: null, message: english(msg("serverErrors.deployRequests.rejected")), msg: msg("serverErrors.deployRequests.rejected") };
  } catch (e) {
    if (r) await recordRefusal(e, requestEvent(actor, r.cluster, r, "deploy_request.reject", { comment: input.comment }));
    throw e;
  }
}

export async function withdrawDeployRequest(ctx: Ctx, requestId: string, hooks: Clock = {}): Promise<void> {
  const actor = await authorize(ctx, "team.read");
  const r = await pendingRequest(actor, requestId, clock(hooks));
  if (r.requesterId !== actor.userId) {
    await recordRefusal(forbidden(), requestEvent(actor, r.cluster, r, "deploy_request.withdraw", {}));
    throw forbidden(msg("serverErrors.deployRequests.withdrawOwnOnly"));
  }
  await db().$transaction(async (tx) => {
    const n = await tx.deployRequest.updateMany({ where: { id: r.id, status: "pending" }, data: { status: "withdrawn", decidedAt: clock(hooks) } });
    if (n.count !== 1) throw conflict(msg("serverErrors.deployRequests.decidedAlready"));
    await recordAudit(tx, requestEvent(actor, r.cluster, r, "deploy_request.withdraw", {}));
  });
}

async function expireOne(id: string, now: Date): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const n = await tx.deployRequest.updateMany({ where: { id, status: "pending", expiresAt: { lte: now } }, data: { status: "expired", decidedAt: now } });
    if (n.count !== 1) return false;
    const r = await tx.deployRequest.findUniqueOrThrow({ where: { id }, include: { cluster: { select: { id: true, name: true } } } });
    await recordAudit(tx, { action: "deploy_request.expire", actor: null, teamId: r.teamId, target: { type: "deploy_request", id: r.id, name: r.appName }, cluster: r.cluster, namespace: r.namespace, summary: { requestId: r.id, expiresAt: r.expiresAt.toISOString() } });
    return true;
  });
}

/** Expires pending requests past their time (the worker's tick, any instance; at most `limit`). */
export async function expireDueRequests(now: Date = new Date(), limit = 100): Promise<number> {
  const due = await db().deployRequest.findMany({ where: { status: "pending", expiresAt: { lte: now } }, select: { id: true }, take: limit });
  let n = 0;
  for (const d of due) if (await expireOne(d.id, now)) n++;
  return n;
}

/** How long after its approval an `applying` request may go without its outcome before it is settled. */
export const SETTLE_AFTER_MS = 15 * 60_000;

/**
 * Requests left `applying` by an instance that stopped mid-apply (the outcome is written after the
 * apply): settled from their deployment record (applied/failed) once it is finished — the deploy
 * lease sweeper finishes a dead instance's record — or failed when no record was ever written.
 */
export async function settleInterruptedRequests(now: Date = new Date(), limit = 100): Promise<number> {
  const stuck = await db().deployRequest.findMany({ where: { status: "applying", decidedAt: { lt: new Date(now.getTime() - SETTLE_AFTER_MS) } }, include: { cluster: { select: { name: true } }, requester: { select: { email: true } } }, take: limit });
  let n = 0;
  for (const r of stuck) {
    const record = await db().deployment.findFirst({ where: { requestId: r.id }, orderBy: { startedAt: "desc" }, select: { id: true, status: true, message: true } });
    if (record && (record.status === "pending" || record.status === "applying")) continue; // still running, or its lease not yet swept
    const ok = record?.status === "applied";
    const message = record ? record.message : "Interrupted: Berth stopped after the approval and before a deployment record was written. Nothing was applied; ask again.";
    await db().$transaction(async (tx) => {
      const moved = await tx.deployRequest.updateMany({ where: { id: r.id, status: "applying" }, data: { status: ok ? "applied" : "failed", deploymentId: record?.id ?? null, message: message.slice(0, 4000) } });
      if (moved.count !== 1) return;
      await notifyRequest(tx, r, r.cluster.name, r.requester.email, ok ? "request.applied" : "request.failed", message.slice(0, 1000), record?.id ?? null);
      n++;
    });
  }
  return n;
}
