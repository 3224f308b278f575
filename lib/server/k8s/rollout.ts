import "server-only";
import { english } from "@/lib/i18n/english";
import { msg, type Msg, type MsgValue } from "@/lib/i18n/message";
import { AppsV1Api, AutoscalingV2Api, CoreV1Api, type KubeConfig, type V1Pod, type V1StatefulSet, type V2HorizontalPodAutoscaler } from "@kubernetes/client-node";
import { CRON_HPA, isObj } from "@/lib/manifests";
import { apiError, isNotFound } from "./api-error";
import { ObjectApi } from "./object-api";

// The rollout of a StatefulSet, per ordinal, read from the cluster on every call (nothing is
// kept in memory): each pod's phase, readiness, revision and restarts, and an overall state.
// "stalled" = not ready within the deadline measured from the deployment's start, with a reason.
export type PodLine = {
  ordinal: number;
  name: string;
  exists: boolean;
  phase: string;
  ready: boolean;
  revision: string;
  updated: boolean;
  restarts: number;
  reason: string;
};
export type RolloutState = "progressing" | "ready" | "stalled" | "missing" | "unavailable";
export type RolloutView = {
  state: RolloutState;
  /** In English (the API's); `reasonMsg` is the same for the console to word in the reader's language. */
  reason: string;
  reasonMsg?: Msg;
  replicas: number;
  /** More replicas than MAX_LISTED_PODS: counts only, no per-pod lines. */
  tooManyToList?: boolean;
  readyReplicas: number;
  updatedReplicas: number;
  updateRevision: string;
  pods: PodLine[];
  checkedAt: string;
  /** The HorizontalPodAutoscaler that owns the count, when there is one: `replicas` is its desired count. */
  autoscaler?: { name: string; minReplicas: number; maxReplicas: number; desiredReplicas: number | null };
  /**
   * The CronHorizontalPodAutoscaler aimed at this StatefulSet, when there is one: its jobs set the
   * count when they fire; `pickedUp` once a cron-HPA controller has written its status (without a
   * controller the schedules never fire and the count stays the StatefulSet's).
   */
  schedule?: Schedule;
};
export type Schedule = { name: string; jobs: Array<{ name: string; schedule: string; targetSize: number }>; pickedUp: boolean };

type Autoscaler = NonNullable<RolloutView["autoscaler"]>;

/**
 * How many pods the app should have. With an autoscaler the StatefulSet's own spec.replicas lags
 * (deployed without it, it starts at 1 until the autoscaler's first sync): the count is the
 * largest of the StatefulSet's, the autoscaler's minimum and its current desired count.
 */
export function desiredReplicas(stsReplicas: number, autoscaler: Autoscaler | undefined): number {
  if (!autoscaler) return stsReplicas;
  return Math.max(stsReplicas, autoscaler.minReplicas, autoscaler.desiredReplicas ?? 0);
}

/** The autoscaler (autoscaling/v2) whose target is this StatefulSet; none when absent or not readable. */
export function autoscalerOf(hpas: V2HorizontalPodAutoscaler[], name: string): Autoscaler | undefined {
  const hpa = hpas.find((h) => h.spec?.scaleTargetRef?.kind === "StatefulSet" && h.spec.scaleTargetRef.name === name);
  if (!hpa) return undefined;
  const min = hpa.spec?.minReplicas ?? 1;
  const max = hpa.spec?.maxReplicas;
  const desired = hpa.status?.desiredReplicas;
  if (!isCount(min) || !isCount(max) || max > MAX_LISTED_PODS * 10 || (desired !== undefined && !isCount(desired))) return undefined;
  return { name: String(hpa.metadata?.name ?? "").slice(0, 253), minReplicas: min, maxReplicas: max, desiredReplicas: desired ?? null };
}

