import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkAppFile, checkParameterValue, defaultAppSpec, formatImportIssue, importIssueMsg, importYaml, defaultProbe, resolveParameters, validateAppSpec, validateTemplate, type ParameterDefinition } from "@/lib/manifests";
import { MUTATED_PATHS, mutatedSpec } from "@/lib/manifests/testing/mutated-spec";
import en from "@/messages/en";
import { english } from "./english";
import { strictTranslator } from "./strict-translator";
import { formatMsg, type Msg } from "./message";

// lib/manifests returns message keys and values; the app formats them in the reader's language,
// the API and the CLI in English (english(), the same text as the issue's `message`).
// A missing key or value must fail here, not print the raw key.
const zhT = strictTranslator("zh-CN");
const enT = strictTranslator("en");

function issuesOf(spec: unknown) {
  const r = validateAppSpec(spec);
  if (r.ok) throw new Error("expected issues");
  return r.issues;
}

type Keyed = { message: string; msg?: Msg; path?: string };

/**
 * Every message carries a key; its English is exactly `message` (what the API and the CLI print)
 * and its Chinese is a Chinese sentence. Returns the keys seen (the outer message's key).
 */
function expectKeyed(issues: readonly Keyed[], where: string): string[] {
  for (const issue of issues) {
    expect(issue.msg, `${where}: no key for "${issue.message}" at ${issue.path ?? "-"}`).toBeDefined();
    expect(formatMsg(enT, issue.msg!), where).toBe(issue.message);
    expect(formatMsg(zhT, issue.msg!), `${where}: Chinese for "${issue.message}"`).toMatch(/[\u4e00-\u9fff]/);
  }
  return issues.map((i) => i.msg!.key);
}

/** The innermost message of a "<field> <problem>" issue (the rule that failed). */
const ruleKey = (m: Msg): string => (m.key === "manifests.withField" ? ruleKey(m.values!.problem as Msg) : m.key);

describe("validation messages in both languages", () => {
  const spec = defaultAppSpec("nginx") as unknown as Record<string, unknown> & { containers: { image: string; ports: { containerPort: number }[] }[] };
  spec.name = "Bad_Name";
  spec.containers[0].image = "";
  spec.containers[0].ports[0].containerPort = 70000;
  const issues = issuesOf(spec);

  it("each converted rule carries a key whose English is exactly the issue's message", () => {
    for (const issue of issues) if (issue.msg) expect(english(issue.msg)).toBe(issue.message);
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ["name", "Application name must consist of lowercase letters, digits and '-', start with a letter and end with a letter or digit"],
      ["containers.0.image", "Image is required"],
      ["containers.0.ports.0.containerPort", "Container port must be a port number between 1 and 65535"],
    ]);
    for (const issue of issues) expect(formatMsg(enT, issue.msg!)).toBe(issue.message);
  });

  it("the same issues read in Chinese with the seed's field names", () => {
    expect(issues.map((i) => formatMsg(zhT, i.msg!))).toEqual([
      "应用名称只能包含小写字母、数字和 '-'，以字母开头，以字母或数字结尾",
      "镜像名称为必填项",
      "容器端口必须是介于 1~65535 的端口号",
    ]);
  });

  it("zod's shape messages are keys too", () => {
    const [issue] = issuesOf({ ...defaultAppSpec("web"), replicas: "two" });
    expect(issue).toMatchObject({ path: "replicas", message: "must be a number" });
    expect(formatMsg(zhT, issue.msg!)).toBe("必须是数字");
  });
});

