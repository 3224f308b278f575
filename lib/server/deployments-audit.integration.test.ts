import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestCluster, type TestCluster } from "@/e2e/cluster/test-support";
import { auditEventsFor, nginxDeployInput, restoreSettings, teamReadyToDeploy, useSettings } from "@/scripts/test-support/fixtures";
import type { Ctx } from "./authz";
import { db } from "./db";
import { metrics } from "./observability/metrics";
import { deployTemplate } from "./deployments";
import { sweepAbandonedDeployments } from "./deployments-record";
import { english } from "@/lib/i18n/english";
import { formatMsg, type Msg } from "@/lib/i18n/message";
import { strictTranslator } from "@/lib/i18n/strict-translator";

// A deploy leaves an audit event even if the server dies mid-way: "deploy started" is written in
// the same transaction as the pending record (before anything is applied), the outcome after; a
// record whose lease ran out (its instance stopped renewing it) is finished as failed with its
// own event, by the next deploy of the app or by the sweep any instance runs.
const LEASE_SECONDS = 3; // short, so that a renewed lease is seen outliving it
let cluster: TestCluster;
beforeAll(async () => {
  useSettings({ BERTH_DEPLOY_LEASE_SECONDS: String(LEASE_SECONDS) });
  cluster = await setupTestCluster();
});
afterAll(async () => {
  restoreSettings();
  await cluster?.dispose();
});
const expired = () => new Date(Date.now() - LEASE_SECONDS * 1000 - 60_000);

const setup = (prefix: string) => teamReadyToDeploy(prefix, cluster.adminKubeconfig);
const input = nginxDeployInput;

