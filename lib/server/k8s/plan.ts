import "server-only";
import { CoreV1Api, PatchStrategy, type KubeConfig, type KubernetesObject } from "@kubernetes/client-node";
import { english } from "@/lib/i18n/english";
import type { Msg } from "@/lib/i18n/message";
import { diffObjects, type FieldChange } from "@/lib/manifests";
import { AccessChecker, canIAll } from "./access-review";
import { capabilityWarningMsgs, discoverCapabilities, type Capabilities } from "./capabilities";
import { apiError, describeError, isNotFound } from "./api-error";
import { immutableStatefulSetChanges, isStatefulSetForbiddenUpdate } from "./immutable-fields";
import { FIELD_MANAGER, inNamespace, notServedMsg, ObjectApi, type ResourceInfo } from "./object-api";
import { leavesReplicasOut, replicasToHandOver, withReplicas } from "./replicas-handover";

// The plan of a bundle, per object: an RBAC preflight (the caller's own rights, named), a
// server-side dry-run apply, and the field diff against the live object. Nothing is changed.
export type PlanAction = "create" | "update" | "unchanged" | "recreate";
export type ObjectPlan = {
  apiVersion: string;
  kind: string;
  name: string;
  action: PlanAction;
  changes: FieldChange[];
  /** "you cannot create ingresses in namespace shop" */
  denied: string[];
  /** The same denials as questions (verb, resource, namespace), for grouping. */
  denials: Denial[];
  /** Dry-run (or discovery) errors; `field` is the object path the API server named; `msg` when the words are Berth's (a kind not served). */
  errors: Array<{ message: string; field?: string; msg?: Msg }>;
  /** What will not work as meant on this cluster but does not block (no metrics API, unknown ingress class, cloud-only feature on a Generic cluster). English. */
  warnings: string[];
  /** The same warnings as catalogue messages, for the console. */
  warningMsgs: Msg[];
  /** StatefulSet fields that cannot change in place (the object must be recreated). */
  immutable: string[];
  /** Another field manager owns a field this plan sets (apply with force to take it over). */
  conflict: boolean;
  /** The live object is managed by others and not yet by Berth (e.g. adopted): this apply makes Berth a manager. */
  takeOver: string[];
};
export type Denial = { verb: string; resource: string; namespace?: string };
export type BundlePlan = {
  namespace: string;
  /** null: the caller may not read the namespace, so whether it exists is unknown. */
  namespaceExists: boolean | null;
  canCreateNamespace: boolean;
  /** Whether this plan was made with "create the namespace" ticked. */
  createNamespace: boolean;
  objects: ObjectPlan[];
  /** What the cluster serves, discovered for this plan with the caller's credential (null if discovery failed). */
  capabilities: Capabilities | null;
  /** No denial, no error, no conflict, and the namespace exists or is to be created: a deploy can go ahead. */
  ok: boolean;
};

export type PlanOptions = { force?: boolean; createNamespace?: boolean; /** The cluster's registered profile ("generic" | "alibabacloud"). */ profile?: string };

// Objects planned at the same time (each a live read and a dry run on the kept-alive pool,
// connection-pools.ts): a large bundle does not open a burst of connections.
const PLAN_CONCURRENCY = 4;

export async function planBundle(kc: KubeConfig, namespace: string, objects: KubernetesObject[], opts: PlanOptions = {}): Promise<BundlePlan> {
  const api = ObjectApi.for(kc);
  const access = new AccessChecker(kc);
  // One rules review for the namespace answers every object's get/create/patch (access-review.ts).
  void access.rulesIn(namespace);
  const [nsState, [nsCreate], capabilities] = await Promise.all([
    namespaceExists(kc, namespace),
    canIAll(kc, [{ verb: "create", group: "", resource: "namespaces" }]),
    discoverCapabilities(kc).catch(() => null),
  ]);
  const plans = await mapBounded(objects, PLAN_CONCURRENCY, (o) => planObject(api, access, namespace, o, nsState !== false, opts.force ?? false));
  if (capabilities) {
    plans.forEach((p, i) => {
      const warnings = capabilityWarningMsgs(objects[i], capabilities, opts.profile ?? "generic");
      p.warningMsgs.push(...warnings);
      p.warnings.push(...warnings.map((w) => english(w)));
    });
  }
  const nsProblem = nsState === false && !nsCreate.allowed;
  if (nsProblem) {
    for (const p of plans) {
      p.denied.push(`namespace ${namespace} does not exist and ${nsCreate.message}`);
      p.denials.push({ verb: "create", resource: "namespaces" });
    }
  }
  return {
    namespace,
    namespaceExists: nsState,
    canCreateNamespace: nsCreate.allowed,
    createNamespace: opts.createNamespace === true,
    objects: plans,
    capabilities,
    ok: plans.every((p) => p.denied.length === 0 && p.errors.length === 0 && !p.conflict) && (nsState !== false || opts.createNamespace === true),
  };
}

