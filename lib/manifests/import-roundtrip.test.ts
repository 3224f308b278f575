import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { importYaml } from "./import/import-yaml";
import { renderApp, renderYaml } from "./render/render-app";
import { inputObjects, userFields, type Obj } from "./testing/user-fields";

/**
 * Field-by-field round trips of real-world manifests (issue 12): import → render, then every
 * field of every imported input object is compared with the rendered object, both ways.
 *
 * Before comparing, `userFields` removes what kubectl adds and the API server's defaults
 * (status, managedFields, resourceVersion, uid, creationTimestamp, generation, selfLink,
 * namespace, the last-applied annotation, allocated cluster IPs and health-check ports, and the
 * values in SERVER_DEFAULTS). Every other difference must be one of:
 *  - KUBERNETES_DEFAULTS: a field Berth writes out that has the same value the API server would give it;
 *  - BERTH_LABELS: the labels Berth puts on everything it deploys;
 *  - the fixture's own `differences`, listed below with the reason for each.
 */

interface Difference {
  op: "added" | "removed" | "changed";
  path: string;
  before?: unknown;
  after?: unknown;
}

const show = (d: Difference) =>
  d.op === "changed" ? `changed ${d.path}: ${JSON.stringify(d.before)} → ${JSON.stringify(d.after)}` : `${d.op} ${d.path} = ${JSON.stringify(d.op === "added" ? d.after : d.before)}`;

const key = (k: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `.${k}` : `["${k}"]`);

const isMap = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const named = (list: unknown[]) => list.every((i) => isMap(i) && typeof i.name === "string");

/**
 * Every difference, path by path. Lists compare by position, except `ports` lists of named
 * ports, which compare by name (their order means nothing to Kubernetes). Labels added to an
 * object without labels are reported key by key, so Berth's labels are seen one by one.
 */
function differences(a: unknown, b: unknown, path = ""): Difference[] {
  if (path.endsWith(".ports") && Array.isArray(a) && Array.isArray(b) && named(a) && named(b)) {
    const byName = (list: Obj[]) => Object.fromEntries(list.map((p) => [p.name, p]));
    return differences(byName(a as Obj[]), byName(b as Obj[]), path);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: Difference[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length) out.push({ op: "added", path: `${path}[${i}]`, after: b[i] });
      else if (i >= b.length) out.push({ op: "removed", path: `${path}[${i}]`, before: a[i] });
      else out.push(...differences(a[i], b[i], `${path}[${i}]`));
    }
    return out;
  }
  if (isMap(a) && isMap(b)) {
    const out: Difference[] = [];
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const p = `${path}${key(k)}`;
      if (!(k in b)) out.push({ op: "removed", path: p, before: a[k] });
      else if (!(k in a)) {
        if (k === "labels" && isMap(b[k])) out.push(...differences({}, b[k], p));
        else out.push({ op: "added", path: p, after: b[k] });
      }
      else out.push(...differences(a[k], b[k], p));
    }
    return out;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ op: "changed", path, before: a, after: b }];
}

const ITEM = String.raw`(?:\[\d+\]|\.[A-Za-z_]\w*|\["[^"]+"\])`;
const CONTAINERS = String.raw`\.spec\.template\.spec\.(?:init)?[cC]ontainers\[\d+\]`;
const PROBE = String.raw`${CONTAINERS}\.(?:liveness|readiness|startup)Probe`;

