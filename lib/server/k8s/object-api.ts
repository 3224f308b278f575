import "server-only";
import { KubernetesObjectApi, type KubeConfig, type KubernetesObject } from "@kubernetes/client-node";

export const FIELD_MANAGER = "berth";

export type ResourceInfo = { group: string; resource: string; namespaced: boolean };

// KubernetesObjectApi plus what the plan needs from discovery: an object's resource name (for
// access reviews and messages) and whether it lives in a namespace.
export class ObjectApi extends KubernetesObjectApi {
  static for(kc: KubeConfig): ObjectApi {
    return kc.makeApiClient(ObjectApi);
  }

  async resourceInfo(obj: KubernetesObject): Promise<ResourceInfo> {
    const apiVersion = obj.apiVersion ?? "v1";
    const r = await this.resource(apiVersion, obj.kind ?? "");
    if (!r) throw new Error(`the cluster does not serve ${obj.kind} in ${apiVersion} (is its CRD installed?)`);
    return { group: apiVersion.includes("/") ? apiVersion.split("/")[0] : "", resource: r.name, namespaced: r.namespaced };
  }
}

/** A copy of the object placed in the namespace (when the kind is namespaced). */
export function inNamespace<T extends KubernetesObject>(obj: T, namespace: string, namespaced = true): T {
  const copy = structuredClone(obj);
  copy.metadata = { ...copy.metadata };
  if (namespaced) copy.metadata.namespace = namespace;
  else delete copy.metadata.namespace;
  return copy;
}

export function objectLabel(obj: KubernetesObject): string {
  return `${obj.kind}/${obj.metadata?.name ?? ""}`;
}