async function readAutoscaler(kc: KubeConfig, namespace: string, name: string): Promise<Autoscaler | undefined> {
  try {
    const list = await kc.makeApiClient(AutoscalingV2Api).listNamespacedHorizontalPodAutoscaler({ namespace, limit: 100 });
    return autoscalerOf((list.items ?? []).slice(0, 100), name);
  } catch {
    return undefined; // not allowed to read autoscalers, or none served: the StatefulSet's count stands
  }
}

const MAX_SCHEDULE_JOBS = 20;
const short = (v: unknown, max: number) => String(v ?? "").slice(0, max);

/** The cron-HPA (as the cluster returned it: untrusted) whose target is this StatefulSet, bounded and checked. */
export function scheduleOf(items: unknown[], name: string): Schedule | undefined {
  const cron = items.find((c) => isObj(c) && isObj(c.spec) && isObj(c.spec.scaleTargetRef) && c.spec.scaleTargetRef.kind === "StatefulSet" && c.spec.scaleTargetRef.name === name);
  if (!isObj(cron) || !isObj(cron.spec)) return undefined;
  const jobs = (Array.isArray(cron.spec.jobs) ? cron.spec.jobs : [])
    .slice(0, MAX_SCHEDULE_JOBS)
    .filter((j): j is Record<string, unknown> => isObj(j) && isCount(j.targetSize) && (j.targetSize as number) <= MAX_LISTED_PODS * 10)
    .map((j) => ({ name: short(j.name, 63), schedule: short(j.schedule, 100), targetSize: j.targetSize as number }));
  const status = isObj(cron.status) ? cron.status : {};
  const pickedUp = Array.isArray(status.conditions) && status.conditions.length > 0;
  return { name: short(isObj(cron.metadata) ? cron.metadata.name : "", 253), jobs, pickedUp };
}

async function readSchedule(kc: KubeConfig, namespace: string, name: string): Promise<Schedule | undefined> {
  try {
    const page = await ObjectApi.for(kc).listPage(CRON_HPA.apiVersion, CRON_HPA.kind, namespace, { limit: 100 });
    return scheduleOf(page.items, name);
  } catch {
    return undefined; // no CRD, or not allowed to read it: nothing to say about schedules
  }
}

export const DEFAULT_ROLLOUT_DEADLINE_MS = 5 * 60_000;
/** Per-pod lines for at most this many replicas; above it the page shows counts ("too many to list"). */
export const MAX_LISTED_PODS = 500;

// Everything the cluster says is untrusted: the replica count is checked before it sizes anything,
// the pod list is asked for one page (?limit=) and cut to it, bodies are capped in client.ts.

