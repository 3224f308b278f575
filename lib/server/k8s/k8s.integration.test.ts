import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMsg } from "@/lib/i18n/message";
import { eventually, setupTestCluster, type TestCluster } from "@/e2e/cluster/test-support";
import { NGINX_IMAGE_1, NGINX_IMAGE_2, nginxObjects, readKubeconfig } from "@/e2e/support/deploy-fixtures";
import { applyBundle } from "./apply";
import { kubeConfigFromText } from "./client";
import { testConnection } from "./connection-test";
import { planBundle } from "./plan";
import { readRollout } from "./rollout";
import { listAppClaims, undeployApp } from "./undeploy";
import { CoreV1Api, PatchStrategy, type KubeConfig } from "@kubernetes/client-node";
import { english } from "@/lib/i18n/english";
import { LABEL_APP } from "@/lib/manifests";
import { undeployOutcome } from "../deployments-run";
import { inNamespace, ObjectApi } from "./object-api";
import { strictTranslator } from "@/lib/i18n/strict-translator";

let cluster: TestCluster;
let admin: KubeConfig;
let restricted: KubeConfig;

beforeAll(async () => {
  cluster = await setupTestCluster();
  admin = kubeConfigFromText(readKubeconfig(cluster.adminKubeconfig));
  restricted = kubeConfigFromText(readKubeconfig(cluster.restrictedKubeconfig));
});
afterAll(async () => cluster?.dispose());

describe("connection test", () => {
  it("reports the server version and the admin's permissions", async () => {
    const r = await testConnection(admin, "default");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.serverVersion).toBe("v1.36.3");
    expect(r.permissions.every((p) => p.allowed)).toBe(true);
    expect(r.canCreateNamespace).toBe(true);
  });

  it("reports what the restricted user may do inside and outside its namespace", async () => {
    const inside = await testConnection(restricted, cluster.restrictedNamespace);
    expect(inside.ok && inside.permissions.every((p) => p.allowed)).toBe(true);
    expect(inside.ok && inside.canCreateNamespace).toBe(false);
    const outside = await testConnection(restricted, "default");
    expect(outside.ok && outside.permissions.filter((p) => p.allowed)).toEqual([]);
  });
  it("gives up on an API server that never answers, with a clear message", async () => {
    const silent = net.createServer(() => {}).listen(0, "127.0.0.1");
    await new Promise((r) => silent.once("listening", r));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const text = readKubeconfig(cluster.adminKubeconfig).replace(/server: .*/, `server: https://127.0.0.1:${port}`);
      const started = Date.now();
      const r = await testConnection(kubeConfigFromText(text, { timeoutMs: 500 }), "default");
      expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/did not answer in time/) });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      silent.close();
    }
  });
});

