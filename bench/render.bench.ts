/**
 * Manifest benchmark: renders (objects only, and the full bundle = objects + YAML text),
 * validations and imports per second for a typical and a large app (many containers, env rows,
 * ports), on one core. Every operation cycles through BENCH_VARIANTS distinct specs (names,
 * images, env values, ports differ), so the YAML emitter's memo of plain-vs-quoted decisions
 * does not see the same strings over and over; the same-spec figure is printed beside for
 * comparison. Run:
 *   npx tsx bench/render.bench.ts
 * Rates are per CPU second of this process (not wall time), so other work on
 * a shared machine does not skew them much; a same-run baseline (JSON clone of
 * the spec) helps compare machines. This prints figures; it asserts nothing.
 */
import { AppSpecSchema, defaultAppSpec, defaultProbe, importYaml, renderApp, renderYaml, validateAppSpec, type AppSpec, type Container } from "../lib/manifests";

const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 8);
const ENV_PER_CONTAINER = Number(process.env.BENCH_ENV ?? 40);
const PORTS_PER_CONTAINER = Number(process.env.BENCH_PORTS ?? 6);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const VARIANTS = Number(process.env.BENCH_VARIANTS ?? 256);

function largeContainer(i: number): Container {
  return {
    name: `c${i}`,
    image: `registry.example.com/team/service-${i}:1.${i}.0`,
    imagePullPolicy: "IfNotPresent",
    command: ["/bin/server"],
    args: ["--config", "/etc/app/config.yaml", "--verbose"],
    ports: Array.from({ length: PORTS_PER_CONTAINER }, (_, p) => ({ name: `p${i}-${p}`, containerPort: 8000 + i * 100 + p, protocol: "TCP" as const })),
    env: Array.from({ length: ENV_PER_CONTAINER }, (_, e) =>
      e % 4 === 0
        ? { type: "secretKey" as const, name: `SECRET_${e}`, secretName: "app-secrets", key: `k${e}` }
        : e % 4 === 1
          ? { type: "fieldRef" as const, name: `FIELD_${e}`, fieldPath: "status.podIP" }
          : { type: "value" as const, name: `VAR_${e}`, value: `value-${i}-${e}` },
    ),
    envFrom: [{ type: "configMap", name: "app-config" }],
    resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
    stdin: false,
    tty: false,
    livenessProbe: defaultProbe("httpGet", `p${i}-0`),
    readinessProbe: defaultProbe("tcpSocket", 8000 + i * 100),
    startupProbe: defaultProbe("exec"),
    volumeMounts: [{ name: "data", mountPath: "/data" }, { name: "config", mountPath: "/etc/app", readOnly: true }],
    logs: [{ store: `store-${i}`, path: `/var/log/app-${i}/*.log`, tags: { app: "bench" } }],
    extra: { securityContext: { runAsNonRoot: true } },
  };
}

function largeApp(): AppSpec {
  return AppSpecSchema.parse({
    name: "bench",
    replicas: 3,
    labels: { team: "bench" },
    annotations: { "example.com/owner": "bench" },
    containers: Array.from({ length: CONTAINERS }, (_, i) => largeContainer(i)),
    volumes: [{ type: "configMap", name: "config", configMapName: "app-config" }],
    volumeClaimTemplates: [{ name: "data", size: "10Gi", storageClassName: "fast" }],
    service: { name: "bench-svc", type: "LoadBalancer", externalTrafficPolicy: "Local", ports: [{ name: "http", port: 80, targetPort: "p0-0" }] },
    ingress: { name: "bench", rules: [{ host: "bench.example.com", paths: [{ path: "/", serviceName: "bench-svc", servicePort: 80 }] }], tls: [{ hosts: ["bench.example.com"], secretName: "bench-tls" }], canary: { weight: 10 } },
    autoscaling: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 70, memoryUtilization: 80 },
    scheduledScaling: { jobs: [{ name: "up", schedule: "0 0 8 * * *", targetSize: 6 }, { name: "down", schedule: "0 0 20 * * *", targetSize: 3 }] },
    podExtra: { tolerations: [{ key: "bench", operator: "Exists" }], affinity: { nodeAffinity: {} } },
  });
}

