// Pure: the application detail page's object tree, from objects listed once per kind. Trimmed
// DTOs only (never a Secret's data, never whole objects) — what the page shows, nothing more.
import { english } from "@/lib/i18n/english";
import { msg, type Msg } from "@/lib/i18n/message";
import type { KubernetesObject } from "@kubernetes/client-node";
import { isObj } from "@/lib/manifests";
import { eventTime, ordinalPods } from "./live-state";
import { arr, get, iso, num, str } from "./obj";

export type ClaimView = { name: string; phase: string; capacity: string; storageClass: string; volume: string; createdAt: string };
export type PodView = {
  ordinal: number;
  name: string;
  phase: string;
  ready: boolean;
  revision: string;
  updated: boolean;
  restarts: number;
  lastTermination: string;
  waiting: string;
  node: string;
  containers: string[];
  claims: ClaimView[];
};
export type StatefulSetView = { name: string; replicas: number; ready: number; updated: number; currentRevision: string; updateRevision: string };
export type ServiceView = { name: string; type: string; clusterIP: string; ports: string[]; endpoints: Array<{ address: string; pod: string; ready: boolean }>; loadBalancer: string[] };
export type IngressView = {
  name: string;
  className: string;
  rules: Array<{ host: string; paths: Array<{ path: string; service: string; port: string }> }>;
  tls: Array<{ hosts: string[]; secretName: string }>;
  addresses: string[];
};
/** `note`: English; `noteMsg`: the same as a catalogue message, shown in the reader's language. */
export type Reach = { url: string; via: string; hostsLine: string; note: string; noteMsg?: Msg };

const reachNote = (key: string, values?: Record<string, string>) => {
  const noteMsg = msg(`applications.reachNotes.${key}`, values);
  return { note: english(noteMsg), noteMsg };
};
/** `metrics`: English ("cpu: 40% / target 80%"); `metricMsgs`: the same as catalogue messages, shown in the reader's language. */
export type HpaView = { name: string; min: number; max: number; current: number; desired: number; metrics: string[]; metricMsgs: Msg[] };
/** `pickedUp`: a cron-HPA controller has written the CronHPA's status (without one the job never fires). */
export type CronJobView = { name: string; schedule: string; targetSize: number; state: string; pickedUp: boolean };
export type EventView = { type: string; reason: string; message: string; object: string; count: number; at: string };

export function statefulSetView(sts: KubernetesObject | undefined): StatefulSetView | null {
  if (!sts) return null;
  return {
    name: sts.metadata?.name ?? "",
    replicas: num(get(sts, "spec", "replicas"), 1),
    ready: num(get(sts, "status", "readyReplicas")),
    updated: num(get(sts, "status", "updatedReplicas")),
    currentRevision: str(get(sts, "status", "currentRevision")),
    updateRevision: str(get(sts, "status", "updateRevision")),
  };
}

export function claimView(c: KubernetesObject): ClaimView {
  return {
    name: c.metadata?.name ?? "",
    phase: str(get(c, "status", "phase")),
    capacity: str(get(c, "status", "capacity", "storage")) || str(get(c, "spec", "resources", "requests", "storage")),
    storageClass: str(get(c, "spec", "storageClassName")),
    volume: str(get(c, "spec", "volumeName")),
    createdAt: iso(get(c, "metadata", "creationTimestamp")),
  };
}

