import "server-only";
import { PatchStrategy, type KubeConfig, type KubernetesObject } from "@kubernetes/client-node";
import { describeError, isNotFound } from "./api-error";
import { FIELD_MANAGER, inNamespace, ObjectApi } from "./object-api";

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
  message: string;
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
      const info = await api.resourceInfo(obj);
      const target = inNamespace(obj, namespace, info.namespaced);
      if (obj.kind === "StatefulSet" && opts.recreate?.includes(target.metadata!.name!)) {
        await deleteOrphaning(api, target);
        results[i].recreated = true;
      }
      await api.patch(target, undefined, undefined, FIELD_MANAGER, opts.force ?? false, PatchStrategy.ServerSideApply);
      results[i].status = "applied";
    } catch (e) {
      results[i].status = "failed";
      results[i].message = describeError(e);
      for (const later of results.slice(i + 1)) later.message = `not applied: ${results[i].kind}/${results[i].name} failed first`;
      break;
    }
  }
  return results;
}

async function ensureNamespace(api: ObjectApi, namespace: string): Promise<void> {
  const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } };
  await api.patch(ns, undefined, undefined, FIELD_MANAGER, false, PatchStrategy.ServerSideApply);
}

/** Deletes a StatefulSet leaving its pods and PVCs, and waits until it is gone. */
async function deleteOrphaning(api: ObjectApi, sts: KubernetesObject): Promise<void> {
  const header = { apiVersion: sts.apiVersion!, kind: sts.kind!, metadata: { name: sts.metadata!.name!, namespace: sts.metadata!.namespace } };
  try {
    await api.delete(header, undefined, undefined, undefined, undefined, "Orphan");
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      await api.read(header);
    } catch (e) {
      if (isNotFound(e)) return;
      throw e;
    }
    if (Date.now() > until) throw new Error(`StatefulSet ${header.metadata.name} was not deleted within 30 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