describe("plan, apply, rollout, undeploy", () => {
  it("names the restricted user's missing permissions outside its namespace", async () => {
    const plan = await planBundle(restricted, "shop", nginxObjects());
    expect(plan.ok).toBe(false);
    const ingress = plan.objects.find((o) => o.kind === "Ingress")!;
    expect(ingress.denied).toContain("you cannot create ingresses in namespace shop");
    expect(plan.objects.find((o) => o.kind === "StatefulSet")!.denied).toContain("you cannot create statefulsets in namespace shop");
  });

  it("plans creates, applies in order, rolls out per ordinal, diffs an image change, keeps claims on undeploy", async () => {
    const ns = await cluster.createTestNamespace("k8s-plan");
    try {
      const first = await planBundle(admin, ns, nginxObjects());
      expect(first.ok).toBe(true);
      expect(first.objects.map((o) => `${o.kind}:${o.action}`)).toEqual(["Service:create", "Service:create", "StatefulSet:create", "Ingress:create"]);

      const results = await applyBundle(admin, ns, nginxObjects());
      expect(results.map((r) => r.status)).toEqual(["applied", "applied", "applied", "applied"]);
      const started = new Date();
      const ready = await eventually("nginx ready", async () => {
        const v = await readRollout(admin, ns, "nginx", started);
        return v.state === "ready" ? v : undefined;
      });
      expect(ready.pods.map((p) => [p.name, p.ready, p.updated])).toEqual([["nginx-0", true, true], ["nginx-1", true, true]]);

      const same = await planBundle(admin, ns, nginxObjects());
      expect(same.objects.map((o) => o.action)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged"]);

      const changed = await planBundle(admin, ns, nginxObjects(NGINX_IMAGE_2));
      const sts = changed.objects.find((o) => o.kind === "StatefulSet")!;
      expect(sts.action).toBe("update");
      expect(sts.changes).toContainEqual({ path: "spec.template.spec.containers[name=nginx].image", before: NGINX_IMAGE_1, after: NGINX_IMAGE_2 });

      const renamed = nginxObjects();
      const spec = (renamed[2] as { spec: { podManagementPolicy?: string } }).spec;
      spec.podManagementPolicy = "Parallel";
      const recreate = await planBundle(admin, ns, renamed);
      expect(recreate.objects[2]).toMatchObject({ action: "recreate", immutable: ["spec.podManagementPolicy"] });
      const recreated = await applyBundle(admin, ns, renamed, { recreate: ["nginx"] });
      expect(recreated[2]).toMatchObject({ status: "applied", recreated: true });

      const gone = await undeployApp(admin, ns, "nginx");
      expect(gone.deleted.map((d) => `${d.kind}/${d.name}`).sort()).toEqual(["Ingress/nginx-ingress", "Service/nginx-headless", "Service/nginx-svc", "StatefulSet/nginx"]);
      expect(gone.keptClaims.map((c) => c.name)).toEqual(["www-nginx-0", "www-nginx-1"]);
      expect((await listAppClaims(admin, ns, "nginx")).length).toBe(2);
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });

  it("undeploys with a user who may not list kinds the app never rendered (a cron-HPA it cannot see), and names a rendered kind it cannot list", async () => {
    const ns = cluster.restrictedNamespace;
    const name = `undeploy-r${Date.now().toString(36)}`;
    const objects = nginxObjects(NGINX_IMAGE_1, name);
    const kinds = objects.map((o) => [o.apiVersion ?? "v1", o.kind ?? ""] as [string, string]);
    try {
      expect((await applyBundle(restricted, ns, objects)).every((r) => r.status === "applied")).toBe(true);
      // Before: listing CronHorizontalPodAutoscaler (which the restricted role may not list) threw 403 and nothing was deleted.
      const gone = await undeployApp(restricted, ns, name, kinds);
      expect(gone.deleted.filter((d) => !d.ok)).toEqual([]);
      expect(gone.deleted.map((d) => d.kind).sort()).toEqual(["Ingress", "Service", "Service", "StatefulSet"]);

      // A kind the app did render but the user may not list is reported, not skipped and not a crash.
      const withCron: Array<[string, string]> = [...kinds, ["autoscaling.alibabacloud.com/v1beta1", "CronHorizontalPodAutoscaler"]];
      const again = await undeployApp(restricted, ns, name, withCron);
      expect(again.deleted).toEqual([expect.objectContaining({ kind: "CronHorizontalPodAutoscaler", ok: false, message: expect.stringMatching(/cannot list.*forbidden/i) })]);
      // Berth's framing is a catalogue message (the record page words it in the reader's language); the cluster's reason stays as it came.
      const [refused] = again.deleted;
      expect(refused.msg).toMatchObject({ key: "serverErrors.undeploy.cannotList", values: { kind: "CronHorizontalPodAutoscaler" } });
      expect(formatMsg(strictTranslator("zh-CN"), refused.msg!)).toMatch(/^无法列出 CronHorizontalPodAutoscaler 对象：.*forbidden/i);
    } finally {
      await undeployApp(admin, ns, name, kinds).catch(() => undefined);
    }
  });

  it("deletes one page of a kind per undeploy and says, in the reader's language too, that more are left", async () => {
    const ns = await cluster.createTestNamespace("undeploy-more");
    try {
      const core = admin.makeApiClient(CoreV1Api);
      for (const i of [1, 2, 3]) await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: `many-${i}`, labels: { [LABEL_APP]: "many" } } } });
      const gone = await undeployApp(admin, ns, "many", [], 2); // a page of 2 stands in for MAX_LISTED_OBJECTS
      expect(gone.deleted.filter((d) => d.ok)).toHaveLength(2);
      const more = gone.deleted.find((d) => d.name === "(more)")!;
      expect(more).toMatchObject({ kind: "ConfigMap", ok: false, message: "more than 2 ConfigMap objects carry the app's label; undeploy again to delete the rest" });
      expect(formatMsg(strictTranslator("zh-CN"), more.msg!)).toBe("带有此应用标签的 ConfigMap 对象超过 2 个；请再次取消部署以删除其余对象");
      // The record's outcome names it in the same words, in either language.
      const outcome = undeployOutcome(gone.deleted, []);
      expect(english(outcome)).toBe("Could not delete ConfigMap/(more) (more than 2 ConfigMap objects carry the app's label; undeploy again to delete the rest). Deleted 2 objects. Kept volume claims: none.");
      expect(formatMsg(strictTranslator("zh-CN"), outcome)).toBe("无法删除 ConfigMap/(more)（带有此应用标签的 ConfigMap 对象超过 2 个；请再次取消部署以删除其余对象）。已删除 2 个对象。保留的存储卷声明：无。");
      const rest = await undeployApp(admin, ns, "many", [], 2);
      expect(rest.deleted.map((d) => [d.name, d.ok])).toEqual([["many-3", true]]);
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });

  it("maps a dry-run validation error to the field the server names", async () => {
    const ns = await cluster.createTestNamespace("k8s-invalid");
    try {
      const objects = nginxObjects();
      (objects[2] as { spec: { replicas: number } }).spec.replicas = -1;
      const plan = await planBundle(admin, ns, objects);
      expect(plan.objects[2].errors).toContainEqual(expect.objectContaining({ field: "spec.replicas" }));
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });

  it("reports a stalled rollout with its reason once the deadline from the deployment's start has passed", async () => {
    const ns = await cluster.createTestNamespace("k8s-stalled");
    try {
      const objects = nginxObjects();
      const sts = objects[2] as { spec: { template: { spec: { nodeSelector?: Record<string, string> } } } };
      sts.spec.template.spec.nodeSelector = { "berth.test/no-such-node": "true" };
      expect((await applyBundle(admin, ns, objects)).every((r) => r.status === "applied")).toBe(true);
      const fresh = await readRollout(admin, ns, "nginx", new Date());
      expect(fresh.state).toBe("progressing");
      const stalled = await eventually("stalled with a scheduling reason", async () => {
        const v = await readRollout(admin, ns, "nginx", new Date(Date.now() - 60_000), 30_000);
        return v.state === "stalled" && /Unschedulable|node/i.test(v.reason) ? v : undefined;
      });
      expect(stalled.reason).toMatch(/^not ready 30 s after the deployment started — nginx-0: PodScheduled/);
      // The console words our part in the reader's language; the scheduler's reason stays its own.
      const zhT = strictTranslator("zh-CN");
      expect(formatMsg(zhT, stalled.reasonMsg!)).toMatch(/^部署开始 30 秒后仍未就绪 — nginx-0：PodScheduled/);
      expect(stalled.pods[0]).toMatchObject({ name: "nginx-0", exists: true, phase: "Pending", ready: false });
      expect(stalled.pods[1]).toMatchObject({ name: "nginx-1", exists: false });
      expect((await readRollout(admin, ns, "missing", new Date())).state).toBe("missing");
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });

  it("names a field-manager conflict, which force takes over", async () => {
    const ns = await cluster.createTestNamespace("k8s-conflict");
    try {
      await applyBundle(admin, ns, nginxObjects());
      const [, , sts] = nginxObjects(NGINX_IMAGE_2);
      await ObjectApi.for(admin).patch(inNamespace(sts, ns), undefined, undefined, "someone-else", true, PatchStrategy.ServerSideApply);
      const plan = await planBundle(admin, ns, nginxObjects());
      expect(plan.ok).toBe(false);
      expect(plan.objects[2]).toMatchObject({ conflict: true });
      expect(plan.objects[2].errors[0].message).toMatch(/someone-else/);
      const forced = await planBundle(admin, ns, nginxObjects(), { force: true });
      expect(forced.ok).toBe(true);
      expect(forced.objects[2].changes).toContainEqual(expect.objectContaining({ path: "spec.template.spec.containers[name=nginx].image", after: NGINX_IMAGE_1 }));
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });

  it("creates a missing namespace when asked, and plans it as missing before", async () => {
    const ns = `k8s-newns-${Date.now().toString(36)}`;
    try {
      const plan = await planBundle(admin, ns, nginxObjects());
      expect(plan).toMatchObject({ namespaceExists: false, canCreateNamespace: true });
      expect(plan.objects.map((o) => o.action)).toEqual(["create", "create", "create", "create"]);
      const results = await applyBundle(admin, ns, nginxObjects(), { createNamespace: true });
      expect(results.every((r) => r.status === "applied")).toBe(true);
      expect((await planBundle(admin, ns, nginxObjects())).namespaceExists).toBe(true);
      const denied = await planBundle(restricted, `${ns}-x`, nginxObjects());
      expect(denied.canCreateNamespace).toBe(false);
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });
});
