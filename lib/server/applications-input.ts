import { msg } from "@/lib/i18n/message";
import { z } from "zod";
import { invalid } from "./errors";

// The Applications page's URL filters (GET params) and the application key of the detail route.
export const HEALTH_STATES = ["Healthy", "Progressing", "Degraded", "Missing", "Unknown"] as const;
export const SYNC_STATES = ["In sync", "Drifted", "Missing objects", "Unknown"] as const;

const id = z.string().trim().max(64).regex(/^[a-z0-9]+$/i, "Not an id.");
/** A Kubernetes object name (namespace, app, StatefulSet). */
export const dnsLabel = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, "Not a Kubernetes name.");

export const appFilterSchema = z.object({
  cluster: id.optional(),
  namespace: dnsLabel.optional(),
  template: id.optional(),
  health: z.enum(HEALTH_STATES).optional(),
  sync: z.enum(SYNC_STATES).optional(),
  /** Part of the app name (plain text, matched literally). */
  q: z.string().trim().max(63).optional(),
  /** Keyset cursor: the last row of the previous page. */
  after: z.string().max(400).optional(),
});
export type AppFilter = z.infer<typeof appFilterSchema>;

export const appKeySchema = z.object({ clusterId: id, namespace: dnsLabel, appName: dnsLabel });
export type AppKey = z.infer<typeof appKeySchema>;

/** Refuses a pod name that is not one of the app's StatefulSet pods (`<app>-<ordinal>`). */
export function requireAppPodName(key: AppKey, pod: string): void {
  if (!pod.startsWith(`${key.appName}-`) || !/^\d{1,5}$/.test(pod.slice(key.appName.length + 1))) throw invalid(msg("serverErrors.applications.notAppPod"), { pod: [msg("serverErrors.applications.notAppPodField")] });
}

/** Parses what the URL says; anything malformed is dropped (the page shows everything instead of failing). */
export function parseAppFilter(raw: Record<string, string | string[] | undefined>): AppFilter {
  const out: Record<string, string> = {};
  for (const key of Object.keys(appFilterSchema.shape)) {
    const v = raw[key];
    if (typeof v !== "string" || v === "") continue;
    const one = appFilterSchema.shape[key as keyof typeof appFilterSchema.shape].safeParse(v);
    if (one.success && one.data !== undefined) out[key] = one.data;
  }
  return out as AppFilter;
}

export function encodeCursor(row: { appName: string; namespace: string; clusterId: string }): string {
  return Buffer.from(JSON.stringify([row.appName, row.namespace, row.clusterId])).toString("base64url");
}

export function decodeCursor(s: string | undefined): [string, string, string] | null {
  if (!s) return null;
  try {
    const v = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === "string" && x.length <= 253)) return v as [string, string, string];
  } catch {
    // a cursor that is not ours: start from the first page
  }
  return null;
}
