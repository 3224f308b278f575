import "server-only";
import { english } from "@/lib/i18n/english";
import { type Msg } from "@/lib/i18n/message";
import type { KubeConfig, KubernetesObject } from "@kubernetes/client-node";
import {
  claimView,
  cronJobViews,
  eventViews,
  hpaViews,
  ingressViews,
  podViews,
  reachViews,
  serviceViews,
  statefulSetView,
  type ClaimView,
  type CronJobView,
  type EventView,
  type HpaView,
  type IngressView,
  type PodView,
  type Reach,
  type ServiceView,
  type StatefulSetView,
} from "@/lib/applications/detail-view";
import type { HealthView, SyncView } from "@/lib/applications/live-state";
import { CRON_HPA } from "@/lib/manifests";
import { appliedManifests, getApplication, type AppRecord } from "./applications";
import type { AppKey } from "./applications-input";
import { appLive, openViewerKubeConfig } from "./applications-live";
import { authorize, type Ctx } from "./authz";
import { parseManifest } from "./deployments-render";
import { describeError } from "./k8s/api-error";
import { itemsOf, kindsFor, readError, readErrorMsg, readNamespace, unreachable, type Kind } from "./k8s/app-state";
import { objectLabel } from "./k8s/object-api";

// One application's live object tree, read now with the viewer's own credential: one list per
// kind in the app's namespace (label berth.dev/app=<app>) plus the namespace's events. A kind the
// viewer may not list leaves only its own panel saying "not allowed".
export type Panel = "pods" | "claims" | "services" | "endpoints" | "ingresses" | "autoscalers" | "cronJobs" | "events";
export type AppLiveDetail = {
  state: "ok" | "no_credential" | "unavailable";
  message: string;
  /** `message` as a catalogue message when it is Berth's own words (no credential …). */
  msg?: Msg;
  health: HealthView | null;
  sync: SyncView | null;
  statefulSet: StatefulSetView | null;
  pods: PodView[];
  claims: ClaimView[];
  services: ServiceView[];
  ingresses: IngressView[];
  reach: Reach[];
  autoscalers: HpaView[];
  cronJobs: CronJobView[];
  events: EventView[];
  /** Per panel: why it could not be read ("not allowed: …"), or "". English. */
  panels: Record<Panel, string>;
  /** The same as catalogue messages where the words are Berth's, for the console. */
  panelMsgs: Partial<Record<Panel, Msg>>;
  /** An HPA or cron-HPA owns the replica count (no manual scale). */
  autoscaled: boolean;
  calls: number;
};
export type AppDetail = { record: AppRecord; live: AppLiveDetail };

const EMPTY_PANELS: Record<Panel, string> = { pods: "", claims: "", services: "", endpoints: "", ingresses: "", autoscalers: "", cronJobs: "", events: "" };
const ENDPOINT_SLICE: Kind = ["discovery.k8s.io/v1", "EndpointSlice"];
const HPA: Kind = ["autoscaling/v2", "HorizontalPodAutoscaler"];

export async function getApplicationDetail(ctx: Ctx, key: AppKey): Promise<AppDetail> {
  const actor = await authorize(ctx, "team.read");
  const record = await getApplication(ctx, key);
  const manifest = (await appliedManifests(actor, [record.applied.id])).get(record.applied.id) ?? "";
  const objects = parseManifest(manifest);
  const empty: AppLiveDetail = {
    state: "ok",
    message: "",
    health: null,
    sync: null,
    statefulSet: null,
    pods: [],
    claims: [],
    services: [],
    ingresses: [],
    reach: [],
    autoscalers: [],
    cronJobs: [],
    events: [],
    panels: { ...EMPTY_PANELS },
    panelMsgs: {},
    autoscaled: objects.some((o) => o.kind === "HorizontalPodAutoscaler" || o.kind === CRON_HPA.kind),
    calls: 0,
  };
  const kc = await openViewerKubeConfig(actor, key.clusterId);
  if ("state" in kc) return { record, live: { ...empty, ...kc } };
  try {
    return { record, live: await readDetail(kc, record, objects, empty) };
  } catch (e) {
    return { record, live: { ...empty, state: "unavailable", message: describeError(e) } };
  }
}

