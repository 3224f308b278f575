import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { setupTestCluster, type TestCluster } from "@/e2e/cluster/test-support";
import { parseEnv } from "@/lib/config/env-schema";

// deploy/ is what an operator applies: the API server must accept it as is (server-side dry run
// on the test control plane, in a fresh namespace), and it must wire up what Berth needs.
let cluster: TestCluster;
let ns: string;
beforeAll(async () => {
  cluster = await setupTestCluster();
  ns = await cluster.createTestNamespace("ops-deploy");
});
afterAll(async () => {
  await cluster?.deleteTestNamespace(ns);
  await cluster?.dispose();
});

type Obj = { kind: string; metadata: { name: string }; spec: Record<string, any> };
const dir = path.resolve(__dirname);

/** Settings Berth refuses to start without (from the configuration schema itself). */
function requiredSettings(): string[] {
  try {
    parseEnv({});
  } catch (e) {
    return [...(e as Error).message.matchAll(/^ {2}- (\w+): is not set/gm)].map((m) => m[1]);
  }
  throw new Error("an empty configuration was accepted");
}

describe("deploy/ manifests", () => {
  it("pass a server-side dry run and wire up probes, secrets, migrations and a non-root read-only container", async () => {
    const out = await cluster.kubectl("apply", "-k", dir, "-n", ns, "--dry-run=server", "-o", "json");
    const items: Obj[] = JSON.parse(out).items;
    expect(items.map((o) => o.kind).sort()).toEqual(["ConfigMap", "Deployment", "Ingress", "PodDisruptionBudget", "Service", "ServiceAccount"]);
    const deployment = items.find((o) => o.kind === "Deployment")!;
    expect(deployment.spec.replicas).toBe(2);
    const pod = deployment.spec.template.spec;
    const [app] = pod.containers;
    expect(app.readinessProbe.httpGet.path).toBe("/api/health/ready");
    expect(app.livenessProbe.httpGet.path).toBe("/api/health/live");
    expect(app.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532 });
    expect(pod.initContainers[0].args).toEqual(["prisma/migrate-deploy.cjs"]);

    // every setting Berth requires comes from the Secret (or the ConfigMap)
    const fromSecret = app.env.filter((e: any) => e.valueFrom?.secretKeyRef?.name === "berth-secrets").map((e: any) => e.name);
    const required = requiredSettings();
    expect(required).toContain("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY");
    for (const name of required) expect(fromSecret).toContain(name);
    const example = parse(readFileSync(path.join(dir, "secret.example.yaml"), "utf8"));
    expect(Object.keys(example.stringData).sort()).toEqual([...fromSecret].sort());

    // the grace periods fit inside each other: preStop pause + Berth's drain < the kill timeout
    const config = items.find((o) => o.kind === "ConfigMap") as unknown as { data: Record<string, string> };
    expect(5 + Number(config.data.BERTH_SHUTDOWN_GRACE_SECONDS)).toBeLessThan(pod.terminationGracePeriodSeconds);
    expect(app.lifecycle.preStop.sleep.seconds).toBe(5);

    // the budget and the Service select the Deployment's pods
    const labels = deployment.spec.template.metadata.labels;
    for (const kind of ["PodDisruptionBudget", "Service"]) {
      const selector = items.find((o) => o.kind === kind)!.spec.selector;
      expect(labels).toMatchObject(selector.matchLabels ?? selector);
    }
  });

  it("the example Secret is accepted too", async () => {
    const out = await cluster.kubectl("apply", "-f", path.join(dir, "secret.example.yaml"), "-n", ns, "--dry-run=server", "-o", "name");
    expect(out.trim()).toBe("secret/berth-secrets");
  });
});
