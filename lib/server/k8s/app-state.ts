import "server-only";
import type { KubeConfig, KubernetesObject } from "@kubernetes/client-node";
import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import { LABEL_APP } from "@/lib/manifests";
import { apiError } from "./api-error";
import { ObjectApi } from "./object-api";

// The live objects of Berth's apps in one namespace, read with the viewer's own credential:
// ONE list call per kind for the whole namespace (label `berth.dev/app`), never one per app, so
// a page's round trips grow with clusters × namespaces × kinds and not with the number of apps.
// Nothing is kept between requests.
export type Kind = readonly [apiVersion: string, kind: string];

/** Kinds read for health whatever the manifests hold. */
export const HEALTH_KINDS: Kind[] = [
  ["apps/v1", "StatefulSet"],
  ["v1", "Pod"],
  ["v1", "PersistentVolumeClaim"],
];
export const EVENT_KIND: Kind = ["v1", "Event"];

/** At most this many objects per list reply (a namespace with more is read partly; said so). */
export const LIST_LIMIT = 1000;

/** `error`: English ("" when read); `errorMsg`: the same when the words are Berth's, for the console (the cluster's own text has none). */
export type KindRead = { items: KubernetesObject[]; error: string; errorMsg?: Msg; forbidden: boolean; truncated: boolean; unreachable?: boolean };
export type NamespaceSnapshot = { namespace: string; kinds: Map<string, KindRead>; calls: number };

export function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

/** Distinct kinds, health kinds first. */
export function kindsFor(manifestKinds: Iterable<Kind>): Kind[] {
  const seen = new Map<string, Kind>();
  for (const k of [...HEALTH_KINDS, ...manifestKinds]) if (k[1] && k[1] !== "Namespace") seen.set(kindKey(k[0], k[1]), k);
  return [...seen.values()];
}

export type ReadOptions = {
  /** One app (`berth.dev/app=<name>`) or every Berth app of the namespace (`berth.dev/app`). */
  app?: string;
  /** Events: only warnings (list page) or all (detail page). */
  events?: "warnings" | "all" | "none";
  /** Run at most this many requests at once (shared by all calls made with the same limiter). */
  limiter?: Limiter;
  /** One client per cluster: its discovery answers are reused across namespaces. */
  api?: ObjectApi;
};

export async function readNamespace(kc: KubeConfig, namespace: string, kinds: Kind[], opts: ReadOptions = {}): Promise<NamespaceSnapshot> {
  const api = opts.api ?? ObjectApi.for(kc);
  const run = opts.limiter ?? limiter(4);
  const selector = opts.app ? `${LABEL_APP}=${opts.app}` : LABEL_APP;
  const jobs: Array<[Kind, string | undefined, string | undefined]> = kinds.map((k) => [k, undefined, selector]);
  const events = opts.events ?? "warnings";
  if (events !== "none") jobs.push([EVENT_KIND, events === "warnings" ? "type=Warning" : undefined, undefined]);
  const reads = await Promise.all(jobs.map(([k, fieldSelector, labelSelector]) => run(() => listKind(api, namespace, k, fieldSelector, labelSelector))));
  return { namespace, kinds: new Map(jobs.map(([k], i) => [kindKey(k[0], k[1]), reads[i]])), calls: jobs.length };
}

export async function listKind(api: ObjectApi, namespace: string, [apiVersion, kind]: Kind, fieldSelector?: string, labelSelector?: string): Promise<KindRead> {
  try {
    const { items, truncated } = await api.listPage(apiVersion, kind, namespace, { limit: LIST_LIMIT, fieldSelector, labelSelector });
    return { items: items.map((o) => ({ ...o, apiVersion: o.apiVersion ?? apiVersion, kind: o.kind ?? kind })), error: "", forbidden: false, truncated };
  } catch (e) {
    const info = apiError(e);
    const ours = (m: Msg) => ({ error: english(m), errorMsg: m });
    if (info.status === 403) return { items: [], ...ours(msg("serverErrors.applications.listNotAllowed", { kind, namespace })), forbidden: true, truncated: false };
    if (info.status === 404) return { items: [], ...ours(msg("serverErrors.applications.kindNotServed", { kind, apiVersion })), forbidden: false, truncated: false };
    return { items: [], error: info.message, forbidden: false, truncated: false, unreachable: info.status === 0 };
  }
}

/** All items of a kind in a snapshot that belong to an app (by Berth's app label). */
export function itemsOf(snap: NamespaceSnapshot, apiVersion: string, kind: string, app?: string): KubernetesObject[] {
  const items = snap.kinds.get(kindKey(apiVersion, kind))?.items ?? [];
  return app === undefined ? items : items.filter((o) => o.metadata?.labels?.[LABEL_APP] === app);
}

export function readError(snap: NamespaceSnapshot, apiVersion: string, kind: string): string {
  return snap.kinds.get(kindKey(apiVersion, kind))?.error ?? "";
}

/** The same as a message when the words are Berth's ("not allowed: …"), else the cluster's text or "". */
export function readErrorMsg(snap: NamespaceSnapshot, apiVersion: string, kind: string): Msg | string {
  const read = snap.kinds.get(kindKey(apiVersion, kind));
  return read?.errorMsg ?? read?.error ?? "";
}

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** Runs at most `n` tasks at once (a per-request object: nothing outlives the request). */
export function limiter(n: number): Limiter {
  let active = 0;
  const queue: Array<() => void> = [];
  const next = () => {
    if (active >= n) return;
    const start = queue.shift();
    if (start) start();
  };
  return <T,>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push(() => {
        active++;
        task()
          .then(resolve, reject)
          .finally(() => {
            active--;
            next();
          });
      });
      next();
    });
}

/** Every read of the snapshot failed to reach the API server (unreachable, timed out): its message. */
export function unreachable(snap: NamespaceSnapshot): string {
  const reads = [...snap.kinds.values()];
  return reads.length > 0 && reads.every((r) => r.unreachable) ? reads[0].error : "";
}
