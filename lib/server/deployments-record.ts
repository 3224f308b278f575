import "server-only";
import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import type { DeploymentKind, Prisma } from "@/lib/generated/prisma/client";
import type { AuditAction } from "@/lib/audit/actions";
import { recordAudit, recordAuditAlone } from "./audit";
import type { Actor } from "./authz";
import { db, type Tx } from "./db";
import { env } from "./env";
import { conflict } from "./errors";
import { metrics } from "./observability/metrics";
import type { Bundle } from "./deployments-render";

// The deployment record's life: written as `pending` (with the exact manifest) before anything
// is applied, together with its "deploy.start" audit event (one transaction: a server that dies
// mid-apply still leaves the attempt audited), then `applying`, then finalized `applied`/`failed`
// with per-object results and the outcome's audit event in the same transaction.
// A record in progress holds a lease (`heartbeatAt`), renewed by the instance applying it every
// quarter of BERTH_DEPLOY_LEASE_SECONDS. When an instance dies mid-deploy its lease runs out and
// the record is finished as failed ("abandoned") with a "deploy.abandon" event — by the sweep
// every instance runs (startDeploymentSweeper) or by the next deploy of the same app, whichever
// comes first. One app on one cluster/namespace is deployed by one request at a time: a
// transaction-scoped advisory lock guards the check-and-insert of the in-progress row, so a
// second request (on any instance) is refused — nothing is kept in process memory.
export const leaseMs = () => env().BERTH_DEPLOY_LEASE_SECONDS * 1000;

export type Target = { cluster: { id: string; name: string; profile?: string }; namespace: string };
export type RecordMeta = {
  kind: DeploymentKind;
  replayOfId?: string | null;
  reason?: string;
  /** An owner's deploy through a freeze or without approvals: the record and its events say so. */
  breakGlass?: boolean;
  /** Applied because this deploy request was approved (by `approvedBy`). */
  requestId?: string;
  approvedBy?: string[];
};

/** What a record's audit events say about how it came to be applied (break glass, approvals). */
function provenance(meta: RecordMeta): Record<string, unknown> {
  return {
    ...(meta.replayOfId ? { replayOf: meta.replayOfId } : {}),
    ...(meta.breakGlass ? { breakGlass: true } : {}),
    ...(meta.requestId ? { requestId: meta.requestId, approvedBy: meta.approvedBy ?? [] } : {}),
  };
}

const IN_PROGRESS: ("pending" | "applying")[] = ["pending", "applying"];

/** Whether a record in progress has lost its lease (shown as "no result recorded"). */
export function leaseExpired(r: { status: string; heartbeatAt: Date }, now = Date.now()): boolean {
  return IN_PROGRESS.includes(r.status as "pending") && now - r.heartbeatAt.getTime() > leaseMs();
}

/** The outcome an abandoned record keeps: English in `message`, the same as `messageMsg` for the console. */
const abandonedOutcome = (): Msg => msg("serverErrors.deployments.abandoned", { seconds: String(env().BERTH_DEPLOY_LEASE_SECONDS) });

/**
 * Finishes the in-progress records among `ids` whose lease ran out as failed, each with its
 * "deploy.abandon" event, in the caller's transaction. Rows another transaction holds are
 * skipped (SKIP LOCKED): two instances sweeping at once never finish one record twice.
 * `finder` is who noticed: the user whose deploy found it, or none (the background sweep).
 */
async function abandonExpired(tx: Tx, filter: { ids?: string[]; limit: number }, finder: Actor | null): Promise<number> {
  const cutoff = new Date(Date.now() - leaseMs());
  const ids = filter.ids
    ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Deployment" WHERE id = ANY(${filter.ids}) AND status IN ('pending', 'applying') AND "heartbeatAt" < ${cutoff} FOR UPDATE SKIP LOCKED`
    : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Deployment" WHERE status IN ('pending', 'applying') AND "heartbeatAt" < ${cutoff} ORDER BY "heartbeatAt" LIMIT ${filter.limit} FOR UPDATE SKIP LOCKED`;
  if (ids.length === 0) return 0;
  const records = await tx.deployment.findMany({ where: { id: { in: ids.map((r) => r.id) } }, include: { actor: { select: { email: true } }, cluster: { select: { id: true, name: true } } }, orderBy: { heartbeatAt: "asc" } });
  const outcome = abandonedOutcome();
  const message = english(outcome);
  for (const record of records) {
    const finishedAt = new Date();
    await tx.deployment.update({ where: { id: record.id }, data: { status: "failed", finishedAt, durationMs: finishedAt.getTime() - record.startedAt.getTime(), message, messageMsg: outcome as Prisma.InputJsonObject } });
    await recordAudit(tx, {
      action: "deploy.abandon",
      actor: finder ? { id: finder.userId, email: finder.email } : null, // who found it; the deployer is in the summary
      teamId: record.teamId,
      target: { type: "deployment", id: record.id, name: record.appName },
      cluster: record.cluster,
      namespace: record.namespace,
      summary: { deploymentId: record.id, kind: record.kind, deployedBy: record.actor.email, startedAt: record.startedAt.toISOString(), lastHeartbeat: record.heartbeatAt.toISOString(), was: record.status },
      result: "failure",
      reason: message,
      ...(finder ? {} : { context: { ip: "", userAgent: "", requestId: "deployment-sweep" } }),
    });
    metrics().deploys.inc({ kind: record.kind, result: "abandoned" });
  }
  return records.length;
}

/** One pass of the sweep: finishes up to `limit` abandoned records of any team. Returns how many. */
export function sweepAbandonedDeployments(limit = 50): Promise<number> {
  return db().$transaction((tx) => abandonExpired(tx, { limit }, null));
}

