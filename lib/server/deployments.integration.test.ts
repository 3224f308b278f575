import { AppsV1Api, CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { english } from "@/lib/i18n/english";
import { formatMsg, type Msg } from "@/lib/i18n/message";
import { startControlPlane } from "@/e2e/cluster/control-plane";
import { eventually, setupTestCluster, type TestCluster } from "@/e2e/cluster/test-support";
import { NGINX_IMAGE_1, NGINX_IMAGE_2, nginxTemplate } from "@/e2e/support/deploy-fixtures";
import { addMember, attachCluster, auditEventsFor, createNginxTemplate, newTeam } from "@/scripts/test-support/fixtures";
import type { Ctx } from "./authz";
import { registerCluster } from "./clusters";
import { db } from "./db";
import { deployTemplate, planDeployment, planRedeploy, redeploy, undeploy } from "./deployments";
import { deploymentRollout, getDeployment, listDeployments } from "./deployments-query";
import { AppError } from "./errors";
import { createTemplate, setTemplateArchived } from "./templates";
import { strictTranslator } from "@/lib/i18n/strict-translator";

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await setupTestCluster();
});
afterAll(async () => cluster?.dispose());

const rejects = (p: Promise<unknown>, code: AppError["code"]) => expect(p).rejects.toSatisfy((e) => e instanceof AppError && e.code === code);

const nginxTemplateId = (ctx: Ctx, app = "nginx") => createNginxTemplate(ctx, `${app} template`, { app });

const deployInput = (templateId: string, clusterIds: string[], namespace: string, image = NGINX_IMAGE_1) => ({
  templateId,
  version: 1,
  values: { image },
  clusterIds,
  namespace,
  createNamespace: false,
  force: false,
  recreate: false,
  takeOver: false,
});

function liveImage(namespace: string, name = "nginx") {
  return cluster
    .admin()
    .makeApiClient(AppsV1Api)
    .readNamespacedStatefulSet({ name, namespace })
    .then((s) => s.spec!.template.spec!.containers[0].image);
}

