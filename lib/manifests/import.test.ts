import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { KubernetesObject } from "@kubernetes/client-node";
import { describe, expect, test } from "vitest";
import { diffObjects } from "./diff/diff-bundles";
import { importYaml } from "./import/import-yaml";
import { managedReplicas } from "./model/scaling";
import { renderApp, renderYaml } from "./render/render-app";
import { parse } from "yaml";
import { inputObjects, userFields, type Obj } from "./testing/user-fields";

const read = (name: string) => readFileSync(join(__dirname, "testdata/import", name), "utf8");

function expectReproduced(fixture: string, expectedIgnored: string[]) {
  const text = read(fixture);
  const result = importYaml(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(result.ignored.map((i) => `${i.kind}/${i.name}`).sort()).toEqual(expectedIgnored.sort());
  const rendered = renderApp(result.spec);
  const ignored = new Set(expectedIgnored);
  for (const input of inputObjects(text)) {
    if (ignored.has(`${input.kind}/${input.metadata.name}`)) continue;
    const out = rendered.find((o) => o.kind === input.kind && o.metadata?.name === input.metadata.name);
    expect(out, `${input.kind}/${input.metadata.name} is rendered`).toBeDefined();
    // Every field the user wrote is present, with the same value, in the rendered object
    // (but spec.replicas, which an autoscaler manages: the render leaves it out).
    const wrote = userFields(input) as KubernetesObject & { spec?: { replicas?: number } };
    if (input.kind === "StatefulSet" && managedReplicas(result.spec) !== undefined) delete wrote.spec?.replicas;
    expect(diffObjects(wrote, out!)).toEqual([]);
  }
  // And the result is stable: importing the rendered YAML gives the same spec.
  const again = importYaml(renderYaml(result.spec));
  expect(again.ok && again.spec).toEqual(result.spec);
  return result;
}

describe("import real-world manifests", () => {
  test("the Kubernetes docs web StatefulSet keeps its headless Service name and selector", () => {
    const r = expectReproduced("k8s-docs-web.yaml", []);
    expect(r.spec.headlessServiceName).toBe("nginx");
    expect(r.spec.selector).toEqual({ app: "nginx" });
    expect(r.spec.statefulSetExtra).toEqual({ spec: { minReadySeconds: 10 } });
    expect(r.warnings).toEqual([]);
  });

  test("kubectl get -o yaml output: noise dropped, Secret and Pod reported", () => {
    const r = expectReproduced("kubectl-get-redis.yaml", ["Secret/redis-auth", "Pod/redis-0"]);
    const yaml = renderYaml(r.spec);
    for (const noise of ["managedFields", "resourceVersion", "uid:", "creationTimestamp", "last-applied", "10.96.140.12", "healthCheckNodePort", "status:", "namespace:"]) {
      expect(yaml).not.toContain(noise);
    }
    expect(r.spec.service?.type).toBe("LoadBalancer");
    expect(r.spec.service?.externalTrafficPolicy).toBe("Local");
    expect(r.spec.autoscaling).toEqual({ minReplicas: 3, maxReplicas: 6, cpuUtilization: 75 });
    expect(r.spec.replicas).toBe(3);
    expect(r.spec.extraObjects.map((o) => o.kind)).toEqual(["ConfigMap"]);
    expect(r.warnings.map((w) => w.message)).toEqual(["namespace cache was dropped: the deploy target chooses the namespace"]);
  });

  test("hand-kept ZooKeeper: affinity, grpc probe, sidecar, ephemeral volume pass through", () => {
    const r = expectReproduced("hand-kept-zookeeper.yaml", ["Deployment/zk-admin-ui"]);
    const zk = r.spec.containers[0];
    expect(zk.readinessProbe?.type).toBe("exec");
    expect(zk.extra?.livenessProbe).toEqual({ grpc: { port: 2181 }, initialDelaySeconds: 10, timeoutSeconds: 5 });
    expect(r.spec.initContainers[0].extra).toEqual({ restartPolicy: "Always" });
    expect(r.spec.volumes.find((v) => v.name === "scratch")?.type).toBe("other");
    expect(Object.keys(r.spec.podExtra ?? {}).sort()).toEqual(["affinity", "priorityClassName", "securityContext", "topologySpreadConstraints"]);
    expect(r.spec.service?.name).toBe("zk-cs");
  });
});

describe("import: bad input", () => {
  test("malformed YAML reports line and column", () => {
    const r = importYaml("apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: [web\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
  });

  test("duplicate keys are errors with a position", () => {
    const r = importYaml("kind: StatefulSet\nkind: Service\n");
    expect(!r.ok && r.errors[0].line).toBe(2);
  });

  test("more than 1 MiB is refused before parsing", () => {
    const r = importYaml("a: " + "x".repeat(1024 * 1024) + "\n");
    expect(r).toEqual({ ok: false, errors: [{ message: expect.stringContaining("1 MiB"), msg: expect.objectContaining({ key: "importYaml.documents.tooLarge" }) }] });
  });

  test("more than 100 documents are refused", () => {
    const r = importYaml(Array.from({ length: 150 }, (_, i) => `---\nkind: ConfigMap\nmetadata: {name: c${i}}`).join("\n"));
    expect(!r.ok && r.errors[0].message).toContain("100 documents");
  });

  test("a List of 150 items is refused too", () => {
    const items = Array.from({ length: 150 }, (_, i) => ({ kind: "ConfigMap", metadata: { name: `c${i}` } }));
    const r = importYaml(JSON.stringify({ kind: "List", items }));
    expect(!r.ok && r.errors[0].message).toContain("100 objects");
  });

  test("objects that are not part of an app are reported, not dropped silently", () => {
    const r = importYaml("kind: Pod\nmetadata: {name: lonely}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n");
    expect(r).toMatchObject({ ok: false, ignored: [{ kind: "Pod", name: "lonely" }, { kind: "Deployment", name: "d" }] });
  });

  test("wrong types point at the spec field", () => {
    const r = importYaml("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  replicas: three\n  template:\n    spec:\n      containers: [{name: web, image: nginx}]\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContainEqual({ path: "replicas", line: 5, column: 3, message: "must be a number", msg: expect.objectContaining({ key: "manifests.rules.mustBe.number" }) });
  });

  test("rule violations in an imported app become warnings with a path", () => {
    const r = importYaml("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: nginx, ports: [{containerPort: 99999}]}]\n");
    expect(r.ok && r.warnings).toContainEqual({ path: "containers.0.ports.0.containerPort", line: 7, column: 55, message: "Container port must be a port number between 1 and 65535", msg: expect.objectContaining({ key: "manifests.withField" }) });
  });

  test("YAML 1.1 scalars are read the way kubectl reads them", () => {
    const r = importYaml("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: nginx, args: [8080:80, '0644']}]\n      volumes: [{name: c, configMap: {name: c, defaultMode: 0600}}]\n");
    expect(r.ok && r.spec.containers[0].args).toEqual(["8080:80", "0644"]);
    expect(r.ok && r.spec.volumes[0]).toMatchObject({ defaultMode: 0o600 });
  });

  test("absurd nesting is an error, not a crash", () => {
    const r = importYaml("a: " + "[".repeat(50_000) + "]".repeat(50_000));
    expect(r.ok).toBe(false);
  });

  test("kubectl get -o json output imports through the JSON fast path", () => {
    const yamlResult = importYaml(read("kubectl-get-redis.yaml"));
    const asJson = JSON.stringify({ kind: "List", items: inputObjects(read("kubectl-get-redis.yaml")) });
    const jsonResult = importYaml(asJson);
    expect(jsonResult).toEqual(yamlResult);
  });

  test("an alias bomb is refused, not expanded", () => {
    const bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nkind: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n";
    expect(importYaml(bomb).ok).toBe(false);
  });

  test("fields the API server fills in are not kept as passthrough", () => {
    const r = importYaml(`apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  revisionHistoryLimit: 10
  template:
    spec:
      serviceAccount: web
      serviceAccountName: web
      dnsPolicy: ClusterFirst
      securityContext: {}
      containers:
      - name: web
        image: nginx
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
        env: [{name: EMPTY}]
`);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.spec.podExtra).toEqual({ serviceAccountName: "web" });
    expect(r.spec.statefulSetExtra).toBeUndefined();
    expect(r.spec.containers[0].extra).toBeUndefined();
    expect(r.spec.containers[0].env).toEqual([{ type: "value", name: "EMPTY", value: "" }]);
    expect(renderYaml(r.spec)).toContain("- name: EMPTY\n");
  });

  test("regenerated parts that differ from the input are reported", () => {
    const r = importYaml(`apiVersion: v1
kind: Service
metadata: {name: web-hs}
spec:
  clusterIP: None
  selector: {app: web}
  ports: [{port: 9999}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web-hs
  selector: {matchLabels: {app: web, tier: front}}
  template:
    metadata: {labels: {app: web, tier: front}}
    spec:
      containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 80}]}]
`);
    expect(r.ok && r.warnings.map((w) => w.message)).toEqual([
      "headless Service port 9999 is not a named container port; Berth derives the headless Service's ports from the containers",
      "the selector of Service web-hs is replaced by the StatefulSet's pod selector",
    ]);
  });

  test("parse(renderYaml) matches renderApp exactly", () => {
    const r = importYaml(read("hand-kept-zookeeper.yaml"));
    if (!r.ok) throw new Error("import failed");
    const docs = renderYaml(r.spec).split(/^---\n/m).map((d) => parse(d));
    expect(docs).toEqual(JSON.parse(JSON.stringify(renderApp(r.spec))));
  });
});
