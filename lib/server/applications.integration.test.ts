import fs from "node:fs";
import { AppsV1Api, CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { formatMsg } from "@/lib/i18n/message";
import { strictTranslator } from "@/lib/i18n/strict-translator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, setupTestCluster, type TestCluster } from "@/e2e/cluster/test-support";
import { NGINX_IMAGE_1, NGINX_IMAGE_2 } from "@/e2e/support/deploy-fixtures";
import { addMember, attachCluster, auditEventsFor, closedPort, createNginxTemplate, newTeam } from "@/scripts/test-support/fixtures";
import { getApplication, listApplications } from "./applications";
import { getApplicationDetail } from "./applications-detail";
import { applicationDrift, syncApplication } from "./applications-drift";
import { deleteAppPod, deleteLeftoverClaim, leftoverClaims, restartApplication, RESTART_ANNOTATION, scaleApplication } from "./applications-ops";
import { appKeyString, liveByCluster, liveForCluster, NO_CREDENTIAL } from "./applications-live";
import type { Ctx } from "./authz";
import { setCredential } from "./clusters-credentials";
import { encryptSecret } from "./crypto";
import { db } from "./db";
import { deployTemplate, rollbackTo, undeploy } from "./deployments";
import { AppError } from "./errors";
import { credentialAad } from "./k8s/client";
import { vetKubeconfig } from "./k8s/kubeconfig-policy";

// Applications on the real control plane: records → rows, live health and sync with the viewer's
// own credential, drift by server-side apply dry run with the manager that changed a field,
// missing objects, sync (audited), an autoscaler's scale, a restricted credential, a dead cluster.
let cluster: TestCluster;
const text = (file: string) => fs.readFileSync(file, "utf8");
beforeAll(async () => {
  cluster = await setupTestCluster();
});
afterAll(async () => cluster?.dispose());

async function deployNginx(ctx: Ctx, clusterId: string, namespace: string, opts: { app?: string; autoscaling?: boolean } = {}) {
  const app = opts.app ?? "nginx";
  const id = await createNginxTemplate(ctx, `${app} ${namespace}`, { app, spec: opts.autoscaling ? { autoscaling: { minReplicas: 2, maxReplicas: 5, cpuUtilization: 70 } } : {} });
  const { results } = await deployTemplate(ctx, { templateId: id, version: 1, values: { image: NGINX_IMAGE_1 }, clusterIds: [clusterId], namespace, createNamespace: false, force: false, recreate: false });
  expect(results[0].status).toBe("applied");
  return { templateId: id, deploymentId: results[0].deploymentId! };
}

async function liveOf(ctx: Ctx, key: { clusterId: string; namespace: string; appName: string }) {
  const record = await getApplication(ctx, key);
  const live = await liveForCluster(ctx, key.clusterId, [record]);
  expect(live.state).toBe("ok");
  return live.apps.get(appKeyString(key))!;
}

const healthy = (ctx: Ctx, key: { clusterId: string; namespace: string; appName: string }) =>
  eventually("Healthy", async () => {
    const v = await liveOf(ctx, key);
    return v.health.state === "Healthy" ? v : undefined;
  });

describe("applications", () => {
  it("nginx: Healthy / In sync; set image → Drifted naming the field and kubectl-set; Service deleted → Missing objects; Sync → In sync, audited", async () => {
    const t = await newTeam("apps");
    const ns = await cluster.createTestNamespace("apps-flow");
    try {
      const prod = await attachCluster(t.ctx, "prod", cluster.adminKubeconfig);
      const { templateId, deploymentId } = await deployNginx(t.ctx, prod, ns);
      const key = { clusterId: prod, namespace: ns, appName: "nginx" };

      const page = await listApplications(t.ctx, { namespace: ns });
      expect(page.items).toHaveLength(1);
      expect(page.items[0]).toMatchObject({ appName: "nginx", clusterName: "prod", namespace: ns, last: { id: deploymentId, kind: "deploy", status: "applied" }, applied: { templateId, templateVersion: 1 } });

      const v = await healthy(t.ctx, key);
      expect(v.health).toMatchObject({ state: "Healthy", ready: 2, desired: 2 });
      expect(v.sync).toMatchObject({ state: "In sync", drifted: [], missing: [] });

      // The detail tree: pods by ordinal with their claims, Services with endpoints, the Ingress host.
      const detail = await getApplicationDetail(t.ctx, key);
      expect(detail.live.state).toBe("ok");
      expect(detail.live.pods.map((p) => [p.name, p.ready, p.updated])).toEqual([["nginx-0", true, true], ["nginx-1", true, true]]);
      expect(detail.live.pods[0].node).toMatch(/^kwok-node-/);
      expect(detail.live.pods[0].claims.map((c) => c.name)).toEqual(["www-nginx-0"]);
      expect(detail.live.services.map((s) => s.name).sort()).toEqual(["nginx-headless", "nginx-svc"]);
      expect(detail.live.ingresses[0].rules[0]).toMatchObject({ host: "foo.bar.com", paths: [{ path: "/", service: "nginx-svc", port: "80" }] });
      expect(detail.live.reach[0]).toMatchObject({ url: "http://foo.bar.com/", hostsLine: "" });
      expect(Object.values(detail.live.panels).every((p) => p === "")).toBe(true);
      expect(detail.live.events.some((e) => e.object === "StatefulSet/nginx" && e.reason === "SuccessfulCreate")).toBe(true);

      // An ingress controller publishes an address: the seed's hosts-file line appears.
      await cluster.kubectl("patch", "ingress", "nginx-ingress", "-n", ns, "--subresource=status", "--type=merge", "-p", '{"status":{"loadBalancer":{"ingress":[{"ip":"10.11.12.13"}]}}}');
      const reach = (await getApplicationDetail(t.ctx, key)).live.reach[0];
      expect(reach).toMatchObject({ url: "http://foo.bar.com/", hostsLine: "10.11.12.13 foo.bar.com" });

      // Out of band: kubectl set image. Both the list and the dry run name exactly that field and the manager.
      await cluster.kubectl("set", "image", "statefulset/nginx", `nginx=${NGINX_IMAGE_2}`, "-n", ns);
      const drifted = await liveOf(t.ctx, key);
      expect(drifted.sync.state).toBe("Drifted");
      expect(drifted.sync.drifted).toEqual([
        expect.objectContaining({ kind: "StatefulSet", name: "nginx", path: "spec.template.spec.containers[name=nginx].image", live: NGINX_IMAGE_2, applied: NGINX_IMAGE_1, manager: "kubectl-set" }),
      ]);
      const dry = await applicationDrift(t.ctx, key);
      expect(dry.state).toBe("ok");
      const sts = dry.objects.find((o) => o.kind === "StatefulSet")!;
      expect(sts.state).toBe("drifted");
      expect(sts.fields).toEqual([
        expect.objectContaining({ path: "spec.template.spec.containers[name=nginx].image", live: NGINX_IMAGE_2, applied: NGINX_IMAGE_1, manager: "kubectl-set" }),
      ]);
      expect(dry.objects.filter((o) => o.kind !== "StatefulSet").every((o) => o.state === "in_sync")).toBe(true);

      // The Service deleted by hand: missing.
      await cluster.admin().makeApiClient(CoreV1Api).deleteNamespacedService({ name: "nginx-svc", namespace: ns });
      const missing = await liveOf(t.ctx, key);
      expect(missing.sync).toMatchObject({ state: "Missing objects", missing: [{ kind: "Service", name: "nginx-svc" }] });
      expect((await applicationDrift(t.ctx, key)).objects.find((o) => o.name === "nginx-svc")!.state).toBe("missing");

      // Sync: a redeploy of the last record with reason "sync drift", audited; back in sync.
      const synced = await syncApplication(t.ctx, key);
      expect(synced.status).toBe("applied");
      const after = await liveOf(t.ctx, key);
      expect(after.sync).toMatchObject({ state: "In sync", drifted: [], missing: [] });
      expect((await applicationDrift(t.ctx, key)).objects.every((o) => o.state === "in_sync")).toBe(true);
      const [event] = await auditEventsFor(t.teamId, "deploy.redeploy");
      expect(event).toMatchObject({ result: "success", targetId: synced.deploymentId, summary: expect.objectContaining({ replayOf: deploymentId, reason: "sync drift" }) });
      expect((await listApplications(t.ctx, { namespace: ns })).items[0].last).toMatchObject({ id: synced.deploymentId, kind: "redeploy" });

      // Rollback from the history: its reason names the record as users know it (#N), not by id.
      const rolled = await rollbackTo(t.ctx, deploymentId);
      expect(rolled.status).toBe("applied");
      const { number } = await db().deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { number: true } });
      expect(await db().deployment.findUniqueOrThrow({ where: { id: rolled.deploymentId! }, select: { reason: true, replayOfId: true } })).toEqual({ reason: `rollback to #${number}`, replayOfId: deploymentId });

      // A viewer may read but not sync (refused and audited by authorize).
      const viewer = await addMember(t.teamId, "viewer");
      await expect(syncApplication(viewer.ctx, key)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "forbidden");
      // The viewer has no credential: records render, live state says how to get it.
      const none = await liveForCluster(viewer.ctx, prod, (await listApplications(viewer.ctx, { namespace: ns })).items);
      expect(none).toMatchObject({ state: "no_credential", message: NO_CREDENTIAL, calls: 0 });

      // Undeployed apps leave the list.
      await undeploy(t.ctx, { deploymentId: synced.deploymentId!, reason: "" });
      expect((await listApplications(t.ctx, { namespace: ns })).items).toEqual([]);
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });

  it("an autoscaler's scale (its own field manager) is not drift", async () => {
    const t = await newTeam("apps-hpa");
    const ns = await cluster.createTestNamespace("apps-hpa");
    try {
      const prod = await attachCluster(t.ctx, "prod", cluster.adminKubeconfig);
      await deployNginx(t.ctx, prod, ns, { autoscaling: true });
      const key = { clusterId: prod, namespace: ns, appName: "nginx" };
      await healthy(t.ctx, key);
      await cluster.admin().makeApiClient(AppsV1Api).patchNamespacedStatefulSetScale({
        name: "nginx",
        namespace: ns,
        body: [{ op: "replace", path: "/spec/replicas", value: 4 }],
        fieldManager: "kube-controller-manager",
      });
      const v = await eventually("4 ready", async () => {
        const x = await liveOf(t.ctx, key);
        return x.health.ready === 4 ? x : undefined;
      });
      expect(v.health).toMatchObject({ state: "Healthy", desired: 4 });
      expect(v.sync.state).toBe("In sync");
      const dry = await applicationDrift(t.ctx, key);
      expect(dry.objects.map((o) => `${o.kind}:${o.state}`)).toContain("StatefulSet:in_sync");
      expect(dry.objects.every((o) => o.state === "in_sync")).toBe(true);
      const detail = await getApplicationDetail(t.ctx, key);
      expect(detail.live.autoscaled).toBe(true);
      expect(detail.live.autoscalers[0]).toMatchObject({ name: "nginx", min: 2, max: 5 });
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });

  it("a credential that cannot read events says 'not allowed' in that panel only; a dead cluster is Unknown while others render", async () => {
    const t = await newTeam("apps-rbac");
    const ns = await cluster.createTestNamespace("apps-rbac");
    try {
      const prod = await attachCluster(t.ctx, "prod", cluster.adminKubeconfig);
      await deployNginx(t.ctx, prod, ns);
      const key = { clusterId: prod, namespace: ns, appName: "nginx" };
      await healthy(t.ctx, key);

      // A member whose own credential (a service account) may read the app's objects but not events or logs.
      const member = await addMember(t.teamId, "member");
      await setCredential(member.ctx, { clusterId: prod, kubeconfig: await noEventsKubeconfig(ns), context: "", namespace: ns });
      const detail = await getApplicationDetail(member.ctx, key);
      expect(detail.live.state).toBe("ok");
      expect(detail.live.panels.events).toMatch(/^not allowed: your credential cannot list Event objects in namespace /);
      expect(formatMsg(strictTranslator("zh-CN"), detail.live.panelMsgs.events!)).toBe(`不允许：您的凭证不能列出命名空间 ${ns} 中的 Event 对象`);
      expect(detail.live.events).toEqual([]);
      expect(detail.live.panels.pods).toBe("");
      expect(detail.live.pods.map((p) => p.ready)).toEqual([true, true]);
      expect(detail.live.health).toMatchObject({ state: "Healthy", ready: 2 });

      // A dead cluster: registered, credential stored, its server is a closed port.
      const dead = await attachCluster(t.ctx, "dead", cluster.adminKubeconfig);
      await deployNginx(t.ctx, dead, ns, { app: "ghost" });
      await pointCredentialAt(dead, t.ctx.userId, `https://127.0.0.1:${await closedPort()}`);
      const rows = (await listApplications(t.ctx, {})).items;
      expect(rows.map((r) => r.clusterName).sort()).toEqual(["dead", "prod"]);
      const live = liveByCluster(t.ctx, rows, { timeoutMs: 3_000 });
      const [deadLive, prodLive] = await Promise.all([live.get(dead)!, live.get(prod)!]);
      expect(deadLive.state).toBe("unavailable");
      expect(deadLive.message).toMatch(/could not reach the API server|did not answer/);
      expect(prodLive.state).toBe("ok");
      expect(prodLive.apps.get(appKeyString(key))!.health.state).toBe("Healthy");
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });

  it("day-2: scale, rolling restart, delete a pod (recreated), refusals audited; leftover claims deleted one by one after typing the name", async () => {
    const t = await newTeam("apps-ops");
    const ns = await cluster.createTestNamespace("apps-ops");
    try {
      const prod = await attachCluster(t.ctx, "prod", cluster.adminKubeconfig);
      await deployNginx(t.ctx, prod, ns);
      const key = { clusterId: prod, namespace: ns, appName: "nginx" };
      await healthy(t.ctx, key);
      const core = cluster.admin().makeApiClient(CoreV1Api);

      await scaleApplication(t.ctx, key, 3);
      const scaled = await eventually("3/3", async () => {
        const v = await liveOf(t.ctx, key);
        return v.health.state === "Healthy" && v.health.ready === 3 ? v : undefined;
      });
      // The record still says 2: the scale is drift (by Berth's console), which a Sync would undo.
      expect(scaled.sync.drifted).toEqual([expect.objectContaining({ path: "spec.replicas", live: 3, applied: 2, manager: "berth-console" })]);
      await expect(scaleApplication(t.ctx, key, -1)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "invalid");

      const at = await restartApplication(t.ctx, key);
      const sts = await cluster.admin().makeApiClient(AppsV1Api).readNamespacedStatefulSet({ name: "nginx", namespace: ns });
      expect(sts.spec!.template.metadata!.annotations![RESTART_ANNOTATION]).toBe(at);
      // The restart replaces nginx-2, then nginx-1, then nginx-0: wait until it has, or the
      // controller may delete nginx-1 between our read and our delete (a race on a quiet machine).
      await eventually("restart rolled out", async () => {
        const s = (await cluster.admin().makeApiClient(AppsV1Api).readNamespacedStatefulSet({ name: "nginx", namespace: ns })).status;
        return s && s.updateRevision === s.currentRevision && s.updatedReplicas === 3 && s.readyReplicas === 3 ? true : undefined;
      });

      const before = await eventually("nginx-1 exists", () => core.readNamespacedPod({ name: "nginx-1", namespace: ns }));
      await deleteAppPod(t.ctx, key, "nginx-1");
      await eventually("nginx-1 recreated", async () => {
        const p = await core.readNamespacedPod({ name: "nginx-1", namespace: ns });
        return p.metadata!.uid !== before.metadata!.uid;
      });
      await expect(deleteAppPod(t.ctx, key, "other-0")).rejects.toSatisfy((e) => e instanceof AppError && e.code === "invalid");

      // A member whose own credential may not delete pods: refused by the cluster's answer, audited.
      const member = await addMember(t.teamId, "member");
      await setCredential(member.ctx, { clusterId: prod, kubeconfig: await noEventsKubeconfig(ns), context: "", namespace: ns });
      await expect(deleteAppPod(member.ctx, key, "nginx-0")).rejects.toSatisfy((e) => e instanceof AppError && /Not allowed: you cannot delete pods/.test(e.message));
      const events = await auditEventsFor(t.teamId, "app.pod_delete");
      expect(events.map((e) => [e.actorId, e.result])).toEqual([[t.owner.id, "success"], [member.user.id, "failure"]]);
      expect((await auditEventsFor(t.teamId, "app.scale")).map((e) => e.summary)).toEqual([{ replicas: 3 }]);
      expect(await auditEventsFor(t.teamId, "app.restart")).toHaveLength(1);

      // Leftover claims only after an undeploy; typed confirmation; one at a time.
      await expect(leftoverClaims(t.ctx, key)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "conflict");
      const record = await getApplication(t.ctx, key);
      await undeploy(t.ctx, { deploymentId: record.last.id, reason: "" });
      const left = await leftoverClaims(t.ctx, key);
      expect(left.claims.map((c) => c.name)).toEqual(["www-nginx-0", "www-nginx-1", "www-nginx-2"]);
      expect(left.claims[0]).toMatchObject({ capacity: "1Gi" });
      await expect(deleteLeftoverClaim(t.ctx, key, "www-nginx-0", "www-nginx-1")).rejects.toSatisfy((e) => e instanceof AppError && e.fieldErrors.confirmation !== undefined);
      await deleteLeftoverClaim(t.ctx, key, "www-nginx-0", "www-nginx-0");
      await eventually("www-nginx-0 deleted", async () => {
        try {
          return (await core.readNamespacedPersistentVolumeClaim({ name: "www-nginx-0", namespace: ns })).metadata?.deletionTimestamp ? true : undefined;
        } catch (e) {
          return (e as { code?: number }).code === 404 || undefined;
        }
      });
      expect((await core.readNamespacedPersistentVolumeClaim({ name: "www-nginx-1", namespace: ns })).metadata?.deletionTimestamp).toBeUndefined();
      expect((await auditEventsFor(t.teamId, "app.claim_delete")).map((e) => [e.summary, e.result])).toEqual([[{ claim: "www-nginx-0" }, "success"]]);
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });
});

/** A service-account kubeconfig allowed to read the app's objects in `ns`, but not events or pod logs. */
async function noEventsKubeconfig(ns: string): Promise<string> {
  const admin = cluster.admin();
  const read = ["get", "list", "watch"];
  await admin.makeApiClient(CoreV1Api).createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: "no-events" } } });
  await admin.makeApiClient(RbacAuthorizationV1Api).createNamespacedRole({
    namespace: ns,
    body: {
      metadata: { name: "no-events" },
      rules: [
        { apiGroups: [""], resources: ["pods", "persistentvolumeclaims", "services", "namespaces"], verbs: read },
        { apiGroups: ["apps"], resources: ["statefulsets"], verbs: read },
        { apiGroups: ["networking.k8s.io"], resources: ["ingresses"], verbs: read },
        { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: read },
        { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: read },
      ],
    },
  });
  await admin.makeApiClient(RbacAuthorizationV1Api).createNamespacedRoleBinding({
    namespace: ns,
    body: { metadata: { name: "no-events" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "no-events" }, subjects: [{ kind: "ServiceAccount", name: "no-events", namespace: ns }] },
  });
  const token = await admin.makeApiClient(CoreV1Api).createNamespacedServiceAccountToken({ name: "no-events", namespace: ns, body: { spec: { expirationSeconds: 3600 } } });
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.adminKubeconfig);
  const c = kc.getCurrentCluster()!;
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "test", cluster: { server: c.server, "certificate-authority-data": c.caData } }],
    users: [{ name: "no-events", user: { token: token.status!.token } }],
    contexts: [{ name: "test", context: { cluster: "test", user: "no-events", namespace: ns } }],
    "current-context": "test",
  });
}

/** Rewrites a stored credential to point at another server (as if the cluster's API server moved or died). */
async function pointCredentialAt(clusterId: string, userId: string, server: string): Promise<void> {
  const vetted = vetKubeconfig(text(cluster.adminKubeconfig).replace(/server: .*/, `server: ${server}`));
  if (!vetted.ok) throw new Error(JSON.stringify(vetted.refusals));
  const cipher = encryptSecret(vetted.value.normalized, credentialAad(clusterId, userId));
  await db().clusterCredential.update({ where: { clusterId_userId: { clusterId, userId } }, data: { kubeconfigCipher: new Uint8Array(cipher) } });
}
