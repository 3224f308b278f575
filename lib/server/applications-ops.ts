import "server-only";
import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions, type KubeConfig } from "@kubernetes/client-node";
import { claimView, type ClaimView } from "@/lib/applications/detail-view";
import type { AuditAction } from "@/lib/audit/actions";
import { CRON_HPA, LABEL_APP } from "@/lib/manifests";
import { appliedManifests, getApplication } from "./applications";
import { requireAppPodName, type AppKey } from "./applications-input";
import { openViewerKubeConfig } from "./applications-live";
import { recordAuditAlone } from "./audit";
import { authorize, type Actor, type Ctx } from "./authz";
import { findTeamCluster } from "./clusters";
import { db } from "./db";
import { parseManifest } from "./deployments-render";
import { AppError, conflict, invalid, notFound } from "./errors";
import { canI } from "./k8s/access-review";
import { apiError, describeError, isNotFound } from "./k8s/api-error";

// Day-2 actions on one application, with the viewer's own credential: scale (when no autoscaler
// owns the count), rolling restart (a pod-template annotation), delete one pod (the StatefulSet
// recreates it), and — for an undeployed app — delete a volume claim it left behind, one at a
// time with its name typed as confirmation. Each asks the API server "may I?" first and is
// audited, refusals included. The change happens on the cluster, so the audit event follows it.
export const RESTART_ANNOTATION = "berth.dev/restartedAt";
const OPS_MANAGER = "berth-console";

type Target = { actor: Actor; key: AppKey; kc: KubeConfig; cluster: { id: string; name: string } };

async function open(ctx: Ctx, key: AppKey, what: string, requireLive = true): Promise<Target> {
  const actor = await authorize(ctx, "deploy.run", { what, targetId: `${key.clusterId}/${key.namespace}/${key.appName}` });
  if (requireLive) await getApplication(ctx, key);
  const cluster = await findTeamCluster(actor, key.clusterId);
  const kc = await openViewerKubeConfig(actor, key.clusterId);
  if ("state" in kc) throw invalid(kc.msg ?? kc.message);
  return { actor, key, kc, cluster: { id: cluster.id, name: cluster.name } };
}

async function audited<T>(t: Target, action: AuditAction, summary: Record<string, unknown>, work: () => Promise<T>): Promise<T> {
  const base = { action, actor: { id: t.actor.userId, email: t.actor.email }, teamId: t.actor.teamId, target: { type: "app", id: t.key.appName, name: t.key.appName }, cluster: t.cluster, namespace: t.key.namespace, summary };
  try {
    const out = await work();
    await recordAuditAlone(base);
    return out;
  } catch (e) {
    const message = e instanceof AppError ? e.message : describeError(e);
    await recordAuditAlone({ ...base, result: "failure", reason: message });
    if (e instanceof AppError) throw e;
    throw conflict(msg("serverErrors.applications.clusterRefused", { reason: message }));
  }
}

async function mayI(kc: KubeConfig, verb: string, group: string, resource: string, namespace: string): Promise<void> {
  const answer = await canI(kc, { verb, group, resource, namespace });
  if (!answer.allowed) throw invalid(msg("serverErrors.applications.notAllowed", { reason: answer.message }));
}

