import "server-only";
import { msg, type Msg } from "@/lib/i18n/message";
import type { KubernetesObject } from "@kubernetes/client-node";
import { stringify } from "yaml";
import { z } from "zod";
import { CRON_HPA, LABEL_APP } from "@/lib/manifests";
import { dnsLabel } from "./applications-input";
import { authorize, type Actor, type Ctx } from "./authz";
import { openMyKubeConfig } from "./clusters-credentials";
import { db } from "./db";
import { AppError, invalid, notFound } from "./errors";
import { listKind, type KindRead } from "./k8s/app-state";
import { FIELD_MANAGER, ObjectApi, objectLabel } from "./k8s/object-api";
import { importAppObjects, type ImportResult } from "./templates-io";

// Adopt what already runs: StatefulSets in a namespace that Berth did not deploy (no Berth field
// manager, no current deployment record), listed with the VIEWER's own credential, and imported
// into a new template straight from the live objects (the StatefulSet, its headless Service, the
// Services that select its pods, the Ingresses pointing at those, its autoscalers) through the
// ordinary importer. Secrets are never read. Nothing is kept between requests.
export const ADOPT_LIST_LIMIT = 200;

const id = z.string().trim().min(1).max(64).regex(/^[a-z0-9]+$/i, "Not an id.");
export const adoptTargetSchema = z.object({ clusterId: id, namespace: dnsLabel.max(63) });
export const adoptInputSchema = adoptTargetSchema.extend({
  statefulSet: dnsLabel,
  templateName: z.string().trim().max(100).optional(),
  visibility: z.enum(["private", "team"]).optional(),
});

export type UnmanagedStatefulSet = { name: string; images: string[]; replicas: number; ready: number; createdAt: string; managers: string[] };
export type UnmanagedList = {
  state: "ok" | "no_credential" | "not_allowed" | "unavailable";
  message: string;
  /** `message` as a catalogue message when it is Berth's own words (no credential …). */
  msg?: Msg;
  clusterName: string;
  items: UnmanagedStatefulSet[];
  /** More StatefulSets than ADOPT_LIST_LIMIT (or than one list reply holds): "too many to list". */
  truncated: boolean;
};

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw invalid(msg("serverErrors.applications.checkFields"), Object.fromEntries(r.error.issues.map((i) => [String(i.path[0] ?? "form"), [i.message]])));
  return r.data;
}

/** StatefulSets of one namespace that Berth does not manage, read with the viewer's credential. */
export async function listUnmanaged(ctx: Ctx, input: { clusterId: string; namespace: string }): Promise<UnmanagedList> {
  const actor = await authorize(ctx, "team.read");
  const target = parse(adoptTargetSchema, input);
  const base = { clusterName: "", items: [], truncated: false };
  let opened;
  try {
    opened = await openMyKubeConfig(actor, target.clusterId);
  } catch (e) {
    // No credential of mine / an unknown cluster: said on the page, never a 500.
    if (e instanceof AppError) return { ...base, state: e.code === "invalid" ? "no_credential" : "unavailable", message: e.message, msg: e.msg ?? undefined };
    throw e;
  }
  const api = ObjectApi.for(opened.kc);
  const read = await listKind(api, target.namespace, ["apps/v1", "StatefulSet"], undefined, undefined);
  const out = { ...base, clusterName: opened.cluster.name };
  if (read.error) return { ...out, state: read.forbidden ? "not_allowed" : "unavailable", message: read.error, msg: read.errorMsg };
  const managed = await managedNames(actor, target.clusterId, target.namespace);
  const items = read.items
    .filter((s) => !isBerthManaged(s) && !managed.has(s.metadata?.name ?? ""))
    .map(summary);
  items.sort((a, b) => a.name.localeCompare(b.name));
  return { ...out, state: "ok", message: "", items: items.slice(0, ADOPT_LIST_LIMIT), truncated: read.truncated || items.length > ADOPT_LIST_LIMIT };
}

/** Imports a live StatefulSet and the objects around it into a new template (version 1), audited. */
export async function adoptStatefulSet(ctx: Ctx, input: unknown): Promise<ImportResult & { objects: string[] }> {
  const actor = await authorize(ctx, "template.write", { what: "template.adopt" });
  const args = parse(adoptInputSchema, input);
  const { kc, cluster } = await openMyKubeConfig(actor, args.clusterId);
  const api = ObjectApi.for(kc);
  const ns = args.namespace;
  const sts = await listKind(api, ns, ["apps/v1", "StatefulSet"], `metadata.name=${args.statefulSet}`, undefined);
  refuseOnError(sts);
  const live = sts.items[0];
  if (!live) throw notFound(msg("serverErrors.what.statefulSet", { name: args.statefulSet, namespace: ns }));
  if (isBerthManaged(live) || (await managedNames(actor, args.clusterId, ns)).has(args.statefulSet)) {
    throw invalid(msg("serverErrors.applications.alreadyManaged", { name: args.statefulSet }), { statefulSet: [msg("serverErrors.applications.alreadyManagedField")] });
  }
  const [services, ingresses, hpas, crons] = await Promise.all([
    listKind(api, ns, ["v1", "Service"]),
    listKind(api, ns, ["networking.k8s.io/v1", "Ingress"]),
    listKind(api, ns, ["autoscaling/v2", "HorizontalPodAutoscaler"]),
    listKind(api, ns, [CRON_HPA.apiVersion, CRON_HPA.kind]),
  ]);
  for (const r of [services, ingresses, hpas]) refuseOnError(r);
  // A cluster without the cron-scaling CRD simply has none.
  const cronItems = crons.error ? [] : crons.items;
  const objects = belongingTo(live, services.items, ingresses.items, [...hpas.items, ...cronItems]);
  const text = objects.map((o) => stringify(o, { lineWidth: 0 })).join("---\n");
  const created = await importAppObjects(
    ctx,
    { text, name: args.templateName || undefined, visibility: args.visibility ?? "private", message: `Adopted from ${cluster.name} / ${ns} / StatefulSet ${args.statefulSet}` },
    "template.adopt",
    { cluster: cluster.name, clusterId: cluster.id, namespace: ns, statefulSet: args.statefulSet, objects: objects.map(objectLabel) },
  );
  return { ...created, objects: objects.map(objectLabel) };
}