/** Fields Berth writes out with the value the API server would default them to anyway. */
const KUBERNETES_DEFAULTS: { path: RegExp; value: unknown | ((d: Difference, rendered: Obj) => boolean); reason: string }[] = [
  { path: new RegExp(`^StatefulSet${CONTAINERS}\\.ports${ITEM}\\.protocol$`), value: "TCP", reason: "container port protocol defaults to TCP" },
  { path: new RegExp(`^Service\\.spec\\.ports${ITEM}\\.protocol$`), value: "TCP", reason: "Service port protocol defaults to TCP" },
  { path: /^Service\.spec\.type$/, value: "ClusterIP", reason: "Service type defaults to ClusterIP" },
  {
    path: new RegExp(`^Service\\.spec\\.ports${ITEM}\\.targetPort$`),
    value: (d: Difference, svc: Obj) => svc.spec.ports.some((p: Obj) => p.port === d.after && p.targetPort === d.after),
    reason: "a Service port's targetPort defaults to its port",
  },
  { path: new RegExp(`^StatefulSet${PROBE}\\.periodSeconds$`), value: 10, reason: "probe period defaults to 10 s" },
  { path: new RegExp(`^StatefulSet${PROBE}\\.timeoutSeconds$`), value: 1, reason: "probe timeout defaults to 1 s" },
  { path: new RegExp(`^StatefulSet${PROBE}\\.successThreshold$`), value: 1, reason: "probe success threshold defaults to 1" },
  { path: new RegExp(`^StatefulSet${PROBE}\\.failureThreshold$`), value: 3, reason: "probe failure threshold defaults to 3" },
  { path: new RegExp(`^StatefulSet${PROBE}\\.httpGet\\.scheme$`), value: "HTTP", reason: "httpGet scheme defaults to HTTP" },
  { path: /^StatefulSet\.spec\.podManagementPolicy$/, value: "OrderedReady", reason: "pod management defaults to OrderedReady" },
  { path: /^StatefulSet\.spec\.updateStrategy$/, value: { type: "RollingUpdate" }, reason: "update strategy defaults to RollingUpdate" },
  { path: /^StatefulSet\.spec\.updateStrategy\.type$/, value: "RollingUpdate", reason: "update strategy defaults to RollingUpdate" },
  { path: /^StatefulSet\.spec\.updateStrategy\.rollingUpdate$/, value: {}, reason: "an empty rollingUpdate is the same as none" },
];

/** Labels Berth puts on every object and pod it deploys (the import warns when it replaces one). */
function isBerthLabel(d: Difference, app: string): boolean {
  const m = /(?:^|\.)labels\["(app\.kubernetes\.io\/managed-by|berth\.dev\/app|app\.kubernetes\.io\/name|app\.kubernetes\.io\/instance)"\]$/.exec(d.path);
  if (!m || !/^[A-Za-z]+\.(metadata|spec\.template\.metadata)\.labels/.test(d.path)) return false;
  if (m[1] === "app.kubernetes.io/managed-by") return d.after === "berth";
  if (m[1] === "berth.dev/app") return d.op === "added" && d.after === app;
  return d.op === "added" && d.after === app; // name/instance are added only when the input had none
}

function isDefault(d: Difference, rendered: Obj): boolean {
  const value = d.op === "added" ? d.after : d.before;
  return d.op !== "changed" && KUBERNETES_DEFAULTS.some((r) => r.path.test(d.path) && (typeof r.value === "function" ? r.value(d, rendered) : JSON.stringify(r.value) === JSON.stringify(value)));
}

function unexplained(kind: string, input: Obj, rendered: Obj, app: string): string[] {
  return differences(userFields(input), rendered, kind)
    .filter((d) => !isDefault(d, rendered))
    .filter((d) => !isBerthLabel(d, app))
    .map((d) => `${input.kind}/${input.metadata.name}: ${show(d).replace(`${d.op} ${kind}`, d.op + " ").replace(`${d.op} .`, `${d.op} `).replace(`changed ${kind}.`, "changed ")}`);
}

interface Expectation {
  ignored: string[];
  /** What the import says it changed or dropped (nothing goes without a word). */
  warnings?: string[];
  /** Differences that are neither Kubernetes defaults nor Berth's labels, each with its reason. */
  differences: Record<string, string>;
}

const HEADLESS_PORTS = "Berth derives the headless Service's ports from the containers' named ports (targetPort = the number)";
const HELM_MANAGED_BY = "label app.kubernetes.io/managed-by=Helm is replaced by app.kubernetes.io/managed-by=berth";
const AUTOSCALED = "an autoscaler manages the replica count: spec.replicas is left out (the import warns)";

