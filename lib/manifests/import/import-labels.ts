import { berthLabels, CLOUD_LABELS, forcedLabels } from "../naming";
import { hasOwnKey, ownValue, setOwn } from "../plain-object";
import { importMsg, type ImportContext } from "./import-context";

/**
 * Removes the labels Berth renders itself, so they are not stored twice.
 * `name`/`instance` stay when the user gave them another value.
 */
export function userLabels(labels: Record<string, string>, appName: string, ctx: ImportContext, path: string, also: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const derived = { ...berthLabels(appName), ...also };
  const forced = forcedLabels(appName);
  for (const [key, value] of Object.entries(labels)) {
    if (ownValue(derived, key) === value) continue;
    if (hasOwnKey(forced, key)) {
      if (forced[key] !== value) ctx.warn(importMsg("warn.labelReplaced", { key, value, forced: forced[key] }), path);
      continue;
    }
    setOwn(out, key, value);
  }
  return out;
}

/** Pulls the seed cloud's instance type and QoS out of the pod labels. */
export function cloudProfile(labels: Record<string, string>): { instanceType: string; qos: string } | undefined {
  const instanceType = labels[CLOUD_LABELS.instanceType];
  const qos = labels[CLOUD_LABELS.qos];
  if (instanceType === undefined || qos === undefined) return undefined;
  delete labels[CLOUD_LABELS.instanceType];
  delete labels[CLOUD_LABELS.qos];
  return { instanceType, qos };
}