// One bad spec per family, each breaking several rules; together they reach every rule file.
type Spec = any; // deliberately invalid data
const c0 = (s: Spec) => s.containers[0];
const BAD_SPECS: Record<string, (s: Spec) => void> = {
  env: (s) => {
    s.volumes = [{ type: "configMap", name: "conf", configMapName: "conf" }];
    c0(s).logs = [{ store: "a", path: "stdout", tags: {} }];
    c0(s).env = [
      { type: "value", name: "aliyun_logs_a", value: "x" },
      { type: "value", name: "A", value: "" },
      { type: "value", name: "A", value: "" },
      { type: "configMapKey", name: "B", configMapName: "Bad_Name", key: "k/x" },
      { type: "secretKey", name: "C", secretName: "Bad_Name", key: "k" },
      { type: "fieldRef", name: "D", fieldPath: "spec.containers" },
      { type: "resourceFieldRef", name: "E", resource: "limits.gpu", divisor: "lots", containerName: "" },
      { type: "fileKey", name: "F", volumeName: "conf", path: "../x", key: "1K" },
    ];
    c0(s).envFrom = [{ type: "configMap", name: "Bad_Name", prefix: "1x" }, { type: "secret", name: "Bad_Name" }];
  },
  network: (s) => {
    s.service = {
      ...s.service, name: "Svc", type: "ClusterIP", headless: false, externalTrafficPolicy: "Local",
      ports: [
        { port: 0, targetPort: "nope", protocol: "TCP", appProtocol: "a/b/c", nodePort: 80 },
        { name: "x", port: 80, targetPort: 80, protocol: "TCP" },
        { name: "x", port: 80, targetPort: 80, protocol: "TCP" },
      ],
    };
    s.ingress = {
      name: "Bad_Name", className: "Bad_Class", labels: {}, annotations: { "nginx.ingress.kubernetes.io/canary": "true" },
      rules: [{ host: "Foo..bar", paths: [
        { path: "api", pathType: "Prefix" },
        { path: "/r", pathType: "Prefix", serviceName: "x", resource: { apiGroup: "k8s.example.com", kind: " ", name: "Bad_Name" } },
        { path: "/s", pathType: "Prefix", serviceName: "Bad_Name", servicePort: "--" },
      ] }],
      tls: [{ hosts: ["Bad..host"], secretName: "Bad_Name" }],
      canary: { headerValue: "v" },
    };
  },
  networkMore: (s) => {
    s.service = { ...s.service, type: "LoadBalancer", headless: true, ports: [] };
    s.ingress = { name: "web", labels: {}, annotations: {}, rules: [{ paths: [{ path: "/", pathType: "Prefix", serviceName: "web" }] }], tls: [], canary: { weight: 10, header: "bad header" } };
  },
  noPorts: (s) => {
    s.service = { ...s.service, ports: [] };
  },
  nodePort: (s) => {
    s.service = { ...s.service, type: "NodePort", ports: [{ name: "h", port: 80, targetPort: 80, protocol: "TCP", nodePort: 80 }] };
  },
  probes: (s) => {
    c0(s).livenessProbe = { ...defaultProbe("httpGet", "nope"), path: "health", successThreshold: 2, headers: [{ name: "bad header", value: "x" }] };
    c0(s).startupProbe = { ...defaultProbe("exec"), command: [" "], successThreshold: 2 };
    s.initContainers = [{ ...structuredClone(c0(s)), name: "init", ports: [], livenessProbe: defaultProbe("exec"), startupProbe: undefined, lifecycle: { postStart: { type: "exec", command: ["true"] } } }];
    c0(s).readinessProbe = defaultProbe("tcpSocket", 0);
  },
  resources: (s) => {
    c0(s).resources = { requests: { cpu: "half", memory: "-1Gi", "a/b/c": "1", "ephemeral-storage": "2Gi" }, limits: { "ephemeral-storage": "1Gi" } };
  },
  scaling: (s) => {
    s.replicas = 4;
    s.autoscaling = { name: "Bad_Name", minReplicas: 5, maxReplicas: 3 };
  },
  scalingMetrics: (s) => {
    s.replicas = 1;
    s.autoscaling = { minReplicas: 1, maxReplicas: 3, cpuUtilization: 70, memoryUtilization: 70 };
    c0(s).resources = { requests: {}, limits: {} };
  },
  cron: (s) => {
    s.replicas = 3;
    s.scheduledScaling = {
      name: "Bad_Name",
      jobs: [{ name: "Up", schedule: "0 61 * * *", targetSize: 3 }, { name: "a", schedule: "* *", targetSize: 1 }, { name: "a", schedule: "@daily", targetSize: 1 }],
      excludeDates: ["nope"],
    };
  },
  storage: (s) => {
    c0(s).logs = [{ store: "app", path: "/var/log/*.log", tags: {} }];
    s.volumes = [
      { type: "emptyDir", name: "logs-app", sizeLimit: "big" },
      { type: "configMap", name: "Bad_Name", configMapName: "Bad_Name" },
      { type: "secret", name: "s", secretName: "Bad_Name" },
      { type: "persistentVolumeClaim", name: "p", claimName: "Bad_Name" },
      { type: "nfs", name: "n", server: " ", path: "x" },
      { type: "nfs", name: "n", server: "nas", path: "/x" },
    ];
    s.volumeClaimTemplates = [
      { name: "Bad_Name", size: "ten gigs", accessModes: ["ReadWriteOnce"], storageClassName: "Bad_Class" },
      { name: "z", size: "0", accessModes: ["ReadWriteOnce"] },
      { name: "a".repeat(250), size: "1Gi", accessModes: ["ReadWriteOnce"] },
    ];
  },
  guards: (s) => {
    s.labels = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, "v"]));
    s.annotations = { ["k".repeat(400)]: "v" };
    s.podExtra = JSON.parse(`${'{"x":'.repeat(40)}{}${"}".repeat(40)}`);
  },
};