async function readDetail(kc: KubeConfig, record: AppRecord, objects: KubernetesObject[], empty: AppLiveDetail): Promise<AppLiveDetail> {
  const manifestKinds = objects.map((o) => [o.apiVersion ?? "v1", o.kind ?? ""] as Kind);
  const kinds = kindsFor([...manifestKinds, ENDPOINT_SLICE, HPA]);
  const snap = await readNamespace(kc, record.namespace, kinds, { app: record.appName, events: "all" });
  const stsError = readError(snap, "apps/v1", "StatefulSet");
  const down = unreachable(snap);
  if (down) return { ...empty, state: "unavailable", message: down, calls: snap.calls };
  const sts = itemsOf(snap, "apps/v1", "StatefulSet").find((s) => s.metadata?.name === record.appName) ?? itemsOf(snap, "apps/v1", "StatefulSet")[0];
  const pods = itemsOf(snap, "v1", "Pod");
  const claims = itemsOf(snap, "v1", "PersistentVolumeClaim");
  const services = serviceViews(itemsOf(snap, "v1", "Service"), itemsOf(snap, ...ENDPOINT_SLICE));
  const ingresses = ingressViews(itemsOf(snap, "networking.k8s.io/v1", "Ingress"));
  const cron = itemsOf(snap, CRON_HPA.apiVersion, CRON_HPA.kind);
  const names = new Set<string>();
  for (const read of snap.kinds.values()) for (const o of read.items) if (o.kind !== "Event") names.add(objectLabel(o));
  for (const o of objects) names.add(objectLabel(o));
  const problems: Record<Panel, Msg | string> = {
    pods: readErrorMsg(snap, "v1", "Pod"),
    claims: readErrorMsg(snap, "v1", "PersistentVolumeClaim"),
    services: manifestKinds.some(([, k]) => k === "Service") ? readErrorMsg(snap, "v1", "Service") : "",
    endpoints: readErrorMsg(snap, ...ENDPOINT_SLICE),
    ingresses: manifestKinds.some(([, k]) => k === "Ingress") ? readErrorMsg(snap, "networking.k8s.io/v1", "Ingress") : "",
    autoscalers: readErrorMsg(snap, ...HPA),
    cronJobs: manifestKinds.some(([, k]) => k === CRON_HPA.kind) ? readErrorMsg(snap, CRON_HPA.apiVersion, CRON_HPA.kind) : "",
    events: readErrorMsg(snap, "v1", "Event"),
  };
  const entries = Object.entries(problems) as Array<[Panel, Msg | string]>;
  const panels = Object.fromEntries(entries.map(([p, m]) => [p, english(m)])) as Record<Panel, string>;
  const panelMsgs = Object.fromEntries(entries.filter((e): e is [Panel, Msg] => typeof e[1] !== "string")) as Partial<Record<Panel, Msg>>;
  const { health, sync } = appLive(snap, record, objects, stsError);
  return {
    ...empty,
    health,
    sync,
    statefulSet: statefulSetView(sts),
    pods: podViews(sts, pods, claims),
    claims: claims.map(claimView).sort((a, b) => a.name.localeCompare(b.name)),
    services,
    ingresses,
    reach: reachViews(record.namespace, ingresses, services),
    autoscalers: hpaViews(itemsOf(snap, ...HPA)),
    cronJobs: cronJobViews(cron),
    events: eventViews(itemsOf(snap, "v1", "Event"), names),
    panels,
    panelMsgs,
    autoscaled: empty.autoscaled || itemsOf(snap, ...HPA).length > 0,
    calls: snap.calls,
  };
}

