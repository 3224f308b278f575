/**
 * Manifest benchmark: full-bundle renders and imports per second for a large
 * app (many containers, env rows, ports), on one core. Run:
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

function report(title: string, spec: AppSpec): void {
  const check = validateAppSpec(spec);
  if (!check.ok) throw new Error(`benchmark app is invalid: ${JSON.stringify(check.issues.slice(0, 3))}`);
  const yaml = renderYaml(spec);
  if (!importYaml(yaml).ok) throw new Error("benchmark YAML does not import");
  console.log(`\n${title}: ${renderApp(spec).length} objects, ${yaml.length} bytes of YAML`);
  const rows: [string, number][] = [
    ["baseline: JSON clone of the spec", measure(() => JSON.parse(JSON.stringify(spec)))],
    ["renderApp (objects)", measure(() => renderApp(spec))],
    ["renderYaml (objects + YAML text)", measure(() => renderYaml(spec))],
    ["validateAppSpec", measure(() => validateAppSpec(spec))],
    ["importYaml", measure(() => importYaml(yaml))],
  ];
  for (const [name, perSecond] of rows) console.log(`  ${name.padEnd(34)} ${Math.round(perSecond).toLocaleString("en-US").padStart(10)} /s`);
}

console.log(`rates per CPU second of this process, ${SECONDS} s each`);
report("typical app (seed nginx + Service + Ingress + HPA)", typicalApp());
report(`large app (${CONTAINERS} containers × ${ENV_PER_CONTAINER} env × ${PORTS_PER_CONTAINER} ports, probes, logs, all objects)`, largeApp());
