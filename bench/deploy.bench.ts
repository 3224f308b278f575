/**
 * Deploy benchmark: what the Deploy button does on the cluster — the plan (RBAC preflight, live
 * reads, server-side dry runs, capabilities) and then the server-side apply in dependency order,
 * with a client configuration opened per deploy as a request opens it (kept-alive pool per
 * credential) — against `kubectl apply --server-side` of the same objects, on the same API server
 * in one run. Each iteration changes the image so every apply writes.
 *   npx tsx bench/deploy.bench.ts            (BENCH_N iterations each, default 15)
 * Uses the control plane of BERTH_TEST_* when set, otherwise starts its own. Prints figures, the
 * ratio Berth / kubectl (median wall time per deploy), the API requests per plan and the TLS
 * connections per deploy (counted on undici's diagnostics channels, whatever code sends them);
 * asserts nothing. The records a deploy writes to the database are not part of it.
 */
import { execFileSync } from "node:child_process";
import diagnostics from "node:diagnostics_channel";
import fs from "node:fs";
import Module from "node:module";
import os from "node:os";
import path from "node:path";
import { emitYamlDocuments } from "../lib/manifests";
import { createTestNamespace, deleteTestNamespace, startControlPlane, type ControlPlane } from "../e2e/cluster/control-plane";
import { nginxObjects } from "../e2e/support/deploy-fixtures";

// The k8s modules start with `import "server-only"` (a guard for Next bundles): outside Next,
// resolve it to the empty stub the tests use, then load them.
const STUB = path.resolve(__dirname, "../scripts/test-support/server-only-stub.ts");
const resolving = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = resolving._resolveFilename;
resolving._resolveFilename = (request, ...rest) => (request === "server-only" ? STUB : resolveFilename(request, ...rest));
const { applyBundle } = require("../lib/server/k8s/apply") as typeof import("../lib/server/k8s/apply");
const { planBundle } = require("../lib/server/k8s/plan") as typeof import("../lib/server/k8s/plan");
const { kubeConfigFromText } = require("../lib/server/k8s/client") as typeof import("../lib/server/k8s/client");

const N = Number(process.env.BENCH_N ?? 15);
const WARMUP = 2;

// Every HTTP request and every new connection undici makes in this process (cluster traffic only here).
const traffic = { requests: 0, connections: 0 };
diagnostics.subscribe("undici:request:create", () => traffic.requests++);
diagnostics.subscribe("undici:client:connected", () => traffic.connections++);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const line = (label: string, xs: number[], unit = "ms") => `  ${label.padEnd(38)} median ${median(xs).toFixed(1)} ${unit}  (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;

async function main() {
  let cp: ControlPlane | undefined;
  let adminFile = process.env.BERTH_TEST_KUBECONFIG_ADMIN;
  let kubectl = process.env.BERTH_TEST_KUBECTL;
  if (!adminFile || !kubectl) {
    cp = await startControlPlane({ nodes: 1, log: () => {} });
    adminFile = cp.adminKubeconfig;
    kubectl = cp.kubectlPath;
  }
  const kubeconfig = fs.readFileSync(adminFile, "utf8");
  const nsBerth = await createTestNamespace("perf-bench-berth", adminFile);
  const nsKubectl = await createTestNamespace("perf-bench-kubectl", adminFile);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-"));
  const cacheDir = path.join(tmp, "kube-cache");
  // As openCredential opens a stored credential: one pool per (cluster, user, credential).
  const pool = `bench:${process.pid}`;
  try {
    const deploy: number[] = [];
    const plan: number[] = [];
    const apply: number[] = [];
    const planRequests: number[] = [];
    const deployRequests: number[] = [];
    const deployConnections: number[] = [];
    const kctl: number[] = [];
    const kctlStart: number[] = [];
    for (let i = 0; i < WARMUP + N; i++) {
      const objects = nginxObjects(`registry.example.com/library/nginx:1.${i}`);
      const file = path.join(tmp, `bundle-${i}.yaml`);
      fs.writeFileSync(file, emitYamlDocuments(objects));
      // Alternate which goes first so neither benefits from the other's warm server caches.
      const runs: Array<() => Promise<void>> = [
        async () => {
          const before = { ...traffic };
          const t = performance.now();
          const kc = kubeConfigFromText(kubeconfig, { pool } as Parameters<typeof kubeConfigFromText>[1]);
          const p = await planBundle(kc, nsBerth, objects, {});
          const tPlan = performance.now();
          const afterPlan = traffic.requests;
          if (!p.ok) throw new Error(`berth plan blocked: ${JSON.stringify(p.objects.map((o) => [o.denied, o.errors]))}`);
          const results = await applyBundle(kc, nsBerth, objects, { recreate: [], createNamespace: p.namespaceExists === false });
          const tEnd = performance.now();
          if (results.some((r) => r.status !== "applied")) throw new Error(`berth apply failed: ${JSON.stringify(results)}`);
          if (i < WARMUP) return;
          deploy.push(tEnd - t);
          plan.push(tPlan - t);
          apply.push(tEnd - tPlan);
          planRequests.push(afterPlan - before.requests);
          deployRequests.push(traffic.requests - before.requests);
          deployConnections.push(traffic.connections - before.connections);
        },
        async () => {
          const t = performance.now();
          execFileSync(kubectl!, ["--kubeconfig", adminFile!, "--cache-dir", cacheDir, "apply", "--server-side", "--field-manager", "kubectl-bench", "-n", nsKubectl, "-f", file], { stdio: "pipe" });
          if (i >= WARMUP) kctl.push(performance.now() - t);
          // kubectl's process start: a command that does no network work.
          const s = performance.now();
          execFileSync(kubectl!, ["version", "--client"], { stdio: "pipe" });
          if (i >= WARMUP) kctlStart.push(performance.now() - s);
        },
      ];
      for (const run of i % 2 ? runs.reverse() : runs) await run();
    }
    const objects = nginxObjects();
    const md = median(deploy);
    const mk = median(kctl);
    const ms = median(kctlStart);
    console.log(`deploy bench: ${objects.length} objects (${objects.map((o) => o.kind).join(", ")}) × ${N} deploys each (after ${WARMUP} warm-up), same API server`);
    console.log(line("berth deploy (plan + apply)", deploy));
    console.log(line("  of which plan", plan));
    console.log(line("  of which apply", apply));
    console.log(line("kubectl apply --server-side", kctl));
    console.log(line("kubectl process start (version --client)", kctlStart));
    console.log(`  ratio berth deploy / kubectl = ${(md / mk).toFixed(2)}× (aim ≤ 0.90×); with kubectl's process start subtracted ${(md / (mk - ms)).toFixed(2)}× (aim ≤ 1.00×)`);
    console.log(`  API requests per plan: median ${median(planRequests)} (${(median(planRequests) / objects.length).toFixed(1)} per object); per deploy ${median(deployRequests)}`);
    console.log(`  new TLS connections per deploy: median ${median(deployConnections)} (min ${Math.min(...deployConnections)}, max ${Math.max(...deployConnections)})`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    await deleteTestNamespace(nsBerth, adminFile);
    await deleteTestNamespace(nsKubectl, adminFile);
    await cp?.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
