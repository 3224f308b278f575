/**
 * Applications page benchmark: 300 applications across 3 registered clusters (BENCH_APPS, default
 * 300). Measures, through the real data layer (Postgres + the real API server):
 *   - records: listApplications (what the page renders before any cluster answers), page 1 of 50 and
 *     the whole set (500-row scan, what a live filter reads), server-side wall time p50/p95;
 *   - live: liveByCluster for a page of 50 and for all apps — time until every cluster's live columns
 *     are filled, and the API round trips per cluster (lists; the floor is namespaces × kinds).
 *   npx vitest run --config bench/vitest.bench.config.mts     (BERTH_TEST_PG_URL + BERTH_TEST_* set)
 * Uses BERTH_TEST_PG_URL and the BERTH_TEST_* control plane when set (otherwise starts a private
 * plane). The 3 "clusters" are three registrations of the same API server, each with its own
 * namespaces (one kube-apiserver on a shared 2-core VM), so per-cluster figures are conservative.
 * StatefulSets are applied with BENCH_REPLICAS pods each (default 0: no pods, to spare the VM).
 * Asserts nothing.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { emitYamlDocuments } from "../lib/manifests";
import { createTestNamespace, deleteTestNamespace, startControlPlane, type ControlPlane } from "../e2e/cluster/control-plane";
import { NGINX_IMAGE_1, nginxObjects, nginxTemplate } from "../e2e/support/deploy-fixtures";
import { useMigratedTestDatabase } from "../scripts/test-support/data-layer-database";
import { it } from "vitest";

const APPS = Number(process.env.BENCH_APPS ?? 300);
const CLUSTERS = 3;
const NAMESPACES_PER_CLUSTER = 2;
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 0);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function main() {
  if (!process.env.BERTH_TEST_PG_URL) throw new Error("BERTH_TEST_PG_URL is not set (source /work/dev.env or run a test Postgres)");
  const database = await useMigratedTestDatabase("berth_bench_apps");
  let cp: ControlPlane | undefined;
  let adminFile = process.env.BERTH_TEST_KUBECONFIG_ADMIN;
  if (!adminFile) {
    cp = await startControlPlane({ nodes: 1, log: () => {} });
    adminFile = cp.adminKubeconfig;
  }
  const namespaces: string[] = [];
  const { signUp } = await import("../lib/server/users");
  const { createTeam } = await import("../lib/server/teams");
  const { attachCluster } = await import("../scripts/test-support/fixtures");
  const { listApplications, LIVE_FILTER_SCAN } = await import("../lib/server/applications");
  const { liveByCluster } = await import("../lib/server/applications-live");
  const { applyBundle } = await import("../lib/server/k8s/apply");
  const { kubeConfigFromText } = await import("../lib/server/k8s/client");
  const { db } = await import("../lib/server/db");
  try {
    const kubeconfig = fs.readFileSync(adminFile, "utf8");
    const owner = await signUp({ name: "bench", email: `bench-${randomBytes(3).toString("hex")}@bench.test`, password: "bench-password-1" }, { ip: "", userAgent: "bench", requestId: "bench" });
    const teamId = await createTeam(owner, "bench");
    const ctx = { userId: owner.id, teamId };
    const clusterIds: string[] = [];
    for (let c = 0; c < CLUSTERS; c++) {
      clusterIds.push(await attachCluster(ctx, `cluster-${c}`, adminFile));
      for (let n = 0; n < NAMESPACES_PER_CLUSTER; n++) namespaces.push(await createTestNamespace(`bench-apps-${c}-${n}`, adminFile));
    }
    // Apply the apps' objects (StatefulSet + 2 Services + Ingress each) and write their records.
    const kc = kubeConfigFromText(kubeconfig);
    const container = nginxTemplate().spec.containers[0]; // no claims, no mounts: pods need no volumes
    const started = Date.now();
    const rows = [];
    for (let i = 0; i < APPS; i++) {
      const c = i % CLUSTERS;
      const ns = namespaces[c * NAMESPACES_PER_CLUSTER + (Math.floor(i / CLUSTERS) % NAMESPACES_PER_CLUSTER)];
      const app = `app-${String(i).padStart(4, "0")}`;
      const objects = nginxObjects(NGINX_IMAGE_1, app, { replicas: REPLICAS, volumeClaimTemplates: [], containers: [{ ...container, volumeMounts: [] }] });
      await applyBundle(kc, ns, objects);
      rows.push({ teamId, kind: "deploy" as const, status: "applied" as const, appName: app, namespace: ns, clusterId: clusterIds[c], actorId: owner.id, manifest: emitYamlDocuments(objects), finishedAt: new Date(), durationMs: 1 });
    }
    await db().deployment.createMany({ data: rows });
    console.log(`seeded ${APPS} apps (${CLUSTERS} clusters × ${NAMESPACES_PER_CLUSTER} namespaces, ${REPLICAS} pods each) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // Records: what the page renders at once.
    const page1: number[] = [];
    const scan: number[] = [];
    for (let r = 0; r < RUNS + 3; r++) {
      let t = performance.now();
      await listApplications(ctx, {});
      if (r >= 3) page1.push(performance.now() - t);
      t = performance.now();
      await listApplications(ctx, {}, { limit: LIVE_FILTER_SCAN });
      if (r >= 3) scan.push(performance.now() - t);
    }
    console.log(`\nrecords (data layer wall time, ${RUNS} runs; ms)      p50      p95`);
    console.log(`page 1 (50 apps)                                ${pct(page1, 50).toFixed(2).padStart(8)} ${pct(page1, 95).toFixed(2).padStart(8)}`);
    console.log(`all ${APPS} apps (live-filter scan)              ${pct(scan, 50).toFixed(2).padStart(8)} ${pct(scan, 95).toFixed(2).padStart(8)}`);

    // Live columns: time until every cluster's promise settles; round trips per cluster.
    for (const [label, limit] of [["page 1 (50 apps)", 50], [`all ${APPS} apps`, LIVE_FILTER_SCAN]] as const) {
      const records = (await listApplications(ctx, {}, { limit })).items;
      const times: number[] = [];
      let calls: number[] = [];
      let states = "";
      for (let r = 0; r < Math.max(3, Math.floor(RUNS / 3)); r++) {
        const t = performance.now();
        const live = await Promise.all([...liveByCluster(ctx, records).values()]);
        times.push(performance.now() - t);
        calls = live.map((l) => l.calls);
        states = [...new Set(live.flatMap((l) => [...l.apps.values()].map((a) => `${a.health.state}/${a.sync.state}`)))].join(", ");
      }
      console.log(`\nlive, ${label}: all columns filled p50 ${pct(times, 50).toFixed(0)} ms, p95 ${pct(times, 95).toFixed(0)} ms`);
      console.log(`  API list calls per cluster: ${calls.join(", ")} (namespaces × (kinds + events), independent of the number of apps); states: ${states}`);
    }
  } finally {
    for (const ns of namespaces) await deleteTestNamespace(ns, adminFile).catch(() => undefined);
    await db().$disconnect().catch(() => undefined);
    await database.drop();
    await cp?.stop();
  }
}

// Run through Vitest (it loads the data layer as the integration tests do); prints, asserts nothing.
it("applications page benchmark", main);