const NEW_RULE_KEYS = [
  "envTwice", "envTwiceLog", "fieldRefPath", "resourceRef", "divisor", "containerNameEmpty", "fileKeyVolume", "fileKeyPath", "configKey",
  "headlessClusterIp", "externalTrafficPolicy", "portMappingRequired", "servicePortName", "noContainerPortNamed", "nodePortType", "nodePortRange",
  "pathSlash", "serviceOrResource", "resourceKindRequired", "canaryWeightOrHeader", "canaryHeaderValue", "canaryHeader", "canaryAnnotation",
  "initProbes", "successOneLiveness", "successOneStartup", "initHooks", "commandRequired", "noPortNamed", "headerToken",
  "notQuantity", "notNegative", "requestOverLimit",
  "minOverMax", "utilizationTarget", "scalingNeedsCpu", "scalingNeedsMemory", "hpaReplicas", "cronReplicas", "cronFields", "cronInvalid",
  "logVolumeName", "sizeLimit", "nfsServer", "nfsPath", "claimNameLong", "notSize", "sizePositive",
  "atMostMapEntries", "nestedLevels", "invalidKey",
].map((k) => `manifests.rules.${k}`);

describe("every rule family speaks both languages", () => {
  const issuesByFamily = Object.entries(BAD_SPECS).map(([family, breakIt]) => {
    const s = defaultAppSpec("web") as Spec;
    breakIt(s);
    return [family, issuesOf(s)] as const;
  });

  it("each issue of env, network, probes, resources, scaling, storage and the size guards has a key with the same English", () => {
    const seen = new Set<string>();
    for (const [family, issues] of issuesByFamily) for (const issue of issues) {
      expectKeyed([issue], family);
      seen.add(ruleKey(issue.msg!));
    }
    expect(NEW_RULE_KEYS.filter((k) => !seen.has(k))).toEqual([]);
  });

  it("reads in Chinese with the seed's words (所需资源, 环境变量 …)", () => {
    const find = (family: string, path: string) => issuesByFamily.find(([f]) => f === family)![1].find((i) => i.path === path)!;
    const memory = find("resources", "containers.0.resources.requests.memory");
    expect(memory.message).toBe("must not be negative");
    expect(formatMsg(zhT, memory.msg!)).toBe("不能为负数");
    const cpu = find("resources", "containers.0.resources.requests.cpu");
    expect(cpu.message).toBe('"half" is not a quantity; use e.g. 500m or 0.5 for CPU, 256Mi or 1Gi for memory');
    expect(formatMsg(zhT, cpu.msg!)).toBe("“half”不是有效数量；CPU 可用 500m 或 0.5，内存可用 256Mi 或 1Gi");
    const over = find("resources", "containers.0.resources.requests.ephemeral-storage");
    expect(formatMsg(zhT, over.msg!)).toBe("所需资源（2Gi）不能超过资源上限（1Gi）");
    const env = find("env", "containers.0.env.3.configMapName");
    expect(env.message).toBe("ConfigMap name must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit");
    expect(formatMsg(zhT, env.msg!)).toBe("配置项名称只能包含小写字母、数字、'-' 和 '.'，并以字母或数字开头和结尾");
    const cron = find("cron", "scheduledScaling.jobs.1.schedule");
    expect(formatMsg(zhT, cron.msg!)).toBe("调度周期必须有 5 个字段（分 时 日 月 周）或 6 个字段（秒在最前）");
    const hpa = find("scaling", "replicas");
    expect(formatMsg(zhT, hpa.msg!)).toBe("指标伸缩管理副本数量：副本数量必须等于最小副本数量（5）");
  });

  it("the input guard's refusals are keys too", () => {
    const [deep] = issuesOf(JSON.parse(`${'{"x":'.repeat(70)}{}${"}".repeat(70)}`));
    expect(deep.message).toBe("is nested more than 64 levels deep");
    expect(formatMsg(zhT, deep.msg!)).toBe("嵌套超过 64 层");
    const [proto] = issuesOf(JSON.parse('{"labels": {"__proto__": "x"}}'));
    expectKeyed([proto], "guard");
    expect(formatMsg(zhT, proto.msg!)).toBe("不允许使用键“__proto__”");
  });
});

