import { describe, expect, test } from "vitest";
import { AppSpecSchema } from "../model/app-spec";
import { defaultAppSpec, defaultProbe } from "../model/defaults";
import { validateAppSpec } from "./validate-app-spec";

// The cases write deliberately invalid data, so the spec is untyped here.
type Spec = any;

/** A valid app with a little of everything the rules look at. */
function base(): Spec {
  const spec = defaultAppSpec("web") as Spec;
  spec.containers.push({ ...structuredClone(spec.containers[0]), name: "sidecar", ports: [{ name: "metrics", containerPort: 9090, protocol: "TCP" }], readinessProbe: undefined });
  spec.volumes = [{ type: "emptyDir", name: "cache" }];
  spec.volumeClaimTemplates = [{ name: "data", size: "1Gi", accessModes: ["ReadWriteOnce"] }];
  spec.containers[0].volumeMounts = [{ name: "cache", mountPath: "/cache" }, { name: "data", mountPath: "/data" }];
  spec.ingress = { name: "web", rules: [{ host: "foo.bar.com", paths: [{ path: "/", pathType: "Prefix", serviceName: "web-svc", servicePort: 80 }] }], tls: [], annotations: {}, labels: {} };
  return spec;
}

function issuesOf(spec: unknown) {
  const result = validateAppSpec(spec);
  return result.ok ? [] : result.issues;
}

interface RuleCase {
  rule: string;
  bad: (s: Spec) => void;
  good: (s: Spec) => void;
  path: string;
  message: string | RegExp;
}

const c0 = (s: Spec) => s.containers[0];

