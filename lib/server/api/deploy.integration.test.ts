import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as auditList } from "@/app/api/v1/audit/route";
import { POST as redeployRoute } from "@/app/api/v1/deployments/[id]/redeploy/route";
import { GET as rolloutRoute } from "@/app/api/v1/deployments/[id]/rollout/route";
import { GET as deploymentGet } from "@/app/api/v1/deployments/[id]/route";
import { POST as undeployRoute } from "@/app/api/v1/deployments/[id]/undeploy/route";
import { POST as planRoute } from "@/app/api/v1/deployments/plan/route";
import { GET as historyRoute, POST as deployRoute } from "@/app/api/v1/deployments/route";
import { eventually, setupTestCluster, type TestCluster } from "@/e2e/cluster/test-support";
import { NGINX_IMAGE_1, NGINX_IMAGE_2 } from "@/e2e/support/deploy-fixtures";
import * as s from "@/lib/api/v1/schemas";
import { callApi, newToken } from "@/scripts/test-support/api-client";
import { addMember, auditEventsFor, teamReadyToDeploy } from "@/scripts/test-support/fixtures";
import { GET as requestRoute } from "@/app/api/v1/requests/[id]/route";
import { parseWindows } from "@/lib/approvals/freeze";
import { setCredential } from "../clusters-credentials";
import { db } from "../db";
import { approveDeployRequest } from "../deploy-requests";
import { getDeployRequest } from "../deploy-requests-query";
import { setProtection } from "../protection";

// Deploying through the REST API on the real control plane with a deploy token: plan, deploy with
// an Idempotency-Key (a retried CI step deploys once), wait for the rollout, history, redeploy an
// older record (rollback), undeploy; an RBAC-restricted kubeconfig is refused with the permission
// named; every audit event the token causes names it.
let cluster: TestCluster;
let t: Awaited<ReturnType<typeof teamReadyToDeploy>>;
let secret = "";
let tokenId = "";
let ns = "";

beforeAll(async () => {
  cluster = await setupTestCluster();
  t = await teamReadyToDeploy("api-deploy", cluster.adminKubeconfig);
  ({ secret, id: tokenId } = await newToken(t.ctx, "member", "ci web"));
  ns = await cluster.createTestNamespace("api-deploy");
});
afterAll(async () => {
  if (ns) await cluster.deleteTestNamespace(ns);
  await cluster?.dispose();
});

const body = (image: string) => ({ template: "nginx", version: "latest", values: { image }, clusters: ["prod"], namespace: ns });
const deployWithKey = (key: string, b: unknown) => callApi(deployRoute, { token: secret, body: b, headers: { "idempotency-key": key } });

async function waitReady(deploymentId: string) {
  return eventually("the rollout to be ready", async () => {
    const r = await callApi(rolloutRoute, { token: secret, params: { id: deploymentId } });
    expect(r.status).toBe(200);
    const rollout = s.rolloutResponse.parse(r.json);
    expect(rollout.state).not.toBe("stalled");
    return rollout.state === "ready" ? rollout : undefined;
  });
}

