import type { KubernetesObject } from "@kubernetes/client-node";
import { diffObjects } from "@/lib/manifests";

// StatefulSet fields the API server refuses to change in place: a change to any of them means
// "recreate" (delete the StatefulSet orphaning its pods, then apply; the PVCs stay).
export const IMMUTABLE_STATEFULSET_FIELDS = ["spec.selector", "spec.serviceName", "spec.volumeClaimTemplates", "spec.podManagementPolicy"] as const;

export function immutableStatefulSetChanges(planned: KubernetesObject, live: KubernetesObject): string[] {
  const changed = diffObjects(planned, live).map((c) => c.path);
  // The diff looks only at fields the plan sets: claim templates the plan drops (or a plan
  // without any) would go unseen, and the API server would answer a bare "spec: Forbidden".
  const claims = (o: KubernetesObject) => ((o as { spec?: { volumeClaimTemplates?: unknown[] } }).spec?.volumeClaimTemplates ?? []).length;
  if (claims(planned) !== claims(live)) changed.push("spec.volumeClaimTemplates");
  return IMMUTABLE_STATEFULSET_FIELDS.filter((f) => changed.some((p) => p === f || p.startsWith(`${f}.`) || p.startsWith(`${f}[`)));
}

/** The API server's refusal of an in-place change to a StatefulSet field that cannot change. */
export function isStatefulSetForbiddenUpdate(message: string): boolean {
  return /updates to statefulset spec for fields other than/i.test(message);
}
