import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppsV1Api, type KubeConfig, type KubernetesObject, type V1StatefulSet } from "@kubernetes/client-node";
import { setupTestCluster, type TestCluster } from "@/e2e/cluster/test-support";
import { NGINX_IMAGE_1, nginxObjects, readKubeconfig } from "@/e2e/support/deploy-fixtures";
import { applyBundle } from "./apply";
import { kubeConfigFromText } from "./client";
import { FIELD_MANAGER } from "./object-api";
import { planBundle } from "./plan";
import { REPLICAS_HANDOVER_MANAGER } from "./replicas-handover";

// An app that gains an HPA: the manifest leaves spec.replicas out, and no deploy may reset the scale.
let cluster: TestCluster;
let admin: KubeConfig;

beforeAll(async () => {
  cluster = await setupTestCluster();
  admin = kubeConfigFromText(readKubeconfig(cluster.adminKubeconfig));
});
afterAll(async () => cluster?.dispose());

const fixed = () => nginxObjects(NGINX_IMAGE_1, "nginx", { replicas: 3 });
const autoscaled = (podManagementPolicy = "OrderedReady") =>
  nginxObjects(NGINX_IMAGE_1, "nginx", { replicas: 2, podManagementPolicy, autoscaling: { minReplicas: 2, maxReplicas: 5, cpuUtilization: 70 } });

const readSts = (ns: string) => admin.makeApiClient(AppsV1Api).readNamespacedStatefulSet({ name: "nginx", namespace: ns });
const replicasOwners = (sts: V1StatefulSet) =>
  (sts.metadata?.managedFields ?? []).filter((m) => (m.fieldsV1 as { "f:spec"?: { "f:replicas"?: object } })?.["f:spec"]?.["f:replicas"]).map((m) => m.manager).sort();
const stsPlan = async (ns: string, objs: KubernetesObject[]) => (await planBundle(admin, ns, objs)).objects.find((o) => o.kind === "StatefulSet")!;

describe("replicas handed over to the autoscaler", () => {
  it("keeps the live scale through plan, apply, redeploy after the HPA scaled, and a recreate", async () => {
    const ns = await cluster.createTestNamespace("k8s-hpa");
    try {
      expect((await applyBundle(admin, ns, fixed())).every((r) => r.status === "applied")).toBe(true);
      expect(replicasOwners(await readSts(ns))).toEqual([FIELD_MANAGER]);

      const gained = await stsPlan(ns, autoscaled());
      expect(gained.changes.filter((c) => c.path === "spec.replicas")).toEqual([]);
      expect((await applyBundle(admin, ns, autoscaled())).every((r) => r.status === "applied")).toBe(true);
      const after = await readSts(ns);
      expect(after.spec?.replicas).toBe(3); // not reset to 1 by dropping the field
      expect(replicasOwners(after)).toEqual([REPLICAS_HANDOVER_MANAGER]);

      // The HPA scales through the scale subresource (an update): a redeploy keeps its count.
      await admin.makeApiClient(AppsV1Api).patchNamespacedStatefulSetScale(
        { name: "nginx", namespace: ns, body: [{ op: "replace", path: "/spec/replicas", value: 4 }], fieldManager: "kube-controller-manager" },
      );
      expect((await stsPlan(ns, autoscaled())).action).toBe("unchanged");
      expect((await applyBundle(admin, ns, autoscaled())).every((r) => r.status === "applied")).toBe(true);
      expect((await readSts(ns)).spec?.replicas).toBe(4);

      const recreated = await applyBundle(admin, ns, autoscaled("Parallel"), { recreate: ["nginx"] });
      expect(recreated.find((r) => r.kind === "StatefulSet")).toMatchObject({ status: "applied", recreated: true });
      const again = await readSts(ns);
      expect(again.spec).toMatchObject({ replicas: 4, podManagementPolicy: "Parallel" });
      expect(replicasOwners(again)).toEqual([REPLICAS_HANDOVER_MANAGER]);
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });
});
