import type { AppSpec } from "../model/app-spec";
import { berthLabels, CLOUD_LABELS, forcedLabels, selectorLabels } from "../naming";
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

/** Pod template labels: object labels + pod labels + the selector + the cloud profile. */
export function podLabels(spec: AppSpec): Record<string, string> {
  const cloud: Record<string, string> = spec.cloud ? { [CLOUD_LABELS.instanceType]: spec.cloud.instanceType, [CLOUD_LABELS.qos]: spec.cloud.qos } : {};
  return sortedMap({ ...berthLabels(spec.name), ...spec.podLabels, ...cloud, ...selectorLabels(spec), ...forcedLabels(spec.name) });
}

function isEmpty(map: Record<string, string>): boolean {
  for (const _ in map) return false;
  return true;
}
