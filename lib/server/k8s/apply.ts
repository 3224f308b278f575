import "server-only";
import { PatchStrategy, type KubeConfig, type KubernetesObject } from "@kubernetes/client-node";
import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import { describeError, isNotFound } from "./api-error";
import { FIELD_MANAGER, inNamespace, ObjectApi } from "./object-api";
import { handOverReplicas, leavesReplicasOut, replicasToHandOver, withReplicas } from "./replicas-handover";

// Server-side apply of a bundle with Berth's field manager, in dependency order (config and
// Services before the StatefulSet, then Ingress and autoscalers). Stops at the first failure
// and reports, per object, what was applied, what failed (with the server's message) and what
// was not attempted — so a lost API server mid-way leaves a truthful result.
export type ObjectResult = {
  apiVersion: string;
  kind: string;
  name: string;
  status: "applied" | "failed" | "not_applied";
  recreated?: boolean;
  /** The server's message for a failed object; Berth's own words for one not attempted (also as `msg`). */
  message: string;
  msg?: Msg;
};
export type ApplyOptions = {
  /** Take over fields another field manager owns (only when the user chose to). */
  force?: boolean;
  /** StatefulSets to delete (orphaning pods, keeping PVCs) before applying: immutable fields changed. */
  recreate?: string[];
  createNamespace?: boolean;
  /** Test hook: runs before each object is applied. */
  beforeObject?: (index: number, obj: KubernetesObject) => Promise<void>;
};

const RANK: Record<string, number> = { Namespace: 0, ConfigMap: 1, Secret: 1, PersistentVolumeClaim: 1, ServiceAccount: 1, Service: 2, StatefulSet: 3 };

/** Apply order: a stable sort by kind rank (unknown kinds after the StatefulSet). */
export function applyOrder<T extends KubernetesObject>(objects: T[]): T[] {
  return objects.map((o, i) => ({ o, i, r: RANK[o.kind ?? ""] ?? 4 })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.o);
}

export async function applyBundle(kc: KubeConfig, namespace: string, objects: KubernetesObject[], opts: ApplyOptions = {}): Promise<ObjectResult[]> {
  const api = ObjectApi.for(kc);
  const ordered = applyOrder(objects);
  const results: ObjectResult[] = ordered.map((o) => ({ apiVersion: o.apiVersion ?? "v1", kind: o.kind ?? "", name: o.metadata?.name ?? "", status: "not_applied", message: "" }));
  if (opts.createNamespace) await ensureNamespace(api, namespace);
  for (const [i, obj] of ordered.entries()) {
    try {
      await opts.beforeObject?.(i, obj);
      const info = await api.requireResourceInfo(obj);
      const target = inNamespace(obj, namespace, info.namespaced);
      if (obj.kind !== "StatefulSet") await applyObject(api, target, opts.force);
      else if (await applyStatefulSet(api, target, opts)) results[i].recreated = true;
      results[i].status = "applied";
    } catch (e) {
      results[i].status = "failed";
      results[i].message = describeError(e);
      const notApplied = msg("serverErrors.deployments.notAppliedAfter", { object: `${results[i].kind}/${results[i].name}` });
      for (const later of results.slice(i + 1)) Object.assign(later, { message: english(notApplied), msg: notApplied });
      break;
    }
  }
  return results;
}

function applyObject(api: ObjectApi, obj: KubernetesObject, force = false): Promise<unknown> {
  return api.patch(obj, undefined, undefined, FIELD_MANAGER, force, PatchStrategy.ServerSideApply);
}

/**
 * Recreates when asked (keeping volumes) and, when the manifest leaves spec.replicas to an
 * autoscaler, hands the field over first so the apply does not reset the scale. True: recreated.
 */
async function applyStatefulSet(api: ObjectApi, target: KubernetesObject, opts: ApplyOptions): Promise<boolean> {
  const recreate = opts.recreate?.includes(target.metadata!.name!) ?? false;
  const live = leavesReplicasOut(target) ? await readOrNull(api, target) : null;
  let handover = replicasToHandOver(target, live);
  if (recreate) {
    await deleteOrphaning(api, target);
    // Created again at its live scale: at 1 the controller would delete the orphaned pods above ordinal 0.
    const liveReplicas = (live as { spec?: { replicas?: number } } | null)?.spec?.replicas;
    if (liveReplicas !== undefined) await applyObject(api, withReplicas(target, liveReplicas), opts.force);
    handover = liveReplicas;
  }
  if (handover !== undefined) await handOverReplicas(api, target, handover);
  await applyObject(api, target, opts.force);
  return recreate;
}

async function readOrNull(api: ObjectApi, obj: KubernetesObject): Promise<KubernetesObject | null> {
  try {
    return await api.read(header(obj));
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

function header(obj: KubernetesObject) {
  return { apiVersion: obj.apiVersion!, kind: obj.kind!, metadata: { name: obj.metadata!.name!, namespace: obj.metadata?.namespace } };
}

async function ensureNamespace(api: ObjectApi, namespace: string): Promise<void> {
  await applyObject(api, { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } });
}

/** Deletes a StatefulSet leaving its pods and PVCs, and waits until it is gone. */
async function deleteOrphaning(api: ObjectApi, sts: KubernetesObject): Promise<void> {
  const target = header(sts);
  try {
    await api.delete(target, undefined, undefined, undefined, undefined, "Orphan");
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      await api.read(target);
    } catch (e) {
      if (isNotFound(e)) return;
      throw e;
    }
    if (Date.now() > until) throw new Error(`StatefulSet ${target.metadata.name} was not deleted within 30 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