/** Pods by ordinal (missing ordinals included as not created), each with its claims. */
export function podViews(sts: KubernetesObject | undefined, pods: KubernetesObject[], claims: KubernetesObject[]): PodView[] {
  if (!sts) return [];
  const name = sts.metadata?.name ?? "";
  const replicas = num(get(sts, "spec", "replicas"), 1);
  const updateRevision = str(get(sts, "status", "updateRevision"));
  const byName = new Map(ordinalPods(name, pods).map((p) => [p.metadata?.name ?? "", p]));
  const count = Math.max(replicas, ...[...byName.keys()].map((n) => Number(n.slice(name.length + 1)) + 1));
  const out: PodView[] = [];
  for (let i = 0; i < Math.min(count, 500); i++) {
    const podName = `${name}-${i}`;
    const pod = byName.get(podName);
    const podClaims = claims.filter((c) => (c.metadata?.name ?? "").endsWith(`-${podName}`)).map(claimView);
    if (!pod) {
      out.push({ ordinal: i, name: podName, phase: "not created", ready: false, revision: "", updated: false, restarts: 0, lastTermination: "", waiting: "", node: "", containers: [], claims: podClaims });
      continue;
    }
    const statuses = arr(get(pod, "status", "containerStatuses"));
    const revision = str(get(pod, "metadata", "labels", "controller-revision-hash"));
    const term = statuses.map((s) => get(s, "lastState", "terminated")).find(isObj);
    const waiting = statuses.map((s) => get(s, "state", "waiting")).find(isObj);
    out.push({
      ordinal: i,
      name: podName,
      phase: get(pod, "metadata", "deletionTimestamp") ? "Terminating" : str(get(pod, "status", "phase")) || "Unknown",
      ready: arr(get(pod, "status", "conditions")).some((c) => c.type === "Ready" && c.status === "True"),
      revision,
      updated: revision !== "" && revision === updateRevision,
      restarts: statuses.reduce((n, s) => n + num(s.restartCount), 0),
      lastTermination: term ? [str(term.reason), term.exitCode !== undefined ? `exit ${str(term.exitCode)}` : "", iso(term.finishedAt)].filter(Boolean).join(", ") : "",
      waiting: waiting ? [str(waiting.reason), str(waiting.message)].filter(Boolean).join(": ") : "",
      node: str(get(pod, "spec", "nodeName")),
      containers: [...arr(get(pod, "spec", "initContainers")), ...arr(get(pod, "spec", "containers"))].map((c) => str(c.name)),
      claims: podClaims,
    });
  }
  return out;
}

export function serviceViews(services: KubernetesObject[], slices: KubernetesObject[]): ServiceView[] {
  return services.map((s) => {
    const name = s.metadata?.name ?? "";
    const mine = slices.filter((e) => get(e, "metadata", "labels", "kubernetes.io/service-name") === name);
    return {
      name,
      type: str(get(s, "spec", "type")) || "ClusterIP",
      clusterIP: str(get(s, "spec", "clusterIP")),
      ports: arr(get(s, "spec", "ports")).map((p) => `${str(p.name) ? `${str(p.name)} ` : ""}${str(p.port)}→${str(p.targetPort) || str(p.port)}/${str(p.protocol) || "TCP"}${p.nodePort ? ` (node ${str(p.nodePort)})` : ""}`),
      endpoints: mine.flatMap((e) =>
        arr(get(e, "endpoints")).map((ep) => ({
          address: (Array.isArray(ep.addresses) ? ep.addresses : []).map(str).join(", "),
          pod: get(ep, "targetRef", "kind") === "Pod" ? str(get(ep, "targetRef", "name")) : "",
          ready: get(ep, "conditions", "ready") !== false,
        })),
      ),
      loadBalancer: lbAddresses(s),
    };
  });
}

function lbAddresses(o: KubernetesObject): string[] {
  return arr(get(o, "status", "loadBalancer", "ingress")).map((i) => str(i.ip) || str(i.hostname)).filter(Boolean);
}

