import "server-only";
import type { KubernetesObject } from "@kubernetes/client-node";
import type { AuditAction } from "@/lib/audit/actions";
import { english } from "@/lib/i18n/english";
import { msg } from "@/lib/i18n/message";
import { recordAuditAlone } from "./audit";
import { authorize, type Actor, type Ctx } from "./authz";
import { openMyKubeConfig, saveCapabilities } from "./clusters-credentials";
import { diffSummary, groupDenials, planFieldErrors } from "./deployments-fields";
import type { DeployInput, RedeployInput, UndeployInput } from "./deployments-input";
import { ownershipOf, takeOverBlockers, type Ownership } from "./deployments-ownership";
import { findActableDeployment } from "./deployments-query";
import { parseManifest, renderTemplateVersion, type Bundle } from "./deployments-render";
import { deployOnCluster, planBlockers, undeployOnCluster, type Blocker, type ClusterResult, type RunOptions } from "./deployments-run";
import { throughProtection, type Clock } from "./deploy-requests";
import { AppError } from "./errors";
import { describeError } from "./k8s/api-error";
import { planBundle, type BundlePlan } from "./k8s/plan";
import { measureKubeOperation } from "./k8s/round-trips";

// Plan, deploy (to one or several clusters), redeploy a stored record, undeploy. Each call
// uses the caller's own credentials; every outcome is a deployment record plus an audit event.
export type ClusterPlan = {
  clusterId: string;
  clusterName: string;
  plan: BundlePlan | null;
  error: string;
  fieldErrors: Record<string, string[]>;
  /** Every RBAC denial of the plan, grouped by namespace and verb. */
  denials: string[];
  /** Why a deploy with these options would be refused (empty: it can go ahead), in English (the API's). */
  blockers: string[];
  /** The same, for the console to show in the reader's language (catalogue messages, or the cluster's words). */
  blockerMsgs: Blocker[];
  /** Another template's objects under this app name, and objects the previous deploy left that this one lacks. */
  ownership: Ownership | null;
};
export type PlanResult = { appName: string; manifest: string; clusters: ClusterPlan[] };
/** Test hooks: a step inside the apply, and the clock freeze windows and expiry read. */
export type TestHooks = Pick<RunOptions, "beforeObject"> & Clock;

const glass = (input: { breakGlass?: boolean; breakGlassReason?: string }) => (input.breakGlass ? { reason: input.breakGlassReason ?? "" } : null);

export async function planDeployment(ctx: Ctx, input: DeployInput): Promise<PlanResult> {
  const actor = await authorize(ctx, "deploy.run", { what: "plan a deployment" });
  const bundle = await renderTemplateVersion(actor, input.templateId, input.version, input.values);
  const clusters = await Promise.all(input.clusterIds.map((id) => planOn(actor, id, input.namespace, bundle.objects, { force: input.force, createNamespace: input.createNamespace, recreate: input.recreate, takeOver: input.takeOver }, bundle)));
  await auditPlan(actor, bundle, input.namespace, clusters, { template: input.templateId, version: input.version });
  return { appName: bundle.appName, manifest: bundle.manifest, clusters };
}

export async function deployTemplate(ctx: Ctx, input: DeployInput, hooks: TestHooks = {}): Promise<{ appName: string; results: ClusterResult[] }> {
  const actor = await authorize(ctx, "deploy.run", { what: "deploy", targetId: input.templateId });
  const bundle = await renderTemplateVersion(actor, input.templateId, input.version, input.values);
  const opts = { force: input.force, recreate: input.recreate, createNamespace: input.createNamespace, takeOver: input.takeOver, ...hooks };
  const gate = { ...opts, breakGlass: glass(input) };
  // A protected target gets a deploy request instead (status "waiting_for_approval" with its id).
  const results = await Promise.all(
    input.clusterIds.map((id) => throughProtection(actor, id, input.namespace, bundle, { kind: "deploy" }, gate, (meta) => deployOnCluster(actor, id, input.namespace, bundle, meta, opts))),
  );
  return { appName: bundle.appName, results };
}

/** The plan of re-applying a stored record's exact manifest on its cluster and namespace, with the redeploy's options. */
export async function planRedeploy(ctx: Ctx, deploymentId: string, opts: { force?: boolean; recreate?: boolean; takeOver?: boolean } = {}): Promise<ClusterPlan & { manifest: string }> {
  const actor = await authorize(ctx, "deploy.run", { what: "plan a redeploy", targetId: deploymentId });
  const { source, bundle } = await storedBundle(actor, deploymentId, "deploy.plan");
  const plan = await planOn(actor, source.clusterId, source.namespace, bundle.objects, opts, bundle);
  await auditPlan(actor, bundle, source.namespace, [plan], { replayOf: deploymentId });
  return { ...plan, manifest: bundle.manifest };
}

export async function redeploy(ctx: Ctx, input: RedeployInput, hooks: TestHooks = {}, how: { rollback?: boolean } = {}): Promise<ClusterResult> {
  const actor = await authorize(ctx, "deploy.run", { what: "redeploy", targetId: input.deploymentId });
  const { source, bundle } = await storedBundle(actor, input.deploymentId, "deploy.redeploy");
  const reason = how.rollback ? `rollback to #${source.number}` : input.reason;
  const meta = { kind: "redeploy" as const, replayOfId: source.id, reason };
  const opts = { force: input.force, recreate: input.recreate, takeOver: input.takeOver, ...hooks };
  return throughProtection(actor, source.clusterId, source.namespace, bundle, meta, { ...opts, breakGlass: glass(input) }, (m) => deployOnCluster(actor, source.clusterId, source.namespace, bundle, m, opts));
}

