import "server-only";
import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import type { KubeConfig, KubernetesObject } from "@kubernetes/client-node";
import { computeHealth, computeSync, liveReason, objectKey, withoutAppliedValues, type HealthView, type SyncView } from "@/lib/applications/live-state";
import type { AppRecord } from "./applications";
import { appliedManifests } from "./applications";
import { authorize, type Actor, type Ctx } from "./authz";
import { openMyKubeConfig } from "./clusters-credentials";
import { db } from "./db";
import { parseManifest } from "./deployments-render";
import { env } from "./env";
import { AppError } from "./errors";
import { describeError } from "./k8s/api-error";
import { ObjectApi } from "./k8s/object-api";
import { itemsOf, kindsFor, limiter, readNamespace, unreachable, type Kind, type Limiter, type NamespaceSnapshot } from "./k8s/app-state";

// The live columns of the Applications page, per cluster, read with the VIEWER's own credential:
// one list per namespace and kind for all the cluster's apps at once, a deadline per cluster and
// a bounded number of requests in flight, so a slow or dead cluster only leaves its own rows
// "Unknown". Computed on every request (several instances serve one team; nothing is cached).
const clusterTimeoutMs = () => env().BERTH_APPS_CLUSTER_TIMEOUT_MS;
export const REQUESTS_PER_CLUSTER = 6;

export type AppLive = { health: HealthView; sync: SyncView };
export type ClusterLive = {
  clusterId: string;
  /** ok: read; no_credential: the viewer has none for this cluster; unavailable: unreachable, refused, timed out. */
  state: "ok" | "no_credential" | "unavailable";
  message: string;
  /** `message` as a catalogue message when it is Berth's own words (the console shows it in the reader's language). */
  msg?: Msg;
  apps: Map<string, AppLive>;
  /** API round trips made for this cluster (for the benchmark and tests). */
  calls: number;
};

export function appKeyString(r: { clusterId: string; namespace: string; appName: string }): string {
  return `${r.clusterId}/${r.namespace}/${r.appName}`;
}

const NO_CREDENTIAL_MSG = msg("serverErrors.clusters.noCredentialLive");
export const NO_CREDENTIAL = english(NO_CREDENTIAL_MSG);

/** Live health + sync of these records, all on one cluster. Never throws for cluster trouble. */
export async function liveForCluster(ctx: Ctx, clusterId: string, records: AppRecord[], opts: { timeoutMs?: number } = {}): Promise<ClusterLive> {
  const actor = await authorize(ctx, "team.read");
  const mine = records.filter((r) => r.clusterId === clusterId);
  const base = { clusterId, apps: new Map<string, AppLive>(), calls: 0 };
  const timeoutMs = opts.timeoutMs ?? clusterTimeoutMs();
  const kc = await openViewerKubeConfig(actor, clusterId, timeoutMs);
  if (typeof kc === "object" && "state" in kc) return { ...base, ...kc };
  const manifests = await appliedManifests(actor, mine.map((r) => r.applied.id));
  const objects = new Map(mine.map((r) => [r.applied.id, safeParse(manifests.get(r.applied.id) ?? "")]));
  const run = limiter(REQUESTS_PER_CLUSTER);
  const work = readCluster(kc, mine, objects, run);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const out = await Promise.race([work, deadline]);
    if (out === "timeout") {
      const late = msg("serverErrors.clusters.noAnswerWithin", { seconds: Math.round(timeoutMs / 1000) });
      return { ...base, state: "unavailable", message: english(late), msg: late };
    }
    return { ...base, ...out, state: "ok", message: "" };
  } catch (e) {
    return { ...base, state: "unavailable", message: describeError(e) };
  } finally {
    clearTimeout(timer);
  }
}

/** The viewer's own client for a cluster, or why there is none. */
export async function openViewerKubeConfig(actor: Actor, clusterId: string, timeoutMs = clusterTimeoutMs()): Promise<KubeConfig | { state: "no_credential" | "unavailable"; message: string; msg?: Msg }> {
  const has = await db().clusterCredential.findUnique({ where: { clusterId_userId: { clusterId, userId: actor.userId } }, select: { id: true } });
  if (!has) return { state: "no_credential", message: NO_CREDENTIAL, msg: NO_CREDENTIAL_MSG };
  try {
    return (await openMyKubeConfig(actor, clusterId, { timeoutMs })).kc;
  } catch (e) {
    if (e instanceof AppError) return { state: "unavailable", message: e.message, msg: e.msg ?? undefined };
    throw e;
  }
}

