import "server-only";
import { ApisApi, AppsV1Api, CoreV1Api, NetworkingV1Api, StorageV1Api, type KubeConfig } from "@kubernetes/client-node";
import { cloudFeaturesOf, CRON_HPA } from "@/lib/manifests";
import { english } from "@/lib/i18n/english";
import { msg, type Msg, type MsgValue } from "@/lib/i18n/message";
import { isNotFound } from "./api-error";
import { ObjectApi } from "./object-api";

// What a cluster serves, discovered with the user's own credential: API groups (and so CRDs),
// the cron-HPA CRD, the metrics API, IngressClasses, StorageClasses (and their defaults) and
// the namespaces the user may list. Lists the user may not read are `null` ("unknown"), not
// empty. Every list is bounded; a hostile cluster cannot make the snapshot grow.
export const MAX_NAMES = 200;
const MAX_GROUP_VERSIONS = 400;

export type NamedList = { names: string[]; default: string | null };
export type MetricsState = "available" | "unavailable" | "missing" | "unknown";
/**
 * The cron-HPA controller (Alibaba Cloud's ack-kubernetes-cronhpa-controller, a Deployment
 * `kubernetes-cronhpa-controller` in kube-system): the CRD alone stores CronHorizontalPodAutoscalers,
 * only the controller makes their schedules fire. "absent": no such Deployment; "stopped": it has
 * no available replica; "unknown": the credential may not read it.
 */
export type ControllerState = "running" | "stopped" | "absent" | "unknown";
export type Capabilities = {
  checkedAt: string;
  /** "v1", "apps/v1", "autoscaling.alibabacloud.com/v1beta1", … */
  groupVersions: string[];
  cronHpa: boolean;
  /** Absent from snapshots taken before it was discovered (read as "unknown"). */
  cronHpaController?: ControllerState;
  metrics: MetricsState;
  ingressClasses: NamedList | null;
  storageClasses: NamedList | null;
  namespaces: string[] | null;
};

const DEFAULT_STORAGE = "storageclass.kubernetes.io/is-default-class";
const DEFAULT_INGRESS = "ingressclass.kubernetes.io/is-default-class";
const METRICS_GV = "metrics.k8s.io/v1beta1";
export const CRON_HPA_CONTROLLER = { namespace: "kube-system", name: "kubernetes-cronhpa-controller" } as const;

export async function discoverCapabilities(kc: KubeConfig): Promise<Capabilities> {
  const [groupVersions, ingressClasses, storageClasses, namespaces] = await Promise.all([
    servedGroupVersions(kc),
    readable(async () => {
      const list = await kc.makeApiClient(NetworkingV1Api).listIngressClass({ limit: MAX_NAMES });
      return namedList(list.items, DEFAULT_INGRESS);
    }),
    readable(async () => {
      const list = await kc.makeApiClient(StorageV1Api).listStorageClass({ limit: MAX_NAMES });
      return namedList(list.items, DEFAULT_STORAGE);
    }),
    readable(async () => {
      const list = await kc.makeApiClient(CoreV1Api).listNamespace({ limit: MAX_NAMES });
      return bounded(list.items.map((n) => n.metadata?.name ?? ""));
    }),
  ]);
  const api = ObjectApi.for(kc);
  const [cronHpa, metrics] = await Promise.all([
    groupVersions.includes(CRON_HPA.apiVersion) ? serves(api, CRON_HPA.apiVersion, CRON_HPA.kind) : false,
    metricsState(api, groupVersions),
  ]);
  const cronHpaController = cronHpa === true ? await controllerState(kc) : "absent";
  return { checkedAt: new Date().toISOString(), groupVersions, cronHpa: cronHpa === true, cronHpaController, metrics, ingressClasses, storageClasses, namespaces };
}

async function controllerState(kc: KubeConfig): Promise<ControllerState> {
  try {
    const d = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment(CRON_HPA_CONTROLLER);
    const available = d.status?.availableReplicas;
    return typeof available === "number" && available > 0 ? "running" : "stopped";
  } catch (e) {
    return isNotFound(e) ? "absent" : "unknown";
  }
}

async function servedGroupVersions(kc: KubeConfig): Promise<string[]> {
  const groups = await kc.makeApiClient(ApisApi).getAPIVersions();
  const out = ["v1"];
  for (const g of groups.groups ?? []) for (const v of g.versions ?? []) out.push(String(v.groupVersion).slice(0, 253));
  return [...new Set(out)].slice(0, MAX_GROUP_VERSIONS);
}

async function serves(api: ObjectApi, apiVersion: string, kind: string): Promise<boolean | "error"> {
  try {
    return (await api.resourceInfo({ apiVersion, kind })) !== null;
  } catch {
    return "error";
  }
}

async function metricsState(api: ObjectApi, groupVersions: string[]): Promise<MetricsState> {
  if (!groupVersions.includes(METRICS_GV)) return "missing";
  const r = await serves(api, METRICS_GV, "PodMetrics");
  return r === true ? "available" : r === "error" ? "unavailable" : "missing";
}

/** The value, or null when the user may not read it (403) or the cluster would not say. */
async function readable<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

function namedList(items: Array<{ metadata?: { name?: string; annotations?: Record<string, string> } }>, defaultAnnotation: string): NamedList {
  const names = bounded(items.map((i) => i.metadata?.name ?? ""));
  const def = items.find((i) => i.metadata?.annotations?.[defaultAnnotation] === "true")?.metadata?.name;
  return { names, default: def && names.includes(def) ? def : null };
}

