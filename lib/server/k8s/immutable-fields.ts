import type { KubernetesObject } from "@kubernetes/client-node";
import { diffObjects } from "@/lib/manifests";

// StatefulSet fields the API server refuses to change in place: a change to any of them means
// "recreate" (delete the StatefulSet orphaning its pods, then apply; the PVCs stay).
export const IMMUTABLE_STATEFULSET_FIELDS = ["spec.selector", "spec.serviceName", "spec.volumeClaimTemplates", "spec.podManagementPolicy"] as const;

export function immutableStatefulSetChanges(planned: KubernetesObject, live: KubernetesObject): string[] {
  const changed = diffObjects(planned, live).map((c) => c.path);
  return IMMUTABLE_STATEFULSET_FIELDS.filter((f) => changed.some((p) => p === f || p.startsWith(`${f}.`) || p.startsWith(`${f}[`)));
}
