// Pure: an application's health and sync from plain Kubernetes objects that were listed once per
// cluster + namespace + kind (no network, no next, no prisma — unit-tested in live-state.test.ts).
import type { KubernetesObject } from "@kubernetes/client-node";
import { diffObjects, isObj, type FieldChange, type Obj } from "@/lib/manifests";
import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import { arr, get, iso, ms, num, str } from "./obj";

export type Health = "Healthy" | "Progressing" | "Degraded" | "Missing" | "Unknown";
export type SyncState = "In sync" | "Drifted" | "Missing objects" | "Unknown";

/** `reason`: English (logs, tests); `reasonMsg`: the same as a catalogue message, shown in the reader's language. */
export type HealthView = { state: Health; ready: number; desired: number; reason: string; reasonMsg?: Msg };
export type Drift = { kind: string; name: string; path: string; live?: unknown; applied?: unknown; manager: string; changedAt: string };
export type SyncView = { state: SyncState; drifted: Drift[]; missing: Array<{ kind: string; name: string }>; reason: string; reasonMsg?: Msg };

/** A pod not Ready (or a claim Pending) longer than this after the last deploy is a stall. */
export const DEFAULT_STALL_AFTER_MS = 5 * 60_000;

/** Container waiting reasons that never fix themselves: Degraded at once. */
const FATAL_WAITING = new Set(["ErrImagePull", "ImagePullBackOff", "CrashLoopBackOff", "InvalidImageName", "CreateContainerConfigError", "CreateContainerError", "RunContainerError"]);

type K = KubernetesObject & Obj;

/** A reason as its catalogue message and its English text. Kubernetes' own words (waiting reasons, events) stay values. */
export const liveReason = (key: string, values?: Record<string, string | number | Msg>) => {
  const reasonMsg = msg(`applications.reasons.${key}`, values);
  return { reason: english(reasonMsg), reasonMsg };
};

export type HealthInput = {
  statefulSet: KubernetesObject | undefined;
  pods: KubernetesObject[];
  claims: KubernetesObject[];
  /** Warning events of the namespace (any order). */
  events: KubernetesObject[];
  /** When the last deploy of this app started (stalls are measured from the later of this and the object's own change). */
  deployedAt: Date;
  now: Date;
  stallAfterMs?: number;
};

export function computeHealth(input: HealthInput): HealthView {
  const sts = input.statefulSet as K | undefined;
  if (!sts) return { state: "Missing", ready: 0, desired: 0, ...liveReason("noStatefulSet") };
  const name = str(get(sts, "metadata", "name"));
  const desired = num(get(sts, "spec", "replicas"), 1);
  const ready = num(get(sts, "status", "readyReplicas"));
  const updated = num(get(sts, "status", "updatedReplicas"));
  const current = num(get(sts, "status", "observedGeneration")) >= num(get(sts, "metadata", "generation"));
  const stallAfter = input.stallAfterMs ?? DEFAULT_STALL_AFTER_MS;
  const since = (t: unknown) => Math.max(input.deployedAt.getTime(), ms(t));
  const overdue = (t: unknown) => input.now.getTime() - since(t) > stallAfter;
  const pods = ordinalPods(name, input.pods);

  for (const pod of pods) {
    for (const cs of arr(get(pod, "status", "containerStatuses"))) {
      const reason = str(get(cs, "state", "waiting", "reason"));
      if (FATAL_WAITING.has(reason)) return degraded(msg("applications.reasons.podWaiting", { pod: podName(pod), reason }), pod);
    }
    const ready = condition(pod, "Ready");
    if (ready?.status !== "True" && overdue(ready?.lastTransitionTime ?? get(pod, "metadata", "creationTimestamp"))) {
      const scheduled = condition(pod, "PodScheduled");
      const min = Math.round(stallAfter / 60_000);
      const reason = scheduled?.status === "False" ? str(scheduled.reason) : "";
      const stalled =
        scheduled?.status === "False"
          ? reason
            ? msg("applications.reasons.podUnscheduledFor", { pod: podName(pod), reason, min })
            : msg("applications.reasons.podNotScheduledFor", { pod: podName(pod), min })
          : msg("applications.reasons.podNotReadyFor", { pod: podName(pod), min });
      return degraded(stalled, pod);
    }
  }
  for (const c of input.claims) {
    if (str(get(c, "status", "phase")) === "Pending" && overdue(get(c, "metadata", "creationTimestamp"))) {
      return degraded(msg("applications.reasons.claimPendingFor", { claim: str(get(c, "metadata", "name")), min: Math.round(stallAfter / 60_000) }), c);
    }
  }
  if (current && ready >= desired && updated >= desired) return { state: "Healthy", ready, desired, reason: "" };
  if (overdue(get(sts, "metadata", "creationTimestamp")) && pods.length < desired) {
    return degraded(msg("applications.reasons.podsNotCreatedFor", { missing: desired - pods.length, desired, min: Math.round(stallAfter / 60_000) }), sts);
  }
  const waiting = pods.find((p) => condition(p, "Ready")?.status !== "True");
  return { state: "Progressing", ready, desired, ...(waiting ? liveReason("podNotReadyYet", { pod: podName(waiting) }) : liveReason("readyCount", { ready, desired })) };

  function degraded(why: Msg, obj: KubernetesObject): HealthView {
    const ev = latestWarning(input.events, obj);
    const reasonMsg = ev ? msg("applications.reasons.withEvent", { reason: why, event: ev }) : why;
    return { state: "Degraded", ready, desired, reason: english(reasonMsg), reasonMsg };
  }
}

