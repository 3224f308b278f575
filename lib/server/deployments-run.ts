import "server-only";
import { english } from "@/lib/i18n/english";
import { msg, type Msg, type MsgValue } from "@/lib/i18n/message";
import type { KubeConfig, KubernetesObject } from "@kubernetes/client-node";
import type { Actor } from "./authz";
import { openMyKubeConfig } from "./clusters-credentials";
import { auditDiff, diffSummaryMsg } from "./deployments-fields";
import { ownershipOf, takeOverBlockers } from "./deployments-ownership";
import { auditRefusal, finalizeDeployment, markApplying, reserveDeployment, withLease, type Outcome, type RecordMeta, type Target } from "./deployments-record";
import type { Bundle } from "./deployments-render";
import { AppError, invalid } from "./errors";
import { applyBundle, type ObjectResult } from "./k8s/apply";
import { describeError } from "./k8s/api-error";
import { planBundle, type BundlePlan } from "./k8s/plan";
import { measureKubeOperation } from "./k8s/round-trips";
import { undeployApp, type DeletedObject } from "./k8s/undeploy";
import { refuseWhileDraining, trackDeploy } from "./shutdown";

// One deploy (or undeploy) on one cluster with the caller's own credential: reserve the record,
// plan, apply, finalize. Whatever happens after the reservation ends in a finalized record — also
// when the instance is stopped mid-way (shutdown.ts finishes it as interrupted after the grace period).
export type RunOptions = {
  force?: boolean;
  recreate?: boolean;
  createNamespace?: boolean;
  /** Replace objects another template deployed under this app name. */
  takeOver?: boolean;
  /** Test hook, passed to applyBundle. */
  beforeObject?: (index: number, obj: KubernetesObject) => Promise<void>;
};
export type ClusterResult = {
  clusterId: string;
  clusterName: string;
  deploymentId: string | null;
  /** "waiting_for_approval": the target is protected; nothing was applied, `requestId` waits for approvals. */
  status: "applied" | "failed" | "refused" | "waiting_for_approval";
  message: string;
  /** The same as a catalogue message when it is Berth's own words (a refusal): the console shows it in the reader's language. */
  msg?: Msg;
  /** The deploy request created instead of applying (status "waiting_for_approval"). */
  requestId?: string;
  /** Applied by an owner through a freeze or without approvals (see lib/server/deploy-requests.ts). */
  breakGlass?: boolean;
};
export type ResultLine = ObjectResult & { action: string };

type Work<P> = (kc: KubeConfig, target: Target, record: { id: string }, checked: P) => Promise<Outcome>;
/** Runs before any record is written; throwing an AppError refuses the deploy (audited, no record). */
type Precheck<P> = (kc: KubeConfig, target: Target) => Promise<P>;

async function runRecorded<P>(actor: Actor, clusterId: string, namespace: string, bundle: Bundle, meta: RecordMeta, precheck: Precheck<P>, work: Work<P>): Promise<ClusterResult> {
  let opened;
  let record;
  let checked: P;
  try {
    refuseWhileDraining();
    opened = await openMyKubeConfig(actor, clusterId);
    checked = await precheck(opened.kc, { cluster: opened.cluster, namespace });
    record = await reserveDeployment(actor, { cluster: opened.cluster, namespace }, bundle, meta);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const clusterName = opened?.cluster.name ?? "";
    await auditRefusal(actor, clusterId, clusterName, namespace, bundle, meta, e.message);
    return { clusterId, clusterName, deploymentId: null, status: "refused", message: e.message, msg: e.msg ?? undefined };
  }
  const target = { cluster: opened.cluster, namespace };
  const finalize = (outcome: Outcome) => finalizeDeployment(actor, target, { ...record, appName: bundle.appName }, meta, outcome);
  let interrupted: Msg | undefined;
  const tracked = trackDeploy(async (outcome) => {
    interrupted = outcome;
    await finalize({ ok: false, results: [], message: english(outcome), msg: outcome, summary: { interrupted: true } });
  });
  try {
    let outcome: Outcome;
    try {
      outcome = await withLease(record.id, () => work(opened.kc, target, record, checked));
    } catch (e) {
      outcome = { ok: false, results: [], message: describeError(e), summary: {} };
    }
    // The shutdown may have finished the record already (grace period over): keep its outcome.
    if (!tracked.claim()) return { clusterId, clusterName: opened.cluster.name, deploymentId: record.id, status: "failed", message: english(interrupted!), msg: interrupted };
    await finalize(outcome);
    return { clusterId, clusterName: opened.cluster.name, deploymentId: record.id, status: outcome.ok ? "applied" : "failed", message: outcome.message, ...(outcome.msg ? { msg: outcome.msg } : {}), ...(meta.breakGlass ? { breakGlass: true } : {}) };
  } finally {
    tracked.release();
  }
}

/** The plan of a deploy made again on the server, with the caller's credential: throws (invalid) when it is blocked. */
export async function checkedPlan(actor: Actor, kc: KubeConfig, target: Target, bundle: Bundle, opts: RunOptions) {
  let plan: BundlePlan;
  try {
    plan = await measureKubeOperation("plan", () => planBundle(kc, target.namespace, bundle.objects, { force: opts.force, createNamespace: opts.createNamespace, profile: target.cluster.profile }));
  } catch (e) {
    throw invalid(msg("serverErrors.deployments.planFailed", { reason: describeError(e) }));
  }
  const ownership = await ownershipOf(actor, target.cluster.id, target.namespace, bundle);
  const blockers = [...planBlockers(plan, opts), ...takeOverBlockers(ownership, opts.takeOver)];
  if (blockers.length) throw invalid(msg("serverErrors.deployments.planBlocked", { reasons: blockers.map(english).join("; ") }));
  return { plan, ownership };
}

