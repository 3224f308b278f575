/**
 * Deploy benchmark: Berth's server-side apply of a bundle (kubeconfig → client → apply in
 * dependency order, as a deploy does) against `kubectl apply --server-side` of the same objects,
 * on the same API server in one run. Each iteration changes the image so every apply writes.
 *   npx tsx bench/deploy.bench.ts            (BENCH_N iterations each, default 15)
 * Uses the control plane of BERTH_TEST_* when set, otherwise starts its own. Prints figures and
 * the ratio Berth / kubectl (median wall time per apply); asserts nothing.
 */
import { execFileSync } from "node:child_process";
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
const { kubeConfigFromText } = require("../lib/server/k8s/client") as typeof import("../lib/server/k8s/client");

const N = Number(process.env.BENCH_N ?? 15);
const WARMUP = 2;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

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
  const nsBerth = await createTestNamespace("bench-berth", adminFile);
  const nsKubectl = await createTestNamespace("bench-kubectl", adminFile);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-"));
  const cacheDir = path.join(tmp, "kube-cache");
  try {
    const berth: number[] = [];
    const kctl: number[] = [];
    for (let i = 0; i < WARMUP + N; i++) {
      const objects = nginxObjects(`registry.example.com/library/nginx:1.${i}`);
      const file = path.join(tmp, `bundle-${i}.yaml`);
      fs.writeFileSync(file, emitYamlDocuments(objects));
      // Alternate which goes first so neither benefits from the other's warm server caches.
      const runs: Array<() => Promise<void>> = [
        async () => {
          const t = performance.now();
          const results = await applyBundle(kubeConfigFromText(kubeconfig), nsBerth, objects);
          const dt = performance.now() - t;
          if (results.some((r) => r.status !== "applied")) throw new Error(`berth apply failed: ${JSON.stringify(results)}`);
          if (i >= WARMUP) berth.push(dt);
        },
        async () => {
          const t = performance.now();
          execFileSync(kubectl!, ["--kubeconfig", adminFile!, "--cache-dir", cacheDir, "apply", "--server-side", "--field-manager", "kubectl-bench", "-n", nsKubectl, "-f", file], { stdio: "pipe" });
          if (i >= WARMUP) kctl.push(performance.now() - t);
        },
      ];
      for (const run of i % 2 ? runs.reverse() : runs) await run();
    }
    const mb = median(berth);
    const mk = median(kctl);
    console.log(`deploy bench: ${objectsLabel()} × ${N} applies each (after ${WARMUP} warm-up), same API server`);
    console.log(`  berth  applyBundle          median ${mb.toFixed(1)} ms  (min ${Math.min(...berth).toFixed(1)}, max ${Math.max(...berth).toFixed(1)})`);
    console.log(`  kubectl apply --server-side median ${mk.toFixed(1)} ms  (min ${Math.min(...kctl).toFixed(1)}, max ${Math.max(...kctl).toFixed(1)})`);
    console.log(`  ratio berth/kubectl = ${(mb / mk).toFixed(2)}× (aim ≤ 1.10×)`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    await deleteTestNamespace(nsBerth, adminFile);
    await deleteTestNamespace(nsKubectl, adminFile);
    await cp?.stop();
  }
}

function objectsLabel(): string {
  const objects = nginxObjects();
  return `${objects.length} objects (${objects.map((o) => o.kind).join(", ")})`;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