describe("plan, deploy, rollout, redeploy, undeploy", () => {
  it("plans with a named RBAC denial for the restricted user outside its namespace", async () => {
    const t = await newTeam("rbac");
    const member = await addMember(t.teamId, "member");
    const lab = await attachCluster(member.ctx, "lab", cluster.restrictedKubeconfig);
    const templateId = await nginxTemplateId(t.ctx);
    const plan = await planDeployment(member.ctx, deployInput(templateId, [lab], "shop"));
    const objects = plan.clusters[0].plan!.objects;
    expect(plan.clusters[0].plan!.ok).toBe(false);
    expect(objects.find((o) => o.kind === "Ingress")!.denied).toContain("you cannot create ingresses in namespace shop");
    expect(objects.find((o) => o.kind === "StatefulSet")!.denied).toContain("you cannot create statefulsets in namespace shop");
    // Every denial is shown, grouped by namespace and verb (not one arbitrary denial of twelve).
    expect(plan.clusters[0].denials).toEqual([
      "in namespace shop you cannot create: ingresses, services, statefulsets",
      "in namespace shop you cannot get: ingresses, services, statefulsets",
    ]);
    expect(plan.clusters[0].fieldErrors.namespace).toEqual(plan.clusters[0].denials);
    expect(plan.clusters[0].blockers.length).toBeGreaterThan(0);
    // A blocked plan is audited as what it is, not as a success.
    const [event] = await auditEventsFor(t.teamId, "deploy.plan");
    expect(event).toMatchObject({ actorId: member.user.id, namespace: "shop", clusterName: "lab", result: "failure" });
    expect(event.reason).toMatch(/^plan blocked: lab: in namespace shop you cannot create: ingresses, services, statefulsets/);

    // Deploying anyway is refused before any record is written; the refusal is audited.
    const { results } = await deployTemplate(member.ctx, deployInput(templateId, [lab], "shop"));
    expect(results[0]).toMatchObject({ status: "refused", deploymentId: null });
    expect(results[0].message).toMatch(/Nothing was applied: the plan is blocked: .*you cannot create statefulsets in namespace shop/);
    expect((await listDeployments(member.ctx, { page: 1 })).total).toBe(0);
    const [refusal] = await auditEventsFor(t.teamId, "deploy.apply");
    expect(refusal).toMatchObject({ result: "failure", actorId: member.user.id, clusterName: "lab" });
  });

  it("a plan that can go ahead is audited as a success", async () => {
    const t = await newTeam("plan-ok");
    const ns = await cluster.createTestNamespace("plan-ok");
    try {
      const prod = await attachCluster(t.ctx, "prod", cluster.adminKubeconfig);
      const plan = await planDeployment(t.ctx, deployInput(await nginxTemplateId(t.ctx), [prod], ns));
      expect(plan.clusters[0]).toMatchObject({ denials: [], blockers: [] });
      const [event] = await auditEventsFor(t.teamId, "deploy.plan");
      expect(event).toMatchObject({ result: "success" });
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });

  it("deploys nginx (pods ready in order), diffs and deploys an image change, redeploys the first record, undeploys keeping PVCs", async () => {
    const t = await newTeam("flow");
    const ns = await cluster.createTestNamespace("deploy-flow");
    try {
      const prod = await attachCluster(t.ctx, "prod", cluster.adminKubeconfig);
      const templateId = await nginxTemplateId(t.ctx);

      const plan1 = await planDeployment(t.ctx, deployInput(templateId, [prod], ns));
      expect(plan1.clusters[0].plan!.objects.map((o) => `${o.kind}/${o.name}:${o.action}`)).toEqual([
        "Service/nginx-headless:create",
        "Service/nginx-svc:create",
        "StatefulSet/nginx:create",
        "Ingress/nginx-ingress:create",
      ]);
      const first = (await deployTemplate(t.ctx, deployInput(templateId, [prod], ns))).results[0];
      expect(first).toMatchObject({ status: "applied", clusterName: "prod" });
      const record = await getDeployment(t.ctx, first.deploymentId!);
      expect(record).toMatchObject({ status: "applied", kind: "deploy", appName: "nginx", namespace: ns, parameters: { image: NGINX_IMAGE_1 } });
      expect(record.manifest).toContain(`image: ${NGINX_IMAGE_1}`);
      expect(record.results.map((r) => [r.kind, r.status])).toEqual([["Service", "applied"], ["Service", "applied"], ["StatefulSet", "applied"], ["Ingress", "applied"]]);
      expect(record.durationMs).toBeGreaterThanOrEqual(0);
      // The record keeps its outcome as a message too, so its page words it in the reader's language.
      expect(english(record.messageMsg!)).toBe(record.message);
      const zhOutcome = strictTranslator("zh-CN");
      expect(formatMsg(zhOutcome, record.messageMsg!)).toMatch(/[\u4e00-\u9fff]/);

      const ready = await eventually("rollout ready", async () => {
        const r = await deploymentRollout(t.ctx, first.deploymentId!);
        return r.state === "ready" ? r : undefined;
      });
      expect(ready.pods.map((p) => [p.name, p.ready])).toEqual([["nginx-0", true], ["nginx-1", true]]);
      // OrderedReady: nginx-1 was created only after nginx-0 became Ready.
      const pods = await cluster.admin().makeApiClient(CoreV1Api).listNamespacedPod({ namespace: ns });
      const pod = (n: string) => pods.items.find((p) => p.metadata!.name === n)!;
      const readyAt = pod("nginx-0").status!.conditions!.find((c) => c.type === "Ready")!.lastTransitionTime!;
      expect(new Date(pod("nginx-1").metadata!.creationTimestamp!).getTime()).toBeGreaterThanOrEqual(new Date(readyAt).getTime());

      // Change the image parameter: the plan shows the field diff, then deploy.
      const plan2 = await planDeployment(t.ctx, deployInput(templateId, [prod], ns, NGINX_IMAGE_2));
      const sts = plan2.clusters[0].plan!.objects.find((o) => o.kind === "StatefulSet")!;
      expect(sts.action).toBe("update");
      expect(sts.changes).toContainEqual({ path: "spec.template.spec.containers[name=nginx].image", before: NGINX_IMAGE_1, after: NGINX_IMAGE_2 });
      expect(plan2.clusters[0].plan!.objects.filter((o) => o.kind === "Service").map((o) => o.action)).toEqual(["unchanged", "unchanged"]);
      const second = (await deployTemplate(t.ctx, deployInput(templateId, [prod], ns, NGINX_IMAGE_2))).results[0];
      expect(second.status).toBe("applied");
      expect(await liveImage(ns)).toBe(NGINX_IMAGE_2);

      // Redeploy the first record: same plan/diff preview, then its exact manifest is back.
      const preview = await planRedeploy(t.ctx, first.deploymentId!);
      expect(preview.plan!.objects.find((o) => o.kind === "StatefulSet")!.changes).toContainEqual(
        expect.objectContaining({ path: "spec.template.spec.containers[name=nginx].image", before: NGINX_IMAGE_2, after: NGINX_IMAGE_1 }),
      );
      const replay = await redeploy(t.ctx, { deploymentId: first.deploymentId!, reason: "roll back 1.28", force: false, recreate: false, takeOver: false });
      expect(replay.status).toBe("applied");
      expect(await liveImage(ns)).toBe(NGINX_IMAGE_1);
      const replayed = await getDeployment(t.ctx, replay.deploymentId!);
      expect(replayed).toMatchObject({ kind: "redeploy", replayOfId: first.deploymentId, reason: "roll back 1.28", manifest: record.manifest });

      // Undeploy: objects gone, PVCs listed and still present.
      const gone = await undeploy(t.ctx, { deploymentId: replay.deploymentId!, reason: "" });
      expect(gone.status).toBe("applied");
      expect(gone.keptClaims).toEqual(["www-nginx-0", "www-nginx-1"]);
      const claims = await cluster.admin().makeApiClient(CoreV1Api).listNamespacedPersistentVolumeClaim({ namespace: ns });
      expect(claims.items.map((c) => c.metadata!.name).sort()).toEqual(["www-nginx-0", "www-nginx-1"]);
      await expect(liveImage(ns)).rejects.toMatchObject({ code: 404 });

      // Exactly one audit event per mutation, linked to its record.
      const applies = await auditEventsFor(t.teamId, "deploy.apply");
      expect(applies.map((e) => e.targetId)).toEqual([first.deploymentId, second.deploymentId]);
      expect(applies[1].summary).toMatchObject({ deploymentId: second.deploymentId, diff: expect.stringMatching(/1 update/) });
      expect(applies.every((e) => e.result === "success" && e.clusterName === "prod" && e.namespace === ns)).toBe(true);
      const [re] = await auditEventsFor(t.teamId, "deploy.redeploy");
      expect(re).toMatchObject({ targetId: replay.deploymentId, summary: expect.objectContaining({ replayOf: first.deploymentId, reason: "roll back 1.28" }) });
      const undeploys = await auditEventsFor(t.teamId, "deploy.undeploy");
      expect(undeploys.length).toBe(1);
      expect(undeploys[0].summary).toMatchObject({ keptClaims: ["www-nginx-0", "www-nginx-1"] });

      const history = await listDeployments(t.ctx, { page: 1, app: "nginx" });
      expect(history.items.map((d) => d.kind)).toEqual(["undeploy", "redeploy", "deploy", "deploy"]);
      expect((await listDeployments(t.ctx, { page: 1, status: "failed" })).total).toBe(0);
      expect((await listDeployments(t.ctx, { page: 1, clusterId: prod, templateId, actorId: t.owner.id, namespace: ns })).total).toBe(4);
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });

  it("deploys one template version to several clusters at once, with a result per cluster", async () => {
    const t = await newTeam("multi");
    const prod = await attachCluster(t.ctx, "prod", cluster.adminKubeconfig);
    const lab = await attachCluster(t.ctx, "lab", cluster.restrictedKubeconfig);
    const nowhere = await registerCluster(t.ctx, { name: "no-credential", description: "", profile: "generic" });
    const app = `multi-${Date.now().toString(36)}`;
    const templateId = await nginxTemplateId(t.ctx, app);
    const ns = cluster.restrictedNamespace;
    const { results } = await deployTemplate(t.ctx, { ...deployInput(templateId, [prod, lab, nowhere], ns) });
    expect(results.map((r) => [r.clusterName || r.clusterId, r.status])).toEqual([["prod", "applied"], ["lab", "applied"], [nowhere, "refused"]]);
    expect(results[2].message).toMatch(/Attach your kubeconfig/);
    await undeploy(t.ctx, { deploymentId: results[1].deploymentId!, reason: "" });
  });
});

describe("two templates, one app name", () => {
  it("names the template whose objects are live, requires an audited take-over, lists what is left behind, advises recreate for claim templates", async () => {
    const t = await newTeam("takeover");
    const ns = await cluster.createTestNamespace("takeover");
    try {
      const prod = await attachCluster(t.ctx, "prod", cluster.adminKubeconfig);
      const first = await nginxTemplateId(t.ctx, "shared");
      const applied = (await deployTemplate(t.ctx, deployInput(first, [prod], ns))).results[0];
      expect(applied.status).toBe("applied");

      // Another template with the same app name: no Ingress, no claim templates.
      const base = nginxTemplate("shared");
      const { ingress: _i, volumeClaimTemplates: _v, ...spec } = base.spec;
      spec.containers = [{ ...spec.containers[0], volumeMounts: [] }];
      const second = (await createTemplate(t.ctx, { name: "other shared", visibility: "team", spec, parameters: base.parameters, message: "other" })).id;

      const plan = (await planDeployment(t.ctx, deployInput(second, [prod], ns))).clusters[0];
      // The record is named as users know it, "#N", never by its internal id.
      const { number } = await db().deployment.findUniqueOrThrow({ where: { id: applied.deploymentId! }, select: { number: true } });
      expect(plan.ownership?.otherTemplate).toMatchObject({ templateName: "shared template", version: 1, deploymentId: applied.deploymentId, number });
      expect(plan.blockers).toContain(`these objects were deployed by template shared template v1 (record #${number}): tick “take over” to replace them`);
      expect(JSON.stringify(plan.blockers)).not.toContain(applied.deploymentId);
      expect(plan.ownership?.leftBehind).toEqual(["Ingress/shared-ingress"]);
      const sts = plan.plan!.objects.find((o) => o.kind === "StatefulSet")!;
      expect(sts.action).toBe("recreate");
      expect(sts.immutable).toContain("spec.volumeClaimTemplates");
      expect(JSON.stringify(plan)).not.toMatch(/Forbidden/);
      // The console shows the same blockers in the reader's language (the API keeps the English above).
      const zhT = strictTranslator("zh-CN");
      const zhBlockers = plan.blockerMsgs.map((m) => formatMsg(zhT, m));
      expect(plan.blockerMsgs.map(english)).toEqual(plan.blockers);
      expect(zhBlockers).toContain(`这些对象由模板 shared template v1 部署（记录 #${number}）：勾选“接管”以替换它们`);
      expect(zhBlockers).toContain("StatefulSet/shared 必须重新创建（spec.volumeClaimTemplates 不能原地修改）：请勾选“重新创建，保留 Pod 的存储卷”");

      // Without the take-over the deploy is refused (no record); with it (and recreate) it applies, audited.
      const refused = (await deployTemplate(t.ctx, deployInput(second, [prod], ns))).results[0];
      expect(refused).toMatchObject({ status: "refused", deploymentId: null });
      expect(refused.message).toContain(`these objects were deployed by template shared template v1 (record #${number})`);
      const taken = (await deployTemplate(t.ctx, { ...deployInput(second, [prod], ns), takeOver: true, recreate: true })).results[0];
      expect(taken.status).toBe("applied");
      const events = await auditEventsFor(t.teamId, "deploy.apply");
      const event = events.find((e) => e.targetId === taken.deploymentId)!;
      expect(event.summary).toMatchObject({ takeOverFrom: { deploymentId: applied.deploymentId, template: "shared template" }, leftBehind: ["Ingress/shared-ingress"] });

      // Now the second template owns the app: its next plan needs no take-over.
      const again = (await planDeployment(t.ctx, deployInput(second, [prod], ns))).clusters[0];
      expect(again.ownership?.otherTemplate).toBeNull();
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });
});

describe("records under failure and concurrency", () => {
  it("a lost API server mid-deploy leaves a failed record that says what did and did not apply", async () => {
    const cp = await startControlPlane({ handleSignals: false, nodes: 1, log: () => {} });
    try {
      const t = await newTeam("lost");
      const id = await attachCluster(t.ctx, "doomed", cp.adminKubeconfig);
      const templateId = await nginxTemplateId(t.ctx);
      const { results } = await deployTemplate(t.ctx, deployInput(templateId, [id], "default"), {
        beforeObject: async (index) => {
          if (index === 2) await cp.stop();
        },
      });
      expect(results[0].status).toBe("failed");
      const record = await getDeployment(t.ctx, results[0].deploymentId!);
      expect(record.status).toBe("failed");
      expect(record.finishedAt).not.toBeNull();
      expect(record.results.map((r) => [r.kind, r.name, r.status])).toEqual([
        ["Service", "nginx-headless", "applied"],
        ["Service", "nginx-svc", "applied"],
        ["StatefulSet", "nginx", "failed"],
        ["Ingress", "nginx-ingress", "not_applied"],
      ]);
      expect(record.message).toMatch(/Failed at StatefulSet\/nginx: could not reach the API server.*Applied: Service\/nginx-headless, Service\/nginx-svc\. Not applied: Ingress\/nginx-ingress/);
      // The line of the object not attempted is Berth's: English for the API, a message for the record page.
      const notApplied = record.results[3] as { message: string; msg?: Msg };
      expect(notApplied.message).toBe("not applied: StatefulSet/nginx failed first");
      expect(formatMsg(strictTranslator("zh-CN"), notApplied.msg!)).toBe("未应用：StatefulSet/nginx 先失败了");
      const [event] = await auditEventsFor(t.teamId, "deploy.apply");
      expect(event).toMatchObject({ result: "failure", targetId: record.id });
    } finally {
      await cp.stop();
    }
  });

  it("concurrent deploys of one app to one cluster/namespace: one runs, the other is refused", async () => {
    const t = await newTeam("race");
    const ns = await cluster.createTestNamespace("deploy-race");
    try {
      const prod = await attachCluster(t.ctx, "prod", cluster.adminKubeconfig);
      const templateId = await nginxTemplateId(t.ctx);
      const [a, b] = await Promise.all([deployTemplate(t.ctx, deployInput(templateId, [prod], ns)), deployTemplate(t.ctx, deployInput(templateId, [prod], ns))]);
      const statuses = [a.results[0].status, b.results[0].status].sort();
      expect(statuses).toEqual(["applied", "refused"]);
      const refused = [a, b].find((r) => r.results[0].status === "refused")!.results[0];
      expect(refused.message).toMatch(/is already deploying nginx to prod\//);
      expect(refused.deploymentId).toBeNull();
      expect(await db().deployment.count({ where: { teamId: t.teamId } })).toBe(1);
      const events = await auditEventsFor(t.teamId, "deploy.apply");
      expect(events.map((e) => e.result).sort()).toEqual(["failure", "success"]);
      expect(events.find((e) => e.result === "failure")!.reason).toMatch(/is already deploying nginx/);
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });

  it("a user of another team cannot read, watch or redeploy a deployment by id; a viewer cannot redeploy", async () => {
    const t = await newTeam("owner");
    const other = await newTeam("intruder");
    const viewer = await addMember(t.teamId, "viewer");
    const prod = await attachCluster(t.ctx, "prod", cluster.adminKubeconfig);
    await attachCluster(other.ctx, "prod", cluster.adminKubeconfig);
    const templateId = await nginxTemplateId(t.ctx);
    // (A blocked deploy writes no record any more: deploy for real into a namespace of its own.)
    const ns = await cluster.createTestNamespace("by-id");
    const { results } = await deployTemplate(t.ctx, deployInput(templateId, [prod], ns));
    await cluster.deleteTestNamespace(ns);
    const id = results[0].deploymentId!;
    expect(id).toBeTruthy();
    await rejects(getDeployment(other.ctx, id), "not_found");
    await rejects(deploymentRollout(other.ctx, id), "not_found");
    await rejects(redeploy(other.ctx, { deploymentId: id, reason: "", force: false, recreate: false, takeOver: false }), "not_found");
    await rejects(planRedeploy(other.ctx, id), "not_found");
    await rejects(undeploy(other.ctx, { deploymentId: id, reason: "" }), "not_found");
    expect((await listDeployments(other.ctx, { page: 1 })).total).toBe(0);
    await rejects(redeploy(viewer.ctx, { deploymentId: id, reason: "", force: false, recreate: false, takeOver: false }), "forbidden");
    expect((await getDeployment(viewer.ctx, id)).id).toBe(id);
  });

  it("history paginates newest first and filters by status and app", async () => {
    const t = await newTeam("pages");
    const clusterId = await registerCluster(t.ctx, { name: "rows", description: "", profile: "generic" });
    // Rows as finished deploys leave them (reading needs no cluster).
    await db().deployment.createMany({
      data: Array.from({ length: 23 }, (_, i) => ({
        teamId: t.teamId,
        clusterId,
        actorId: t.owner.id,
        appName: i % 2 ? "odd" : "even",
        namespace: "ns",
        manifest: "",
        status: i === 5 ? ("failed" as const) : ("applied" as const),
        startedAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
      })),
    });
    const page1 = await listDeployments(t.ctx, { page: 1 });
    expect(page1).toMatchObject({ total: 23, page: 1, pages: 2 });
    expect(page1.items).toHaveLength(20);
    expect(page1.items[0].startedAt.getTime()).toBeGreaterThan(page1.items[19].startedAt.getTime());
    const page2 = await listDeployments(t.ctx, { page: 2 });
    expect(page2.items).toHaveLength(3);
    expect(new Set([...page1.items, ...page2.items].map((d) => d.id)).size).toBe(23);
    expect((await listDeployments(t.ctx, { page: 1, status: "failed" })).items.map((d) => d.startedAt.getUTCMinutes())).toEqual([5]);
    expect((await listDeployments(t.ctx, { page: 1, app: "odd" })).total).toBe(11);
  });

  it("an archived template cannot be planned or deployed until it is unarchived", async () => {
    const t = await newTeam("archived");
    const lab = await attachCluster(t.ctx, "lab", cluster.adminKubeconfig);
    const templateId = await nginxTemplateId(t.ctx);
    await setTemplateArchived(t.ctx, templateId, true);
    await rejects(planDeployment(t.ctx, deployInput(templateId, [lab], "default")), "invalid");
    await rejects(deployTemplate(t.ctx, deployInput(templateId, [lab], "default")), "invalid");
    expect(await db().deployment.count({ where: { teamId: t.teamId } })).toBe(0);
    await setTemplateArchived(t.ctx, templateId, false);
    const plan = await planDeployment(t.ctx, deployInput(templateId, [lab], "default"));
    expect(plan.clusters).toHaveLength(1);
  });
});