/** `fn` over the items with at most `limit` running at once; results in the items' order. */
async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function planObject(api: ObjectApi, access: AccessChecker, namespace: string, obj: KubernetesObject, nsExists: boolean, force: boolean): Promise<ObjectPlan> {
  const plan: ObjectPlan = { apiVersion: obj.apiVersion ?? "v1", kind: obj.kind ?? "", name: obj.metadata?.name ?? "", action: "create", changes: [], denied: [], denials: [], errors: [], warnings: [], warningMsgs: [], immutable: [], conflict: false, takeOver: [] };
  let info: ResourceInfo | null;
  try {
    info = await api.resourceInfo(obj);
  } catch (e) {
    plan.errors.push({ message: describeError(e) });
    return plan;
  }
  if (!info) {
    const notServed = notServedMsg(plan.apiVersion, plan.kind);
    plan.errors.push({ message: english(notServed), msg: notServed });
    return plan;
  }
  const target = inNamespace(obj, namespace, info.namespaced);
  const ns = info.namespaced ? namespace : undefined;
  const [get, create, patch] = await access.check(["get", "create", "patch"].map((verb) => ({ verb, group: info.group, resource: info.resource, namespace: ns, name: undefined })));
  // With every right granted and no replicas to hand over (whose value comes from the live
  // object), the dry run does not depend on the live read: both go out together.
  const early = get.allowed && create.allowed && patch.allowed && nsExists && !leavesReplicasOut(target) ? dryRun(api, target, force) : null;
  const live = get.allowed && nsExists ? await readLive(api, target, plan) : null;
  plan.action = live ? "update" : "create";
  if (live) plan.takeOver = otherManagers(live);
  const needed = live ? patch : create;
  for (const a of [needed, get]) {
    if (a.allowed) continue;
    plan.denied.push(a.message);
    plan.denials.push({ verb: a.verb, resource: a.resource, ...(a.namespace ? { namespace: a.namespace } : {}) });
  }
  if (live && obj.kind === "StatefulSet") plan.immutable = immutableStatefulSetChanges(target, live);
  if (plan.immutable.length) {
    plan.action = "recreate";
    plan.changes = diffObjects(target, live!);
    return plan;
  }
  if (plan.denied.length || !nsExists) return plan;
  // The apply hands spec.replicas to the autoscaler first (apply.ts): the scale stays as it is.
  const handover = replicasToHandOver(target, live);
  const dry = await (early ?? dryRun(api, handover === undefined ? target : withReplicas(target, handover), force));
  if (dry.ok) {
    plan.changes = live ? diffObjects(comparable(dry.object), comparable(live), { ownedOnly: false }) : [];
  } else {
    const info = apiError(dry.error);
    if (obj.kind === "StatefulSet" && live && [info.message, ...info.causes.map((c) => c.message)].some(isStatefulSetForbiddenUpdate)) {
      // Berth's own advice instead of the raw "spec: Forbidden: updates to statefulset spec…".
      plan.action = "recreate";
      plan.immutable = ["spec (a field that cannot change in place)"];
      plan.changes = diffObjects(target, live);
      return plan;
    }
    if (info.status === 409) plan.conflict = true;
    if (info.causes.length) for (const c of info.causes) plan.errors.push({ message: c.message, field: c.field || undefined });
    else plan.errors.push({ message: info.message });
    if (live) plan.changes = diffObjects(target, live);
  }
  if (live && plan.changes.length === 0 && plan.errors.length === 0) plan.action = "unchanged";
  return plan;
}

type DryRun = { ok: true; object: KubernetesObject } | { ok: false; error: unknown };

/** A server-side dry-run apply; the outcome as a value (it may be started before it is awaited). */
async function dryRun(api: ObjectApi, body: KubernetesObject, force: boolean): Promise<DryRun> {
  try {
    return { ok: true, object: await api.patch(body, undefined, "All", FIELD_MANAGER, force, PatchStrategy.ServerSideApply) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The field managers of a live object Berth does not manage yet (none when Berth is one of them). */
export function otherManagers(live: KubernetesObject): string[] {
  const managers = (live.metadata?.managedFields ?? []).map((m) => String(m.manager ?? "")).filter(Boolean);
  if (managers.includes(FIELD_MANAGER)) return [];
  return [...new Set(managers)].slice(0, 10);
}

async function readLive(api: ObjectApi, target: KubernetesObject, plan: ObjectPlan): Promise<KubernetesObject | null> {
  try {
    return await api.read({ apiVersion: target.apiVersion!, kind: target.kind!, metadata: { name: target.metadata!.name!, namespace: target.metadata?.namespace } });
  } catch (e) {
    if (!isNotFound(e)) plan.errors.push({ message: apiError(e).message });
    return null;
  }
}

async function namespaceExists(kc: KubeConfig, namespace: string): Promise<boolean | null> {
  try {
    await kc.makeApiClient(CoreV1Api).readNamespace({ name: namespace });
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    return null;
  }
}

/** The object without what the server changes on every write (for a diff of meaning). */
export function comparable(obj: KubernetesObject): KubernetesObject {
  const { status: _status, ...rest } = obj as KubernetesObject & { status?: unknown };
  const { managedFields: _m, resourceVersion: _r, generation: _g, uid: _u, creationTimestamp: _c, ...metadata } = rest.metadata ?? {};
  return { ...rest, metadata };
}