export function deployOnCluster(actor: Actor, clusterId: string, namespace: string, bundle: Bundle, meta: RecordMeta, opts: RunOptions): Promise<ClusterResult> {
  // The plan is made again on the server: a blocked plan is refused before any record exists.
  const precheck = (kc: KubeConfig, target: Target) => checkedPlan(actor, kc, target, bundle, opts);
  return runRecorded(actor, clusterId, namespace, bundle, meta, precheck, async (kc, _target, record, { plan, ownership }) => {
    const diff = diffSummaryMsg(plan);
    const lines: ResultLine[] = plan.objects.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.name, action: o.action, status: "not_applied", message: "" }));
    await markApplying(record.id, lines);
    const applied = await measureKubeOperation("apply", () =>
      applyBundle(kc, namespace, bundle.objects, {
        force: opts.force,
        recreate: plan.objects.filter((o) => o.action === "recreate").map((o) => o.name),
        createNamespace: plan.namespaceExists === false,
        beforeObject: opts.beforeObject,
      }),
    );
    const results = applied.map((r) => ({ ...r, action: lines.find((l) => l.kind === r.kind && l.name === r.name)?.action ?? "" }));
    const failed = results.find((r) => r.status === "failed");
    const names = (status: string): MsgValue => results.filter((r) => r.status === status).map((r) => `${r.kind}/${r.name}`).join(", ") || msg("serverErrors.deployments.none");
    const outcome = failed
      ? msg("serverErrors.deployments.failedAt", { object: `${failed.kind}/${failed.name}`, reason: failed.message, applied: names("applied"), notApplied: names("not_applied") })
      : msg("serverErrors.deployments.applied", { count: results.length, diff });
    const message = english(outcome);
    const takeOver = ownership.otherTemplate ? { takeOverFrom: { deploymentId: ownership.otherTemplate.deploymentId, number: ownership.otherTemplate.number, templateId: ownership.otherTemplate.templateId, template: ownership.otherTemplate.templateName } } : {};
    const left = ownership.leftBehind.length ? { leftBehind: ownership.leftBehind } : {};
    return { ok: !failed, results, message, msg: outcome, summary: { diff: auditDiff(plan), template: bundle.templateId, applied: results.filter((r) => r.status === "applied").length, objects: results.length, ...takeOver, ...left } };
  });
}

/**
 * Why a deploy of this plan with these options is refused (empty: it may go ahead): our sentences
 * as catalogue messages, the cluster's own words (RBAC denials, dry-run errors) as they came.
 */
export function planBlockers(plan: BundlePlan, opts: Pick<RunOptions, "force" | "recreate" | "createNamespace">): Blocker[] {
  const out: Blocker[] = [];
  const key = (name: string, values: Record<string, MsgValue>) => msg(`serverErrors.deployments.blockers.${name}`, values);
  if (plan.namespaceExists === false && !opts.createNamespace) out.push(key("namespaceMissing", { namespace: plan.namespace }));
  for (const o of plan.objects) {
    const object = `${o.kind}/${o.name}`;
    out.push(...o.denied, ...o.errors.map((e) => key("objectError", { object, field: e.field ? `${e.field}: ` : "", message: e.msg ?? e.message })));
    if (o.conflict && !opts.force) out.push(key("conflict", { object }));
    if (o.action === "recreate" && !opts.recreate) out.push(key("recreate", { object, fields: o.immutable.join(", ") }));
  }
  const seen = new Set<string>();
  return out.filter((b) => !seen.has(english(b)) && !!seen.add(english(b)));
}

/** A blocker: a catalogue message (ours) or the cluster's text. */
export type Blocker = Msg | string;

export function undeployOnCluster(actor: Actor, clusterId: string, namespace: string, bundle: Bundle, meta: RecordMeta): Promise<ClusterResult & { keptClaims?: string[] }> {
  let kept: string[] = [];
  return runRecorded(actor, clusterId, namespace, bundle, meta, async () => undefined, async (kc, _target, record) => {
    await markApplying(record.id, []);
    const extraKinds = bundle.objects.map((o) => [o.apiVersion ?? "v1", o.kind ?? ""] as [string, string]);
    const r = await undeployApp(kc, namespace, bundle.appName, extraKinds);
    kept = r.keptClaims.map((c) => c.name);
    const failed = r.deleted.filter((d) => !d.ok);
    const results = r.deleted.map((d) => ({ kind: d.kind, name: d.name, action: "delete", status: d.ok ? "applied" : "failed", message: d.message, ...(d.msg ? { msg: d.msg } : {}) }));
    const outcome = undeployOutcome(r.deleted, kept);
    return { ok: failed.length === 0, results, message: english(outcome), msg: outcome, summary: { deleted: r.deleted.length - failed.length, keptClaims: kept } };
  }).then((res) => ({ ...res, keptClaims: kept }));
}

/** What an undeploy did, as a message: what it could not delete (each with why, in Berth's words when they are), what it deleted and kept. */
export function undeployOutcome(deleted: DeletedObject[], keptClaims: string[]): Msg {
  const failed = deleted.filter((d) => !d.ok);
  const counts = { count: deleted.length - failed.length, kept: keptClaims.join(", ") || msg("serverErrors.deployments.none") };
  if (!failed.length) return msg("serverErrors.deployments.undeployed", counts);
  const lines = failed.map((d) => msg("serverErrors.deployments.failedObject", { object: `${d.kind}/${d.name}`, reason: d.msg ?? d.message }));
  const list = lines.reduceRight((rest, first) => msg("serverErrors.deployments.listJoin", { first, rest }));
  return msg("serverErrors.deployments.undeployedWithFailures", { failed: list, ...counts });
}