describe("deploying through the API", () => {
  let first = "";

  it("plans: per-object actions, nothing changed, the plan audited with the token", async () => {
    const r = await callApi(planRoute, { token: secret, body: body(NGINX_IMAGE_1) });
    expect(r.status).toBe(200);
    const plan = s.planResponse.parse(r.json);
    expect(plan.clusters).toHaveLength(1);
    expect(plan.clusters[0]).toMatchObject({ clusterName: "prod", ok: true, namespaceExists: true, blockers: [] });
    expect(plan.clusters[0].objects.find((o) => o.kind === "StatefulSet")).toMatchObject({ name: "nginx", action: "create" });
    expect(await db().deployment.count({ where: { teamId: t.teamId } })).toBe(0);
    const [planned] = await auditEventsFor(t.teamId, "deploy.plan");
    expect(planned.summary).toMatchObject({ via: { type: "api_token", id: tokenId, name: "ci web" } });
  });

  it("deploys once however often a step is retried with the same Idempotency-Key", async () => {
    const key = `pipeline-1-${ns}`;
    // two copies of the same request at once, then a late retry
    const [a, b] = await Promise.all([deployWithKey(key, body(NGINX_IMAGE_1)), deployWithKey(key, body(NGINX_IMAGE_1))]);
    const done = [a, b].find((r) => r.status === 201)!;
    const other = a === done ? b : a;
    expect(done).toBeDefined();
    expect([201, 409]).toContain(other.status);
    const result = s.deployResponse.parse(done.json);
    expect(result).toMatchObject({ status: "applied", appName: "nginx", template: { name: "nginx" }, version: 1 });
    // the English outcome only: the console's catalogue message (ClusterResult.msg) is not part of the API
    expect(done.json.results[0]).toMatchObject({ message: expect.stringMatching(/^Applied \d+ objects \(/) });
    expect(done.json.results[0]).not.toHaveProperty("msg");
    first = result.results[0].deploymentId!;
    const retry = await deployWithKey(key, body(NGINX_IMAGE_1));
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotency-replayed")).toBe("true");
    expect(retry.json).toEqual(done.json);
    expect(await db().deployment.count({ where: { teamId: t.teamId } })).toBe(1);
    expect((await auditEventsFor(t.teamId, "deploy.start")).length).toBe(1);
    // the same key with another body is refused, and deploys nothing
    const misuse = await deployWithKey(key, body(NGINX_IMAGE_2));
    expect(misuse.status).toBe(422);
    expect(s.problem.parse(misuse.json).code).toBe("idempotency_mismatch");
    expect(await db().deployment.count({ where: { teamId: t.teamId } })).toBe(1);
  });

  it("waits for the rollout per ordinal, and shows the record and the history", async () => {
    const rollout = await waitReady(first);
    expect(rollout.readyReplicas).toBe(2);
    expect(rollout.pods.map((p) => [p.ordinal, p.name, p.ready])).toEqual([[0, "nginx-0", true], [1, "nginx-1", true]]);
    const recordJson = (await callApi(deploymentGet, { token: secret, params: { id: first } })).json as Record<string, unknown>;
    // The console's catalogue messages stay out of the API (it speaks English, in `message`/`reason`).
    expect(recordJson).not.toHaveProperty("messageMsg");
    // A per-object line in Berth's words ("not applied: … failed first") keeps only its English here.
    const stored = await db().deployment.findUniqueOrThrow({ where: { id: first } });
    const lines = stored.results as object[];
    await db().deployment.update({ where: { id: first }, data: { results: [{ ...lines[0], message: "not applied: X/y failed first", msg: { key: "serverErrors.deployments.notAppliedAfter", values: { object: "X/y" } } }, ...lines.slice(1)] } });
    const lineJson = (await callApi(deploymentGet, { token: secret, params: { id: first } })).json as { results: Array<Record<string, unknown>> };
    expect(lineJson.results[0]).toMatchObject({ message: "not applied: X/y failed first" });
    expect(lineJson.results[0]).not.toHaveProperty("msg");
    await db().deployment.update({ where: { id: first }, data: { results: lines } });
    expect((await callApi(rolloutRoute, { token: secret, params: { id: first } })).json).not.toHaveProperty("reasonMsg");
    const record = s.deploymentDetail.parse(recordJson);
    expect(record).toMatchObject({ status: "applied", kind: "deploy", live: true, namespace: ns, cluster: { name: "prod" } });
    expect(record.results.length).toBeGreaterThan(0);
    expect(record.manifest).toContain(NGINX_IMAGE_1);
    const history = s.deploymentList.parse((await callApi(historyRoute, { token: secret, query: { namespace: ns, app: "nginx", cluster: "prod" } })).json);
    expect(history.items.map((d) => d.id)).toEqual([first]);
  });

  it("redeploys an older record: a rollback, applied once per key", async () => {
    const second = s.deployResponse.parse((await deployWithKey(`pipeline-2-${ns}`, body(NGINX_IMAGE_2))).json);
    expect(second.status).toBe("applied");
    await waitReady(second.results[0].deploymentId!);
    const key = `rollback-${ns}`;
    const r = await callApi(redeployRoute, { token: secret, params: { id: first }, body: { reason: "roll back" }, headers: { "idempotency-key": key } });
    expect(r.status).toBe(201);
    const rollback = s.deployResponse.parse(r.json);
    expect(rollback).toMatchObject({ status: "applied", appName: "nginx" });
    const again = await callApi(redeployRoute, { token: secret, params: { id: first }, body: { reason: "roll back" }, headers: { "idempotency-key": key } });
    expect(again.headers.get("idempotency-replayed")).toBe("true");
    const records = await db().deployment.findMany({ where: { teamId: t.teamId }, orderBy: { number: "asc" } });
    expect(records.map((d) => d.kind)).toEqual(["deploy", "deploy", "redeploy"]);
    expect(records[2].replayOfId).toBe(first);
    expect(records[2].manifest).toBe(records[0].manifest);
    const sts = await cluster.kubectl("-n", ns, "get", "statefulset", "nginx", "-o", "jsonpath={.spec.template.spec.containers[0].image}");
    expect(sts).toBe(NGINX_IMAGE_1);
    // a cursor walks the history one record at a time, newest first
    const page1 = s.deploymentList.parse((await callApi(historyRoute, { token: secret, query: { namespace: ns, limit: "2" } })).json);
    const page2 = s.deploymentList.parse((await callApi(historyRoute, { token: secret, query: { namespace: ns, limit: "2", cursor: page1.nextCursor! } })).json);
    expect([...page1.items, ...page2.items].map((d) => d.number)).toEqual(records.map((d) => d.number).reverse());
    expect(page2.nextCursor).toBeNull();
  });

  it("names the token in every audit event of its deploys, also through GET /audit", async () => {
    for (const action of ["deploy.start", "deploy.apply", "deploy.redeploy"]) {
      const events = await auditEventsFor(t.teamId, action);
      expect(events.length).toBeGreaterThan(0);
      for (const e of events) expect(e.summary).toMatchObject({ via: { type: "api_token", id: tokenId, name: "ci web" } });
    }
    const listed = s.auditList.parse((await callApi(auditList, { token: secret, query: { action: "deploy.apply" } })).json);
    expect(listed.scope).toBe("own");
    expect(listed.items.length).toBe(2);
  });

  it("undeploys, and the rollout then says the app is gone", async () => {
    const live = (await db().deployment.findFirstOrThrow({ where: { teamId: t.teamId, kind: "redeploy" } })).id;
    const r = await callApi(undeployRoute, { token: secret, params: { id: live }, headers: { "idempotency-key": `undeploy-${ns}` } });
    expect(r.status).toBe(201);
    const result = s.deployResponse.parse(r.json);
    expect(result.status).toBe("applied");
    await eventually("the StatefulSet to be gone", async () => !(await cluster.kubectl("-n", ns, "get", "statefulset", "-o", "name")).includes("nginx"));
  });
});

describe("a deploy the user's kubeconfig may not do", () => {
  it("is refused for that cluster with the missing permission named, and no record", async () => {
    const member = await addMember(t.teamId, "member", "restricted");
    await setCredential(member.ctx, { clusterId: t.clusterId, kubeconfig: fs.readFileSync(cluster.restrictedKubeconfig, "utf8"), context: "", namespace: "" });
    const token = await newToken(member.ctx, "member", "restricted ci");
    const plan = s.planResponse.parse((await callApi(planRoute, { token: token.secret, body: body(NGINX_IMAGE_1) })).json);
    expect(plan.clusters[0].ok).toBe(false);
    expect(plan.clusters[0].denials.join(" ")).toMatch(/statefulsets/);
    const before = await db().deployment.count({ where: { teamId: t.teamId } });
    const r = await callApi(deployRoute, { token: token.secret, body: body(NGINX_IMAGE_1) });
    expect(r.status).toBe(200);
    const result = s.deployResponse.parse(r.json);
    expect(result.status).toBe("refused");
    expect(result.results[0]).toMatchObject({ status: "refused", deploymentId: null });
    expect(result.results[0].message).toMatch(/statefulsets/);
    expect(await db().deployment.count({ where: { teamId: t.teamId } })).toBe(before);
  });
});

describe("a deploy to a protected target", () => {
  it("answers waiting_for_approval with the request to poll, and runs once approved", async () => {
    const protectedNs = await cluster.createTestNamespace("api-protected");
    try {
      await setProtection(t.ctx, { clusterId: t.clusterId, namespaces: [protectedNs], approvalsRequired: 1, approvers: "managers", approverIds: [], freezeWindows: parseWindows("").windows, expiryHours: 24 });
      const requester = await addMember(t.teamId, "member", "requester");
      await setCredential(requester.ctx, { clusterId: t.clusterId, kubeconfig: fs.readFileSync(cluster.adminKubeconfig, "utf8"), context: "", namespace: "" });
      const token = await newToken(requester.ctx, "member", "release pipeline");
      const send = () => callApi(deployRoute, { token: token.secret, body: { ...body(NGINX_IMAGE_1), namespace: protectedNs }, headers: { "idempotency-key": `protected-${protectedNs}` } });
      const r = await send();
      expect(r.status).toBe(201);
      const held = s.deployResponse.parse(r.json);
      expect(held.status).toBe("waiting_for_approval");
      const requestId = held.results[0].approvalRequestId!;
      expect(requestId).toBeTruthy();
      expect(held.results[0].deploymentId).toBeNull();
      // a retried step gets the same answer, not a second request
      expect((await send()).json).toEqual(r.json);
      expect(await db().deployRequest.count({ where: { teamId: t.teamId, namespace: protectedNs } })).toBe(1);

      const poll = async () => s.deployRequestView.parse((await callApi(requestRoute, { token: token.secret, params: { id: requestId } })).json);
      expect(await poll()).toMatchObject({ status: "pending", approvals: 0, required: 1, deploymentId: null, cluster: { name: "prod" } });
      const detail = await getDeployRequest(t.ctx, requestId);
      await approveDeployRequest(t.ctx, { requestId, comment: "ok", digest: "digest" in detail.live ? detail.live.digest : "" });
      const done = await poll();
      expect(done.status).toBe("applied");
      expect(done.deploymentId).toBeTruthy();
      const rollout = await eventually("the approved deploy to be ready", async () => {
        const view = s.rolloutResponse.parse((await callApi(rolloutRoute, { token: token.secret, params: { id: done.deploymentId! } })).json);
        return view.state === "ready" ? view : undefined;
      });
      expect(rollout.readyReplicas).toBe(2);
    } finally {
      await cluster.deleteTestNamespace(protectedNs);
    }
  });
});
