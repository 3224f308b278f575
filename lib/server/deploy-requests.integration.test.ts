import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { AppsV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestCluster, statusOf, type TestCluster } from "@/e2e/cluster/test-support";
import { NGINX_IMAGE_1, NGINX_IMAGE_2 } from "@/e2e/support/deploy-fixtures";
import { parseWindows } from "@/lib/approvals/freeze";
import { english } from "@/lib/i18n/english";
import { formatMsg } from "@/lib/i18n/message";
import { strictTranslator } from "@/lib/i18n/strict-translator";
import { LABEL_APP } from "@/lib/manifests";
import { addMember, createNginxTemplate, newTeam } from "@/scripts/test-support/fixtures";
import type { Ctx } from "./authz";
import { registerCluster } from "./clusters";
import { removeCredential, setCredential } from "./clusters-credentials";
import { db } from "./db";
import { approveDeployRequest, expireDueRequests, rejectDeployRequest, withdrawDeployRequest } from "./deploy-requests";
import { countWaitingForMe, getDeployRequest, listDeployRequests } from "./deploy-requests-query";
import { deployTemplate, undeploy } from "./deployments";
import { AppError } from "./errors";
import { setProtection } from "./protection";

// Protected clusters on the real control plane, with three people and their own kubeconfigs: the
// requester (a member, restricted to one namespace by Kubernetes RBAC) and two approvers (the
// owner and an admin, cluster admins). Time is injected, never waited for.
let cluster: TestCluster;
let ns = "";
const people = {} as Record<"owner" | "admin" | "requester", Ctx & { email: string }>;
let teamId = "";
let clusterId = "";
let templateId = "";
const apps: string[] = [];

const rejects = (p: Promise<unknown>, code: AppError["code"], message?: RegExp) =>
  expect(p).rejects.toSatisfy((e) => e instanceof AppError && e.code === code && (!message || message.test(e.message)));

const FRIDAY_EVENING_SHANGHAI = new Date("2026-12-04T09:00:00Z"); // Fri 17:00 in Asia/Shanghai
const FRIDAY_AFTERNOON_SHANGHAI = new Date("2026-12-04T06:00:00Z"); // Fri 14:00
const MONDAY_MORNING_SHANGHAI = new Date("2026-12-07T01:00:00Z"); // Mon 09:00

async function protect(o: { approvalsRequired?: number; freeze?: string; expiryHours?: number } = {}) {
  await setProtection(people.owner, {
    clusterId, namespaces: [ns], approvalsRequired: o.approvalsRequired ?? 1, approvers: "managers", approverIds: [],
    freezeWindows: parseWindows(o.freeze ?? "").windows, expiryHours: o.expiryHours ?? 24,
  });
}

function newApp(): string {
  const app = `appr-${randomUUID().slice(0, 6)}`;
  apps.push(app);
  return app;
}

async function appTemplate(app: string) {
  return createNginxTemplate(people.owner, `${app} template`, { app, spec: { ingress: undefined, replicas: 1 } });
}

const input = (tpl: string, image = NGINX_IMAGE_1, extra: Record<string, unknown> = {}) => ({
  templateId: tpl, version: 1, values: { image }, clusterIds: [clusterId], namespace: ns, createNamespace: false, force: false, recreate: false, takeOver: false, ...extra,
});

async function request(ctx: Ctx, tpl: string, image = NGINX_IMAGE_1, now?: Date) {
  const { results } = await deployTemplate(ctx, input(tpl, image), now ? { now: () => now } : {});
  expect(results[0]).toMatchObject({ status: "waiting_for_approval", deploymentId: null });
  // The console says it in the reader's language; the English stays the API's.
  expect(english(results[0].msg!)).toBe(results[0].message);
  expect(formatMsg(strictTranslator("zh-CN"), results[0].msg!)).toMatch(new RegExp(`^\\S+ 受保护：未应用任何内容。请求 ${results[0].requestId} 正在等待其他人的 \\d 个批准。$`));
  return results[0].requestId!;
}

