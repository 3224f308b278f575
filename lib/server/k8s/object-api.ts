import "server-only";
import { KubernetesObjectApi, type Configuration, type KubeConfig, type KubernetesObject, type V1APIResource } from "@kubernetes/client-node";
import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import { CRON_HPA } from "@/lib/manifests";
import { isNotFound } from "./api-error";

export const FIELD_MANAGER = "berth";

export type ResourceInfo = { group: string; resource: string; namespaced: boolean };

// KubernetesObjectApi plus what the plan needs from discovery: an object's resource name (for
// access reviews and messages) and whether it lives in a namespace.
// One instance per client configuration (one request's credential): its discovery cache then
// serves the plan, the capabilities and the apply of one deploy, and objects of one API
// group/version discovered at the same moment share one GET instead of racing.
const instances = new WeakMap<KubeConfig, ObjectApi>();

export class ObjectApi extends KubernetesObjectApi {
  private readonly discovering = new Map<string, Promise<unknown>>();

  static for(kc: KubeConfig): ObjectApi {
    let api = instances.get(kc);
    if (!api) {
      api = kc.makeApiClient(ObjectApi);
      instances.set(kc, api);
    }
    return api;
  }

  protected override async resource(apiVersion: string, kind: string, options?: Configuration): Promise<V1APIResource | undefined> {
    // Wait for a discovery of this group/version already under way; then the client's cache
    // answers (or, if that one failed, this call asks again, as it did alone).
    const pending = this.discovering.get(apiVersion);
    if (pending) await pending.catch(() => undefined);
    if (this.apiVersionResourceCache[apiVersion]) return super.resource(apiVersion, kind, options);
    const asking = super.resource(apiVersion, kind, options);
    this.discovering.set(apiVersion, asking);
    try {
      return await asking;
    } finally {
      if (this.discovering.get(apiVersion) === asking) this.discovering.delete(apiVersion);
    }
  }

  /** The kind's resource, or null when the cluster does not serve it (its API group/version answers 404, or lacks the kind). */
  async resourceInfo(obj: KubernetesObject): Promise<ResourceInfo | null> {
    const apiVersion = obj.apiVersion ?? "v1";
    let r;
    try {
      r = await this.resource(apiVersion, obj.kind ?? "");
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
    if (!r) return null;
    return { group: apiVersion.includes("/") ? apiVersion.split("/")[0] : "", resource: r.name, namespaced: r.namespaced };
  }

  /**
   * One page of a namespaced list: at most `limit` objects even from a cluster that ignores
   * ?limit= (its reply is untrusted input); `truncated` when the cluster holds more.
   */
  async listPage(apiVersion: string, kind: string, namespace: string, opts: { limit: number; labelSelector?: string; fieldSelector?: string }): Promise<{ items: KubernetesObject[]; truncated: boolean }> {
    const list = await this.list(apiVersion, kind, namespace, undefined, undefined, undefined, opts.fieldSelector, opts.labelSelector, opts.limit);
    const items = list.items ?? [];
    return { items: items.slice(0, opts.limit), truncated: Boolean(list.metadata?._continue) || items.length > opts.limit };
  }

  /** Like resourceInfo, for callers that cannot go on without it. */
  async requireResourceInfo(obj: KubernetesObject): Promise<ResourceInfo> {
    const info = await this.resourceInfo(obj);
    if (!info) throw new Error(notServedMessage(obj.apiVersion ?? "v1", obj.kind ?? ""));
    return info;
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

/** The sentence for an object whose kind the cluster does not serve (a 404 in discovery), as a catalogue message. */
export function notServedMsg(apiVersion: string, kind: string): Msg {
  if (apiVersion === CRON_HPA.apiVersion && kind === CRON_HPA.kind) return msg("serverErrors.deployments.notServedCronHpa", { kind, apiVersion });
  return msg("serverErrors.deployments.notServed", { kind, apiVersion });
}

/** The same in English. */
export function notServedMessage(apiVersion: string, kind: string): string {
  return english(notServedMsg(apiVersion, kind));
}