/** The StatefulSet's pods (name-<ordinal>), in ordinal order. */
export function ordinalPods(stsName: string, pods: KubernetesObject[]): KubernetesObject[] {
  const prefix = `${stsName}-`;
  return pods
    .map((p) => ({ p, rest: (p.metadata?.name ?? "").startsWith(prefix) ? (p.metadata?.name ?? "").slice(prefix.length) : "" }))
    .filter((x) => /^\d{1,5}$/.test(x.rest))
    .sort((a, b) => Number(a.rest) - Number(b.rest))
    .map((x) => x.p);
}

function podName(pod: KubernetesObject): string {
  return pod.metadata?.name ?? "";
}

function condition(obj: KubernetesObject, type: string): Obj | undefined {
  return arr(get(obj, "status", "conditions")).find((c) => c.type === type);
}

/** The newest Warning event about this object: "FailedScheduling: 0/3 nodes are available…". */
export function latestWarning(events: KubernetesObject[], obj: KubernetesObject): string {
  const mine = events.filter((e) => involves(e, obj) && str(get(e, "type")) === "Warning").sort((a, b) => eventTime(b) - eventTime(a));
  const e = mine[0];
  return e ? `${str(get(e, "reason"))}: ${str(get(e, "message") ?? get(e, "note"))}`.slice(0, 300) : "";
}

export function involves(event: KubernetesObject, obj: KubernetesObject): boolean {
  const ref = (get(event, "involvedObject") ?? get(event, "regarding")) as Obj | undefined;
  return !!ref && ref.kind === obj.kind && ref.name === obj.metadata?.name;
}

export function eventTime(e: KubernetesObject): number {
  for (const k of ["lastTimestamp", "eventTime", "firstTimestamp"]) {
    const t = ms(get(e, k));
    if (t) return t;
  }
  return ms(get(e, "metadata", "creationTimestamp"));
}

// ---------------------------------------------------------------------------------------------
// Sync: the last applied manifest against the live objects

export type ObjectKey = { apiVersion: string; kind: string; name: string };

export function objectKey(o: KubernetesObject): string {
  return `${o.kind}/${o.metadata?.name ?? ""}`;
}

/**
 * What Berth last applied vs what is live, field by field: only the fields the manifest sets are
 * compared (server defaults and fields others added are not drift), quantities compare by value,
 * and a field the manifest leaves out (spec.replicas under an autoscaler) is never drift.
 */