/** CPU seconds used by this process: on a shared machine this, not wall time, is "one core". */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Runs `fn` for SECONDS of CPU time (after a warm-up) and returns operations per CPU second. */
function measure(fn: () => unknown): number {
  const warmUntil = cpuSeconds() + 0.3;
  while (cpuSeconds() < warmUntil) fn();
  let count = 0;
  const start = cpuSeconds();
  let now = start;
  while (now - start < SECONDS) {
    for (let i = 0; i < 20; i++) fn();
    count += 20;
    now = cpuSeconds();
  }
  return count / (now - start);
}

/** The seed's nginx with Service, Ingress and HPA: what most apps look like. */
function typicalApp(): AppSpec {
  const spec = defaultAppSpec("nginx");
  spec.ingress = { name: "nginx", rules: [{ host: "foo.bar.com", paths: [{ path: "/", pathType: "Prefix", serviceName: "nginx-svc", servicePort: 80 }] }], tls: [], annotations: {}, labels: {} };
  spec.autoscaling = { minReplicas: 2, maxReplicas: 5, cpuUtilization: 70 };
  return spec;
}

/**
 * The spec with every user-chosen string and number made distinct for `n`: app and object names,
 * images, env values, ports, hosts — what differs between the apps a team renders.
 */
function variant(spec: AppSpec, n: number): AppSpec {
  const text = JSON.stringify(spec)
    .replace(/"(value-[^"]*|registry\.example\.com\/[^"]*|[a-z.]*example\.com|bench|nginx)"/g, (_, v: string) => `"${v}-v${n}"`)
    .replace(/"(containerPort|port)":(\d+)/g, (_, k: string, p: string) => `"${k}":${(Number(p) + n) % 60000 + 1}`);
  return JSON.parse(text) as AppSpec;
}

/** Runs `fn` over the specs in turn (see measure). */
function measureOver<T>(items: T[], fn: (item: T) => unknown): number {
  let i = 0;
  return measure(() => fn(items[i++ % items.length]));
}

function report(title: string, base: AppSpec): void {
  const specs = Array.from({ length: VARIANTS }, (_, n) => variant(base, n));
  for (const spec of [base, specs[VARIANTS - 1]]) {
    const check = validateAppSpec(spec);
    if (!check.ok) throw new Error(`benchmark app is invalid: ${JSON.stringify(check.issues.slice(0, 3))}`);
  }
  const yamls = specs.map((s) => renderYaml(s));
  if (!yamls.every((y, n) => n > 3 || importYaml(y).ok)) throw new Error("benchmark YAML does not import");
  if (new Set(yamls).size !== VARIANTS) throw new Error("the variants are not distinct");
  console.log(`\n${title}: ${renderApp(base).length} objects, ${yamls[0].length} bytes of YAML; ${VARIANTS} distinct specs`);
  const rows: [string, number][] = [
    ["baseline: JSON clone of the spec", measureOver(specs, (s) => JSON.parse(JSON.stringify(s)))],
    ["renderApp (objects only)", measureOver(specs, (s) => renderApp(s))],
    ["renderYaml (full bundle: objects + YAML)", measureOver(specs, (s) => renderYaml(s))],
    ["  same spec every time (memo warm)", measure(() => renderYaml(base))],
    ["validateAppSpec", measureOver(specs, (s) => validateAppSpec(s))],
    ["importYaml", measureOver(yamls, (y) => importYaml(y))],
  ];
  for (const [name, perSecond] of rows) console.log(`  ${name.padEnd(42)} ${Math.round(perSecond).toLocaleString("en-US").padStart(10)} /s`);
}

console.log(`rates per CPU second of this process, ${SECONDS} s each`);
report("typical app (seed nginx + Service + Ingress + HPA)", typicalApp());
report(`large app (${CONTAINERS} containers × ${ENV_PER_CONTAINER} env × ${PORTS_PER_CONTAINER} ports, probes, logs, all objects)`, largeApp());