async function approve(ctx: Ctx, requestId: string, o: { now?: Date; comment?: string } = {}) {
  const { live } = await getDeployRequest(ctx, requestId, { now: o.now });
  if ("error" in live) throw new Error(live.error);
  return approveDeployRequest(ctx, { requestId, comment: o.comment ?? "looks good", digest: live.digest }, o.now ? { now: () => o.now! } : {});
}

const liveSts = (app: string) => cluster.admin().makeApiClient(AppsV1Api).readNamespacedStatefulSet({ name: app, namespace: ns });

async function teamEvents(from: bigint = 0n) {
  return db().auditEvent.findMany({ where: { chainKey: teamId, id: { gt: from }, action: { startsWith: "deploy" } }, orderBy: { id: "asc" } });
}
const lastEventId = async () => (await db().auditEvent.findFirst({ where: { chainKey: teamId }, orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0n;

beforeAll(async () => {
  cluster = await setupTestCluster();
  ns = cluster.restrictedNamespace;
  const t = await newTeam("approvals");
  teamId = t.teamId;
  people.owner = { ...t.ctx, email: t.owner.email };
  const admin = await addMember(teamId, "admin");
  people.admin = { ...admin.ctx, email: admin.user.email };
  const requester = await addMember(teamId, "member", "requester");
  people.requester = { ...requester.ctx, email: requester.user.email };
  clusterId = await registerCluster(people.owner, { name: "prod", description: "", profile: "generic" });
  const attach = (ctx: Ctx, file: string) => setCredential(ctx, { clusterId, kubeconfig: fs.readFileSync(file, "utf8"), context: "", namespace: "" });
  await attach(people.owner, cluster.adminKubeconfig);
  await attach(people.admin, cluster.adminKubeconfig);
  await attach(people.requester, cluster.restrictedKubeconfig);
});

afterAll(async () => {
  for (const app of apps) {
    await cluster?.kubectl("delete", "statefulset,service,pvc", "-n", ns, "-l", `${LABEL_APP}=${app}`, "--ignore-not-found", "--wait=false").catch(() => undefined);
  }
  await cluster?.dispose();
});

describe("deploy requests on a protected cluster", () => {
  it("applies only after another member approves, with the requester's credential; self-approval is refused; every step is audited in order", async () => {
    await protect();
    const app = newApp();
    const tpl = await appTemplate(app);
    const from = await lastEventId();
    const requestId = await request(people.requester, tpl);
    expect(await statusOf(liveSts(app))).toBe(404);
    expect(await db().deployment.count({ where: { teamId, appName: app } })).toBe(0);
    // The request holds what would be applied and the plan made with the requester's credential.
    const r = await getDeployRequest(people.owner, requestId);
    expect(r).toMatchObject({ status: "pending", requester: people.requester.email, required: 1, approvals: 0, waitingForMe: true, canDecide: true, canWithdraw: false });
    expect(r.atRequest.objects.map((o) => `${o.kind}/${o.name}:${o.action}`)).toEqual([`Service/${app}-headless:create`, `Service/${app}-svc:create`, `StatefulSet/${app}:create`]);
    expect(r.manifest).toContain(NGINX_IMAGE_1);
    expect(await countWaitingForMe(people.owner)).toBeGreaterThanOrEqual(1);
    expect((await listDeployRequests(people.requester, { scope: "waiting" })).map((x) => x.id)).not.toContain(requestId);
    // The badge's shortcut (nothing pending from someone else → 0 without reading the requests) agrees with the full list.
    for (const who of [people.owner, people.requester]) expect(await countWaitingForMe(who)).toBe((await listDeployRequests(who, { scope: "waiting" })).length);

    // The requester cannot approve their own request (refused and audited).
    await rejects(approve(people.requester, requestId), "forbidden", /your own request/);

    const done = await approve(people.owner, requestId, { comment: "ship it" });
    expect(done).toMatchObject({ status: "applied", approvals: 1, required: 1, approvedBy: [people.owner.email] });
    expect((await liveSts(app)).spec!.template.spec!.containers[0].image).toBe(NGINX_IMAGE_1);
    const record = await db().deployment.findUniqueOrThrow({ where: { id: done.deploymentId! } });
    // Applied with the requester's own credential: the record is theirs, and it names the request.
    expect(record).toMatchObject({ actorId: people.requester.userId, status: "applied", requestId, breakGlass: false });
    expect((await getDeployRequest(people.owner, requestId)).status).toBe("applied");

    const events = await teamEvents(from);
    expect(events.map((e) => `${e.action}:${e.result}:${e.actorEmail}`)).toEqual([
      `deploy_request.create:success:${people.requester.email}`,
      `deploy_request.approve:failure:${people.requester.email}`,
      `deploy_request.approve:success:${people.owner.email}`,
      `deploy.start:success:${people.requester.email}`,
      `deploy.apply:success:${people.requester.email}`,
    ]);
    expect(events[4].summary).toMatchObject({ requestId, approvedBy: [people.owner.email] });
  });

  it("two approvals required: one is not enough; a hand change to the live object makes earlier approvals stale", async () => {
    await protect({ approvalsRequired: 2 });
    const app = newApp();
    const tpl = await appTemplate(app);
    const first = await request(people.requester, tpl);
    expect(await approve(people.owner, first)).toMatchObject({ status: "pending", approvals: 1, required: 2 });
    expect(await statusOf(liveSts(app))).toBe(404);
    await rejects(approve(people.owner, first), "conflict", /approved this request already/);
    expect(await approve(people.admin, first)).toMatchObject({ status: "applied", approvals: 2 });

    // A second request (a new image); the owner approves the diff as it is now.
    const second = await request(people.requester, tpl, NGINX_IMAGE_2);
    const before = await getDeployRequest(people.admin, second);
    expect(await approve(people.owner, second)).toMatchObject({ status: "pending", approvals: 1 });
    // Someone deletes the Service by hand: the plan made again now differs from the approved one.
    await cluster.kubectl("delete", "service", `${app}-svc`, "-n", ns);
    const now = await getDeployRequest(people.admin, second);
    expect("digest" in now.live && now.live.changedSinceRequest).toBe(true);
    // Approving the diff seen before the change is refused: the approver must look again.
    await rejects(
      approveDeployRequest(people.admin, { requestId: second, comment: "", digest: "error" in before.live ? "" : before.live.digest }),
      "conflict",
      /live state changed since you opened/,
    );
    const afterChange = await approve(people.admin, second);
    expect(afterChange).toMatchObject({ status: "pending", approvals: 1, required: 2, staled: [people.owner.email] });
    expect((await liveSts(app)).spec!.template.spec!.containers[0].image).toBe(NGINX_IMAGE_1);
    const staleEvents = await db().auditEvent.findMany({ where: { chainKey: teamId, action: "deploy_request.stale", targetId: second } });
    expect(staleEvents).toHaveLength(1);
    expect((await getDeployRequest(people.admin, second)).approvalList.map((a) => `${a.approver}:${a.stale}`)).toEqual([`${people.owner.email}:true`, `${people.admin.email}:false`]);
    // The owner approves again, on the new diff: applied.
    expect(await approve(people.owner, second)).toMatchObject({ status: "applied", approvals: 2 });
    expect((await liveSts(app)).spec!.template.spec!.containers[0].image).toBe(NGINX_IMAGE_2);
  });

  it("a freeze window refuses deploys and approvals (time injected)", async () => {
    await protect({ freeze: "Fri 16:00 - Mon 08:00 Asia/Shanghai", expiryHours: 168 });
    const app = newApp();
    const tpl = await appTemplate(app);
    const { results } = await deployTemplate(people.requester, input(tpl), { now: () => FRIDAY_EVENING_SHANGHAI });
    expect(results[0]).toMatchObject({ status: "refused", deploymentId: null });
    expect(results[0].requestId).toBeUndefined();
    expect(results[0].message).toMatch(/frozen now \(Fri 16:00 – Mon 08:00 Asia\/Shanghai\)/);
    expect(formatMsg(strictTranslator("zh-CN"), results[0].msg!)).toMatch(/当前处于冻结期（Fri 16:00 – Mon 08:00 Asia\/Shanghai），暂停部署。未应用任何内容，也未提交请求。$/);
    expect(await db().deployRequest.count({ where: { teamId, appName: app } })).toBe(0);
    const [refusal] = await db().auditEvent.findMany({ where: { chainKey: teamId, action: "deploy.apply", targetId: app } });
    expect(refusal).toMatchObject({ result: "failure", actorId: people.requester.userId });
    expect(refusal.reason).toMatch(/frozen/);

    // Asked on Friday afternoon, approved only once the window is over (Monday 09:00 in Shanghai).
    const requestId = await request(people.requester, tpl, NGINX_IMAGE_1, FRIDAY_AFTERNOON_SHANGHAI);
    await rejects(approve(people.owner, requestId, { now: FRIDAY_EVENING_SHANGHAI }), "conflict", /frozen now/);
    expect(await statusOf(liveSts(app))).toBe(404);
    expect(await approve(people.owner, requestId, { now: MONDAY_MORNING_SHANGHAI })).toMatchObject({ status: "applied" });
  });

  it("break glass: only an owner, with a reason; applied through a freeze, flagged on the record and in the audit trail", async () => {
    await protect({ freeze: "Fri 16:00 - Mon 08:00 Asia/Shanghai" });
    const app = newApp();
    const tpl = await appTemplate(app);
    const glass = (ctx: Ctx, reason: string) => deployTemplate(ctx, input(tpl, NGINX_IMAGE_1, { breakGlass: true, breakGlassReason: reason }), { now: () => FRIDAY_EVENING_SHANGHAI });
    expect((await glass(people.admin, "the site is down, hotfix")).results[0]).toMatchObject({ status: "refused", message: "Only a team owner can break glass." });
    await rejects(glass(people.owner, "because"), "invalid", /at least 10 characters/);
    const { results } = await glass(people.owner, "the site is down, hotfix");
    expect(results[0]).toMatchObject({ status: "applied", breakGlass: true });
    expect(await statusOf(liveSts(app))).toBe(200);
    const record = await db().deployment.findUniqueOrThrow({ where: { id: results[0].deploymentId! } });
    expect(record).toMatchObject({ breakGlass: true, actorId: people.owner.userId });
    expect(record.reason).toMatch(/break glass: the site is down, hotfix/);
    const events = await db().auditEvent.findMany({ where: { chainKey: teamId, OR: [{ action: "deploy.break_glass" }, { targetId: record.id }] }, orderBy: { id: "asc" } });
    expect(events.map((e) => `${e.action}:${e.result}:${e.actorEmail}`)).toEqual([
      `deploy.break_glass:failure:${people.admin.email}`,
      `deploy.break_glass:success:${people.owner.email}`,
      `deploy.start:success:${people.owner.email}`,
      `deploy.apply:success:${people.owner.email}`,
    ]);
    expect(events[1].summary).toMatchObject({ reason: "the site is down, hotfix" });
    expect(events[3].summary).toMatchObject({ breakGlass: true });
  });

  it("a requester whose credential was removed: the approval fails clearly and nothing is applied", async () => {
    await protect();
    const app = newApp();
    const tpl = await appTemplate(app);
    const requestId = await request(people.requester, tpl);
    const { atRequest: _a, ...r } = await getDeployRequest(people.owner, requestId);
    expect("digest" in r.live).toBe(true);
    const digest = "digest" in r.live ? r.live.digest : "";
    await removeCredential(people.requester, clusterId);
    try {
      const view = await getDeployRequest(people.owner, requestId);
      expect("error" in view.live && view.live.error).toMatch(/credential for this cluster is gone/);
      await rejects(approveDeployRequest(people.owner, { requestId, comment: "", digest }), "invalid", new RegExp(`Nothing was applied: ${people.requester.email}'s credential for this cluster is gone`));
      expect(await statusOf(liveSts(app))).toBe(404);
      expect(await db().deployment.count({ where: { teamId, appName: app } })).toBe(0);
      expect((await getDeployRequest(people.owner, requestId, { replan: false })).status).toBe("pending");
      const [refused] = await db().auditEvent.findMany({ where: { chainKey: teamId, action: "deploy_request.approve", targetId: requestId } });
      expect(refused).toMatchObject({ result: "failure", actorId: people.owner.userId });
    } finally {
      await setCredential(people.requester, { clusterId, kubeconfig: fs.readFileSync(cluster.restrictedKubeconfig, "utf8"), context: "", namespace: "" });
    }
  });

  it("requests expire (time injected), can be withdrawn by the requester only, rejected by an approver; undeploys are requests too", async () => {
    await protect({ expiryHours: 2 });
    const app = newApp();
    const tpl = await appTemplate(app);
    const t0 = new Date();
    const expiring = await request(people.requester, tpl, NGINX_IMAGE_1, t0);
    const later = new Date(t0.getTime() + 3 * 3_600_000);
    await rejects(approveDeployRequest(people.owner, { requestId: expiring, comment: "", digest: "0".repeat(64) }, { now: () => later }), "conflict", /expired/);
    expect((await getDeployRequest(people.owner, expiring)).status).toBe("expired");
    expect(await db().auditEvent.count({ where: { chainKey: teamId, action: "deploy_request.expire", targetId: expiring } })).toBe(1);

    const swept = await request(people.requester, tpl, NGINX_IMAGE_1, t0);
    expect(await expireDueRequests(later)).toBeGreaterThanOrEqual(1);
    expect((await getDeployRequest(people.owner, swept, { replan: false })).status).toBe("expired");

    const withdrawn = await request(people.requester, tpl);
    await rejects(withdrawDeployRequest(people.owner, withdrawn), "forbidden");
    await withdrawDeployRequest(people.requester, withdrawn);
    expect((await getDeployRequest(people.requester, withdrawn)).status).toBe("withdrawn");

    const rejected = await request(people.requester, tpl);
    await rejects(rejectDeployRequest(people.requester, { requestId: rejected, comment: "" }), "forbidden");
    expect(await rejectDeployRequest(people.admin, { requestId: rejected, comment: "not on a Friday" })).toMatchObject({ status: "rejected" });
    await rejects(approveDeployRequest(people.owner, { requestId: rejected, comment: "", digest: "0".repeat(64) }), "conflict", /rejected already/);

    // An undeploy of an applied app is a request as well, whose plan lists what would be deleted.
    // (Asked by the owner, approved by the admin: the restricted user may not list every kind an
    // undeploy looks at — this cluster serves the CronHorizontalPodAutoscaler CRD.)
    const applied = await request(people.requester, tpl);
    const { deploymentId } = await approve(people.owner, applied);
    const u = await undeploy(people.owner, { deploymentId: deploymentId!, reason: "retire" });
    expect(u, u.message).toMatchObject({ status: "waiting_for_approval" });
    await rejects(approve(people.owner, u.requestId!), "forbidden", /your own request/);
    const ur = await getDeployRequest(people.admin, u.requestId!);
    expect(ur.atRequest.objects.map((o) => `${o.kind}/${o.name}:${o.action}`).sort()).toEqual([`Service/${app}-headless:delete`, `Service/${app}-svc:delete`, `StatefulSet/${app}:delete`]);
    expect(await approve(people.admin, u.requestId!)).toMatchObject({ status: "applied" });
    expect(await statusOf(liveSts(app))).toBe(404);
  });
});