const CASES: RuleCase[] = [
  { rule: "app name is a DNS-1035 label", bad: (s) => (s.name = "Web_1"), good: (s) => (s.name = "web-1"), path: "name", message: /lowercase/ },
  { rule: "app name starts with a letter (it names the headless Service)", bad: (s) => (s.name = "1web"), good: (s) => (s.name = "w1"), path: "name", message: /start with a letter/ },
  { rule: "app name ≤ 52 (controller-revision-hash label)", bad: (s) => (s.name = "a".repeat(53)), good: (s) => (s.name = "a".repeat(52)), path: "name", message: /at most 52/ },
  { rule: "label key syntax", bad: (s) => (s.labels = { "-team": "x" }), good: (s) => (s.labels = { "example.com/team": "x" }), path: "labels.-team", message: /label key/ },
  { rule: "label key prefix is a DNS subdomain", bad: (s) => (s.labels = { "Example.com/team": "x" }), good: (s) => (s.labels = { "example.com/team": "x" }), path: "labels.Example.com/team", message: /prefix/ },
  { rule: "label value ≤ 63", bad: (s) => (s.podLabels = { team: "x".repeat(64) }), good: (s) => (s.podLabels = { team: "x".repeat(63) }), path: "podLabels.team", message: /at most 63/ },
  { rule: "annotation key syntax", bad: (s) => (s.annotations = { "a/b/c": "x" }), good: (s) => (s.annotations = { "a/bc": "x" }), path: "annotations.a/b/c", message: /annotation key/ },
  { rule: "annotations total ≤ 256 KiB", bad: (s) => (s.annotations = { a: "x".repeat(140_000), b: "x".repeat(140_000) }), good: (s) => (s.annotations = { a: "x".repeat(100_000), b: "x".repeat(100_000) }), path: "annotations", message: /256 KiB/ },
  { rule: "performance instances allow only default QoS", bad: (s) => (s.cloud = { instanceType: "performance", qos: "best-effort" }), good: (s) => (s.cloud = { instanceType: "general-purpose", qos: "best-effort" }), path: "cloud.qos", message: /performance/ },
  { rule: "the seed cloud pulls Always", bad: (s) => { s.cloud = { instanceType: "general-purpose", qos: "default" }; c0(s).imagePullPolicy = "IfNotPresent"; }, good: (s) => (s.cloud = { instanceType: "general-purpose", qos: "default" }), path: "containers.0.imagePullPolicy", message: /Always/ },
  { rule: "container names are unique", bad: (s) => (s.containers[1].name = "nginx"), good: (s) => (s.containers[1].name = "other"), path: "containers.1.name", message: /more than once/ },
  { rule: "container names are DNS labels", bad: (s) => (c0(s).name = "Nginx"), good: (s) => (c0(s).name = "nginx2"), path: "containers.0.name", message: /Container name/ },
  { rule: "image reference syntax", bad: (s) => (c0(s).image = "Nginx:1 .2"), good: (s) => (c0(s).image = "registry.example.com:5000/team/nginx:1.2"), path: "containers.0.image", message: /image reference/ },
  { rule: "port names are IANA_SVC_NAME (≤ 15)", bad: (s) => (c0(s).ports[0].name = "a-very-long-port-name"), good: (s) => (c0(s).ports[0].name = "http"), path: "containers.0.ports.0.name", message: /at most 15/ },
  { rule: "port names need a letter", bad: (s) => { c0(s).ports[0].name = "8080"; c0(s).readinessProbe = undefined; s.service.ports[0].targetPort = 80; }, good: (s) => (c0(s).ports[0].name = "http"), path: "containers.0.ports.0.name", message: /letter/ },
  { rule: "container ports 1–65535", bad: (s) => (c0(s).ports[0].containerPort = 70000), good: (s) => (c0(s).ports[0].containerPort = 65535), path: "containers.0.ports.0.containerPort", message: /between 1 and 65535/ },
  { rule: "port names are unique across the pod", bad: (s) => (s.containers[1].ports[0].name = "http"), good: (s) => (s.containers[1].ports[0].name = "metrics"), path: "containers.1.ports.0.name", message: /more than once/ },
  { rule: "env names syntax", bad: (s) => (c0(s).env = [{ type: "value", name: "1BAD", value: "" }]), good: (s) => (c0(s).env = [{ type: "value", name: "GOOD_1", value: "" }]), path: "containers.0.env.0.name", message: /must not start with a digit/ },
  { rule: "env names are unique", bad: (s) => (c0(s).env = [{ type: "value", name: "A", value: "" }, { type: "fieldRef", name: "A", fieldPath: "metadata.name" }]), good: (s) => (c0(s).env = [{ type: "value", name: "A", value: "" }, { type: "fieldRef", name: "B", fieldPath: "metadata.name" }]), path: "containers.0.env.1.name", message: /more than once/ },
  { rule: "ConfigMap key refs name a valid ConfigMap", bad: (s) => (c0(s).env = [{ type: "configMapKey", name: "A", configMapName: "Bad_Name", key: "k" }]), good: (s) => (c0(s).env = [{ type: "configMapKey", name: "A", configMapName: "app-config", key: "k" }]), path: "containers.0.env.0.configMapName", message: /ConfigMap name/ },
  { rule: "field refs use supported fields", bad: (s) => (c0(s).env = [{ type: "fieldRef", name: "A", fieldPath: "spec.containers" }]), good: (s) => (c0(s).env = [{ type: "fieldRef", name: "A", fieldPath: "metadata.annotations['x']" }]), path: "containers.0.env.0.fieldPath", message: /unsupported field/ },
  { rule: "resource refs use supported resources", bad: (s) => (c0(s).env = [{ type: "resourceFieldRef", name: "A", resource: "limits.gpu" }]), good: (s) => (c0(s).env = [{ type: "resourceFieldRef", name: "A", resource: "requests.memory", divisor: "1Mi" }]), path: "containers.0.env.0.resource", message: /unsupported resource/ },
  { rule: "quantities parse", bad: (s) => (c0(s).resources.requests.cpu = "half"), good: (s) => (c0(s).resources.requests.cpu = "0.5"), path: "containers.0.resources.requests.cpu", message: /not a quantity/ },
  { rule: "request ≤ limit", bad: (s) => (c0(s).resources.requests.memory = "1Gi"), good: (s) => (c0(s).resources.requests.memory = "512Mi"), path: "containers.0.resources.requests.memory", message: /must not exceed the limit/ },
  { rule: "liveness successThreshold is 1", bad: (s) => (c0(s).livenessProbe = { ...defaultProbe("tcpSocket", 80), successThreshold: 2 }), good: (s) => (c0(s).livenessProbe = defaultProbe("tcpSocket", 80)), path: "containers.0.livenessProbe.successThreshold", message: /must be 1 for a liveness probe/ },
  { rule: "startup successThreshold is 1", bad: (s) => (c0(s).startupProbe = { ...defaultProbe("exec"), successThreshold: 3 }), good: (s) => (c0(s).readinessProbe = { ...defaultProbe("exec"), successThreshold: 3 }), path: "containers.0.startupProbe.successThreshold", message: /startup/ },
  { rule: "probe timings have minimums", bad: (s) => (c0(s).readinessProbe!.periodSeconds = 0), good: (s) => (c0(s).readinessProbe!.periodSeconds = 1), path: "containers.0.readinessProbe.periodSeconds", message: /at least 1/ },
  { rule: "probe port names exist on the container", bad: (s) => (c0(s).readinessProbe = defaultProbe("httpGet", "htp")), good: (s) => (c0(s).readinessProbe = defaultProbe("httpGet", "http")), path: "containers.0.readinessProbe.port", message: /no port named "htp"/ },
  { rule: "init containers have no probes (unless sidecars)", bad: (s) => (s.initContainers = [{ ...structuredClone(s.containers[1]), name: "init", ports: [] , livenessProbe: defaultProbe("exec") }]), good: (s) => (s.initContainers = [{ ...structuredClone(s.containers[1]), name: "init", ports: [], livenessProbe: defaultProbe("exec"), extra: { restartPolicy: "Always" } }]), path: "initContainers.0.livenessProbe", message: /init containers cannot have probes/ },
  { rule: "volume mounts name a volume or claim template", bad: (s) => (c0(s).volumeMounts[0].name = "cach"), good: (s) => (c0(s).volumeMounts[0].name = "data"), path: "containers.0.volumeMounts.0.name", message: /no volume/ },
  { rule: "mount paths are absolute", bad: (s) => (c0(s).volumeMounts[0].mountPath = "cache"), good: (s) => (c0(s).volumeMounts[0].mountPath = "/c"), path: "containers.0.volumeMounts.0.mountPath", message: /absolute/ },
  { rule: "volume names are unique (volumes and claim templates)", bad: (s) => (s.volumeClaimTemplates[0].name = "cache"), good: (s) => (s.volumeClaimTemplates[0].name = "data"), path: "volumeClaimTemplates.0.name", message: /more than once/ },
  { rule: "claim sizes are quantities", bad: (s) => (s.volumeClaimTemplates[0].size = "ten gigs"), good: (s) => (s.volumeClaimTemplates[0].size = "10Gi"), path: "volumeClaimTemplates.0.size", message: /not a size/ },
  { rule: "NFS paths are absolute", bad: (s) => (s.volumes.push({ type: "nfs", name: "n", server: "nas", path: "x" })), good: (s) => (s.volumes.push({ type: "nfs", name: "n", server: "nas", path: "/x" })), path: "volumes.1.path", message: /absolute/ },
  { rule: "headless only with ClusterIP", bad: (s) => Object.assign(s.service, { type: "LoadBalancer", headless: true }), good: (s) => Object.assign(s.service, { type: "ClusterIP", headless: true }), path: "service.headless", message: /only a ClusterIP/ },
  { rule: "externalTrafficPolicy only for LoadBalancer/NodePort", bad: (s) => (s.service.externalTrafficPolicy = "Local"), good: (s) => Object.assign(s.service, { type: "NodePort", externalTrafficPolicy: "Local" }), path: "service.externalTrafficPolicy", message: /LoadBalancer and NodePort/ },
  { rule: "several Service ports need names", bad: (s) => s.service.ports.push({ port: 9090, targetPort: 9090, protocol: "TCP" }), good: (s) => s.service.ports.push({ name: "m", port: 9090, targetPort: 9090, protocol: "TCP" }), path: "service.ports.1.name", message: /needs a name/ },
  { rule: "named target ports exist", bad: (s) => (s.service.ports[0].targetPort = "web"), good: (s) => (s.service.ports[0].targetPort = "metrics"), path: "service.ports.0.targetPort", message: /no container port/ },
  { rule: "node ports in 30000–32767", bad: (s) => Object.assign(s.service, { type: "NodePort", ports: [{ name: "h", port: 80, targetPort: 80, protocol: "TCP", nodePort: 80 }] }), good: (s) => Object.assign(s.service, { type: "NodePort", ports: [{ name: "h", port: 80, targetPort: 80, protocol: "TCP", nodePort: 30080 }] }), path: "service.ports.0.nodePort", message: /30000 and 32767/ },
  { rule: "the Service is not named like the headless one", bad: (s) => (s.service.name = "web-headless"), good: (s) => (s.service.name = "web-public"), path: "service.name", message: /headless/ },
  { rule: "ingress hosts are DNS names", bad: (s) => (s.ingress.rules[0].host = "Foo..bar"), good: (s) => (s.ingress.rules[0].host = "*.bar.com"), path: "ingress.rules.0.host", message: /DNS name/ },
  { rule: "ingress paths start with /", bad: (s) => (s.ingress.rules[0].paths[0].path = "api"), good: (s) => (s.ingress.rules[0].paths[0].path = "/api"), path: "ingress.rules.0.paths.0.path", message: /start with/ },
  { rule: "canary needs a weight or a header", bad: (s) => (s.ingress.canary = {}), good: (s) => (s.ingress.canary = { weight: 10 }), path: "ingress.canary", message: /weight or a header/ },
  { rule: "canary annotations are set through the canary fields", bad: (s) => (s.ingress.annotations = { "nginx.ingress.kubernetes.io/canary": "true" }), good: (s) => (s.ingress.annotations = { "nginx.ingress.kubernetes.io/rewrite-target": "/" }), path: "ingress.annotations.nginx.ingress.kubernetes.io/canary", message: /canary fields/ },
  { rule: "CPU scaling needs CPU requests", bad: (s) => { s.autoscaling = { minReplicas: 1, maxReplicas: 3, cpuUtilization: 70 }; delete s.containers[1].resources.requests.cpu; }, good: (s) => Object.assign(s, { replicas: 1, autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilization: 70 } }), path: "autoscaling.cpuUtilization", message: /missing: sidecar/ },
  { rule: "min replicas ≤ max replicas", bad: (s) => (s.autoscaling = { minReplicas: 5, maxReplicas: 3, memoryUtilization: 70 }), good: (s) => Object.assign(s, { replicas: 3, autoscaling: { minReplicas: 3, maxReplicas: 3, memoryUtilization: 70 } }), path: "autoscaling.minReplicas", message: /must not exceed/ },
  { rule: "cron schedules parse", bad: (s) => (s.scheduledScaling = { jobs: [{ name: "up", schedule: "0 61 * * *", targetSize: 3 }], excludeDates: [] }), good: (s) => Object.assign(s, { replicas: 1, scheduledScaling: { jobs: [{ name: "up", schedule: "0 0 8 * * 1-5", targetSize: 3 }], excludeDates: [] } }), path: "scheduledScaling.jobs.0.schedule", message: /invalid schedule/ },
  { rule: "cron job names are unique", bad: (s) => (s.scheduledScaling = { jobs: [{ name: "a", schedule: "@daily", targetSize: 1 }, { name: "a", schedule: "@hourly", targetSize: 2 }], excludeDates: [] }), good: (s) => Object.assign(s, { replicas: 1, scheduledScaling: { jobs: [{ name: "a", schedule: "@daily", targetSize: 1 }, { name: "b", schedule: "@hourly", targetSize: 2 }], excludeDates: [] } }), path: "scheduledScaling.jobs.1.name", message: /more than once/ },
  { rule: "log store names", bad: (s) => (c0(s).logs = [{ store: "Bad_Store", path: "stdout", tags: {} }]), good: (s) => (c0(s).logs = [{ store: "good-store", path: "stdout", tags: {} }]), path: "containers.0.logs.0.store", message: /log store/ },
  { rule: "log paths are stdout or absolute", bad: (s) => (c0(s).logs = [{ store: "a", path: "var/log/*.log", tags: {} }]), good: (s) => (c0(s).logs = [{ store: "a", path: "/var/log/*.log", tags: {} }]), path: "containers.0.logs.0.path", message: /stdout/ },
  { rule: "env does not repeat what log collection sets", bad: (s) => { c0(s).logs = [{ store: "a", path: "stdout", tags: {} }]; c0(s).env = [{ type: "value", name: "aliyun_logs_a", value: "x" }]; }, good: (s) => (c0(s).logs = [{ store: "a", path: "stdout", tags: {} }]), path: "containers.0.env.0.name", message: /log collection sets it/ },
  { rule: "passthrough fields do not repeat form fields", bad: (s) => (c0(s).extra = { image: "other" }), good: (s) => (c0(s).extra = { workingDir: "/app" }), path: "containers.0.extra.image", message: /form field/ },
  { rule: "pod passthrough does not carry containers", bad: (s) => (s.podExtra = { containers: [] }), good: (s) => (s.podExtra = { hostNetwork: true }), path: "podExtra.containers", message: /form field/ },
  { rule: "maxUnavailable is a number or a percentage", bad: (s) => (s.updateStrategy = { type: "RollingUpdate", maxUnavailable: "half" }), good: (s) => (s.updateStrategy = { type: "RollingUpdate", maxUnavailable: "25%" }), path: "updateStrategy.maxUnavailable", message: /percentage/ },
  { rule: "image pull secrets are valid names", bad: (s) => (s.imagePullSecrets = ["My Secret"]), good: (s) => (s.imagePullSecrets = ["my-secret"]), path: "imagePullSecrets.0", message: /Secret name/ },
  { rule: "with an HPA, replicas is its minimum (not applied)", bad: (s) => Object.assign(s, { replicas: 4, autoscaling: { minReplicas: 2, maxReplicas: 6, cpuUtilization: 70 } }), good: (s) => Object.assign(s, { replicas: 2, autoscaling: { minReplicas: 2, maxReplicas: 6, cpuUtilization: 70 } }), path: "replicas", message: /autoscaler manages the replica count: replicas must equal the minimum replicas \(2\)/ },
  { rule: "with scheduled scaling only, replicas is 1 (not applied)", bad: (s) => (s.scheduledScaling = { jobs: [{ name: "up", schedule: "@daily", targetSize: 3 }], excludeDates: [] }), good: (s) => Object.assign(s, { replicas: 1, scheduledScaling: { jobs: [{ name: "up", schedule: "@daily", targetSize: 3 }], excludeDates: [] } }), path: "replicas", message: /scheduled scaling manages the replica count: replicas must be 1/ },
  { rule: "replicas ≥ 0", bad: (s) => (s.replicas = -1), good: (s) => (s.replicas = 0), path: "replicas", message: /at least 0/ },
];

