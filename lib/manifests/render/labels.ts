import type { AppSpec } from "../model/app-spec";
import { berthLabels, CLOUD_LABELS, forcedLabels, selectorLabels } from "../naming";
import { sortedMap } from "./object-helpers";

/** Labels of any object of the app: Berth's, then the user's, then the ones Berth forces. */
export function objectLabels(appName: string, userLabels: Record<string, string> = {}): Record<string, string> {
  return sortedMap({ ...berthLabels(appName), ...userLabels, ...forcedLabels(appName) });
}

/** Pod template labels: object labels + pod labels + the selector + the cloud profile. */
export function podLabels(spec: AppSpec): Record<string, string> {
  const cloud: Record<string, string> = spec.cloud ? { [CLOUD_LABELS.instanceType]: spec.cloud.instanceType, [CLOUD_LABELS.qos]: spec.cloud.qos } : {};
  return sortedMap({ ...berthLabels(spec.name), ...spec.podLabels, ...cloud, ...selectorLabels(spec), ...forcedLabels(spec.name) });
}
