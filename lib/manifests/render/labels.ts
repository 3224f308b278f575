import type { AppSpec } from "../model/app-spec";
import { berthLabels, CLOUD_LABELS, forcedLabels, selectorLabels } from "../naming";
import { isObj } from "../plain-object";
import { sortedMap } from "./object-helpers";

/** Single-entry memo: one render asks for the same app's labels on every object. */
let lastApp: string | undefined;
let lastLabels: Record<string, string> = {};

/** Labels of any object of the app: Berth's, then the user's, then the ones Berth forces. */
export function objectLabels(appName: string, userLabels?: Record<string, string>): Record<string, string> {
  if (userLabels === undefined || isEmpty(userLabels)) {
    if (lastApp !== appName) {
      lastLabels = sortedMap({ ...berthLabels(appName), ...forcedLabels(appName) });
      lastApp = appName;
    }
    return { ...lastLabels };
  }
  return sortedMap({ ...berthLabels(appName), ...userLabels, ...forcedLabels(appName) });
}

/**
 * The labels a passthrough bag gives its object (`extra.metadata.labels`): for objects whose labels
 * are not a form field (headless Service, HPA, cron-HPA) they are the user's and win over Berth's defaults.
 */
export function bagLabels(extra: Record<string, unknown> | undefined): Record<string, string> | undefined {
  const metadata = extra?.metadata;
  if (!isObj(metadata) || !isObj(metadata.labels)) return undefined;
  const labels = metadata.labels;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === "string") out[k] = v;
  return out;
}

/** Pod template labels: object labels + pod labels + the selector + the cloud profile. */
export function podLabels(spec: AppSpec): Record<string, string> {
  const cloud: Record<string, string> = spec.cloud ? { [CLOUD_LABELS.instanceType]: spec.cloud.instanceType, [CLOUD_LABELS.qos]: spec.cloud.qos } : {};
  return sortedMap({ ...berthLabels(spec.name), ...spec.podLabels, ...cloud, ...selectorLabels(spec), ...forcedLabels(spec.name) });
}

function isEmpty(map: Record<string, string>): boolean {
  for (const _ in map) return false;
  return true;
}
