// What `npm run cluster` provides beyond the core, so the seed's nginx example works end to end:
// the cron-HPA CRD is served, and metrics.k8s.io answers with kwok's fake usage, so a
// HorizontalPodAutoscaler really measures.
import { AutoscalingV2Api, CustomObjectsApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, setupTestCluster, type TestCluster } from "./test-support";
import { KubeClient } from "./kube-client";

let cluster: TestCluster;
let ns: string;
beforeAll(async () => {
  cluster = await setupTestCluster();
  ns = await cluster.createTestNamespace("features");
});
afterAll(async () => {
  if (ns) await cluster.deleteTestNamespace(ns).catch(() => undefined);
  await cluster?.dispose();
});

describe("the local cluster's extras", () => {
  it("serves the CronHorizontalPodAutoscaler CRD", async () => {
    const created = await cluster
      .admin()
      .makeApiClient(CustomObjectsApi)
      .createNamespacedCustomObject({
        group: "autoscaling.alibabacloud.com",
        version: "v1beta1",
        namespace: ns,
        plural: "cronhorizontalpodautoscalers",
        body: {
          apiVersion: "autoscaling.alibabacloud.com/v1beta1",
          kind: "CronHorizontalPodAutoscaler",
          metadata: { name: "web" },
          spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "StatefulSet", name: "web" }, jobs: [{ name: "up", schedule: "0 0 8 * * *", targetSize: 3 }] },
        },
      });
    expect((created as { metadata: { name: string } }).metadata.name).toBe("web");
  });

  it("serves metrics.k8s.io for nodes and pods, and an HPA measures CPU", async () => {
    const c = KubeClient.fromKubeconfigFile(cluster.adminKubeconfig);
    try {
      await c.must("POST", `/apis/apps/v1/namespaces/${ns}/statefulsets`, {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: { name: "web" },
        spec: {
          serviceName: "web",
          replicas: 1,
          selector: { matchLabels: { app: "web" } },
          template: {
            metadata: { labels: { app: "web" }, annotations: { "kwok.x-k8s.io/usage-cpu": "50m" } },
            spec: { containers: [{ name: "nginx", image: "nginx:1.27", resources: { requests: { cpu: "100m", memory: "64Mi" } } }] },
          },
        },
      });
      const podMetrics = await eventually("pod metrics for web-0", async () => {
        const r = await c.request("GET", `/apis/metrics.k8s.io/v1beta1/namespaces/${ns}/pods/web-0`);
        return r.status === 200 ? r.body : undefined;
      }, { timeoutMs: 120_000, intervalMs: 1000 });
      expect(podMetrics.containers[0].name).toBe("nginx");
      // metrics-server needs two scrapes 15 s apart; it reports nodes that run something (idle ones are dropped).
      const nodes = await eventually("node metrics", async () => {
        const r = await c.request("GET", "/apis/metrics.k8s.io/v1beta1/nodes");
        return r.status === 200 && (r.body?.items ?? []).length > 0 ? r.body.items : undefined;
      }, { timeoutMs: 60_000, intervalMs: 1000 });
      expect(nodes[0].usage.cpu).toBeTruthy();

      const hpa = cluster.admin().makeApiClient(AutoscalingV2Api);
      await hpa.createNamespacedHorizontalPodAutoscaler({
        namespace: ns,
        body: {
          apiVersion: "autoscaling/v2",
          kind: "HorizontalPodAutoscaler",
          metadata: { name: "web" },
          spec: {
            scaleTargetRef: { apiVersion: "apps/v1", kind: "StatefulSet", name: "web" },
            minReplicas: 1,
            maxReplicas: 3,
            metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }],
          },
        },
      });
      const measured = await eventually("the HPA's measured CPU utilization", async () => {
        const h = await hpa.readNamespacedHorizontalPodAutoscaler({ name: "web", namespace: ns });
        return h.status?.currentMetrics?.[0]?.resource?.current?.averageUtilization;
      }, { timeoutMs: 150_000, intervalMs: 2000 });
      // 50m used of 100m requested.
      expect(measured).toBeGreaterThan(0);
    } finally {
      c.close();
    }
  }, 400_000);
});
