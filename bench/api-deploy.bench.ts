/**
 * API deploy benchmark (issue 15): one deploy of the same nginx objects (StatefulSet, Services,
 * Ingress; image changed every iteration so each apply writes) four ways, alternating, on the same
 * API server in one run:
 *   - kubectl:  `kubectl apply --server-side` of the rendered objects (the floor: no plan, no records);
 *   - UI path:  deployTemplate(ctx, input), what the deploy page's server action calls (render, RBAC
 *               preflight + dry-run plan, apply, record, audit);
 *   - API:      POST /api/v1/deployments through its route handler in this process (token check, rate
 *               limit, Idempotency-Key claim, zod, then the same deployTemplate);
 *   - CLI:      the `berth deploy` process over HTTP to a loopback server calling that route handler
 *               (+ `berth deploy --help`: the same process start and module loading, no request).
 * Prints medians and the ratios API/UI, API/kubectl, UI/kubectl, CLI/kubectl; asserts nothing.
 *   npx vitest run --config bench/vitest.bench.config.mts bench/api-deploy.bench.ts   (BENCH_N, default 12)
 * Uses BERTH_TEST_PG_URL and the BERTH_TEST_* control plane (source /work/svc/pg.env and k8s.env).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { it } from "vitest";
import { runCli } from "../cli/testing/run-cli";
import { emitYamlDocuments } from "../lib/manifests";
import { createTestNamespace, deleteTestNamespace } from "../e2e/cluster/control-plane";
import { nginxObjects, nginxTemplate } from "../e2e/support/deploy-fixtures";
import { useMigratedTestDatabase } from "../scripts/test-support/data-layer-database";

const N = Number(process.env.BENCH_N ?? 12);
// No claims and no mounts: pods need no volumes (as bench/applications.bench.ts).
const SPEC = { volumeClaimTemplates: [], containers: [{ ...nginxTemplate().spec.containers[0], volumeMounts: [] }] };
const WARMUP = 2;
const image = (i: number) => `registry.example.com/library/nginx:1.${i}`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const adminFile = process.env.BERTH_TEST_KUBECONFIG_ADMIN;
  const kubectl = process.env.BERTH_TEST_KUBECTL;
  if (!process.env.BERTH_TEST_PG_URL || !adminFile || !kubectl) throw new Error("source /work/svc/pg.env and /work/svc/k8s.env (BERTH_TEST_PG_URL, BERTH_TEST_KUBECONFIG_ADMIN, BERTH_TEST_KUBECTL)");
  const database = await useMigratedTestDatabase("berth_bench_api_deploy");
  const { signUp } = await import("../lib/server/users");
  const { createTeam } = await import("../lib/server/teams");
  const { attachCluster, createNginxTemplate } = await import("../scripts/test-support/fixtures");
  const { newToken } = await import("../scripts/test-support/api-client");
  const { deployTemplate } = await import("../lib/server/deployments");
  const { db } = await import("../lib/server/db");
  const route = await import("../app/api/v1/deployments/route");

  const namespaces: string[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-api-"));
  // A loopback HTTP server in front of the route handler, for the CLI process (no Next runtime: its
  // routing is not what is measured; the handler, the data layer and the HTTP hop are).
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
    const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    const response = req.method === "POST" && req.url === "/api/v1/deployments" ? await route.POST(request, { params: Promise.resolve({}) }) : new Response("{}", { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const owner = await signUp({ name: "bench", email: `bench-${randomBytes(3).toString("hex")}@bench.test`, password: "bench-password-1" }, { ip: "", userAgent: "bench", requestId: "bench" });
    const teamId = await createTeam(owner, "bench");
    const ctx = { userId: owner.id, teamId };
    const clusterId = await attachCluster(ctx, "bench", adminFile);
    const templateId = await createNginxTemplate(ctx, "bench nginx", { spec: SPEC });
    const token = (await newToken(ctx, "member", "bench")).secret;
    const ns = { kubectl: "", ui: "", api: "", cli: "" };
    for (const k of Object.keys(ns) as (keyof typeof ns)[]) namespaces.push((ns[k] = await createTestNamespace(`bench-${k}`, adminFile)));
    const input = (namespace: string, i: number) => ({ templateId, version: 1, values: { image: image(i) }, clusterIds: [clusterId], namespace, createNamespace: false, force: false, recreate: false, takeOver: false });
    const times = { kubectl: [] as number[], ui: [] as number[], api: [] as number[], cli: [] as number[], start: [] as number[] };

    for (let i = 0; i < WARMUP + N; i++) {
      const record = (k: keyof typeof times, ms: number) => i >= WARMUP && times[k].push(ms);
      const runs: Array<() => Promise<void>> = [
        async () => {
          const file = path.join(tmp, `bundle-${i}.yaml`);
          fs.writeFileSync(file, emitYamlDocuments(nginxObjects(image(i), "nginx", SPEC)));
          const t = performance.now();
          execFileSync(kubectl, ["--kubeconfig", adminFile, "--cache-dir", path.join(tmp, "kube-cache"), "apply", "--server-side", "--field-manager", "kubectl-bench", "-n", ns.kubectl, "-f", file], { stdio: "pipe" });
          record("kubectl", performance.now() - t);
        },
        async () => {
          const t = performance.now();
          const r = await deployTemplate(ctx, input(ns.ui, i));
          record("ui", performance.now() - t);
          if (r.results[0].status !== "applied") throw new Error(`UI path: ${r.results[0].message}`);
        },
        async () => {
          const body = { template: templateId, version: 1, values: { image: image(i) }, clusters: [clusterId], namespace: ns.api };
          const t = performance.now();
          const response = await route.POST(new Request("http://berth.test/api/v1/deployments", {
            method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": `bench-${i}-${randomBytes(4).toString("hex")}` }, body: JSON.stringify(body),
          }), { params: Promise.resolve({}) });
          const json = (await response.json()) as { status: string };
          record("api", performance.now() - t);
          if (json.status !== "applied") throw new Error(`API: ${JSON.stringify(json)}`);
        },
        async () => {
          const t = performance.now();
          const r = await runCli(["deploy", templateId, "--cluster", clusterId, "--namespace", ns.cli, "--set", `image=${image(i)}`], { env: { BERTH_URL: url, BERTH_TOKEN: token, XDG_CONFIG_HOME: tmp } });
          record("cli", performance.now() - t);
          if (r.code !== 0) throw new Error(`CLI: ${r.stderr}`);
          const s = performance.now();
          await runCli(["deploy", "--help"]);
          record("start", performance.now() - s);
        },
      ];
      // Rotate which goes first so none always meets a cold (or warm) server.
      for (let k = 0; k < runs.length; k++) await runs[(i + k) % runs.length]();
    }
    const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])) as Record<keyof typeof times, number>;
    const row = (label: string, k: keyof typeof times) => console.log(`  ${label.padEnd(46)} median ${m[k].toFixed(1).padStart(7)} ms  (min ${Math.min(...times[k]).toFixed(1)}, max ${Math.max(...times[k]).toFixed(1)})`);
    console.log(`\napi-deploy bench: nginx StatefulSet + 2 Services + Ingress, ${N} deploys each way (after ${WARMUP} warm-up), same API server`);
    row("kubectl apply --server-side", "kubectl");
    row("UI path: deployTemplate (the server action)", "ui");
    row("API: POST /api/v1/deployments (handler)", "api");
    row("CLI: berth deploy process over HTTP", "cli");
    row("  of which process start (berth deploy --help)", "start");
    // Paired per iteration (both ran within seconds of each other), so the machine's load cancels out more.
    const paired = median(times.api.map((a, j) => a - times.ui[j]));
    console.log(`  API overhead over the UI path, median of per-iteration differences: ${paired >= 0 ? "+" : ""}${paired.toFixed(1)} ms`);
    console.log(`  ratios: API/UI ${(m.api / m.ui).toFixed(2)}×   API/kubectl ${(m.api / m.kubectl).toFixed(2)}×   UI/kubectl ${(m.ui / m.kubectl).toFixed(2)}×   CLI/kubectl ${(m.cli / m.kubectl).toFixed(2)}×   (CLI − start)/kubectl ${((m.cli - m.start) / m.kubectl).toFixed(2)}×`);
  } finally {
    server.close();
    for (const n of namespaces) await deleteTestNamespace(n, adminFile).catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
    await db().$disconnect().catch(() => undefined);
    await database.drop();
  }
}

// Run through Vitest (it loads the data layer as the integration tests do); prints, asserts nothing.
it("API deploy benchmark", main);
