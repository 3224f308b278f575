import "server-only";
import { msg, type Msg } from "@/lib/i18n/message";
import type { KubeConfig } from "@kubernetes/client-node";
import { recordAuditAlone } from "./audit";
import { authorize, type Actor, type Ctx } from "./authz";
import { CREDENTIAL_VIEW_SELECT, credentialView, findTeamCluster, recordClusterAudit, type CredentialView } from "./clusters";
import type { SetCredentialInput } from "./clusters-input";
import { encryptSecret } from "./crypto";
import { db } from "./db";
import { invalid, notFound } from "./errors";
import { credentialAad, kubeConfigFromText, openCredential } from "./k8s/client";
import { discoverCapabilities, type Capabilities } from "./k8s/capabilities";
import { testConnection, type ConnectionReport } from "./k8s/connection-test";
import { refusalAuditText, vetKubeconfig } from "./k8s/kubeconfig-policy";

// Each user's own kubeconfig for a cluster: vetted (no programs, no files), tested against the
// API server, encrypted (AES-256-GCM, bound to cluster + user) and never returned.
export type CredentialResult = { credential: CredentialView; report: ConnectionReport; warnings: string[]; warningMsgs: Msg[]; replaced: boolean };

export async function setCredential(ctx: Ctx, input: SetCredentialInput): Promise<CredentialResult> {
  const actor = await authorize(ctx, "credential.write", { what: "attach a kubeconfig", targetId: input.clusterId });
  const cluster = await findTeamCluster(actor, input.clusterId);
  const vetted = vetKubeconfig(input.kubeconfig, { context: input.context || undefined });
  if (!vetted.ok) {
    // Every refusal, one after the other ("{first} {rest}" in English, as the sentences were joined before).
    const message = vetted.refusals.map((r): Msg | string => r.msg).reduceRight((rest, first) => msg("serverErrors.joinSentences", { first, rest }));
    const field = vetted.refusals[0].code === "choose_context" || vetted.refusals[0].code === "unknown_context" ? "context" : "kubeconfig";
    await recordAuditAlone({
      action: "credential.set",
      actor: { id: actor.userId, email: actor.email },
      teamId: ctx.teamId,
      target: { type: "cluster", id: cluster.id, name: cluster.name },
      summary: { refused: vetted.refusals.map((r) => r.code) },
      result: "failure",
      reason: vetted.refusals.map(refusalAuditText).join("; "),
    });
    throw invalid(msg("serverErrors.clusters.kubeconfigRefused", { reasons: message }), { [field]: vetted.refusals.map((r) => r.msg), ...(vetted.contexts.length > 1 ? { contexts: vetted.contexts } : {}) });
  }
  const v = vetted.value;
  const namespace = input.namespace || v.namespace;
  const kc = kubeConfigFromText(v.normalized);
  const report = await testConnection(kc, namespace);
  if (!report.ok) {
    await auditFailedTest(actor, cluster, v.server, report);
    throw invalid(report.msg, { kubeconfig: [report.msg] });
  }
  const capabilities = await discoverCapabilities(kc).catch(() => null);
  const cipher = encryptSecret(v.normalized, credentialAad(cluster.id, actor.userId));
  const data = {
    kubeconfigCipher: new Uint8Array(cipher),
    contextName: v.context,
    server: v.server,
    defaultNamespace: namespace,
    insecureSkipTls: v.insecureSkipTls,
    serverVersion: report.serverVersion,
    lastCheckedAt: new Date(),
    ...capabilitiesData(capabilities),
  };
  return db().$transaction(async (tx) => {
    const existing = await tx.clusterCredential.findUnique({ where: { clusterId_userId: { clusterId: cluster.id, userId: actor.userId } }, select: { id: true } });
    const row = await tx.clusterCredential.upsert({
      where: { clusterId_userId: { clusterId: cluster.id, userId: actor.userId } },
      create: { clusterId: cluster.id, userId: actor.userId, ...data },
      update: data,
      select: CREDENTIAL_VIEW_SELECT,
    });
    await recordClusterAudit(tx, actor, cluster, {
      action: "credential.set",
      namespace,
      summary: { replaced: existing !== null, context: v.context, server: v.server, serverVersion: report.serverVersion, insecureSkipTls: v.insecureSkipTls, warnings: v.warnings.length },
    });
    return { credential: credentialView(row), report, warnings: v.warnings, warningMsgs: v.warningMsgs, replaced: existing !== null };
  });
}