describe("no message without a key", () => {
  // The fuzz seeds of lib/manifests/fuzz.test.ts: whatever an input breaks, the message is a key.
  it("validateAppSpec over arbitrary values and mutated specs", () => {
    fc.assert(fc.property(fc.anything({ maxDepth: 4 }), (value) => {
      const r = validateAppSpec(value);
      if (!r.ok) expectKeyed(r.issues, "arbitrary value");
    }), { numRuns: 200 });
    fc.assert(fc.property(fc.constantFrom(...MUTATED_PATHS), fc.anything({ maxDepth: 2 }), (path, value) => {
      const r = validateAppSpec(mutatedSpec(path, value));
      if (!r.ok) expectKeyed(r.issues, `mutated ${path}`);
    }), { numRuns: 300 });
  });
});

// Parameter checks: definitions (validateTemplate), values (resolveParameters, the deploy form) and
// a value that breaks the spec it lands in.
const def = (d: Partial<ParameterDefinition> & Pick<ParameterDefinition, "name" | "type">): ParameterDefinition => ({ required: false, lockedByAdmin: false, ...d });
function paramTemplate() {
  const spec: Spec = defaultAppSpec("shop");
  spec.replicas = { $param: "replicas" };
  spec.containers[0].image = "registry.example.com/shop/web:{{ params.imageTag }}";
  spec.containers[0].resources.limits.memory = { $param: "memory" };
  spec.containers[0].ports[0].containerPort = { $param: "port" };
  spec.labels = { env: { $param: "env" }, flag: "{{ params.flag }}" };
  return {
    spec,
    parameters: [
      def({ name: "replicas", type: "integer", required: true, default: 2, min: 1, max: 10 }),
      def({ name: "imageTag", type: "string", required: true, pattern: "[0-9]+\\.[0-9]+\\.[0-9]+", min: 3, max: 20 }),
      def({ name: "memory", type: "quantity", default: "512Mi", min: "256Mi", max: "4Gi" }),
      def({ name: "port", type: "integer", default: 80, min: 1 }),
      def({ name: "few", type: "integer", max: 3 }),
      def({ name: "any", type: "integer" }),
      def({ name: "flag", type: "boolean", default: false }),
      def({ name: "host", type: "string", default: "shop.example.com", lockedByAdmin: true }),
      def({ name: "env", type: "enum", options: ["dev", "prod"], default: "dev" }),
      def({ name: "image", type: "image", pattern: "nginx:.*" }),
    ],
  };
}
const BAD_VALUES: Record<string, unknown>[] = [
  {},
  { imageTag: "1.0", replicas: "two", memory: "lots", port: 70000, few: 9, any: 1.5, flag: "yes", host: "evil.example.com", env: "qa", image: "Nginx 1", colour: "blue" },
  { imageTag: "x".repeat(2000), replicas: 0, memory: "8Gi", image: "redis:7", few: "x" },
  { imageTag: "1.2.3", memory: "1Mi", image: 5, flag: 3 },
  { imageTag: "1.2.3.4.5.6.7.8.9.10.11", replicas: 11 },
  { imageTag: 5, port: 0 },
  { imageTag: "1.2.3", port: 70000 },
];
const BAD_DEFINITIONS: unknown[][] = [
  [def({ name: "a", type: "integer" }), def({ name: "a", type: "integer" }), def({ name: "e", type: "enum" }), def({ name: "p", type: "string", pattern: "([" }),
    def({ name: "m", type: "integer", min: 5, max: 1 }), def({ name: "l", type: "string", lockedByAdmin: true }), def({ name: "q", type: "quantity", default: "big" })],
  [{ name: "1bad", type: "string" }, { name: "constructor", type: "string" }, { name: "x", type: "colour" }, { name: "y", type: "string", label: 5 }, { type: "integer" }, "nope"],
];

