// The two users the test control plane provides: an admin and a user restricted (by RBAC)
// to one namespace. Berth only accepts kubeconfigs with embedded credentials.
import fs from "node:fs";
import {
  AppsV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  type V1StatefulSet,
} from "@kubernetes/client-node";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestCluster, statusOf, type TestCluster } from "./test-support";

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await setupTestCluster();
});
afterAll(async () => {
  await cluster?.dispose();
});

function statefulSet(name: string, namespace: string): V1StatefulSet {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name, namespace },
    spec: {
      serviceName: name,
      replicas: 0,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "busybox" }] } },
    },
  };
}

async function canI(api: AuthorizationV1Api, namespace: string, verb: string, group: string, resource: string) {
  const r = await api.createSelfSubjectAccessReview({
    body: { spec: { resourceAttributes: { namespace, verb, group, resource } } },
  });
  return r.status?.allowed === true;
}

describe("kubeconfigs", () => {
  it.each(["admin", "restricted"] as const)("%s kubeconfig embeds its credentials and references no files", (which) => {
    const file = which === "admin" ? cluster.adminKubeconfig : cluster.restrictedKubeconfig;
    const cfg = parseYaml(fs.readFileSync(file, "utf8"));
    const text = JSON.stringify(cfg);
    for (const key of ['"certificate-authority"', '"client-certificate"', '"client-key"', '"tokenFile"', '"exec"', '"auth-provider"']) {
      expect(text).not.toContain(key);
    }
    expect(cfg.clusters).toHaveLength(1);
    expect(cfg.clusters[0].cluster.server).toBe(cluster.server);
    expect(Buffer.from(cfg.clusters[0].cluster["certificate-authority-data"], "base64").toString()).toContain(
      "BEGIN CERTIFICATE",
    );
    const user = cfg.users[0].user;
    expect(Boolean(user.token) || Boolean(user["client-certificate-data"] && user["client-key-data"])).toBe(true);
  });
});

describe("restricted user", () => {
  it("is forbidden outside its namespace", async () => {
    const other = await cluster.createTestNamespace("restricted-outside");
    try {
      const kc = cluster.restricted();
      const core = kc.makeApiClient(CoreV1Api);
      const apps = kc.makeApiClient(AppsV1Api);
      expect(await statusOf(core.listNamespacedPod({ namespace: other }))).toBe(403);
      expect(await statusOf(core.listNamespacedPod({ namespace: "default" }))).toBe(403);
      expect(await statusOf(apps.createNamespacedStatefulSet({ namespace: other, body: statefulSet("nope", other) }))).toBe(
        403,
      );
      expect(await statusOf(core.listNamespace())).toBe(403);
      expect(await statusOf(core.listNode())).toBe(403);
      expect(await statusOf(apps.listStatefulSetForAllNamespaces())).toBe(403);
      // Nothing was created behind the 403.
      const adminApps = cluster.admin().makeApiClient(AppsV1Api);
      expect((await adminApps.listNamespacedStatefulSet({ namespace: other })).items).toHaveLength(0);
    } finally {
      await cluster.deleteTestNamespace(other);
    }
  });

  it("manages app objects inside its namespace", async () => {
    const ns = cluster.restrictedNamespace;
    const name = `rt-${Date.now().toString(36)}`;
    const kc = cluster.restricted();
    const core = kc.makeApiClient(CoreV1Api);
    const apps = kc.makeApiClient(AppsV1Api);
    try {
      const created = await apps.createNamespacedStatefulSet({ namespace: ns, body: statefulSet(name, ns) });
      expect(created.metadata?.uid).toBeTruthy();
      await core.createNamespacedService({
        namespace: ns,
        body: { metadata: { name }, spec: { clusterIP: "None", selector: { app: name }, ports: [{ port: 80 }] } },
      });
      const read = await apps.readNamespacedStatefulSet({ name, namespace: ns });
      expect(read.spec?.serviceName).toBe(name);
      await apps.patchNamespacedStatefulSetScale({ name, namespace: ns, body: [{ op: "replace", path: "/spec/replicas", value: 0 }] });
      expect(await statusOf(core.listNamespacedPod({ namespace: ns }))).toBe(200);
      expect(await statusOf(core.listNamespacedPersistentVolumeClaim({ namespace: ns }))).toBe(200);
      expect(await statusOf(core.listNamespacedEvent({ namespace: ns }))).toBe(200);
      expect(await statusOf(core.readNamespace({ name: ns }))).toBe(200);
      // Pods are read-only for this user.
      expect(await statusOf(core.deleteCollectionNamespacedPod({ namespace: ns }))).toBe(403);
      await apps.deleteNamespacedStatefulSet({ name, namespace: ns });
      await core.deleteNamespacedService({ name, namespace: ns });
      expect(await statusOf(apps.readNamespacedStatefulSet({ name, namespace: ns }))).toBe(404);
    } finally {
      const adminApps = cluster.admin().makeApiClient(AppsV1Api);
      const adminCore = cluster.admin().makeApiClient(CoreV1Api);
      await statusOf(adminApps.deleteNamespacedStatefulSet({ name, namespace: ns }));
      await statusOf(adminCore.deleteNamespacedService({ name, namespace: ns }));
    }
  });

  it("can ask what it may do (SelfSubjectAccessReview)", async () => {
    const api = cluster.restricted().makeApiClient(AuthorizationV1Api);
    const ns = cluster.restrictedNamespace;
    expect(await canI(api, ns, "create", "apps", "statefulsets")).toBe(true);
    expect(await canI(api, ns, "delete", "", "persistentvolumeclaims")).toBe(true);
    expect(await canI(api, ns, "create", "networking.k8s.io", "ingresses")).toBe(true);
    expect(await canI(api, ns, "create", "autoscaling", "horizontalpodautoscalers")).toBe(true);
    expect(await canI(api, ns, "list", "", "pods")).toBe(true);
    expect(await canI(api, ns, "delete", "", "pods")).toBe(false);
    expect(await canI(api, "default", "create", "apps", "statefulsets")).toBe(false);
    expect(await canI(api, "kube-system", "list", "", "secrets")).toBe(false);
  });
});

describe("admin user", () => {
  it("can do anything, anywhere", async () => {
    const api = cluster.admin().makeApiClient(AuthorizationV1Api);
    expect(await canI(api, "kube-system", "delete", "", "secrets")).toBe(true);
    const nodes = await cluster.admin().makeApiClient(CoreV1Api).listNode();
    expect(nodes.items.length).toBeGreaterThanOrEqual(1);
  });
});
