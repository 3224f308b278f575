import "server-only";
import { CoreV1Api, type KubeConfig, type KubernetesObject } from "@kubernetes/client-node";
import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import { LABEL_APP } from "@/lib/manifests";
import { describeError, isForbidden, isNotFound } from "./api-error";
import { ObjectApi } from "./object-api";

// Removes an app's objects — found by Berth's app label — and lists the PersistentVolumeClaims
// it keeps (deleting a StatefulSet never deletes its claims unless its retention policy says so).
// A line in Berth's own words carries `msg` beside its English `message` (the cluster's words: message only).
export type DeletedObject = { kind: string; name: string; ok: boolean; message: string; msg?: Msg };
export type KeptClaim = { name: string; phase: string; volume: string; capacity: string };
export type UndeployResult = { deleted: DeletedObject[]; keptClaims: KeptClaim[] };

/** Kinds Berth renders, in delete order (front door first, claims never). */
export const APP_KINDS: Array<[string, string]> = [
  ["autoscaling.alibabacloud.com/v1beta1", "CronHorizontalPodAutoscaler"],
  ["autoscaling/v2", "HorizontalPodAutoscaler"],
  ["networking.k8s.io/v1", "Ingress"],
  ["apps/v1", "StatefulSet"],
  ["v1", "Service"],
  ["v1", "ConfigMap"],
  ["v1", "Secret"],
];

/** At most this many objects of one kind are read from a list reply. */
export const MAX_LISTED_OBJECTS = 500;

type AppPage = { apiVersion: string; kind: string; items: KubernetesObject[]; truncated: boolean; listError?: Msg };

/**
 * The app's objects per kind (one capped page each). `renderedKinds` are the kinds the app's
 * record holds; the other kinds Berth can render are swept for leftovers. A kind the cluster does
 * not serve is skipped. A kind the user may not list is skipped when the app never rendered it (a
 * namespace-scoped user need not be allowed to see every kind Berth knows), and reported when it did.
 */
async function appObjectPages(api: ObjectApi, namespace: string, appName: string, renderedKinds: Array<[string, string]>, pageSize: number): Promise<AppPage[]> {
  const selector = `${LABEL_APP}=${appName}`;
  const sameKind = ([v, k]: [string, string], [v2, k2]: [string, string]) => v === v2 && k === k2;
  const kinds = [...APP_KINDS, ...renderedKinds.filter((rk) => !APP_KINDS.some((ak) => sameKind(rk, ak)) && rk[1] !== "PersistentVolumeClaim")];
  const pages: AppPage[] = [];
  for (const [apiVersion, kind] of kinds) {
    try {
      // One page per kind (a cluster's list is untrusted: never an unbounded number of deletes).
      pages.push({ apiVersion, kind, ...(await api.listPage(apiVersion, kind, namespace, { limit: pageSize, labelSelector: selector })) });
    } catch (e) {
      if (isNotFound(e) || /Unrecognized API version|resource metadata/.test(describeError(e))) continue; // kind not served here
      if (!isForbidden(e)) throw e;
      if (renderedKinds.some((rk) => sameKind(rk, [apiVersion, kind]))) pages.push({ apiVersion, kind, items: [], truncated: false, listError: msg("serverErrors.undeploy.cannotList", { kind, reason: describeError(e) }) });
    }
  }
  return pages;
}

/** What an undeploy would delete now ("Kind/name"), without deleting anything: an undeploy request's plan. */
export async function listAppObjects(kc: KubeConfig, namespace: string, appName: string, extraKinds: Array<[string, string]> = []): Promise<string[]> {
  const pages = await appObjectPages(ObjectApi.for(kc), namespace, appName, extraKinds, MAX_LISTED_OBJECTS);
  return pages.flatMap((p) => [
    ...p.items.map((i) => `${p.kind}/${i.metadata?.name ?? ""}`),
    ...(p.truncated ? [`${p.kind}/(more)`] : []),
    ...(p.listError ? [`${p.kind}/(${english(p.listError)})`] : []),
  ]);
}

/** `pageSize`: objects deleted per kind in one undeploy (tests make it small). */
export async function undeployApp(kc: KubeConfig, namespace: string, appName: string, extraKinds: Array<[string, string]> = [], pageSize = MAX_LISTED_OBJECTS): Promise<UndeployResult> {
  const api = ObjectApi.for(kc);
  const deleted: DeletedObject[] = [];
  const ours = (kind: string, name: string, m: Msg): DeletedObject => ({ kind, name, ok: false, message: english(m), msg: m });
  for (const { apiVersion, kind, items, truncated, listError } of await appObjectPages(api, namespace, appName, extraKinds, pageSize)) {
    if (listError) deleted.push(ours(kind, "(list)", listError));
    for (const item of items) {
      const header = { apiVersion, kind, metadata: { name: item.metadata!.name!, namespace } };
      try {
        await api.delete(header, undefined, undefined, undefined, undefined, "Background");
        deleted.push({ kind, name: header.metadata.name, ok: true, message: "" });
      } catch (e) {
        if (!isNotFound(e)) deleted.push({ kind, name: header.metadata.name, ok: false, message: describeError(e) });
      }
    }
    if (truncated) deleted.push(ours(kind, "(more)", msg("serverErrors.undeploy.moreObjects", { max: pageSize, kind })));
  }
  return { deleted, keptClaims: await listAppClaims(kc, namespace, appName) };
}

/** The app's claims: labelled with the app (StatefulSet claims carry the selector labels). */
export async function listAppClaims(kc: KubeConfig, namespace: string, appName: string): Promise<KeptClaim[]> {
  const list = await kc.makeApiClient(CoreV1Api).listNamespacedPersistentVolumeClaim({ namespace, labelSelector: `${LABEL_APP}=${appName}`, limit: MAX_LISTED_OBJECTS });
  return (list.items ?? [])
    .slice(0, MAX_LISTED_OBJECTS)
    .map((c) => ({ name: c.metadata?.name ?? "", phase: c.status?.phase ?? "", volume: c.spec?.volumeName ?? "", capacity: c.status?.capacity?.storage ?? "" }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