export async function readRollout(kc: KubeConfig, namespace: string, name: string, startedAt: Date, deadlineMs = DEFAULT_ROLLOUT_DEADLINE_MS): Promise<RolloutView> {
  const empty = { replicas: 0, readyReplicas: 0, updatedReplicas: 0, updateRevision: "", pods: [], checkedAt: new Date().toISOString() };
  let sts: V1StatefulSet;
  try {
    sts = await kc.makeApiClient(AppsV1Api).readNamespacedStatefulSet({ name, namespace });
  } catch (e) {
    if (isNotFound(e)) return { ...empty, state: "missing", ...because(rolloutMsg("missing", { name, namespace })) };
    return { ...empty, state: "unavailable", reason: apiError(e).message };
  }
  const [autoscaler, schedule] = await Promise.all([readAutoscaler(kc, namespace, name), readSchedule(kc, namespace, name)]);
  const replicas = desiredReplicas(sts.spec?.replicas ?? 1, autoscaler);
  const readyReplicas = count(sts.status?.readyReplicas);
  const updatedReplicas = count(sts.status?.updatedReplicas);
  if (!isCount(replicas)) return { ...empty, state: "unavailable", ...because(rolloutMsg("invalidReplicas", { name })) };
  const updateRevision = String(sts.status?.updateRevision ?? "").slice(0, 253);
  const tooManyToList = replicas > MAX_LISTED_PODS;
  let lines: PodLine[] = [];
  if (!tooManyToList) {
    const selector = Object.entries(sts.spec?.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(",");
    let pods: V1Pod[];
    try {
      pods = (await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace, labelSelector: selector, limit: MAX_LISTED_PODS })).items ?? [];
    } catch (e) {
      return { ...empty, replicas, readyReplicas, updatedReplicas, updateRevision, state: "unavailable", reason: apiError(e).message };
    }
    const byName = new Map(pods.slice(0, MAX_LISTED_PODS).map((p) => [p.metadata?.name ?? "", p]));
    lines = Array.from({ length: replicas }, (_, i) => podLine(i, `${name}-${i}`, byName.get(`${name}-${i}`), updateRevision));
  }
  const done =
    (sts.status?.observedGeneration ?? 0) >= (sts.metadata?.generation ?? 0) &&
    lines.every((p) => p.ready && p.updated) &&
    readyReplicas >= replicas &&
    (!tooManyToList || updatedReplicas >= replicas);
  const view = { replicas, readyReplicas, updatedReplicas, updateRevision, pods: lines, checkedAt: new Date().toISOString(), ...(tooManyToList ? { tooManyToList } : {}), ...(autoscaler ? { autoscaler } : {}), ...(schedule ? { schedule } : {}) };
  if (done) return { ...view, state: "ready", reason: "" };
  const waiting = lines.find((p) => !p.ready || !p.updated);
  // The pod's own waiting reason (ContainerCreating, ErrImagePull …) is the cluster's word, kept as is.
  const why = tooManyToList
    ? rolloutMsg("tooMany", { ready: readyReplicas, replicas, updated: updatedReplicas })
    : waiting
      ? rolloutMsg("podWaiting", { pod: waiting.name, reason: waiting.reason || rolloutMsg(waiting.exists ? "notReady" : "notCreated") })
      : rolloutMsg("waitingController");
  if (Date.now() - startedAt.getTime() > deadlineMs) {
    return { ...view, state: "stalled", ...because(rolloutMsg("stalled", { seconds: Math.round(deadlineMs / 1000), why })) };
  }
  return { ...view, state: "progressing", ...because(why) };
}

function rolloutMsg(name: string, values?: Record<string, MsgValue>): Msg {
  return msg(`serverErrors.rollout.${name}`, values);
}

/** A reason in English and as a message. */
export function because(m: Msg): { reason: string; reasonMsg: Msg } {
  return { reason: english(m), reasonMsg: m };
}

function isCount(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}

function count(n: unknown): number {
  return isCount(n) ? n : 0;
}

function podLine(ordinal: number, name: string, pod: V1Pod | undefined, updateRevision: string): PodLine {
  if (!pod) return { ordinal, name, exists: false, phase: "", ready: false, revision: "", updated: false, restarts: 0, reason: "" };
  const statuses = pod.status?.containerStatuses ?? [];
  const ready = (pod.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
  const revision = pod.metadata?.labels?.["controller-revision-hash"] ?? "";
  return {
    ordinal,
    name,
    exists: true,
    phase: pod.metadata?.deletionTimestamp ? "Terminating" : (pod.status?.phase ?? "Unknown"),
    ready,
    revision,
    updated: revision !== "" && revision === updateRevision,
    restarts: statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0),
    reason: ready ? "" : podReason(pod),
  };
}

function podReason(pod: V1Pod): string {
  for (const s of pod.status?.containerStatuses ?? []) {
    const w = s.state?.waiting;
    if (w?.reason) return `${s.name}: ${w.reason}${w.message ? ` (${w.message})` : ""}`;
  }
  const bad = (pod.status?.conditions ?? []).find((c) => c.status !== "True" && (c.reason || c.message));
  if (bad) return `${bad.type}: ${bad.reason ?? ""}${bad.message ? ` — ${bad.message}` : ""}`;
  return pod.status?.phase ?? "";
}
