import type { AppSpec } from "./model/app-spec";

/** Names and labels Berth derives from the app; shared by render, import and the rules. */

export const LABEL_APP = "berth.dev/app";
export const LABEL_NAME = "app.kubernetes.io/name";
export const LABEL_INSTANCE = "app.kubernetes.io/instance";
export const LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
export const MANAGED_BY = "berth";

export const CLOUD_LABELS = {
  instanceType: "alibabacloud.com/compute-class",
  qos: "alibabacloud.com/compute-qos",
} as const;

export { MAX_APP_NAME } from "./app-name-limit";

export function headlessServiceName(spec: Pick<AppSpec, "name" | "headlessServiceName">): string {
  return spec.headlessServiceName ?? `${spec.name}-headless`;
}

export function selectorLabels(spec: Pick<AppSpec, "name" | "selector">): Record<string, string> {
  return spec.selector ?? { [LABEL_APP]: spec.name };
}

/** Labels Berth puts on every object; the user's own labels may override name/instance. */
export function berthLabels(appName: string): Record<string, string> {
  return { [LABEL_NAME]: appName, [LABEL_INSTANCE]: appName };
}

/** Labels Berth always forces, whatever the user set. */
export function forcedLabels(appName: string): Record<string, string> {
  return { [LABEL_MANAGED_BY]: MANAGED_BY, [LABEL_APP]: appName };
}

export const LOG_ENV_PREFIX = "aliyun_logs_";

export function logEnvName(store: string): string {
  return `${LOG_ENV_PREFIX}${store}`;
}

export function logTagsEnvName(store: string): string {
  return `${LOG_ENV_PREFIX}${store}_tags`;
}

/** The emptyDir a file-path log collection mounts at the log directory. */
export function logVolumeName(store: string): string {
  return `logs-${store}`;
}

/** `/var/log/nginx/*.log` → `/var/log/nginx`: the directory the emptyDir is mounted at. */
export function logDirectory(path: string): string {
  const glob = path.search(/[*?[]/);
  const end = path.lastIndexOf("/", glob === -1 ? path.length : glob);
  return end <= 0 ? "/" : path.slice(0, end);
}
