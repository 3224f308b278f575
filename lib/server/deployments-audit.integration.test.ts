import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestCluster, type TestCluster } from "@/e2e/cluster/test-support";
import { auditEventsFor, nginxDeployInput, teamReadyToDeploy } from "@/scripts/test-support/fixtures";
import type { Ctx } from "./authz";
import { db } from "./db";
import { deployTemplate } from "./deployments";
import { STALE_AFTER_MS } from "./deployments-record";

// A deploy leaves an audit event even if the server dies mid-way: "deploy started" is written in
// the same transaction as the pending record (before anything is applied), the outcome after; a
// record found abandoned (stale) gets its own event when it is marked.
let cluster: TestCluster;
beforeAll(async () => {
  cluster = await setupTestCluster();
});
afterAll(async () => cluster?.dispose());

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
      // a record left `applying` by a server that stopped 11 minutes ago
      const stale = await db().deployment.create({
        data: { teamId: t.teamId, clusterId: t.clusterId, actorId: t.owner.id, templateId: t.templateId, appName: "nginx", namespace: ns, status: "applying", manifest: "", startedAt: new Date(Date.now() - STALE_AFTER_MS - 60_000) },
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
});