const EXPECTED: Record<string, Expectation> = {
  "k8s-docs-web.yaml": { ignored: [], differences: {} },
  "kubectl-get-redis.yaml": {
    ignored: ["Secret/redis-auth", "Pod/redis-0"],
    warnings: ["namespace cache was dropped: the deploy target chooses the namespace"],
    differences: { "StatefulSet/redis: removed spec.replicas = 3": AUTOSCALED },
  },
  "hand-kept-zookeeper.yaml": {
    ignored: ["Deployment/zk-admin-ui"],
    differences: { 'Service/zk-hs: added spec.ports.client = {"name":"client","port":2181,"targetPort":2181,"protocol":"TCP"}': HEADLESS_PORTS },
  },
  "helm-postgresql.yaml": {
    ignored: ["Secret/shop-postgresql", "NetworkPolicy/shop-postgresql"],
    warnings: [
      "namespace shop was dropped: the deploy target chooses the namespace",
      HELM_MANAGED_BY,
      "pod template metadata: field name cannot be kept and was dropped",
      HELM_MANAGED_BY,
      HELM_MANAGED_BY,
    ],
    differences: {
      'Service/shop-postgresql-hl: changed spec.ports["tcp-postgresql"].targetPort: "tcp-postgresql" → 5432': HEADLESS_PORTS,
      'StatefulSet/shop-postgresql: removed spec.template.metadata.name = "shop-postgresql"': "a pod template's name is not used by Kubernetes; dropped with a warning",
    },
  },
  "kubectl-get-mongodb.yaml": {
    ignored: [],
    warnings: ["namespace catalog was dropped: the deploy target chooses the namespace"],
    differences: { "StatefulSet/catalog-mongodb: removed spec.replicas = 3": AUTOSCALED },
  },
  "multi-statefulset-kafka.yaml": {
    ignored: ["StatefulSet/zk", "Service/zk-headless"],
    differences: { 'Service/kafka-headless: added spec.ports.metrics = {"name":"metrics","port":9308,"targetPort":9308,"protocol":"TCP"}': HEADLESS_PORTS },
  },
  "anchors-merge-keys.yaml": { ignored: [], differences: {} },
  "hand-kept-static-edge.yaml": {
    ignored: [],
    warnings: ["spec.replicas (2) was not kept: the autoscaler manages the replica count, so replicas = 1"],
    differences: { "StatefulSet/edge: removed spec.replicas = 2": AUTOSCALED },
  },
  "helm-rabbitmq.yaml": {
    ignored: ["ServiceAccount/queue-rabbitmq", "Role/queue-rabbitmq-endpoint-reader"],
    warnings: [HELM_MANAGED_BY, HELM_MANAGED_BY, HELM_MANAGED_BY, HELM_MANAGED_BY, "headless Service port 15672 is named stats (its container port's name), not http-stats"],
    differences: {
      'Service/queue-rabbitmq-headless: added spec.ports.stats = {"name":"stats","port":15672,"targetPort":15672,"protocol":"TCP"}': `${HEADLESS_PORTS}; the import warns that http-stats becomes stats`,
      'Service/queue-rabbitmq-headless: removed spec.ports["http-stats"] = {"name":"http-stats","port":15672,"targetPort":15672}': `${HEADLESS_PORTS}; the import warns that http-stats becomes stats`,
    },
  },
};

const DIR = join(__dirname, "testdata/import");

