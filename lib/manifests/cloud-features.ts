import { CRON_HPA } from "./model/scaling";
import { CLOUD_LABELS, LOG_ENV_PREFIX } from "./naming";
import { isObj } from "./plain-object";

/**
 * The features of the seed's cloud (Alibaba Cloud) that a generic Kubernetes cluster does not
 * provide, found in rendered objects. The wizard notes them where they appear; the plan warns
 * (or refuses, when the cluster lacks what they need) when one targets a Generic cluster — its
 * words are catalogue messages (planWarnings.features.*, lib/server/k8s/capabilities.ts).
 */
export type CloudFeature = "scheduledScaling" | "logCollection" | "instanceProfile";

/** The cloud-only features an object uses (empty for a plain Kubernetes object). */
export function cloudFeaturesOf(obj: unknown): CloudFeature[] {
  if (!isObj(obj)) return [];
  if (obj.apiVersion === CRON_HPA.apiVersion && obj.kind === CRON_HPA.kind) return ["scheduledScaling"];
  if (obj.kind !== "StatefulSet") return [];
  const out: CloudFeature[] = [];
  const template = isObj(obj.spec) && isObj(obj.spec.template) ? obj.spec.template : {};
  const podSpec = isObj(template.spec) ? template.spec : {};
  const containers = [podSpec.containers, podSpec.initContainers].flatMap((l) => (Array.isArray(l) ? l : []));
  const envNames = containers.flatMap((c) => (isObj(c) && Array.isArray(c.env) ? c.env : [])).map((e) => (isObj(e) ? e.name : undefined));
  if (envNames.some((n) => typeof n === "string" && n.startsWith(LOG_ENV_PREFIX))) out.push("logCollection");
  const labels = isObj(template.metadata) && isObj(template.metadata.labels) ? template.metadata.labels : {};
  if (Object.values(CLOUD_LABELS).some((l) => Object.hasOwn(labels, l))) out.push("instanceProfile");
  return out;
}