function bounded(names: string[]): string[] {
  return names.filter((n) => n.length > 0 && n.length <= 253).slice(0, MAX_NAMES).sort();
}

/** Plain sentences of what the cluster lacks, for the cluster page. */
/** What the cluster lacks, as catalogue messages (clusters.missing.*): the cluster page shows them in the reader's language. */
export function missingFeatureMsgs(c: Capabilities): Msg[] {
  const out: Msg[] = [];
  const where = { name: CRON_HPA_CONTROLLER.name, namespace: CRON_HPA_CONTROLLER.namespace };
  if (!c.cronHpa) out.push(msg("clusters.missing.noCronCrd"));
  else if (c.cronHpaController === "absent") out.push(msg("clusters.missing.cronControllerAbsent", where));
  else if (c.cronHpaController === "stopped") out.push(msg("clusters.missing.cronControllerStopped", where));
  else if (c.cronHpaController !== "running") out.push(msg("clusters.missing.cronControllerUnknown", where));
  if (c.metrics === "missing") out.push(msg("clusters.missing.noMetrics"));
  if (c.metrics === "unavailable") out.push(msg("clusters.missing.metricsUnavailable"));
  if (c.ingressClasses && c.ingressClasses.names.length === 0) out.push(msg("clusters.missing.noIngressClass"));
  if (c.storageClasses && c.storageClasses.default === null) out.push(msg("clusters.missing.noDefaultStorageClass"));
  return out;
}

/** The same in English, plain sentences ("This cluster has no CronHorizontalPodAutoscaler CRD: …"). */
export function missingFeatures(c: Capabilities): string[] {
  return missingFeatureMsgs(c).map((m) => english(m));
}

/** A stored snapshot (JSON from the database) back to a Capabilities, or null when it is not one. */
export function parseCapabilities(v: unknown): Capabilities | null {
  if (!v || typeof v !== "object" || Array.isArray(v)) return null;
  const c = v as Partial<Capabilities>;
  if (typeof c.checkedAt !== "string" || !Array.isArray(c.groupVersions) || typeof c.cronHpa !== "boolean" || typeof c.metrics !== "string") return null;
  return c as Capabilities;
}

type Obj = Record<string, any>;

/**
 * What will not work as meant on this cluster, without blocking the deploy: an autoscaler with
 * no metrics to read, an ingress or storage class the cluster does not have, and cloud-only
 * features on a cluster registered with the Generic profile. Catalogue messages (planWarnings.*):
 * the plan shows them in the reader's language; `capabilityWarnings` is their English.
 */
export function capabilityWarningMsgs(obj: Obj, caps: Capabilities, profile: string): Msg[] {
  const out: Msg[] = [];
  const warn = (key: string, values?: Record<string, MsgValue>) => out.push(msg(`planWarnings.${key}`, values));
  const itHas = (names: string[]): MsgValue => (names.length ? msg("planWarnings.itHas", { names: names.join(", ") }) : "");
  if (obj.kind === "HorizontalPodAutoscaler" && Array.isArray(obj.spec?.metrics) && obj.spec.metrics.some((m: Obj) => m?.type === "Resource")) {
    if (caps.metrics === "missing") warn("metricsMissing");
    if (caps.metrics === "unavailable") warn("metricsUnavailable");
  }
  if (obj.kind === "Ingress" && caps.ingressClasses) {
    const cls: unknown = obj.spec?.ingressClassName;
    const { names, default: def } = caps.ingressClasses;
    if (typeof cls === "string" && !names.includes(cls)) warn("ingressClassMissing", { className: cls, has: itHas(names) });
    if (cls === undefined && def === null) warn("ingressNoDefault", { has: itHas(names) });
  }
  if (obj.kind === "StatefulSet" && caps.storageClasses) {
    const { names, default: def } = caps.storageClasses;
    for (const t of Array.isArray(obj.spec?.volumeClaimTemplates) ? obj.spec.volumeClaimTemplates : []) {
      const cls: unknown = t?.spec?.storageClassName;
      const claim = String(t?.metadata?.name ?? "");
      if (typeof cls === "string" && cls !== "" && !names.includes(cls)) warn("storageClassMissing", { claim, className: cls, has: itHas(names) });
      if (cls === undefined && def === null) warn("storageNoDefault", { claim });
    }
  }
  if (obj.apiVersion === CRON_HPA.apiVersion && obj.kind === CRON_HPA.kind && caps.cronHpa && (caps.cronHpaController === "absent" || caps.cronHpaController === "stopped")) {
    warn(caps.cronHpaController === "absent" ? "cronNoController" : "cronControllerStopped", { name: CRON_HPA_CONTROLLER.name, namespace: CRON_HPA_CONTROLLER.namespace });
  }
  if (profile !== "alibabacloud") {
    for (const f of cloudFeaturesOf(obj)) {
      // Scheduled scaling on a cluster without the CRD is an error (notServedMessage), not a warning.
      if (f === "scheduledScaling" && !caps.cronHpa) continue;
      warn("genericProfile", { feature: msg(`planWarnings.features.${f}.name`), why: msg(`planWarnings.features.${f}.generic`) });
    }
  }
  return out;
}

/** The same in English (the API's plan). */
export function capabilityWarnings(obj: Obj, caps: Capabilities, profile: string): string[] {
  return capabilityWarningMsgs(obj, caps, profile).map((m) => english(m));
}