export function computeSync(applied: KubernetesObject[], live: Map<string, KubernetesObject>, unreadable: Set<string> = new Set()): SyncView {
  const drifted: Drift[] = [];
  const missing: Array<{ kind: string; name: string }> = [];
  const unknown: string[] = [];
  for (const obj of applied) {
    const kind = obj.kind ?? "";
    const name = obj.metadata?.name ?? "";
    if (unreadable.has(kind)) {
      unknown.push(kind);
      continue;
    }
    const l = live.get(objectKey(obj));
    if (!l) {
      missing.push({ kind, name });
      continue;
    }
    const planned = { ...obj, metadata: { ...obj.metadata, namespace: l.metadata?.namespace } };
    for (const c of diffObjects(planned, l)) drifted.push(driftOf(kind, name, c, l));
  }
  if (missing.length) return { state: "Missing objects", drifted, missing, ...liveReason("objectsMissing", { list: missing.map((m) => `${m.kind}/${m.name}`).join(", ") }) };
  if (drifted.length) return { state: "Drifted", drifted, missing, reason: "" };
  if (unknown.length) return { state: "Unknown", drifted, missing, ...liveReason("cannotRead", { kinds: [...new Set(unknown)].join(", ") }) };
  return { state: "In sync", drifted, missing, reason: "" };
}

export function driftOf(kind: string, name: string, c: FieldChange, live: KubernetesObject): Drift {
  const owner = fieldOwner(live, c.path);
  const secret = kind === "Secret";
  return {
    kind,
    name,
    path: c.path,
    ...(c.before !== undefined ? { live: secret ? "(hidden)" : c.before } : {}),
    ...(c.after !== undefined ? { applied: secret ? "(hidden)" : c.after } : {}),
    manager: owner?.manager ?? "",
    changedAt: owner?.time ?? "",
  };
}

/**
 * Who owns a field now, from managedFields (`spec.template.spec.containers[name=nginx].image` →
 * the entry whose fieldsV1 has f:spec → f:template → … → k:{"name":"nginx"} → f:image).
 * A path that no entry owns any more (a field removed by hand) names the last non-Berth writer.
 */
export function fieldOwner(live: KubernetesObject, path: string): { manager: string; time: string } | undefined {
  const entries = arr(get(live, "metadata", "managedFields"));
  const segments = splitPath(path);
  let best: Obj | undefined;
  for (const e of entries) if (ownsPath(get(e, "fieldsV1"), segments, live as Obj)) best = newer(best, e);
  if (!best) {
    for (const e of entries) if (!String(e.manager ?? "").startsWith("berth") && e.operation === "Update" && get(e, "subresource") === undefined) best = newer(best, e);
  }
  return best ? { manager: str(best.manager), time: iso(best.time) } : undefined;
}

function newer(a: Obj | undefined, b: Obj): Obj {
  if (!a) return b;
  return ms(b.time) >= ms(a.time) ? b : a;
}

type Segment = { key: string } | { match: [string, string] } | { index: number };

function splitPath(path: string): Segment[] {
  const out: Segment[] = [];
  for (const part of path.match(/[^.[\]]+|\[[^\]]*\]/g) ?? []) {
    if (part.startsWith("[")) {
      const inner = part.slice(1, -1);
      const eq = inner.indexOf("=");
      if (eq > 0) out.push({ match: [inner.slice(0, eq), inner.slice(eq + 1)] });
      else out.push({ index: Number(inner) });
    } else out.push({ key: part });
  }
  return out;
}

function ownsPath(fields: unknown, segments: Segment[], live: Obj): boolean {
  let node = fields;
  let value: unknown = live;
  for (const s of segments) {
    if (!isObj(node)) return false;
    if ("key" in s) {
      node = node[`f:${s.key}`];
      value = isObj(value) ? value[s.key] : undefined;
      continue;
    }
    const items = Array.isArray(value) ? value.filter(isObj) : [];
    const item = "index" in s ? items[s.index] : items.find((i) => String(i[s.match[0]]) === s.match[1]);
    if (!item) return false;
    const key = Object.keys(node).find((k) => k.startsWith("k:") && keyMatches(k.slice(2), item));
    node = key ? node[key] : undefined;
    value = item;
  }
  return isObj(node);
}

function keyMatches(json: string, item: Obj): boolean {
  try {
    const k = JSON.parse(json) as unknown;
    return isObj(k) && Object.entries(k).every(([name, v]) => String(item[name]) === String(v));
  } catch {
    return false;
  }
}

/** The sync view without what only the manifest says (for a viewer who may not see the record's details). */
export function withoutAppliedValues(sync: SyncView): SyncView {
  return { ...sync, drifted: sync.drifted.map(({ applied: _a, ...d }) => d) };
}