export async function reserveDeployment(actor: Actor, target: Target, bundle: Bundle, meta: RecordMeta): Promise<{ id: string; number: number; startedAt: Date }> {
  const key = `deploy:${target.cluster.id}:${target.namespace}:${bundle.appName}`;
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
    const where = { clusterId: target.cluster.id, namespace: target.namespace, appName: bundle.appName, status: { in: IN_PROGRESS } };
    const inProgress = await tx.deployment.findMany({ where, select: { id: true } });
    if (inProgress.length) await abandonExpired(tx, { ids: inProgress.map((r) => r.id), limit: inProgress.length }, actor);
    const running = await tx.deployment.findFirst({ where, include: { actor: { select: { email: true } } } });
    if (running) {
      throw conflict(msg("serverErrors.deployments.alreadyDeploying", { email: running.actor.email, app: bundle.appName, cluster: target.cluster.name, namespace: target.namespace, startedAt: running.startedAt.toISOString() }));
    }
    // The record's number ("#12") is the team's next one, given by a trigger on insert.
    const created = await tx.deployment.create({
      data: {
        teamId: actor.teamId,
        kind: meta.kind,
        status: "pending",
        appName: bundle.appName,
        namespace: target.namespace,
        clusterId: target.cluster.id,
        actorId: actor.userId,
        templateId: bundle.templateId,
        templateVersionId: bundle.templateVersionId,
        parameters: bundle.parameters,
        manifest: bundle.manifest,
        reason: meta.reason ?? "",
        replayOfId: meta.replayOfId ?? null,
        breakGlass: meta.breakGlass ?? false,
        requestId: meta.requestId ?? null,
      },
      select: { id: true, number: true, startedAt: true },
    });
    await recordAudit(tx, {
      action: "deploy.start",
      actor: { id: actor.userId, email: actor.email },
      teamId: actor.teamId,
      target: { type: "deployment", id: created.id, name: bundle.appName },
      cluster: target.cluster,
      namespace: target.namespace,
      summary: { deploymentId: created.id, kind: meta.kind, template: bundle.templateId, ...provenance(meta) },
    });
    return created;
  });
}

export async function markApplying(id: string, results: unknown[]): Promise<void> {
  await db().deployment.update({ where: { id }, data: { status: "applying", results: results as object[], heartbeatAt: new Date() } });
}

/**
 * Renews the record's lease while `work` runs (every quarter of the lease), so that only a
 * record whose instance really stopped is swept. A failed renewal (database briefly away) is
 * retried at the next tick; the lease is long enough to miss a few.
 */
export async function withLease<T>(id: string, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    db()
      .deployment.updateMany({ where: { id, status: { in: IN_PROGRESS } }, data: { heartbeatAt: new Date() } })
      .catch(() => {});
  }, Math.max(250, leaseMs() / 4));
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** `message` is kept on the record (English); `msg` is the same for the console's reply in the reader's language. */
export type Outcome = { ok: boolean; results: unknown[]; message: string; msg?: Msg; summary: Record<string, unknown> };

export const ACTION: Record<DeploymentKind, AuditAction> = { deploy: "deploy.apply", redeploy: "deploy.redeploy", undeploy: "deploy.undeploy" };

export async function finalizeDeployment(actor: Actor, target: Target, record: { id: string; startedAt: Date; appName: string }, meta: RecordMeta, outcome: Outcome): Promise<void> {
  const finishedAt = new Date();
  await db().$transaction(async (tx) => {
    await tx.deployment.update({
      where: { id: record.id },
      data: {
        status: outcome.ok ? "applied" : "failed",
        results: outcome.results as object[],
        message: outcome.message.slice(0, 4000),
        ...(outcome.msg ? { messageMsg: outcome.msg as Prisma.InputJsonObject } : {}),
        finishedAt,
        durationMs: finishedAt.getTime() - record.startedAt.getTime(),
      },
    });
    await recordAudit(tx, {
      action: ACTION[meta.kind],
      actor: { id: actor.userId, email: actor.email },
      teamId: actor.teamId,
      target: { type: "deployment", id: record.id, name: record.appName },
      cluster: target.cluster,
      namespace: target.namespace,
      summary: { deploymentId: record.id, ...provenance(meta), ...(meta.reason ? { reason: meta.reason } : {}), ...outcome.summary },
      result: outcome.ok ? "success" : "failure",
      reason: outcome.ok ? "" : outcome.message,
    });
  });
  const result = outcome.ok ? "applied" : outcome.summary.interrupted ? "interrupted" : "failed";
  metrics().deploys.inc({ kind: meta.kind, result });
  metrics().deployDuration.observe({ kind: meta.kind, result }, (finishedAt.getTime() - record.startedAt.getTime()) / 1000);
}

/** A deploy refused before any record was written (no credential, another deploy running). */
export async function auditRefusal(actor: Actor, clusterId: string, clusterName: string, namespace: string, bundle: Bundle, meta: RecordMeta, reason: string): Promise<void> {
  metrics().deploys.inc({ kind: meta.kind, result: "refused" });
  await recordAuditAlone({
    action: ACTION[meta.kind],
    actor: { id: actor.userId, email: actor.email },
    teamId: actor.teamId,
    target: { type: "app", id: bundle.appName, name: bundle.appName },
    cluster: clusterName ? { id: clusterId, name: clusterName } : null,
    namespace,
    summary: { refused: true, clusterId, ...provenance(meta) },
    result: "failure",
    reason,
  });
}
