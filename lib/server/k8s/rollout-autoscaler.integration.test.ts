import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, setupTestCluster, type TestCluster } from "@/e2e/cluster/test-support";
import { NGINX_IMAGE_1, nginxObjects, nginxTemplate, readKubeconfig } from "@/e2e/support/deploy-fixtures";
import { applyBundle } from "./apply";
import { kubeConfigFromText } from "./client";
import { readRollout } from "./rollout";
import type { KubeConfig } from "@kubernetes/client-node";

// Issue 11, item 8: metric scaling owns the count (min 2). The StatefulSet is applied without
// spec.replicas and starts at 1; the rollout counts what the autoscaler asks for, never "1/1 ready".
let cluster: TestCluster;
let admin: KubeConfig;
beforeAll(async () => {
  cluster = await setupTestCluster();
  admin = kubeConfigFromText(readKubeconfig(cluster.adminKubeconfig));
});
afterAll(async () => cluster?.dispose());

describe("rollout with an autoscaler", () => {
  it("counts the autoscaler's replicas from the first read until both pods are ready", async () => {
    const ns = await cluster.createTestNamespace("first-hour-ui-hpa");
    try {
      const container = nginxTemplate().spec.containers[0];
      const objects = nginxObjects(NGINX_IMAGE_1, "nginx", { volumeClaimTemplates: [], containers: [{ ...container, volumeMounts: [] }], autoscaling: { minReplicas: 2, maxReplicas: 4, cpuUtilization: 70 } });
      expect(objects.find((o) => o.kind === "StatefulSet")).not.toHaveProperty("spec.replicas");
      const started = new Date();
      expect((await applyBundle(admin, ns, objects)).every((r) => r.status === "applied")).toBe(true);

      const first = await readRollout(admin, ns, "nginx", started);
      expect(first.replicas).toBe(2);
      expect(first.autoscaler).toMatchObject({ name: "nginx", minReplicas: 2, maxReplicas: 4 });
      expect(first.pods.map((p) => p.name)).toEqual(["nginx-0", "nginx-1"]);
      if (first.state === "ready") expect(first.readyReplicas).toBeGreaterThanOrEqual(2);

      const ready = await eventually("both pods ready", async () => {
        const v = await readRollout(admin, ns, "nginx", started);
        return v.state === "ready" ? v : undefined;
      }, { timeoutMs: 120_000, intervalMs: 500 });
      expect(ready.replicas).toBe(2);
      expect(ready.pods.every((p) => p.ready)).toBe(true);
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  }, 180_000);

  it("scheduled scaling only: the StatefulSet's own count, with its jobs and that no controller picked them up", async () => {
    const ns = await cluster.createTestNamespace("first-hour-ui-cron");
    try {
      const container = nginxTemplate().spec.containers[0];
      const jobs = [{ name: "scale-up", schedule: "0 0 8 * * *", targetSize: 3 }];
      const objects = nginxObjects(NGINX_IMAGE_1, "nginx", { replicas: 1, volumeClaimTemplates: [], containers: [{ ...container, volumeMounts: [] }], scheduledScaling: { jobs } });
      const started = new Date();
      expect((await applyBundle(admin, ns, objects)).every((r) => r.status === "applied")).toBe(true);
      const ready = await eventually("ready", async () => {
        const v = await readRollout(admin, ns, "nginx", started);
        return v.state === "ready" ? v : undefined;
      }, { timeoutMs: 120_000, intervalMs: 500 });
      // Applied without spec.replicas, the StatefulSet runs 1 pod until a schedule fires — which,
      // with no cron-HPA controller on this cluster, is never; the view says so.
      expect(ready.replicas).toBe(1);
      expect(ready.autoscaler).toBeUndefined();
      expect(ready.schedule).toEqual({ name: "nginx", jobs, pickedUp: false });
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  }, 180_000);
});