/** The StatefulSet first, then what belongs to it (headless Service, Services selecting its pods, Ingresses to those, autoscalers of it). */
export function belongingTo(sts: KubernetesObject, services: KubernetesObject[], ingresses: KubernetesObject[], scalers: KubernetesObject[]): KubernetesObject[] {
  const spec = (sts as { spec?: { serviceName?: string; template?: { metadata?: { labels?: Record<string, string> } } } }).spec;
  const podLabels = spec?.template?.metadata?.labels ?? {};
  const stsName = sts.metadata?.name;
  const headless = services.filter((s) => s.metadata?.name === spec?.serviceName);
  const selecting = services.filter((s) => s.metadata?.name !== spec?.serviceName && selects(s, podLabels));
  const serviceNames = new Set([...headless, ...selecting].map((s) => s.metadata?.name));
  const routed = ingresses.filter((i) => ingressBackends(i).some((b) => serviceNames.has(b)));
  const scaling = scalers.filter((h) => {
    const ref = (h as { spec?: { scaleTargetRef?: { kind?: string; name?: string } } }).spec?.scaleTargetRef;
    return ref?.kind === "StatefulSet" && ref.name === stsName;
  });
  return [sts, ...headless, ...selecting, ...routed, ...scaling];
}

function selects(svc: KubernetesObject, podLabels: Record<string, string>): boolean {
  const selector = (svc as { spec?: { selector?: Record<string, string> } }).spec?.selector ?? {};
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((k) => Object.hasOwn(podLabels, k) && podLabels[k] === selector[k]);
}

function ingressBackends(ing: KubernetesObject): string[] {
  type Backend = { service?: { name?: string } };
  const spec = (ing as { spec?: { defaultBackend?: Backend; rules?: Array<{ http?: { paths?: Array<{ backend?: Backend }> } }> } }).spec;
  const names = [spec?.defaultBackend?.service?.name];
  for (const r of (spec?.rules ?? []).slice(0, 100)) for (const p of (r.http?.paths ?? []).slice(0, 100)) names.push(p.backend?.service?.name);
  return names.filter((n): n is string => typeof n === "string");
}

function refuseOnError(read: KindRead): void {
  if (!read.error) return;
  if (read.forbidden) throw new AppError(read.errorMsg ?? read.error, "forbidden");
  throw invalid(msg("serverErrors.applications.clusterUnreadable", { reason: read.errorMsg ?? read.error }));
}

function isBerthManaged(o: KubernetesObject): boolean {
  return (o.metadata?.managedFields ?? []).some((m) => m.manager === FIELD_MANAGER) || Boolean(o.metadata?.labels?.[LABEL_APP]);
}

/** App names with a current (applied, not undone) Berth deployment in this cluster and namespace. */
async function managedNames(actor: Actor, clusterId: string, namespace: string): Promise<Set<string>> {
  const rows = await db().$queryRaw<Array<{ appName: string }>>`
    SELECT "appName" FROM (
      SELECT DISTINCT ON ("appName") "appName", kind::text AS kind
      FROM "Deployment"
      WHERE "teamId" = ${actor.teamId} AND "clusterId" = ${clusterId} AND "namespace" = ${namespace} AND status = 'applied'
      ORDER BY "appName", "startedAt" DESC, id DESC
    ) latest WHERE kind <> 'undeploy'`;
  return new Set(rows.map((r) => r.appName));
}

function summary(s: KubernetesObject): UnmanagedStatefulSet {
  const o = s as KubernetesObject & { spec?: { replicas?: number; template?: { spec?: { containers?: Array<{ image?: string }> } } }; status?: { readyReplicas?: number } };
  return {
    name: s.metadata?.name ?? "",
    images: (o.spec?.template?.spec?.containers ?? []).slice(0, 10).map((c) => String(c.image ?? "")),
    replicas: Number(o.spec?.replicas ?? 1),
    ready: Number(o.status?.readyReplicas ?? 0),
    createdAt: s.metadata?.creationTimestamp ? new Date(s.metadata.creationTimestamp).toISOString() : "",
    managers: [...new Set((s.metadata?.managedFields ?? []).map((m) => String(m.manager ?? "")))].filter(Boolean).slice(0, 5),
  };
}

