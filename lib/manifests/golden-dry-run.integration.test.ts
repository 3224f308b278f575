import fs from "node:fs";
import path from "node:path";
import { PatchStrategy, type KubernetesObject } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { eventually, setupTestCluster, type TestCluster } from "@/e2e/cluster/test-support";
import { ObjectApi } from "@/lib/server/k8s/object-api";
import { planBundle } from "@/lib/server/k8s/plan";
import { importYaml } from "./import/import-yaml";
import { renderApp } from "./render/render-app";

// Every golden bundle passes a server-side dry-run apply on the real API server (the cron-HPA
// CRD installed first), through the same plan code a deploy uses.
const GOLDEN = path.join(__dirname, "testdata/golden");
const IMPORTS = path.join(__dirname, "testdata/import");
const CRD = path.join(__dirname, "testdata/crds/cronhpa.yaml");
const docs = (file: string) =>
  parseAllDocuments(fs.readFileSync(file, "utf8"))
    .map((d) => d.toJSON() as KubernetesObject | null)
    .filter((o): o is KubernetesObject => o !== null);

let cluster: TestCluster;
let namespace: string;
beforeAll(async () => {
  cluster = await setupTestCluster();
  const api = ObjectApi.for(cluster.admin());
  const [crd] = docs(CRD);
  await api.patch(crd, undefined, undefined, "berth-test", true, PatchStrategy.ServerSideApply);
  await eventually("cron-HPA CRD established", async () => {
    const live = (await api.read({ apiVersion: crd.apiVersion!, kind: crd.kind!, metadata: { name: crd.metadata!.name! } })) as { status?: { conditions?: Array<{ type: string; status: string }> } };
    return live.status?.conditions?.some((c) => c.type === "Established" && c.status === "True");
  });
  namespace = await cluster.createTestNamespace("golden-dry-run");
});
afterAll(async () => {
  if (namespace) await cluster.deleteTestNamespace(namespace);
  await cluster?.dispose();
});

async function expectDryRunPasses(objects: KubernetesObject[]) {
  const plan = await planBundle(cluster.admin(), namespace, objects);
  const problems = plan.objects.flatMap((o) => [...o.denied, ...o.errors.map((e) => `${o.kind}/${o.name}: ${e.field ?? ""} ${e.message}`)]);
  expect(problems).toEqual([]);
  expect(plan.objects.map((o) => o.action)).toEqual(objects.map(() => "create"));
}

describe("golden bundles on a real API server", () => {
  const files = fs.readdirSync(GOLDEN).filter((f) => f.endsWith(".yaml")).sort();
  it("has golden files", () => expect(files.length).toBeGreaterThan(10));
  it.each(files)("%s passes a server-side dry-run apply", async (file) => {
    await expectDryRunPasses(docs(path.join(GOLDEN, file)));
  });
});

// Imported real-world manifests render to bundles the API server accepts too (hostPort,
// appProtocol, mountPropagation, fileKeyRef, storageClassName "", Ingress resource backends …).
describe("imported real-world manifests on a real API server", () => {
  const files = fs.readdirSync(IMPORTS).filter((f) => f.endsWith(".yaml")).sort();
  it.each(files)("%s, imported and rendered, passes a server-side dry-run apply", async (file) => {
    const result = importYaml(fs.readFileSync(path.join(IMPORTS, file), "utf8"));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    await expectDryRunPasses(renderApp(result.spec));
  });
});
