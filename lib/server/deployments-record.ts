import "server-only";
import type { DeploymentKind } from "@/lib/generated/prisma/client";
import type { AuditAction } from "@/lib/audit/actions";
import { recordAudit, recordAuditAlone } from "./audit";
import type { Actor } from "./authz";
import { db } from "./db";
import { conflict } from "./errors";
import { metrics } from "./observability/metrics";
import type { Bundle } from "./deployments-render";

// The deployment record's life: written as `pending` (with the exact manifest) before anything
// is applied, together with its "deploy.start" audit event (one transaction: a server that dies
// mid-apply still leaves the attempt audited), then `applying`, then finalized `applied`/`failed`
// with per-object results and the outcome's audit event in the same transaction. A record left
// in progress longer than STALE_AFTER_MS is marked failed ("abandoned") with a "deploy.abandon"
// event when the next deploy of the same app/cluster/namespace comes along. One app on one cluster/namespace is deployed by one
// request at a time: a transaction-scoped advisory lock guards the check-and-insert of the
// in-progress row, so a second request is refused — nothing is kept in process memory.
export const STALE_AFTER_MS = 10 * 60_000;

export type Target = { cluster: { id: string; name: string; profile?: string }; namespace: string };
export type RecordMeta = { kind: DeploymentKind; replayOfId?: string | null; reason?: string };

export async function reserveDeployment(actor: Actor, target: Target, bundle: Bundle, meta: RecordMeta): Promise<{ id: string; number: number; startedAt: Date }> {
  const key = `deploy:${target.cluster.id}:${target.namespace}:${bundle.appName}`;
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
    const where = { clusterId: target.cluster.id, namespace: target.namespace, appName: bundle.appName, status: { in: ["pending", "applying"] as ("pending" | "applying")[] } };
    const staleBefore = new Date(Date.now() - STALE_AFTER_MS);
    const stale = await tx.deployment.findMany({ where: { ...where, startedAt: { lt: staleBefore } }, include: { actor: { select: { email: true } } } });
    for (const record of stale) {
      await tx.deployment.update({ where: { id: record.id }, data: { status: "failed", finishedAt: new Date(), message: ABANDONED } });
      await recordAudit(tx, {
        action: "deploy.abandon",
        actor: { id: actor.userId, email: actor.email }, // who found it; the deployer is in the summary
        teamId: actor.teamId,
        target: { type: "deployment", id: record.id, name: record.appName },
        cluster: target.cluster,
        namespace: target.namespace,
        summary: { deploymentId: record.id, kind: record.kind, deployedBy: record.actor.email, startedAt: record.startedAt.toISOString(), was: record.status },
        result: "failure",
        reason: ABANDONED,
      });
    }
    const running = await tx.deployment.findFirst({ where, include: { actor: { select: { email: true } } } });
    if (running) {
      throw conflict(
        `${running.actor.email} is already deploying ${bundle.appName} to ${target.cluster.name}/${target.namespace} (started ${running.startedAt.toISOString()}). Wait for it to finish, then try again.`,
      );
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
      summary: { deploymentId: created.id, kind: meta.kind, template: bundle.templateId, ...(meta.replayOfId ? { replayOf: meta.replayOfId } : {}) },
    });
    return created;
  });
}

const ABANDONED = "Abandoned: no result was recorded within 10 minutes (the server stopped mid-way?). Check the live objects.";

export async function markApplying(id: string, results: unknown[]): Promise<void> {
  await db().deployment.update({ where: { id }, data: { status: "applying", results: results as object[] } });
}

export type Outcome = { ok: boolean; results: unknown[]; message: string; summary: Record<string, unknown> };

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
      summary: { deploymentId: record.id, ...(meta.replayOfId ? { replayOf: meta.replayOfId } : {}), ...(meta.reason ? { reason: meta.reason } : {}), ...outcome.summary },
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
    summary: { refused: true, clusterId, ...(meta.replayOfId ? { replayOf: meta.replayOfId } : {}) },
    result: "failure",
    reason,
  });
}