describe("real-world manifests round-trip field by field", () => {
  test("every fixture has an expectation, and there are at least 9", () => {
    expect(readdirSync(DIR).filter((f) => f.endsWith(".yaml")).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(Object.keys(EXPECTED).length).toBeGreaterThanOrEqual(9);
  });

  for (const [fixture, expected] of Object.entries(EXPECTED)) {
    test(fixture, () => {
      const text = readFileSync(join(DIR, fixture), "utf8");
      const result = importYaml(text);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      expect(result.ignored.map((i) => `${i.kind}/${i.name}`).sort()).toEqual([...expected.ignored].sort());
      expect(result.warnings.map((w) => w.message)).toEqual(expected.warnings ?? []);
      const rendered = renderApp(result.spec) as Obj[];
      const ignored = new Set(expected.ignored);
      const found: string[] = [];
      const matched = new Set<Obj>();
      for (const input of inputObjects(text)) {
        const id = `${input.kind}/${input.metadata.name}`;
        if (ignored.has(id)) continue;
        const out = rendered.find((o) => o.kind === input.kind && o.metadata?.name === input.metadata.name);
        if (!out) {
          found.push(`${id}: not rendered`);
          continue;
        }
        matched.add(out);
        found.push(...unexplained(input.kind, input, out, result.spec.name));
      }
      for (const o of rendered) if (!matched.has(o)) found.push(`${o.kind}/${o.metadata.name}: added by Berth`);
      expect(found.sort()).toEqual(Object.keys(expected.differences).sort());
      // Stable: importing the rendered YAML gives the same spec.
      const again = importYaml(renderYaml(result.spec));
      expect(again.ok && again.spec).toEqual(result.spec);
    });
  }
});

describe("what the real-world fixtures exercise", () => {
  const load = (fixture: string) => {
    const r = importYaml(readFileSync(join(DIR, fixture), "utf8"));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.spec;
  };

  test("Helm output: the headless Service keeps the chart's name/instance labels", () => {
    const headless = renderApp(load("helm-postgresql.yaml")).find((o) => o.metadata?.name === "shop-postgresql-hl");
    expect(headless?.metadata?.labels).toMatchObject({ "app.kubernetes.io/name": "postgresql", "app.kubernetes.io/instance": "shop", "app.kubernetes.io/component": "primary" });
  });

  test("kubectl get: the HPA keeps its name; the Service its appProtocol", () => {
    const spec = load("kubectl-get-mongodb.yaml");
    expect(spec.autoscaling).toMatchObject({ name: "catalog-mongodb-hpa", minReplicas: 3, maxReplicas: 5, cpuUtilization: 80 });
    expect(spec.service?.ports[0]).toMatchObject({ appProtocol: "mongodb", targetPort: "mongodb" });
  });

  test("anchors and merge keys are expanded as kubectl expands them", () => {
    const spec = load("anchors-merge-keys.yaml");
    expect(spec.podLabels).toEqual({ team: "discovery", role: "data" }); // app: search is the selector, rendered from it
    expect(spec.containers[0].resources.limits).toEqual({ cpu: "4", memory: "4Gi" });
    expect(spec.containers[0].startupProbe).toMatchObject({ successThreshold: 1, failureThreshold: 30, timeoutSeconds: 5 });
    expect(spec.containers[1].env).toEqual([{ type: "value", name: "cluster.name", value: "products" }]);
  });

  test("node-pinned edge cache: hostPort, fileKeyRef, mountPropagation, no storage class, resource backend, named cron-HPA", () => {
    const spec = load("hand-kept-static-edge.yaml");
    const cache = spec.containers[0];
    expect(cache.ports[0].hostPort).toBe(80);
    expect(cache.env.map((e) => e.type)).toEqual(["fileKey", "fileKey"]);
    expect(cache.volumeMounts[1].mountPropagation).toBe("HostToContainer");
    expect(spec.volumeClaimTemplates[0].storageClassName).toBe("");
    expect(spec.ingress?.rules[0].paths[0].resource).toEqual({ apiGroup: "storage.example.com", kind: "Bucket", name: "static-assets" });
    expect(spec.scheduledScaling?.name).toBe("edge-business-hours");
  });

  test("a file with two StatefulSets imports the first and names the second", () => {
    expect(load("multi-statefulset-kafka.yaml").name).toBe("kafka");
  });
});