export async function scaleApplication(ctx: Ctx, key: AppKey, replicas: number): Promise<void> {
  if (!Number.isInteger(replicas) || replicas < 0 || replicas > 1000) throw invalid(msg("serverErrors.applications.chooseReplicas"), { replicas: [msg("serverErrors.applications.chooseReplicas")] });
  const t = await open(ctx, key, "scale an application");
  await audited(t, "app.scale", { replicas }, async () => {
    const record = await getApplication(ctx, key);
    const manifest = (await appliedManifests(t.actor, [record.applied.id])).get(record.applied.id) ?? "";
    if (parseManifest(manifest).some((o) => o.kind === "HorizontalPodAutoscaler" || o.kind === CRON_HPA.kind)) {
      throw invalid(msg("serverErrors.applications.autoscalerOwns"), { replicas: [msg("serverErrors.applications.managedByAutoscaler")] });
    }
    await mayI(t.kc, "patch", "apps", "statefulsets/scale", key.namespace);
    await t.kc.makeApiClient(AppsV1Api).patchNamespacedStatefulSetScale(
      { name: key.appName, namespace: key.namespace, body: { spec: { replicas } }, fieldManager: OPS_MANAGER },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
  });
}

export async function restartApplication(ctx: Ctx, key: AppKey): Promise<string> {
  const t = await open(ctx, key, "restart an application");
  const at = new Date().toISOString();
  await audited(t, "app.restart", { restartedAt: at }, async () => {
    await mayI(t.kc, "patch", "apps", "statefulsets", key.namespace);
    await t.kc.makeApiClient(AppsV1Api).patchNamespacedStatefulSet(
      { name: key.appName, namespace: key.namespace, body: { spec: { template: { metadata: { annotations: { [RESTART_ANNOTATION]: at } } } } }, fieldManager: OPS_MANAGER },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
  });
  return at;
}

/** One of the app's pods, by name: `<app>-<ordinal>` carrying the app's label. */
export async function deleteAppPod(ctx: Ctx, key: AppKey, podName: string): Promise<void> {
  requireAppPodName(key, podName);
  const t = await open(ctx, key, "delete a pod");
  await audited(t, "app.pod_delete", { pod: podName }, async () => {
    await mayI(t.kc, "delete", "", "pods", key.namespace);
    const api = t.kc.makeApiClient(CoreV1Api);
    const pod = await api.readNamespacedPod({ name: podName, namespace: key.namespace }).catch((e: unknown) => {
      if (isNotFound(e)) throw notFound(msg("serverErrors.what.pod", { name: podName }));
      throw e;
    });
    if (pod.metadata?.labels?.[LABEL_APP] !== key.appName) throw invalid(msg("serverErrors.applications.podNotApps"), { pod: [msg("serverErrors.applications.notAppPodField")] });
    await api.deleteNamespacedPod({ name: podName, namespace: key.namespace });
  });
}

// ---------------------------------------------------------------------------------------------
// Volume claims an undeployed app left behind

/** The key was deployed by this team and its latest applied record is an undeploy. */
async function findUndeployed(actor: Actor, key: AppKey): Promise<{ undeployedAt: Date }> {
  const last = await db().deployment.findFirst({
    where: { teamId: actor.teamId, clusterId: key.clusterId, namespace: key.namespace, appName: key.appName, status: "applied" },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    select: { kind: true, startedAt: true },
  });
  if (!last) throw notFound(msg("serverErrors.what.application"));
  if (last.kind !== "undeploy") throw conflict(msg("serverErrors.applications.stillDeployed"));
  return { undeployedAt: last.startedAt };
}

export type Leftovers = { undeployedAt: Date; state: "ok" | "no_credential" | "unavailable"; message: string; msg?: Msg; claims: ClaimView[] };

export async function leftoverClaims(ctx: Ctx, key: AppKey): Promise<Leftovers> {
  const actor = await authorize(ctx, "team.read");
  const { undeployedAt } = await findUndeployed(actor, key);
  const kc = await openViewerKubeConfig(actor, key.clusterId);
  if ("state" in kc) return { undeployedAt, ...kc, claims: [] };
  try {
    const list = await kc.makeApiClient(CoreV1Api).listNamespacedPersistentVolumeClaim({ namespace: key.namespace, labelSelector: `${LABEL_APP}=${key.appName}`, limit: 500 });
    return { undeployedAt, state: "ok", message: "", claims: list.items.map((c) => claimView(c as never)).sort((a, b) => a.name.localeCompare(b.name)) };
  } catch (e) {
    const info = apiError(e);
    if (info.status !== 403) return { undeployedAt, state: "unavailable", message: info.message, claims: [] };
    const denied = msg("serverErrors.applications.claimsNotAllowed", { namespace: key.namespace });
    return { undeployedAt, state: "unavailable", message: english(denied), msg: denied, claims: [] };
  }
}

export async function deleteLeftoverClaim(ctx: Ctx, key: AppKey, claimName: string, confirmation: string): Promise<void> {
  if (confirmation.trim() !== claimName) throw invalid(msg("serverErrors.applications.typeToConfirm", { name: claimName }), { confirmation: [msg("serverErrors.applications.typeToConfirm", { name: claimName })] });
  const t = await open(ctx, key, "delete a volume claim", false);
  await audited(t, "app.claim_delete", { claim: claimName }, async () => {
    await findUndeployed(t.actor, key);
    await mayI(t.kc, "delete", "", "persistentvolumeclaims", key.namespace);
    const api = t.kc.makeApiClient(CoreV1Api);
    const claim = await api.readNamespacedPersistentVolumeClaim({ name: claimName, namespace: key.namespace }).catch((e: unknown) => {
      if (isNotFound(e)) throw notFound(msg("serverErrors.what.volumeClaim", { name: claimName }));
      throw e;
    });
    if (claim.metadata?.labels?.[LABEL_APP] !== key.appName) throw invalid(msg("serverErrors.applications.claimNotApps"), { claim: [msg("serverErrors.applications.claimNotAppsField")] });
    await api.deleteNamespacedPersistentVolumeClaim({ name: claimName, namespace: key.namespace });
  });
}