export function ingressViews(ingresses: KubernetesObject[]): IngressView[] {
  return ingresses.map((i) => ({
    name: i.metadata?.name ?? "",
    className: str(get(i, "spec", "ingressClassName")) || str(get(i, "metadata", "annotations", "kubernetes.io/ingress.class")),
    rules: arr(get(i, "spec", "rules")).map((r) => ({
      host: str(r.host),
      paths: arr(get(r, "http", "paths")).map((p) => ({
        path: str(p.path) || "/",
        service: str(get(p, "backend", "service", "name")),
        port: str(get(p, "backend", "service", "port", "number")) || str(get(p, "backend", "service", "port", "name")),
      })),
    })),
    tls: arr(get(i, "spec", "tls")).map((t) => ({ hosts: (Array.isArray(t.hosts) ? t.hosts : []).map(str), secretName: str(t.secretName) })),
    addresses: lbAddresses(i),
  }));
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * How to reach the app: per Ingress host and path its URL (https when a TLS entry covers the host);
 * with a load-balancer IP, the hosts-file line `ADDRESS host` for a test domain (the seed guide's
 * foo.bar.com); a LoadBalancer Service's address; otherwise the in-cluster name.
 */
export function reachViews(namespace: string, ingresses: IngressView[], services: ServiceView[]): Reach[] {
  const out: Reach[] = [];
  for (const ing of ingresses) {
    const address = ing.addresses[0] ?? "";
    for (const rule of ing.rules) {
      const https = ing.tls.some((t) => t.hosts.includes(rule.host) || (t.hosts.length === 0 && rule.host === ""));
      const host = rule.host || address;
      for (const p of rule.paths.length ? rule.paths : [{ path: "/", service: "", port: "" }]) {
        if (!host) {
          out.push({ url: "", via: `Ingress ${ing.name}`, hostsLine: "", ...reachNote("noAddress") });
          continue;
        }
        const hostsLine = rule.host && address && IPV4.test(address) ? `${address} ${rule.host}` : "";
        const note = !address ? reachNote("noLbAddress") : hostsLine ? reachNote("hostsLine", { address }) : { note: "" };
        out.push({ url: `${https ? "https" : "http"}://${host}${p.path}`, via: `Ingress ${ing.name}`, hostsLine, ...note });
      }
    }
  }
  for (const s of services) {
    if (s.type === "LoadBalancer" && s.loadBalancer.length) {
      for (const p of s.ports) out.push({ url: `${s.loadBalancer[0]}:${p.split("→")[0].split(" ").pop()}`, via: `Service ${s.name} (LoadBalancer)`, hostsLine: "", note: "" });
    }
  }
  if (out.length === 0) {
    for (const s of services.filter((x) => x.type !== "ExternalName" && x.clusterIP !== "None")) {
      out.push({ url: `${s.name}.${namespace}.svc:${s.ports[0]?.split("→")[0].split(" ").pop() ?? ""}`, via: `Service ${s.name}`, hostsLine: "", ...reachNote("insideOnly") });
    }
  }
  return out;
}

export function hpaViews(hpas: KubernetesObject[]): HpaView[] {
  return hpas.map((h) => {
    const current = arr(get(h, "status", "currentMetrics"));
    const metricMsgs = arr(get(h, "spec", "metrics")).map((m) => {
      const name = str(get(m, "resource", "name")) || str(get(m, "pods", "metric", "name")) || str(m.type);
      const target = get(m, "resource", "target") as Record<string, unknown> | undefined;
      const want = target?.averageUtilization !== undefined ? `${str(target.averageUtilization)}%` : str(target?.averageValue) || str(target?.value);
      const now = current.find((c) => str(get(c, "resource", "name")) === name);
      const have = now ? (get(now, "resource", "current", "averageUtilization") !== undefined ? `${str(get(now, "resource", "current", "averageUtilization"))}%` : str(get(now, "resource", "current", "averageValue"))) : null;
      // Values (names, percentages, quantities) are the cluster's; the words around them are ours.
      return msg("applications.live.hpaMetric", { name, current: have ?? msg("applications.live.hpaUnknown"), target: want || "?" });
    });
    return {
      name: h.metadata?.name ?? "",
      min: num(get(h, "spec", "minReplicas"), 1),
      max: num(get(h, "spec", "maxReplicas")),
      current: num(get(h, "status", "currentReplicas")),
      desired: num(get(h, "status", "desiredReplicas")),
      metrics: metricMsgs.map((m) => english(m)),
      metricMsgs,
    };
  });
}

export function cronJobViews(crons: KubernetesObject[]): CronJobView[] {
  return crons.flatMap((c) => {
    const status = arr(get(c, "status", "conditions"));
    return arr(get(c, "spec", "jobs")).map((j) => {
      const st = status.find((s) => s.name === j.name);
      return { name: str(j.name), schedule: str(j.schedule), targetSize: num(j.targetSize), state: st ? [str(st.state), str(st.message)].filter(Boolean).join(": ") : "", pickedUp: status.length > 0 };
    });
  });
}

/** Events about the app's objects and pods, newest first (at most `limit`). */
export function eventViews(events: KubernetesObject[], objectNames: Set<string>, limit = 100): EventView[] {
  return events
    .filter((e) => {
      const ref = (get(e, "involvedObject") ?? get(e, "regarding")) as Record<string, unknown> | undefined;
      return ref !== undefined && objectNames.has(`${str(ref.kind)}/${str(ref.name)}`);
    })
    .sort((a, b) => eventTime(b) - eventTime(a))
    .slice(0, limit)
    .map((e) => {
      const ref = (get(e, "involvedObject") ?? get(e, "regarding")) as Record<string, unknown>;
      return {
        type: str(get(e, "type")) || "Normal",
        reason: str(get(e, "reason")),
        message: (str(get(e, "message")) || str(get(e, "note"))).slice(0, 1000),
        object: `${str(ref.kind)}/${str(ref.name)}`,
        count: num(get(e, "count"), 1),
        at: new Date(eventTime(e) || 0).toISOString(),
      };
    });
}
