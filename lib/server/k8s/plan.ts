import "server-only";
import { CoreV1Api, PatchStrategy, type KubeConfig, type KubernetesObject } from "@kubernetes/client-node";
import { diffObjects, type FieldChange } from "@/lib/manifests";
import { canIAll } from "./access-review";
import { capabilityWarnings, discoverCapabilities, type Capabilities } from "./capabilities";
import { apiError, describeError, isNotFound } from "./api-error";
import { immutableStatefulSetChanges, isStatefulSetForbiddenUpdate } from "./immutable-fields";
import { FIELD_MANAGER, inNamespace, notServedMessage, ObjectApi, type ResourceInfo } from "./object-api";
import { replicasToHandOver, withReplicas } from "./replicas-handover";

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
  /** Dry-run (or discovery) errors; `field` is the object path the API server named. */
  errors: Array<{ message: string; field?: string }>;
  /** What will not work as meant on this cluster but does not block (no metrics API, unknown ingress class, cloud-only feature on a Generic cluster). */
  warnings: string[];
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

export async function planBundle(kc: KubeConfig, namespace: string, objects: KubernetesObject[], opts: PlanOptions = {}): Promise<BundlePlan> {
  const api = ObjectApi.for(kc);
  const [nsState, [nsCreate], capabilities] = await Promise.all([
    namespaceExists(kc, namespace),
    canIAll(kc, [{ verb: "create", group: "", resource: "namespaces" }]),
    discoverCapabilities(kc).catch(() => null),
  ]);
  const plans = await Promise.all(objects.map((o) => planObject(kc, api, namespace, o, nsState !== false, opts.force ?? false)));
  if (capabilities) plans.forEach((p, i) => p.warnings.push(...capabilityWarnings(objects[i], capabilities, opts.profile ?? "generic")));
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

async function planObject(kc: KubeConfig, api: ObjectApi, namespace: string, obj: KubernetesObject, nsExists: boolean, force: boolean): Promise<ObjectPlan> {
  const plan: ObjectPlan = { apiVersion: obj.apiVersion ?? "v1", kind: obj.kind ?? "", name: obj.metadata?.name ?? "", action: "create", changes: [], denied: [], denials: [], errors: [], warnings: [], immutable: [], conflict: false, takeOver: [] };
  let info: ResourceInfo | null;
  try {
    info = await api.resourceInfo(obj);
  } catch (e) {
    plan.errors.push({ message: describeError(e) });
    return plan;
  }
  if (!info) {
    plan.errors.push({ message: notServedMessage(plan.apiVersion, plan.kind) });
    return plan;
  }
  const target = inNamespace(obj, namespace, info.namespaced);
  const ns = info.namespaced ? namespace : undefined;
  const [get, create, patch] = await canIAll(kc, ["get", "create", "patch"].map((verb) => ({ verb, group: info.group, resource: info.resource, namespace: ns, name: undefined })));
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
  try {
    // The apply hands spec.replicas to the autoscaler first (apply.ts): the scale stays as it is.
    const handover = replicasToHandOver(target, live);
    const dryTarget = handover === undefined ? target : withReplicas(target, handover);
    const dry = await api.patch(dryTarget, undefined, "All", FIELD_MANAGER, force, PatchStrategy.ServerSideApply);
    plan.changes = live ? diffObjects(comparable(dry), comparable(live), { ownedOnly: false }) : [];
  } catch (e) {
    const info = apiError(e);
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