export async function removeCredential(ctx: Ctx, clusterId: string): Promise<void> {
  const actor = await authorize(ctx, "team.read");
  const cluster = await db().cluster.findFirst({ where: { id: clusterId, teamId: ctx.teamId } });
  if (!cluster) throw notFound(msg("serverErrors.what.cluster"));
  await db().$transaction(async (tx) => {
    const { count } = await tx.clusterCredential.deleteMany({ where: { clusterId: cluster.id, userId: actor.userId } });
    if (count === 0) throw notFound(msg("serverErrors.what.myCredential"));
    await recordClusterAudit(tx, actor, cluster, { action: "credential.remove" });
  });
}

/** Re-runs the connection test with the caller's stored credential. */
export async function testMyCredential(ctx: Ctx, clusterId: string, namespace?: string): Promise<ConnectionReport> {
  const actor = await authorize(ctx, "team.read");
  const { kc, cluster, credential } = await openMyKubeConfig(actor, clusterId);
  const report = await testConnection(kc, namespace || credential.namespace);
  if (report.ok) {
    const capabilities = await discoverCapabilities(kc).catch(() => null);
    await db().clusterCredential.update({
      where: { clusterId_userId: { clusterId, userId: actor.userId } },
      data: { serverVersion: report.serverVersion, lastCheckedAt: new Date(), ...capabilitiesData(capabilities) },
    });
  } else {
    await auditFailedTest(actor, cluster, credential.server, report);
  }
  return report;
}

/** A failed connection test: the API server's host (never the path or credentials) and why. */
async function auditFailedTest(actor: Actor, cluster: { id: string; name: string }, server: string, report: ConnectionReport & { ok: false }): Promise<void> {
  let host = "";
  try {
    host = new URL(server).host;
  } catch {
    // a stored server is always a URL (vetted); nothing to name otherwise
  }
  await recordAuditAlone({
    action: "credential.test",
    actor: { id: actor.userId, email: actor.email },
    teamId: actor.teamId,
    target: { type: "cluster", id: cluster.id, name: cluster.name },
    cluster,
    namespace: report.namespace,
    summary: { host },
    result: "failure",
    reason: report.message,
  });
}

/** Keeps the snapshot a plan discovered with the caller's credential (for the cluster page and pickers). */
export async function saveCapabilities(actor: Actor, clusterId: string, capabilities: Capabilities | null): Promise<void> {
  if (!capabilities) return;
  await db().clusterCredential.updateMany({ where: { clusterId, userId: actor.userId }, data: capabilitiesData(capabilities) });
}

function capabilitiesData(capabilities: Capabilities | null) {
  return capabilities ? { capabilities: capabilities as object, capabilitiesAt: new Date(capabilities.checkedAt) } : {};
}

/** The caller's own client configuration for a live cluster of their team (for deploys). */
export async function openMyKubeConfig(actor: Actor, clusterId: string, opts: { timeoutMs?: number } = {}): Promise<{ kc: KubeConfig; cluster: { id: string; name: string; profile: string }; credential: CredentialView }> {
  const cluster = await findTeamCluster(actor, clusterId);
  const row = await db().clusterCredential.findUnique({
    where: { clusterId_userId: { clusterId: cluster.id, userId: actor.userId } },
    select: { ...CREDENTIAL_VIEW_SELECT, clusterId: true, userId: true, kubeconfigCipher: true },
  });
  if (!row) throw invalid(msg("serverErrors.clusters.attachFirst", { cluster: cluster.name }), { clusterIds: [msg("serverErrors.clusters.noCredentialOf", { cluster: cluster.name })] });
  let kc: KubeConfig;
  try {
    kc = openCredential(row, opts);
  } catch {
    throw invalid(msg("serverErrors.clusters.cannotOpen", { cluster: cluster.name }), { clusterIds: [msg("serverErrors.clusters.reattach", { cluster: cluster.name })] });
  }
  return { kc, cluster: { id: cluster.id, name: cluster.name, profile: cluster.profile }, credential: credentialView(row) };
}