async function readCluster(kc: KubeConfig, records: AppRecord[], objects: Map<string, KubernetesObject[]>, run: Limiter) {
  const byNs = new Map<string, AppRecord[]>();
  for (const r of records) byNs.set(r.namespace, [...(byNs.get(r.namespace) ?? []), r]);
  const apps = new Map<string, AppLive>();
  let calls = 0;
  const api = ObjectApi.for(kc);
  await Promise.all(
    [...byNs].map(async ([namespace, recs]) => {
      const kinds = kindsFor(recs.flatMap((r) => (objects.get(r.applied.id) ?? []).map((o) => [o.apiVersion ?? "v1", o.kind ?? ""] as Kind)));
      const snap = await readNamespace(kc, namespace, kinds, { events: "warnings", limiter: run, api });
      calls += snap.calls;
      const down = unreachable(snap);
      if (down) throw new Error(down);
      // A namespace where nothing at all could be read (no rights, unreachable) is Unknown, with why.
      const sts = snap.kinds.get("apps/v1/StatefulSet");
      for (const r of recs) apps.set(appKeyString(r), appLive(snap, r, objects.get(r.applied.id) ?? [], sts?.error ?? ""));
    }),
  );
  return { apps, calls };
}

/** Health and sync of one app from a namespace snapshot. */
export function appLive(snap: NamespaceSnapshot, r: Pick<AppRecord, "appName" | "applied" | "access">, applied: KubernetesObject[], stsError: string, now = new Date()): AppLive {
  const unreadable = new Set<string>();
  const live = new Map<string, KubernetesObject>();
  for (const o of applied) {
    const read = snap.kinds.get(`${o.apiVersion ?? "v1"}/${o.kind ?? ""}`);
    if (!read || read.error) unreadable.add(o.kind ?? "");
  }
  for (const read of snap.kinds.values()) for (const o of read.items) if (o.metadata?.labels?.["berth.dev/app"] === r.appName) live.set(objectKey(o), o);
  const computed = computeSync(applied, live, unreadable);
  const sync = r.access.details ? computed : withoutAppliedValues(computed);
  if (sync.state === "Unknown" && !sync.reason) Object.assign(sync, liveReason("cannotReadLive"));
  const health: HealthView = stsError
    ? { state: "Unknown", ready: 0, desired: 0, reason: stsError }
    : computeHealth({
        statefulSet: itemsOf(snap, "apps/v1", "StatefulSet", r.appName).find((s) => s.metadata?.name === r.appName) ?? itemsOf(snap, "apps/v1", "StatefulSet", r.appName)[0],
        pods: itemsOf(snap, "v1", "Pod", r.appName),
        claims: itemsOf(snap, "v1", "PersistentVolumeClaim", r.appName),
        events: itemsOf(snap, "v1", "Event"),
        deployedAt: r.applied.startedAt,
        now,
      });
  return { health, sync };
}

function safeParse(manifest: string): KubernetesObject[] {
  try {
    return parseManifest(manifest);
  } catch {
    return [];
  }
}

/** At most this many clusters are read at once for one page. */
export const CLUSTERS_AT_ONCE = 4;

/**
 * One promise per cluster of these records (not awaited: the page streams each as it settles).
 * The clusters share one limiter, so a page never has more than CLUSTERS_AT_ONCE in flight.
 */
export function liveByCluster(ctx: Ctx, records: AppRecord[], opts: { timeoutMs?: number } = {}): Map<string, Promise<ClusterLive>> {
  const run = limiter(CLUSTERS_AT_ONCE);
  const out = new Map<string, Promise<ClusterLive>>();
  for (const clusterId of new Set(records.map((r) => r.clusterId))) {
    const p = run(() => liveForCluster(ctx, clusterId, records, opts)).catch((e: unknown) => ({
      clusterId,
      state: "unavailable" as const,
      message: e instanceof AppError ? e.message : "the live state could not be read",
      apps: new Map<string, AppLive>(),
      calls: 0,
    }));
    out.set(clusterId, p);
  }
  return out;
}
