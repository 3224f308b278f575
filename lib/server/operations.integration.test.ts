import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestCluster, type TestCluster } from "@/e2e/cluster/test-support";
import { GET as readyRoute } from "@/app/api/health/ready/route";
import { GET as metricsRoute } from "@/app/metrics/route";
import { auditEventsFor, nginxDeployInput, restoreSettings, teamReadyToDeploy, useSettings } from "@/scripts/test-support/fixtures";
import type { Ctx } from "./authz";
import { db } from "./db";
import { deployTemplate } from "./deployments";
import { drain, isDraining } from "./shutdown";
import { english } from "@/lib/i18n/english";
import { formatMsg, type Msg } from "@/lib/i18n/message";
import { strictTranslator } from "@/lib/i18n/strict-translator";

// Running Berth: readiness, the metrics endpoint and graceful shutdown, on real Postgres and the
// real control plane. The shutdown tests come last in the file: draining cannot be undone.
let cluster: TestCluster;
beforeAll(async () => {
  cluster = await setupTestCluster();
});
afterAll(async () => {
  restoreSettings();
  await cluster?.dispose();
});

const setup = (prefix: string) => teamReadyToDeploy(prefix, cluster.adminKubeconfig);
const input = nginxDeployInput;
const scrape = (authorization?: string) => metricsRoute(new Request("http://berth.test/metrics", { headers: authorization ? { authorization } : {} }));

describe("/metrics", () => {
  it("counts a deploy by result and duration, its API round trips, the audit events it wrote and the pool", async () => {
    const t = await setup("ops-metrics");
    const ns = await cluster.createTestNamespace("ops-metrics");
    useSettings({ BERTH_METRICS_TOKEN: "metrics-token-for-tests-0123" });
    try {
      const value = async (pattern: RegExp) => Number(pattern.exec(await (await scrape("Bearer metrics-token-for-tests-0123")).text())?.[1] ?? 0);
      const applied = /^berth_deploys_total\{kind="deploy",result="applied"\} (\d+)$/m;
      const patches = /^berth_kube_api_requests_total\{method="PATCH",status="2xx"\} (\d+)$/m;
      const applies = /^berth_kube_operation_round_trips_count\{operation="apply"\} (\d+)$/m;
      const starts = /^berth_audit_events_total\{action="deploy\.start",result="success"\} (\d+)$/m;
      const before = await Promise.all([applied, patches, applies, starts].map(value));
      const { results } = await deployTemplate(t.ctx as Ctx, input(t.templateId, t.clusterId, ns));
      expect(results[0].status).toBe("applied");
      const text = await (await scrape("Bearer metrics-token-for-tests-0123")).text();
      const after = await Promise.all([applied, patches, applies, starts].map(value));
      expect(after[0]).toBe(before[0] + 1);
      expect(after[1]).toBeGreaterThanOrEqual(before[1] + 3); // StatefulSet, Service, Ingress applied server-side
      expect(after[2]).toBe(before[2] + 1);
      expect(after[3]).toBe(before[3] + 1);
      expect(text).toMatch(/^berth_deploy_duration_seconds_count\{kind="deploy",result="applied"\} \d+$/m);
      expect(text).toMatch(/^berth_kube_operation_round_trips_sum\{operation="plan"\} [1-9]\d*$/m);
      expect(text).toMatch(/^berth_db_pool_connections\{state="total"\} [1-9]\d*$/m);
      expect(text).toMatch(/^berth_db_pool_max_connections \d+$/m);
      expect(text).toMatch(/^# TYPE berth_webhook_deliveries_total counter$/m);
    } finally {
      restoreSettings();
      await cluster.deleteTestNamespace(ns);
    }
  });
});

describe("graceful shutdown (last: draining is for good)", () => {
  /** Starts a deploy that stops before its first object until released. */
  async function heldDeploy(prefix: string) {
    const t = await setup(prefix);
    const ns = await cluster.createTestNamespace(prefix);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const atFirstObject = new Promise<void>((r) => (reached = r));
    const done = deployTemplate(t.ctx as Ctx, input(t.templateId, t.clusterId, ns), { beforeObject: async (i) => void (i === 0 && (reached(), await gate)) });
    await atFirstObject;
    return { t, ns, release, done };
  }

  it("lets deploys finish within the grace period, finishes the rest as interrupted (audited), then refuses new ones and is not ready", async () => {
    const quick = await heldDeploy("ops-drain-quick");
    const late = await heldDeploy("ops-drain-late");
    try {
      const drained = drain(3000);
      await new Promise((r) => setTimeout(r, 300));
      expect(isDraining()).toBe(true);
      quick.release(); // finishes inside the grace period
      const { results: quickResults } = await quick.done;
      expect(quickResults[0].status).toBe("applied");
      expect(await drained).toEqual({ finished: 1, interrupted: 1, jobsStopped: true });
      expect((await db().deployment.findUniqueOrThrow({ where: { id: quickResults[0].deploymentId! } })).status).toBe("applied");

      // the other one was still waiting when the grace period ended
      const record = await db().deployment.findFirstOrThrow({ where: { teamId: late.t.teamId } });
      expect(record).toMatchObject({ status: "failed", message: expect.stringMatching(/^Interrupted: the Berth instance running this deploy was stopped and its 3 s grace period ended/) });
      // … and as a message, so that the record page says it in the reader's language.
      expect(english(record.messageMsg as Msg)).toBe(record.message);
      expect(formatMsg(strictTranslator("zh-CN"), record.messageMsg as Msg)).toMatch(/^已中断：执行此部署的 Berth 实例被停止，其 3 秒的宽限期在集群应答前已结束。/);
      const [outcome] = await auditEventsFor(late.t.teamId, "deploy.apply");
      expect(outcome).toMatchObject({ targetId: record.id, result: "failure", reason: expect.stringMatching(/^Interrupted/) });
      // its request goes on (the process would exit now); a late result does not overwrite the record
      late.release();
      const { results } = await late.done;
      expect(results[0]).toMatchObject({ deploymentId: record.id, status: "failed", message: expect.stringMatching(/^Interrupted/), msg: record.messageMsg });
      expect((await db().deployment.findUniqueOrThrow({ where: { id: record.id } })).status).toBe("failed");
      expect(await auditEventsFor(late.t.teamId, "deploy.apply")).toHaveLength(1);

      const again = await deployTemplate(late.t.ctx as Ctx, input((await db().template.findFirstOrThrow({ where: { teamId: late.t.teamId } })).id, record.clusterId, late.ns));
      expect(again.results[0]).toMatchObject({ status: "refused", deploymentId: null, message: expect.stringMatching(/shutting down/) });
      expect(await db().deployment.count({ where: { teamId: late.t.teamId } })).toBe(1);

      const ready = await readyRoute();
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ checks: { database: "ok", migrations: "ok", shutdown: "draining" } });
    } finally {
      quick.release();
      late.release();
      await Promise.all([cluster.deleteTestNamespace(quick.ns), cluster.deleteTestNamespace(late.ns)]);
    }
  });
});
