import "server-only";
import { VersionApi, type KubeConfig } from "@kubernetes/client-node";
import { canIAll, type AccessQuestion } from "./access-review";
import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import { apiError } from "./api-error";

// What the user's credential can reach: the server version, and what it may do in the chosen
// namespace (the operations a deploy, a rollout view and an undeploy need).
export type PermissionLine = { label: string; verb: string; resource: string; allowed: boolean };
export type ConnectionReport =
  | { ok: true; serverVersion: string; namespace: string; permissions: PermissionLine[]; canCreateNamespace: boolean }
  | { ok: false; namespace: string; message: string; /** `message` as a catalogue message (the console's language). */ msg: Msg };

const CHECKS: Array<[string, Omit<AccessQuestion, "namespace">]> = [
  ["create StatefulSets", { verb: "create", group: "apps", resource: "statefulsets" }],
  ["update StatefulSets", { verb: "patch", group: "apps", resource: "statefulsets" }],
  ["delete StatefulSets", { verb: "delete", group: "apps", resource: "statefulsets" }],
  ["create Services", { verb: "create", group: "", resource: "services" }],
  ["create Ingresses", { verb: "create", group: "networking.k8s.io", resource: "ingresses" }],
  ["create autoscalers", { verb: "create", group: "autoscaling", resource: "horizontalpodautoscalers" }],
  ["read pods (rollout)", { verb: "list", group: "", resource: "pods" }],
  ["list volume claims", { verb: "list", group: "", resource: "persistentvolumeclaims" }],
];

export async function testConnection(kc: KubeConfig, namespace: string): Promise<ConnectionReport> {
  try {
    const version = await kc.makeApiClient(VersionApi).getCode();
    const answers = await canIAll(kc, [
      ...CHECKS.map(([, q]) => ({ ...q, namespace })),
      { verb: "create", group: "", resource: "namespaces" },
    ]);
    const permissions = CHECKS.map(([label, q], i) => ({ label, verb: q.verb, resource: q.resource, allowed: answers[i].allowed }));
    return { ok: true, serverVersion: version.gitVersion, namespace, permissions, canCreateNamespace: answers[answers.length - 1].allowed };
  } catch (e) {
    const info = apiError(e);
    const failed = msg("serverErrors.kubeconfig.connectionFailed", { reason: info.status === 401 ? msg("serverErrors.kubeconfig.unauthorized") : info.message });
    return { ok: false, namespace, message: english(failed), msg: failed };
  }
}
