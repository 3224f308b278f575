import "server-only";
import { PatchStrategy, type KubernetesObject, type V1ManagedFieldsEntry } from "@kubernetes/client-node";
import { FIELD_MANAGER, type ObjectApi } from "./object-api";

// With an autoscaler the renderer leaves spec.replicas out of the StatefulSet. If Berth's field
// manager still owns spec.replicas from an earlier apply, server-side apply would remove the field
// and the StatefulSet would drop to 1 replica. Kubernetes' guidance ("transferring ownership"):
// first apply only spec.replicas, at its live value, with another field manager; then apply the
// manifest without it. The autoscaler's next scale (an update) takes the field from that manager.
export const REPLICAS_HANDOVER_MANAGER = "berth-replicas-handover";

type WithReplicas = KubernetesObject & { spec?: { replicas?: number } };

/** The planned StatefulSet leaves spec.replicas to an autoscaler. */
export function leavesReplicasOut(planned: KubernetesObject): boolean {
  return planned.kind === "StatefulSet" && (planned as WithReplicas).spec?.replicas === undefined;
}

/** The live replica count to hand over before applying `planned`, or undefined when nothing needs it. */
export function replicasToHandOver(planned: KubernetesObject, live: KubernetesObject | null): number | undefined {
  if (!live || !leavesReplicasOut(planned)) return undefined;
  const replicas = (live as WithReplicas).spec?.replicas;
  if (typeof replicas !== "number") return undefined;
  return (live.metadata?.managedFields ?? []).some((m) => appliedBy(m, FIELD_MANAGER) && ownsPath(m.fieldsV1, ["spec", "replicas"])) ? replicas : undefined;
}

/** The object with spec.replicas set (the plan's dry run of "hand over, then apply"; a recreate). */
export function withReplicas<T extends KubernetesObject>(obj: T, replicas: number): T {
  return { ...obj, spec: { ...(obj as WithReplicas).spec, replicas } } as T;
}

export async function handOverReplicas(api: ObjectApi, target: KubernetesObject, replicas: number): Promise<void> {
  const only = { apiVersion: target.apiVersion!, kind: target.kind!, metadata: { name: target.metadata!.name!, namespace: target.metadata?.namespace }, spec: { replicas } };
  await api.patch(only, undefined, undefined, REPLICAS_HANDOVER_MANAGER, false, PatchStrategy.ServerSideApply);
}

function appliedBy(entry: V1ManagedFieldsEntry, manager: string): boolean {
  return entry.manager === manager && entry.operation === "Apply";
}

function ownsPath(fields: unknown, path: string[]): boolean {
  let node = fields;
  for (const key of path) {
    if (typeof node !== "object" || node === null || !(`f:${key}` in node)) return false;
    node = (node as Record<string, unknown>)[`f:${key}`];
  }
  return true;
}