describe("deploy audit events", () => {
  it("'deploy started' is committed with the pending record, before the first object is applied", async () => {
    const t = await setup("deploy-start");
    const ns = await cluster.createTestNamespace("sec-data-start");
    try {
      let seenDuringApply: { status: string; startEvents: number } | null = null;
      const { results } = await deployTemplate(t.ctx as Ctx, input(t.templateId, t.clusterId, ns), {
        beforeObject: async (index) => {
          if (index !== 0) return;
          // another connection, as an auditor (or a restarted server) would see it right now
          const record = await db().deployment.findFirstOrThrow({ where: { teamId: t.teamId } });
          const startEvents = await db().auditEvent.count({ where: { chainKey: t.teamId, action: "deploy.start", targetId: record.id } });
          seenDuringApply = { status: record.status, startEvents };
        },
      });
      expect(results[0].status).toBe("applied");
      expect(seenDuringApply).toEqual({ status: "applying", startEvents: 1 });
      const [start] = await auditEventsFor(t.teamId, "deploy.start");
      expect(start).toMatchObject({ targetType: "deployment", targetId: results[0].deploymentId, clusterName: "prod", namespace: ns, result: "success", actorId: t.owner.id });
      const [outcome] = await auditEventsFor(t.teamId, "deploy.apply");
      expect(outcome).toMatchObject({ targetId: results[0].deploymentId, result: "success" });
      expect(outcome.id).toBeGreaterThan(start.id);
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });

  it("a record abandoned mid-way (stale) gets an audit event when it is marked failed", async () => {
    const t = await setup("deploy-stale");
    const ns = await cluster.createTestNamespace("sec-data-stale");
    try {
      // a record left `applying` by a server that stopped a minute ago (its lease ran out)
      const stale = await db().deployment.create({
        data: { teamId: t.teamId, clusterId: t.clusterId, actorId: t.owner.id, templateId: t.templateId, appName: "nginx", namespace: ns, status: "applying", manifest: "", startedAt: expired(), heartbeatAt: expired() },
      });
      // the next deploy of the same app takes over: the stale record is finished as failed, with its event
      const { results } = await deployTemplate(t.ctx as Ctx, input(t.templateId, t.clusterId, ns));
      expect(results[0].status).toBe("applied");
      expect((await db().deployment.findUniqueOrThrow({ where: { id: stale.id } })).status).toBe("failed");
      const abandoned = await auditEventsFor(t.teamId, "deploy.abandon");
      expect(abandoned).toHaveLength(1);
      expect(abandoned[0]).toMatchObject({ targetType: "deployment", targetId: stale.id, result: "failure", clusterName: "prod", namespace: ns, reason: expect.stringMatching(/Abandoned/) });
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });

  it("the sweep finishes records whose lease ran out (once, even when two instances sweep at once), never one whose lease is renewed", async () => {
    const t = await setup("deploy-sweep");
    const ns = await cluster.createTestNamespace("sec-data-sweep");
    try {
      const base = { teamId: t.teamId, clusterId: t.clusterId, actorId: t.owner.id, templateId: t.templateId, namespace: ns, manifest: "" };
      const dead = await db().deployment.create({ data: { ...base, appName: "dead", status: "pending", startedAt: expired(), heartbeatAt: expired() } });
      const abandonedCount = async () => (await metrics().deploys.get()).values.find((v) => v.labels.kind === "deploy" && v.labels.result === "abandoned")?.value ?? 0;
      const countedBefore = await abandonedCount();
      let freshId = "";
      // a deploy that runs longer than the lease: its instance renews it, so no sweep takes it
      let sweptDuringApply = -1;
      let sweptByBoth = 0;
      let liveId = "";
      const { results } = await deployTemplate(t.ctx as Ctx, input(t.templateId, t.clusterId, ns), {
        beforeObject: async (index) => {
          if (index !== 0) return;
          liveId = (await db().deployment.findFirstOrThrow({ where: { teamId: t.teamId, appName: "nginx" } })).id;
          await new Promise((r) => setTimeout(r, LEASE_SECONDS * 1000 + 1500));
          // another record in progress whose lease is fresh (its instance is alive)
          freshId = (await db().deployment.create({ data: { ...base, appName: "fresh", status: "applying" } })).id;
          const swept = await Promise.all([sweepAbandonedDeployments(), sweepAbandonedDeployments()]);
          sweptByBoth = swept[0] + swept[1];
          sweptDuringApply = (await db().deployment.findUniqueOrThrow({ where: { id: liveId } })).status === "failed" ? 1 : 0;
        },
      });
      expect(sweptDuringApply).toBe(0);
      expect(results[0]).toMatchObject({ status: "applied", deploymentId: liveId });

      const byId = async (id: string) => (await db().deployment.findUniqueOrThrow({ where: { id } })).status;
      expect(await byId(dead.id)).toBe("failed");
      // The record page words the outcome in the reader's language: it keeps it as a message too.
      const deadRecord = await db().deployment.findUniqueOrThrow({ where: { id: dead.id } });
      expect(deadRecord.message).toBe(`Abandoned: the server applying it stopped renewing it for ${LEASE_SECONDS} s (it stopped or lost the database mid-way). Check the live objects, then deploy again.`);
      expect(english(deadRecord.messageMsg as Msg)).toBe(deadRecord.message);
      expect(formatMsg(strictTranslator("zh-CN"), deadRecord.messageMsg as Msg)).toBe(`已放弃：执行此部署的服务器已有 ${LEASE_SECONDS} 秒未续租（它中途停止或与数据库断开了连接）。请先检查线上对象，再重新部署。`);
      expect(await byId(freshId)).toBe("applying");
      const abandoned = await auditEventsFor(t.teamId, "deploy.abandon");
      expect(abandoned).toHaveLength(1);
      expect(abandoned[0]).toMatchObject({ targetId: dead.id, actorId: null, result: "failure", clusterName: "prod", namespace: ns, requestId: "deployment-sweep", reason: expect.stringMatching(/^Abandoned: the server applying it stopped renewing it/) });
      expect(abandoned[0].summary).toMatchObject({ deployedBy: t.owner.email, was: "pending" });
      // The sweep covers the whole database, which other test files share: records they left in
      // progress are past this test's 3 s lease and are swept too. So /metrics must count exactly
      // what the sweeps finished (the dead record among them, once: one audit event above).
      expect(sweptByBoth).toBeGreaterThanOrEqual(1);
      expect((await abandonedCount()) - countedBefore).toBe(sweptByBoth);
      await db().deployment.update({ where: { id: freshId }, data: { status: "failed" } });
    } finally {
      await cluster.deleteTestNamespace(ns);
    }
  });
});
