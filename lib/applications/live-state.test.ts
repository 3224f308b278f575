import type { KubernetesObject } from "@kubernetes/client-node";
import { describe, expect, test } from "vitest";
import { formatMsg } from "@/lib/i18n/message";
import { nginxObjects, NGINX_IMAGE_1, NGINX_IMAGE_2 } from "@/e2e/support/deploy-fixtures";
import { computeHealth, computeSync, fieldOwner, objectKey, ordinalPods } from "./live-state";
import { strictTranslator } from "@/lib/i18n/strict-translator";

const zhT = strictTranslator("zh-CN");
const now = new Date("2026-11-28T12:00:00Z");
const deployedAt = new Date("2026-11-28T11:00:00Z");
const sts = (replicas: number, ready: number) =>
  ({ apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "nginx", generation: 2 }, spec: { replicas }, status: { observedGeneration: 2, readyReplicas: ready, updatedReplicas: ready } }) as KubernetesObject;
const pod = (i: number, ready: boolean, extra: Record<string, unknown> = {}) =>
  ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `nginx-${i}`, creationTimestamp: "2026-11-28T11:00:01Z" },
    status: { phase: "Running", conditions: [{ type: "Ready", status: ready ? "True" : "False", lastTransitionTime: new Date("2026-11-28T11:00:02Z") }], ...extra },
  }) as unknown as KubernetesObject;

describe("health", () => {
  test("Healthy with n/m, Missing without a StatefulSet", () => {
    expect(computeHealth({ statefulSet: sts(2, 2), pods: [pod(0, true), pod(1, true)], claims: [], events: [], deployedAt, now })).toEqual({ state: "Healthy", ready: 2, desired: 2, reason: "" });
    expect(computeHealth({ statefulSet: undefined, pods: [], claims: [], events: [], deployedAt, now }).state).toBe("Missing");
  });

  test("Progressing within the stall threshold, Degraded after it with the newest warning event as the reason", () => {
    const recent = new Date("2026-11-28T11:59:00Z");
    expect(computeHealth({ statefulSet: sts(2, 1), pods: [pod(0, true), pod(1, false)], claims: [], events: [], deployedAt: recent, now }).state).toBe("Progressing");
    const events = [
      { kind: "Event", type: "Warning", reason: "Old", message: "older", involvedObject: { kind: "Pod", name: "nginx-1" }, lastTimestamp: "2026-11-28T11:10:00Z" },
      { kind: "Event", type: "Warning", reason: "FailedScheduling", message: "0/3 nodes are available", involvedObject: { kind: "Pod", name: "nginx-1" }, lastTimestamp: "2026-11-28T11:20:00Z" },
    ] as unknown as KubernetesObject[];
    const h = computeHealth({ statefulSet: sts(2, 1), pods: [pod(0, true), pod(1, false)], claims: [], events, deployedAt, now });
    expect(h).toMatchObject({ state: "Degraded", ready: 1, desired: 2 });
    expect(h.reason).toMatch(/^nginx-1: not Ready for over 5 min — FailedScheduling: 0\/3 nodes are available$/);
  });

  test("the reason is also a catalogue message: Chinese for the console, the cluster's own words (event, waiting reason) kept as they are", () => {
    const events = [{ kind: "Event", type: "Warning", reason: "FailedScheduling", message: "0/3 nodes are available", involvedObject: { kind: "Pod", name: "nginx-1" }, lastTimestamp: "2026-11-28T11:20:00Z" }] as unknown as KubernetesObject[];
    const h = computeHealth({ statefulSet: sts(2, 1), pods: [pod(0, true), pod(1, false)], claims: [], events, deployedAt, now });
    expect(formatMsg(zhT, h.reasonMsg!)).toBe("nginx-1：未就绪已超过 5 分钟 — FailedScheduling: 0/3 nodes are available");
    const failing = pod(0, false, { containerStatuses: [{ name: "nginx", state: { waiting: { reason: "ImagePullBackOff" } } }] });
    expect(formatMsg(zhT, computeHealth({ statefulSet: sts(1, 0), pods: [failing], claims: [], events: [], deployedAt: now, now }).reasonMsg!)).toBe("nginx-0：ImagePullBackOff");
    expect(formatMsg(zhT, computeHealth({ statefulSet: undefined, pods: [], claims: [], events: [], deployedAt, now }).reasonMsg!)).toBe("StatefulSet 不存在");
    expect(computeHealth({ statefulSet: sts(2, 2), pods: [pod(0, true), pod(1, true)], claims: [], events: [], deployedAt, now }).reasonMsg).toBeUndefined();
  });

  test("an image pull failure is Degraded at once; a Pending claim after the threshold too", () => {
    const failing = pod(0, false, { containerStatuses: [{ name: "nginx", state: { waiting: { reason: "ImagePullBackOff" } } }] });
    expect(computeHealth({ statefulSet: sts(1, 0), pods: [failing], claims: [], events: [], deployedAt: now, now }).reason).toBe("nginx-0: ImagePullBackOff");
    const claim = { kind: "PersistentVolumeClaim", metadata: { name: "www-nginx-0", creationTimestamp: "2026-11-28T11:00:00Z" }, status: { phase: "Pending" } } as unknown as KubernetesObject;
    expect(computeHealth({ statefulSet: sts(1, 1), pods: [pod(0, true)], claims: [claim], events: [], deployedAt, now }).reason).toMatch(/claim www-nginx-0: Pending/);
  });

  test("pods by ordinal, not by name order; other pods ignored", () => {
    const names = ordinalPods("nginx", [pod(10, true), pod(2, true), { kind: "Pod", metadata: { name: "nginx-x" } } as KubernetesObject, pod(0, true)]).map((p) => p.metadata!.name);
    expect(names).toEqual(["nginx-0", "nginx-2", "nginx-10"]);
  });
});

