import "server-only";
import { PatchStrategy, type KubeConfig, type KubernetesObject } from "@kubernetes/client-node";
import { driftOf, type Drift } from "@/lib/applications/live-state";
import { diffObjects } from "@/lib/manifests";
import { apiError, describeError, isNotFound } from "./api-error";
import { FIELD_MANAGER, inNamespace, ObjectApi } from "./object-api";
import { comparable } from "./plan";
import { replicasToHandOver, withReplicas } from "./replicas-handover";

// Drift the way Kubernetes sees it: per object of the last applied manifest, a server-side apply
// dry run with Berth's field manager (forced, as a sync would be), and the difference between
// that result and the live object is what a sync would change. Fields Berth hands over
// (spec.replicas under an autoscaler) are left out exactly as the apply leaves them out.
// managedFields of the live object name who owns each drifted field now. Nothing is changed.
export type ObjectDrift = { kind: string; name: string; state: "in_sync" | "drifted" | "missing" | "error"; fields: Drift[]; error: string };

export async function dryRunDrift(kc: KubeConfig, namespace: string, objects: KubernetesObject[]): Promise<ObjectDrift[]> {
  const api = ObjectApi.for(kc);
  return Promise.all(objects.map((o) => objectDrift(api, namespace, o)));
}

async function objectDrift(api: ObjectApi, namespace: string, obj: KubernetesObject): Promise<ObjectDrift> {
  const kind = obj.kind ?? "";
  const name = obj.metadata?.name ?? "";
  const out: ObjectDrift = { kind, name, state: "in_sync", fields: [], error: "" };
  let target: KubernetesObject;
  let live: KubernetesObject;
  try {
    const info = await api.requireResourceInfo(obj);
    target = inNamespace(obj, namespace, info.namespaced);
    live = await api.read({ apiVersion: target.apiVersion!, kind: target.kind!, metadata: { name, namespace: target.metadata?.namespace } });
  } catch (e) {
    if (isNotFound(e)) return { ...out, state: "missing" };
    return { ...out, state: "error", error: apiError(e).status === 403 ? `not allowed: ${describeError(e)}` : describeError(e) };
  }
  try {
    const handover = replicasToHandOver(target, live);
    const dry = await api.patch(handover === undefined ? target : withReplicas(target, handover), undefined, "All", FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
    out.fields = diffObjects(comparable(dry), comparable(live), { ownedOnly: false }).map((c) => driftOf(kind, name, c, live));
  } catch (e) {
    return { ...out, state: "error", error: apiError(e).status === 403 ? `not allowed: ${describeError(e)}` : describeError(e) };
  }
  if (out.fields.length) out.state = "drifted";
  return out;
}
