// The StatefulSet guarantees Berth relies on, shown on the real control plane:
// ordered pod creation, stable names, PVCs from volumeClaimTemplates that survive scale-down
// and deletion of the StatefulSet.
import {
  AppsV1Api,
  CoreV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  Watch,
  type KubernetesObject,
  type V1Pod,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, setupTestCluster, statusOf, type TestCluster } from "./test-support";

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await setupTestCluster();
});
afterAll(async () => {
  await cluster?.dispose();
});

const FIELD_MANAGER = "berth-cluster-test";

function webManifests(namespace: string, replicas: number): KubernetesObject[] {
  const labels = { app: "web" };
  return [
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace, labels },
      spec: { clusterIP: "None", selector: labels, ports: [{ name: "http", port: 80 }] },
    } as KubernetesObject,
    {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "web", namespace, labels },
      spec: {
        serviceName: "web",
        replicas,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: "nginx",
                image: "registry.k8s.io/nginx-slim:0.27",
                ports: [{ name: "http", containerPort: 80 }],
                volumeMounts: [{ name: "www", mountPath: "/usr/share/nginx/html" }],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: "www" },
            spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
          },
        ],
      },
    } as KubernetesObject,
  ];
}

const isReady = (p: V1Pod) => (p.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");

describe("StatefulSet on the test control plane", () => {
  it("reports the Kubernetes version it was built as", async () => {
    const res = await fetchVersion(cluster);
    expect(res.gitVersion).toBe("v1.36.3");
  });

  it("creates pods in order, makes them Ready, keeps PVCs on scale-down and StatefulSet deletion", async () => {
    const ns = await cluster.createTestNamespace("sts");
    try {
      const kc = cluster.admin();
      const core = kc.makeApiClient(CoreV1Api);
      const apps = kc.makeApiClient(AppsV1Api);
      const objects = KubernetesObjectApi.makeApiClient(kc);

      // Watch pods from before the apply, recording the order of creations and, at each
      // creation, which pods had already been seen Ready.
      const created: string[] = [];
      const readyWhenCreated: Record<string, string[]> = {};
      const readySeen = new Set<string>();
      let watchError: unknown;
      const watch = await new Watch(kc).watch(
        `/api/v1/namespaces/${ns}/pods`,
        { labelSelector: "app=web" },
        (type, pod: V1Pod) => {
          const name = pod.metadata!.name!;
          if (type === "ADDED" && !created.includes(name)) {
            created.push(name);
            readyWhenCreated[name] = [...readySeen];
          }
          if (isReady(pod)) readySeen.add(name);
        },
        (err) => {
          if (err && (err as Error).name !== "AbortError") watchError = err;
        },
      );

      try {
        for (const obj of webManifests(ns, 3)) {
          await objects.patch(obj, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
        }

        const sts = await eventually(
          "StatefulSet web to have 3 ready replicas",
          async () => {
            const s = await apps.readNamespacedStatefulSet({ name: "web", namespace: ns });
            return s.status?.readyReplicas === 3 && s;
          },
          { timeoutMs: 90_000 },
        );
        expect(sts.status?.replicas).toBe(3);
      } finally {
        watch.abort();
      }
      expect(watchError).toBeUndefined();

      // OrderedReady: web-1 only after web-0 was Ready, web-2 only after web-1 was Ready.
      expect(created).toEqual(["web-0", "web-1", "web-2"]);
      expect(readyWhenCreated["web-0"]).toEqual([]);
      expect(readyWhenCreated["web-1"]).toContain("web-0");
      expect(readyWhenCreated["web-2"]).toEqual(expect.arrayContaining(["web-0", "web-1"]));

      const pods = (await core.listNamespacedPod({ namespace: ns, labelSelector: "app=web" })).items;
      expect(pods.map((p) => p.metadata!.name).sort()).toEqual(["web-0", "web-1", "web-2"]);
      for (const p of pods) {
        expect(isReady(p)).toBe(true);
        expect(p.status?.phase).toBe("Running");
        expect(p.spec?.nodeName).toMatch(/^kwok-node-\d+$/);
        const claim = p.spec?.volumes?.find((v) => v.name === "www")?.persistentVolumeClaim?.claimName;
        expect(claim).toBe(`www-${p.metadata!.name}`);
      }

      // One PVC per ordinal, provisioned (default StorageClass "standard") and Bound.
      const claims = ["www-web-0", "www-web-1", "www-web-2"];
      const bound = await eventually("PVCs to be Bound", async () => {
        const list = (await core.listNamespacedPersistentVolumeClaim({ namespace: ns })).items;
        return list.length === 3 && list.every((c) => c.status?.phase === "Bound") && list;
      });
      expect(bound.map((c) => c.metadata!.name).sort()).toEqual(claims);
      for (const c of bound) {
        expect(c.spec?.storageClassName).toBe("standard");
        expect(c.spec?.volumeName).toBeTruthy();
      }
      const volumeOf = Object.fromEntries(bound.map((c) => [c.metadata!.name!, c.spec!.volumeName!]));

      // Scale to 1: web-2 and web-1 go away, all three PVCs (and their volumes) stay.
      const [, statefulSet] = webManifests(ns, 1);
      await objects.patch(statefulSet, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
      await eventually("pods web-1 and web-2 to be deleted", async () => {
        const names = (await core.listNamespacedPod({ namespace: ns, labelSelector: "app=web" })).items.map(
          (p) => p.metadata!.name,
        );
        return names.length === 1 && names[0] === "web-0";
      });
      const afterScale = (await core.listNamespacedPersistentVolumeClaim({ namespace: ns })).items;
      expect(afterScale.map((c) => c.metadata!.name).sort()).toEqual(claims);
      for (const c of afterScale) {
        expect(c.status?.phase).toBe("Bound");
        expect(c.spec?.volumeName).toBe(volumeOf[c.metadata!.name!]);
      }

      // Delete the StatefulSet: its pod goes, the PVCs stay.
      await apps.deleteNamespacedStatefulSet({ name: "web", namespace: ns, propagationPolicy: "Foreground" });
      await eventually("StatefulSet and its pods to be gone", async () => {
        const stsGone = (await statusOf(apps.readNamespacedStatefulSet({ name: "web", namespace: ns }))) === 404;
        const pods = (await core.listNamespacedPod({ namespace: ns, labelSelector: "app=web" })).items;
        return stsGone && pods.length === 0;
      });
      const afterDelete = (await core.listNamespacedPersistentVolumeClaim({ namespace: ns })).items;
      expect(afterDelete.map((c) => c.metadata!.name).sort()).toEqual(claims);
      expect(afterDelete.every((c) => c.status?.phase === "Bound")).toBe(true);
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });

  it("recreates a deleted pod with the same name and reattaches the same PVC", async () => {
    const ns = await cluster.createTestNamespace("sts-identity");
    try {
      const kc = cluster.admin();
      const core = kc.makeApiClient(CoreV1Api);
      const objects = KubernetesObjectApi.makeApiClient(kc);
      for (const obj of webManifests(ns, 2)) {
        await objects.patch(obj, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
      }
      const first = await eventually("web-1 to be Ready", async () => {
        const p = await core.readNamespacedPod({ name: "web-1", namespace: ns });
        return isReady(p) && p;
      });
      await core.deleteNamespacedPod({ name: "web-1", namespace: ns });
      const second = await eventually("web-1 to be recreated and Ready", async () => {
        const p = await core.readNamespacedPod({ name: "web-1", namespace: ns });
        return p.metadata!.uid !== first.metadata!.uid && isReady(p) && p;
      });
      const claimOf = (p: V1Pod) => p.spec?.volumes?.find((v) => v.name === "www")?.persistentVolumeClaim?.claimName;
      expect(claimOf(second)).toBe("www-web-1");
      expect(claimOf(second)).toBe(claimOf(first));
      const pvcs = (await core.listNamespacedPersistentVolumeClaim({ namespace: ns })).items;
      expect(pvcs.map((c) => c.metadata!.name).sort()).toEqual(["www-web-0", "www-web-1"]);
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });
});

async function fetchVersion(c: TestCluster): Promise<{ gitVersion: string }> {
  const { VersionApi } = await import("@kubernetes/client-node");
  return c.admin().makeApiClient(VersionApi).getCode();
}