/** Rollback from an application's history: a redeploy of that record, its reason naming it as people do ("rollback to #12"). */
export function rollbackTo(ctx: Ctx, deploymentId: string): Promise<ClusterResult> {
  return redeploy(ctx, { deploymentId, reason: "", force: false, recreate: false }, {}, { rollback: true });
}

export async function undeploy(ctx: Ctx, input: UndeployInput, hooks: Clock = {}): Promise<ClusterResult & { keptClaims?: string[] }> {
  const actor = await authorize(ctx, "deploy.run", { what: "undeploy", targetId: input.deploymentId });
  const { source, bundle } = await storedBundle(actor, input.deploymentId, "deploy.undeploy");
  const meta = { kind: "undeploy" as const, replayOfId: source.id, reason: input.reason };
  return throughProtection(actor, source.clusterId, source.namespace, bundle, meta, { ...hooks, breakGlass: glass(input) }, (m) => undeployOnCluster(actor, source.clusterId, source.namespace, bundle, m));
}

async function storedBundle(actor: Actor, deploymentId: string, action: AuditAction) {
  const source = await findActableDeployment(actor, deploymentId, action);
  const bundle: Bundle = {
    appName: source.appName,
    objects: parseManifest(source.manifest),
    manifest: source.manifest,
    templateId: source.templateId,
    templateVersionId: source.templateVersionId,
    parameters: source.parameters as Bundle["parameters"],
  };
  return { source, bundle };
}

async function planOn(actor: Actor, clusterId: string, namespace: string, objects: KubernetesObject[], opts: { force?: boolean; createNamespace?: boolean; recreate?: boolean; takeOver?: boolean }, bundle: Bundle): Promise<ClusterPlan> {
  let clusterName = "";
  try {
    const { kc, cluster } = await openMyKubeConfig(actor, clusterId);
    clusterName = cluster.name;
    const [plan, ownership] = await Promise.all([measureKubeOperation("plan", () => planBundle(kc, namespace, objects, { ...opts, profile: cluster.profile })), ownershipOf(actor, clusterId, namespace, bundle)]);
    await saveCapabilities(actor, clusterId, plan.capabilities);
    const blockerMsgs = [...planBlockers(plan, opts), ...takeOverBlockers(ownership, opts.takeOver)];
    const blockers = blockerMsgs.map(english);
    return { clusterId, clusterName, plan, error: "", fieldErrors: planFieldErrors(plan, objects, bundle.parameters), denials: groupDenials(plan), blockers, blockerMsgs, ownership };
  } catch (e) {
    // A cluster that cannot be reached (or that Berth refuses to reach) is an answer, not a crash.
    const errorMsg: Blocker = e instanceof AppError ? (e.msg ?? e.message) : msg("serverErrors.deployments.blockers.couldNotPlan", { reason: describeError(e) });
    const error = english(errorMsg);
    return { clusterId, clusterName, plan: null, error, fieldErrors: {}, denials: [], blockers: [error], blockerMsgs: [errorMsg], ownership: null };
  }
}

/** The non-RBAC reasons a plan is blocked, short (the denials are listed grouped beside them). */
function planProblems(plan: BundlePlan | null): string[] {
  if (!plan) return [];
  const out: string[] = [];
  if (plan.namespaceExists === false && !plan.createNamespace) out.push(`namespace ${plan.namespace} does not exist`);
  for (const o of plan.objects) {
    for (const e of o.errors) out.push(`${o.kind}/${o.name}: ${e.message}`);
    if (o.conflict) out.push(`${o.kind}/${o.name}: field conflict`);
  }
  return out;
}

async function auditPlan(actor: Actor, bundle: Bundle, namespace: string, clusters: ClusterPlan[], extra: Record<string, unknown>): Promise<void> {
  const single = clusters.length === 1 && clusters[0].clusterName ? { id: clusters[0].clusterId, name: clusters[0].clusterName } : null;
  const blocked = clusters.filter((c) => !c.plan?.ok).map((c) => `${c.clusterName || c.clusterId}: ${c.error || [...c.denials, ...planProblems(c.plan)].join(", ") || "blocked"}`);
  await recordAuditAlone({
    action: "deploy.plan",
    actor: { id: actor.userId, email: actor.email },
    teamId: actor.teamId,
    target: { type: "app", id: bundle.appName, name: bundle.appName },
    cluster: single,
    namespace,
    summary: {
      ...extra,
      clusters: clusters.map((c) => ({ cluster: c.clusterName || c.clusterId, diff: c.plan ? diffSummary(c.plan) : "", ok: c.plan?.ok ?? false, error: c.error })),
    },
    // A plan that cannot go ahead is recorded as what it is: blocked, with the reasons.
    ...(blocked.length ? { result: "failure" as const, reason: `plan blocked: ${blocked.join("; ")}`.slice(0, 1000) } : {}),
  });
}