describe("validation rules", () => {
  test("the base spec is valid", () => {
    expect(issuesOf(base())).toEqual([]);
  });

  for (const c of CASES) {
    test(c.rule, () => {
      const bad = base();
      c.bad(bad);
      const result = validateAppSpec(bad);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const issue = result.issues.find((i) => i.path === c.path);
      expect(issue, `issue at ${c.path}; got ${JSON.stringify(result.issues)}`).toBeDefined();
      expect(issue!.message).toMatch(c.message);

      const good = base();
      c.good(good);
      expect(issuesOf(good)).toEqual([]);
    });
  }

  test("a hostile 10,000-row env list is rejected with one clear message", () => {
    const spec = base();
    c0(spec).env = Array.from({ length: 10_000 }, (_, i) => ({ type: "value", name: `V${i}`, value: "x" }));
    expect(validateAppSpec(spec)).toEqual({ ok: false, issues: [{ path: "containers.0.env", message: "at most 500 entries are allowed", msg: { key: "manifests.rules.atMostEntries", values: { max: 500 } } }] });
  });

  test("100,000 labels are refused before parsing", () => {
    const spec = base();
    spec.labels = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, "v"]));
    expect(validateAppSpec(spec)).toEqual({ ok: false, issues: [{ path: "labels", message: "has 100000 entries; at most 10000 are accepted", msg: { key: "manifests.rules.tooManyEntries", values: { entries: 100000, max: 10000 } } }] });
  });

  test("a passthrough bag nested 100,000 levels deep is rejected, not rendered", () => {
    const spec = base();
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 100_000; i++) deep = (deep.a = {}) as Record<string, unknown>;
    spec.podExtra = root;
    expect(validateAppSpec(spec)).toMatchObject({ ok: false, issues: [{ message: "is nested more than 64 levels deep" }] });
    // Through the schema alone (the form's path), the bag's own limit answers.
    spec.podExtra = { a: { b: { c: {} } } };
    let bag: Record<string, unknown> = spec.podExtra;
    for (let i = 0; i < 40; i++) bag = (bag.x = {}) as Record<string, unknown>;
    expect(validateAppSpec(spec)).toEqual({ ok: false, issues: [{ path: "podExtra", message: "is nested more than 32 levels deep", msg: { key: "manifests.rules.nestedLevels", values: { max: 32 } } }] });
  });

  test("wrong types anywhere give a path and a message", () => {
    const result = validateAppSpec({ name: 5, containers: [{ name: "a", image: "nginx", ports: [{ containerPort: "80" }] }] });
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: "name", message: "must be a string", msg: { key: "manifests.rules.mustBe.string", values: { type: "string" } } },
        { path: "containers.0.ports.0.containerPort", message: "must be a number", msg: { key: "manifests.rules.mustBe.number", values: { type: "number" } } },
      ],
    });
  });

  test("missing required fields say so", () => {
    expect(validateAppSpec({})).toMatchObject({ ok: false, issues: expect.arrayContaining([{ path: "name", message: "is required", msg: { key: "manifests.rules.required" } }]) });
  });

  test("the exported zod schema carries the cross-field rules (for zodResolver)", () => {
    const spec = base();
    c0(spec).livenessProbe = { ...defaultProbe("httpGet", "http"), successThreshold: 2 };
    const parsed = AppSpecSchema.safeParse(spec);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toContain("containers.0.livenessProbe.successThreshold");
  });
});
