// No zod here: the wizard's first view needs this rule, and zod is loaded only when it validates.
/**
 * The replica count the model requires when an autoscaler owns `spec.replicas` (through the scale
 * subresource), or undefined when the form's count is applied. Render then leaves `spec.replicas`
 * out, so `replicas` is not applied: with an HPA it equals `minReplicas` (what the HPA enforces);
 * with scheduled scaling only it is 1, what Kubernetes starts a StatefulSet without the field at.
 */
export function managedReplicas(spec: { autoscaling?: { minReplicas: number }; scheduledScaling?: unknown }): number | undefined {
  if (spec.autoscaling) return spec.autoscaling.minReplicas;
  return spec.scheduledScaling ? 1 : undefined;
}