describe("parameter messages in both languages", () => {
  it("values, definitions and references carry keys; English as before, Chinese in the seed's words", () => {
    const seen = new Set<string>();
    const collect = (issues: Keyed[], where: string) => expectKeyed(issues, where).forEach((k) => seen.add(k));
    for (const values of BAD_VALUES) {
      const r = resolveParameters(paramTemplate(), values);
      expect(r.ok).toBe(false);
      if (!r.ok) collect(r.errors, `values ${JSON.stringify(values).slice(0, 60)}`);
    }
    for (const parameters of BAD_DEFINITIONS) {
      const t = { spec: { ...paramTemplate().spec, note: "{{ params.undefinedOne }}" }, parameters: parameters as ParameterDefinition[] };
      collect(validateTemplate(t), "definitions");
    }
    const inner = (m: Msg): string[] => [m.key, ...Object.values(m.values ?? {}).flatMap((v) => (typeof v === "object" ? inner(v) : []))];
    const all = new Set<string>();
    for (const values of BAD_VALUES) { const r = resolveParameters(paramTemplate(), values); if (!r.ok) r.errors.forEach((e) => inner(e.msg!).forEach((k) => all.add(k))); }
    for (const parameters of BAD_DEFINITIONS) validateTemplate({ spec: { note: "{{ params.undefinedOne }}" }, parameters: parameters as ParameterDefinition[] }).forEach((e) => inner(e.msg!).forEach((k) => all.add(k)));
    const paramKeys = (tree: object, prefix: string): string[] => Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}.${k}`] : paramKeys(v, `${prefix}.${k}`)));
    expect(paramKeys(en.params, "params").filter((k) => !all.has(k))).toEqual([]);
    expect(seen.size).toBeGreaterThan(0);
  });

  it("reads in Chinese", () => {
    const r = resolveParameters(paramTemplate(), { imageTag: "1.2.3", replicas: 0, port: 70000 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const replicas = r.errors.find((e) => e.parameter === "replicas")!;
    expect(replicas.message).toBe('parameter "replicas" must be an integer between 1 and 10');
    expect(formatMsg(zhT, replicas.msg!)).toBe("参数“replicas”必须是介于 1~10 的整数");
    const checked = checkParameterValue(def({ name: "memory", type: "quantity" }), "lots");
    expect(!checked.ok && formatMsg(zhT, checked.msg)).toBe("参数“memory”必须是数量，例如 500m、2 或 1Gi");
    const spec = resolveParameters(paramTemplate(), { imageTag: "1.2.3", port: 70000 });
    const landed = !spec.ok ? spec.errors.find((e) => e.parameter === "port")! : undefined;
    expect(landed?.message).toBe('parameter "port": Container port must be a port number between 1 and 65535');
    expect(formatMsg(zhT, landed!.msg!)).toBe("参数“port”：容器端口必须是介于 1~65535 的端口号");
    const [name] = validateTemplate({ spec: {}, parameters: [{ name: "1bad", type: "string" } as ParameterDefinition] });
    expect(name).toMatchObject({ path: "parameters.0.name", message: "must start with a letter and use letters, digits or '_' (≤ 63)" });
    expect(formatMsg(zhT, name.msg!)).toBe("必须以字母开头，只能包含字母、数字或 '_'（最多 63 个字符）");
  });

  it("no parameter message without a key, over arbitrary definitions and values", () => {
    const anyDef = fc.record({ name: fc.oneof(fc.string({ maxLength: 8 }), fc.constant("x")), type: fc.oneof(fc.constantFrom("string", "integer", "boolean", "enum", "quantity", "image"), fc.anything()), required: fc.boolean(), lockedByAdmin: fc.boolean(),
      default: fc.anything({ maxDepth: 1 }), min: fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), max: fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), options: fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }), pattern: fc.string({ maxLength: 6 }) }, { requiredKeys: ["name", "type"] });
    fc.assert(fc.property(fc.array(anyDef, { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 6 }), fc.anything({ maxDepth: 1 })), (parameters, values) => {
      const r = resolveParameters({ spec: paramTemplate().spec, parameters: parameters as ParameterDefinition[] }, values);
      if (!r.ok) expectKeyed(r.errors, "arbitrary parameters");
    }), { numRuns: 300 });
  });
});

// The YAML importer: syntax errors, shape errors, dropped fields, ignored objects and the rule
// warnings it places in the file.
const STS = (body: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
  namespace: shop
spec:
  serviceName: web-headless
  replicas: 7
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
${body}`;
const BAD_YAML: string[] = [
  "a: b\n\tc: d\n",
  "a: b\nb: c\nb: d\n",
  "key: value: more\n",
  "a:\n  - b\n c: d\n",
  "x: [1, 2\n",
  'x: "open\n',
  "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n",
  "[1, 2]\n---\n- a\n",
  `${"---\n".repeat(101)}`,
  STS("      containers: nope\n"),
  STS("      containers:\n        - name: web\n          image: nginx\n          env: { A: b }\n"),
  STS("      containers:\n        - name: web\n          image: nginx\n          env:\n            - name: A\n              value: yes\n"),
  STS("      containers:\n        - name: web\n          image: nginx\n          readinessProbe:\n            httpGet: { path: / }\n"),
  STS("      containers:\n        - name: web\n          image: nginx\n      nodeSelector: 5\n  volumeClaimTemplates: 3\n"),
  STS("      containers:\n        - name: web\n          image: nginx\n          ports: [{ containerPort: 70000, hostIP: 1.2.3.4, name: http }]\n          volumeMounts: [{ name: data, mountPath: /d, recursiveReadOnly: Enabled }]\n          resources: { claims: [] }\n          env:\n            - { name: A, valueFrom: { fieldRef: { fieldPath: metadata.name } }, extra: 1 }\n            - { name: B, valueFrom: { unknownRef: {} } }\n          envFrom: [{ configMapRef: { name: c }, other: 1 }]\n  volumeClaimTemplates:\n    - metadata: { name: data }\n      spec: { accessModes: [ReadWriteOnce] }\n") +
    "---\napiVersion: v1\nkind: Service\nmetadata: { name: web-headless }\nspec:\n  type: NodePort\n  selector: { app: other }\n  ports: [{ port: 81 }]\n" +
    "---\napiVersion: v1\nkind: Service\nmetadata: { name: other }\nspec: { selector: { app: nope }, ports: [{ port: 80 }] }\n" +
    "---\napiVersion: v1\nkind: Secret\nmetadata: { name: s }\n" +
    "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: h }\nspec: { scaleTargetRef: { kind: StatefulSet, name: web }, minReplicas: 3, maxReplicas: 5, metrics: [] }\n" +
    "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: h2 }\nspec: { scaleTargetRef: { kind: StatefulSet, name: web }, minReplicas: 1, maxReplicas: 5 }\n" +
    "---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: second }\n---\n7\n",
];

function allImportIssues(text: string): Keyed[] {
  const r = importYaml(text);
  const issues: Keyed[] = r.ok ? [...r.warnings] : [...r.errors];
  const ignored = (r.ignored ?? []).map((i) => ({ message: i.reason, msg: i.msg }));
  const file = checkAppFile(text);
  return [...issues, ...ignored, ...(file.ok ? file.warnings : [...file.errors, ...file.warnings])];
}

describe("import messages in both languages", () => {
  it("every error, warning and ignored object of bad YAML carries a key with the same English", () => {
    const seen = new Set<string>();
    for (const text of BAD_YAML) for (const k of expectKeyed(allImportIssues(text), `import ${JSON.stringify(text.slice(0, 30))}`)) seen.add(k);
    expect(seen.size).toBeGreaterThan(15);
  });

  it("the line an issue names is in the reader's language too", () => {
    const r = importYaml(STS("      containers:\n        - name: web\n          image: nginx\n          env:\n            - name: A\n              value: yes\n"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const [error] = r.errors;
    expect(formatImportIssue(error)).toBe('line 20, column 15: containers.0.env.0.value: must be a string: YAML read `yes` as a boolean; write "yes" in quotes');
    expect(formatMsg(enT, importIssueMsg(error))).toBe(formatImportIssue(error));
    expect(formatMsg(zhT, importIssueMsg(error))).toBe('第 20 行第 15 列：containers.0.env.0.value：必须是字符串：YAML 把 `yes` 读成了布尔值；请加引号写成 "yes"');
    const tab = importYaml("a: b\n\tc: d\n");
    const [syntax] = tab.ok ? [] : tab.errors;
    expect(formatImportIssue(syntax)).toMatch(/^line 2, column 1: this line is indented with a tab; YAML indentation must use spaces \(YAML parser: /);
    expect(formatMsg(zhT, importIssueMsg(syntax))).toMatch(/^第 2 行第 1 列：这一行用制表符缩进；YAML 缩进必须使用空格（YAML 解析器：/);
  });

  it("no import message without a key, over the testdata and the fuzz seeds", () => {
    const dir = path.join(__dirname, "../manifests/testdata/import");
    for (const f of readdirSync(dir)) expectKeyed(allImportIssues(readFileSync(path.join(dir, f), "utf8")), f);
    const token = fc.constantFrom("kind: StatefulSet\n", "kind: Service\n", "metadata:\n", "  name: x\n", "spec:\n", "  - a\n", "---\n", "{", "}", "[", "]", ": ", "&a ", "*a ", "<<: *a\n", "!!binary ", "  ", "\n", "containers:\n", "- name: c\n", "  image: nginx\n", "items:\n", "kind: List\n");
    fc.assert(fc.property(fc.array(token, { maxLength: 40 }), (parts) => {
      expectKeyed(allImportIssues(parts.join("")), "YAML-ish text");
    }), { numRuns: 200 });
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      expectKeyed(allImportIssues(text), "arbitrary text");
    }), { numRuns: 200 });
  });
});