describe("sync", () => {
  const applied = nginxObjects(NGINX_IMAGE_1);
  const liveOf = (objs: KubernetesObject[]) => new Map(objs.map((o) => [objectKey(o), { ...structuredClone(o), metadata: { ...o.metadata, namespace: "shop", uid: "u" }, status: {} } as KubernetesObject]));

  test("in sync despite server defaults; drift names the field, the values and the manager that owns it now", () => {
    const live = liveOf(applied);
    expect(computeSync(applied, live).state).toBe("In sync");
    const s = live.get("StatefulSet/nginx") as any;
    s.spec.revisionHistoryLimit = 10;
    s.spec.template.spec.containers[0].image = NGINX_IMAGE_2;
    s.metadata.managedFields = [
      { manager: "berth", operation: "Apply", time: "2026-11-28T10:00:00Z", fieldsV1: { "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"nginx"}': { "f:ports": {} } } } } } } },
      { manager: "kubectl-set", operation: "Update", time: "2026-11-28T10:42:00Z", fieldsV1: { "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"nginx"}': { "f:image": {} } } } } } } },
    ];
    const sync = computeSync(applied, live);
    expect(sync.state).toBe("Drifted");
    expect(sync.drifted).toEqual([
      { kind: "StatefulSet", name: "nginx", path: "spec.template.spec.containers[name=nginx].image", live: NGINX_IMAGE_2, applied: NGINX_IMAGE_1, manager: "kubectl-set", changedAt: "2026-11-28T10:42:00.000Z" },
    ]);
  });

  test("a deleted object is missing; an unreadable kind is unknown", () => {
    const live = liveOf(applied);
    live.delete("Service/nginx-svc");
    expect(computeSync(applied, live)).toMatchObject({ state: "Missing objects", missing: [{ kind: "Service", name: "nginx-svc" }] });
    expect(computeSync(applied, liveOf(applied), new Set(["Ingress"]))).toMatchObject({ state: "Unknown", reason: "cannot read Ingress" });
    expect(formatMsg(zhT, computeSync(applied, liveOf(applied), new Set(["Ingress"])).reasonMsg!)).toBe("无法读取 Ingress");
  });

  test("fieldOwner follows keyed list items by any key (ports by containerPort + protocol)", () => {
    const live = {
      kind: "Service",
      metadata: { managedFields: [{ manager: "edit", operation: "Update", time: new Date("2026-11-28T10:00:00Z"), fieldsV1: { "f:spec": { "f:ports": { 'k:{"port":80,"protocol":"TCP"}': { "f:targetPort": {} } } } } }] },
      spec: { ports: [{ port: 80, protocol: "TCP", targetPort: 8080 }] },
    } as unknown as KubernetesObject;
    expect(fieldOwner(live, "spec.ports[port=80].targetPort")).toEqual({ manager: "edit", time: "2026-11-28T10:00:00.000Z" });
    expect(fieldOwner(live, "spec.ports[0].targetPort")).toEqual({ manager: "edit", time: "2026-11-28T10:00:00.000Z" });
  });
});
