// A real Kubernetes control plane for development and tests, without Docker:
// etcd + kube-apiserver + kube-controller-manager + kube-scheduler + kwok (fake nodes that
// make pods Running/Ready and report resource usage) + metrics-server (metrics.k8s.io through
// the aggregation layer, so HorizontalPodAutoscalers measure), all on 127.0.0.1 with ephemeral
// ports and a temp run directory. The cron-HPA CRD (CronHorizontalPodAutoscaler) is installed.
//
//   const cp = await startControlPlane();
//   ... cp.adminKubeconfig / cp.restrictedKubeconfig ...
//   await cp.stop();
//
// No orphans: every child runs in its own process group and is recorded in <runDir>/pids;
// stop(), SIGINT/SIGTERM and process exit kill them; a tiny shell watchdog kills them (and
// removes the run dir) if this Node process dies without cleaning up (SIGKILL, crash); and
// the next start reaps run dirs whose owner process is gone.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { ensureBinaries, type Binaries } from "./binaries";
import { KubeClient } from "./kube-client";
import { KUBERNETES_VERSION } from "./versions";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const KWOK_STAGES_DIR = path.join(HERE, "kwok-stages");
export const KWOK_LOGS_DIR = path.join(HERE, "kwok-logs");
/** kwok's Metric (kubelet /metrics/resource per node) and ClusterResourceUsage (1m CPU, 1Mi per container unless annotated). */
export const KWOK_METRICS_DIR = path.join(HERE, "kwok-metrics");
/** The CronHorizontalPodAutoscaler CRD the renderer targets (the same file the manifest tests dry-run against). */
export const CRON_HPA_CRD = path.join(HERE, "..", "..", "lib", "manifests", "testdata", "crds", "cronhpa.yaml");
export const CRON_HPA_CRD_NAME = "cronhorizontalpodautoscalers.autoscaling.alibabacloud.com";
export const METRICS_API_SERVICE = "v1beta1.metrics.k8s.io";

export const DEFAULT_RESTRICTED_NAMESPACE = "berth-restricted";
export const RESTRICTED_USER = "berth-restricted";
export const ADMIN_USER = "berth-admin";
export const STORAGE_CLASS = "standard";
/** Where the in-tree hostPath provisioner of kube-controller-manager creates volume directories. */
const HOSTPATH_PV_ROOT = "/tmp/hostpath_pv/";

export interface StartControlPlaneOptions {
  /** Parent directory for per-run directories (default: $TMPDIR/berth-cluster). */
  stateDir?: string;
  /** Number of fake (kwok) nodes; default 3. */
  nodes?: number;
  /** Binary cache root (default $BERTH_CACHE_DIR or ~/.cache/berth). */
  cacheDir?: string;
  /** Namespace the restricted user may manage; default "berth-restricted". */
  restrictedNamespace?: string;
  /** Kill everything on SIGINT/SIGTERM (then re-raise the signal). Default true. */
  handleSignals?: boolean;
  /** Give up starting after this long (default 180 s). */
  startTimeoutMs?: number;
  /** Progress lines; default writes to stderr. */
  log?: (line: string) => void;
}

export interface ProcessInfo {
  name: string;
  pid: number;
  rssKiB: number;
}

export interface ControlPlane {
  /** https://127.0.0.1:<port> */
  server: string;
  /** Kubeconfig of user berth-admin (group system:masters), client certificate embedded. */
  adminKubeconfig: string;
  /** Kubeconfig of user berth-restricted (bearer token), allowed only in restrictedNamespace. */
  restrictedKubeconfig: string;
  restrictedNamespace: string;
  kubectlPath: string;
  binDir: string;
  /** Temp directory of this run (removed by stop()). */
  runDir: string;
  version: string;
  /** What this cluster serves beyond the core: the cron-HPA CRD, the metrics API (and why not, if not). */
  features: { cronHpaCrd: boolean; metricsApi: boolean; metricsProblem?: string };
  /** The running processes and their resident memory. */
  processes(): ProcessInfo[];
  /** Also delete `file` whenever this control plane goes away (stop, exit, watchdog, reaper). */
  removeOnStop(file: string): void;
  /** Descriptions ("kube-apiserver: exit code 1") of children that died on their own. */
  unexpectedExits(): string[];
  stop(): Promise<void>;
}

type Log = (line: string) => void;

interface Child {
  name: string;
  proc: ChildProcess;
  logFile: string;
  exited: Promise<void>;
  exitInfo?: string;
}

export async function startControlPlane(opts: StartControlPlaneOptions = {}): Promise<ControlPlane> {
  // Ports are picked free and then handed to the components; another process (say another
  // engineer's control plane) may grab one in between. Then start over with new ports.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts);
    } catch (e) {
      if (attempt >= 3 || !/address already in use/i.test(String((e as Error).message))) throw e;
      (opts.log ?? ((l: string) => process.stderr.write(`[cluster] ${l}\n`)))("a port was taken meanwhile; retrying");
    }
  }
}

async function startOnce(opts: StartControlPlaneOptions): Promise<ControlPlane> {
  const log: Log = opts.log ?? ((l) => process.stderr.write(`[cluster] ${l}\n`));
  const nodes = opts.nodes ?? 3;
  const restrictedNamespace = opts.restrictedNamespace ?? DEFAULT_RESTRICTED_NAMESPACE;
  const stateRoot = path.resolve(opts.stateDir ?? path.join(os.tmpdir(), "berth-cluster"));
  fs.mkdirSync(stateRoot, { recursive: true });
  reapStaleRuns(stateRoot, log);

  const bins = await ensureBinaries({ cacheDir: opts.cacheDir, log });
  // Measured from here: building (or waiting for another process to build) is not starting.
  const deadline = Date.now() + (opts.startTimeoutMs ?? 180_000);
  const runDir = fs.mkdtempSync(path.join(stateRoot, "run-"));
  fs.writeFileSync(path.join(runDir, "owner.json"), JSON.stringify({ pid: process.pid, started: new Date().toISOString() }));
  const pidsFile = path.join(runDir, "pids");
  fs.writeFileSync(pidsFile, "");
  const logDir = path.join(runDir, "logs");
  fs.mkdirSync(logDir);

  const children: Child[] = [];
  let stopping = false;
  let stopped: Promise<void> | undefined;
  let client: KubeClient | undefined;
  const watchdog = startWatchdog(runDir);

  // --- emergency cleanup (synchronous: usable from process 'exit') ---------------------
  const extraFiles: string[] = [];
  const removeExtraFiles = () => {
    for (const f of extraFiles) fs.rmSync(f, { force: true });
  };
  const killAllSync = () => {
    for (const c of children) killGroup(c.proc.pid, "SIGKILL");
    killGroup(watchdog.pid, "SIGKILL");
    removeExtraFiles();
    fs.rmSync(runDir, { recursive: true, force: true });
  };
  const onExit = () => killAllSync();
  process.on("exit", onExit);
  const signalHandlers: Array<[NodeJS.Signals, () => void]> = [];
  if (opts.handleSignals ?? true) {
    for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as NodeJS.Signals[]) {
      const h = () => {
        void stop().finally(() => {
          // Re-raise so the default behaviour (or other handlers) still applies.
          if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
        });
      };
      process.once(sig, h);
      signalHandlers.push([sig, h]);
    }
  }

  const spawnChild = (name: string, file: string, args: string[]): Child => {
    const logFile = path.join(logDir, `${name}.log`);
    const fd = fs.openSync(logFile, "a");
    const proc = spawn(file, args, { detached: true, stdio: ["ignore", fd, fd], cwd: runDir });
    fs.closeSync(fd);
    if (proc.pid === undefined) throw new Error(`could not start ${name} (${file})`);
    fs.appendFileSync(pidsFile, `${name} ${proc.pid}\n`);
    const child: Child = {
      name,
      proc,
      logFile,
      exited: new Promise((resolve) => {
        proc.on("exit", (code, signal) => {
          child.exitInfo = signal ? `signal ${signal}` : `exit code ${code}`;
          if (!stopping) log(`${name} exited unexpectedly (${child.exitInfo}); log: ${logFile}`);
          resolve();
        });
        proc.on("error", (e) => {
          child.exitInfo = e.message;
          resolve();
        });
      }),
    };
    children.push(child);
    return child;
  };

  const stop = (): Promise<void> => {
    if (stopped) return stopped;
    stopping = true;
    stopped = (async () => {
      await cleanupHostPathVolumes(client).catch(() => undefined);
      client?.close();
      // Clients first, then the apiserver, then etcd; SIGKILL whatever is left after a grace period.
      const order = [["metrics-server", "kwok", "kube-scheduler", "kube-controller-manager"], ["kube-apiserver"], ["etcd"]];
      for (const group of order) {
        const cs = children.filter((c) => group.includes(c.name));
        for (const c of cs) killGroup(c.proc.pid, "SIGTERM");
        await Promise.race([Promise.all(cs.map((c) => c.exited)), sleep(5000)]);
        for (const c of cs) killGroup(c.proc.pid, "SIGKILL");
      }
      await Promise.race([Promise.all(children.map((c) => c.exited)), sleep(2000)]);
      killGroup(watchdog.pid, "SIGKILL");
      removeExtraFiles();
      fs.rmSync(runDir, { recursive: true, force: true });
      process.off("exit", onExit);
      for (const [sig, h] of signalHandlers) process.off(sig, h);
    })();
    return stopped;
  };

  const checkAlive = (what: string) => {
    const dead = children.find((c) => c.exitInfo !== undefined);
    if (dead) {
      throw new Error(`${dead.name} exited during startup (${dead.exitInfo}):\n${tail(dead.logFile, 25)}`);
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; logs in ${logDir}`);
  };

  try {
    const [etcdClientPort, etcdPeerPort, apiPort, kwokPort, metricsPort] = await freePorts(5);
    const pki = makePki(runDir);
    const server = `https://127.0.0.1:${apiPort}`;
    const restrictedToken = crypto.randomBytes(24).toString("hex");
    fs.writeFileSync(
      path.join(runDir, "pki", "tokens.csv"),
      `${restrictedToken},${RESTRICTED_USER},${RESTRICTED_USER},"berth:restricted"\n`,
      { mode: 0o600 },
    );

    // Kubeconfigs embed all data (Berth refuses kubeconfigs that point at files).
    const adminKubeconfig = path.join(runDir, "admin.kubeconfig");
    const restrictedKubeconfig = path.join(runDir, "restricted.kubeconfig");
    writeKubeconfig(adminKubeconfig, {
      server,
      caPem: pki.caPem,
      user: ADMIN_USER,
      auth: { "client-certificate-data": b64(pki.adminCertPem), "client-key-data": b64(pki.adminKeyPem) },
    });
    writeKubeconfig(restrictedKubeconfig, {
      server,
      caPem: pki.caPem,
      user: RESTRICTED_USER,
      auth: { token: restrictedToken },
      namespace: restrictedNamespace,
    });

    // --- etcd ---
    const etcdUrl = `http://127.0.0.1:${etcdClientPort}`;
    const peerUrl = `http://127.0.0.1:${etcdPeerPort}`;
    spawnChild("etcd", bins.etcd, [
      "--name=berth",
      `--data-dir=${path.join(runDir, "etcd")}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=berth=${peerUrl}`,
      "--initial-cluster-state=new",
      "--unsafe-no-fsync=true",
      "--log-level=warn",
    ]);
    await waitFor("etcd", 100, checkAlive, async () => {
      const r = await httpGet(`${etcdUrl}/health`);
      return r.status === 200 && /"health":\s*"true"/.test(r.text);
    });

    // --- kube-apiserver ---
    const p = (f: string) => path.join(runDir, "pki", f);
    spawnChild("kube-apiserver", bins.kubeApiserver, [
      `--etcd-servers=${etcdUrl}`,
      "--bind-address=127.0.0.1",
      "--advertise-address=127.0.0.1",
      `--secure-port=${apiPort}`,
      `--cert-dir=${path.join(runDir, "apiserver-certs")}`,
      `--tls-cert-file=${p("apiserver.crt")}`,
      `--tls-private-key-file=${p("apiserver.key")}`,
      `--client-ca-file=${p("ca.crt")}`,
      `--token-auth-file=${p("tokens.csv")}`,
      "--authorization-mode=RBAC",
      "--service-cluster-ip-range=10.96.0.0/16",
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      `--service-account-key-file=${p("sa.pub")}`,
      `--service-account-signing-key-file=${p("sa.key")}`,
      "--allow-privileged=true",
      "--endpoint-reconciler-type=none",
      "--profiling=false",
      // Pod logs: the API server reaches the "kubelet" that kwok serves, at the nodes' ExternalIP.
      "--kubelet-preferred-address-types=ExternalIP,InternalIP,Hostname",
      // The aggregation layer (front proxy), so metrics-server can serve metrics.k8s.io.
      `--requestheader-client-ca-file=${p("front-proxy-ca.crt")}`,
      "--requestheader-allowed-names=front-proxy-client",
      "--requestheader-username-headers=X-Remote-User",
      "--requestheader-group-headers=X-Remote-Group",
      "--requestheader-extra-headers-prefix=X-Remote-Extra-",
      `--proxy-client-cert-file=${p("front-proxy-client.crt")}`,
      `--proxy-client-key-file=${p("front-proxy-client.key")}`,
    ]);
    client = new KubeClient({ server, caPem: pki.caPem, certPem: pki.adminCertPem, keyPem: pki.adminKeyPem });
    const api = client;
    await waitFor("kube-apiserver /readyz", 250, checkAlive, async () => {
      const r = await api.request("GET", "/readyz");
      return r.status === 200;
    });

    // --- controllers, scheduler, fake nodes ---
    spawnChild("kube-controller-manager", bins.kubeControllerManager, [
      `--kubeconfig=${adminKubeconfig}`,
      "--leader-elect=false",
      "--bind-address=127.0.0.1",
      "--secure-port=0",
      `--root-ca-file=${p("ca.crt")}`,
      `--service-account-private-key-file=${p("sa.key")}`,
      "--enable-hostpath-provisioner=true",
      "--node-monitor-grace-period=2m",
      "--controllers=*,-bootstrapsigner,-tokencleaner",
    ]);
    spawnChild("kube-scheduler", bins.kubeScheduler, [
      `--kubeconfig=${adminKubeconfig}`,
      "--leader-elect=false",
      "--bind-address=127.0.0.1",
      "--secure-port=0",
    ]);
    const kwokConfig = path.join(runDir, "kwok-stages.yaml");
    fs.writeFileSync(kwokConfig, `${kwokStagesConfig()}---\n${kwokLogsConfig()}`);
    spawnChild("kwok", bins.kwok, [
      `--kubeconfig=${adminKubeconfig}`,
      `--config=${kwokConfig}`,
      "--manage-all-nodes=false",
      "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
      "--cidr=10.244.0.0/16",
      "--node-ip=10.240.0.1",
      // kwok's kubelet API (one server for all nodes; the nodes advertise this port): logs of fake
      // pods (KWOK_LOGS_DIR) for the API server, and /metrics/nodes/<node>/metrics/resource for
      // metrics-server (node annotation metrics.k8s.io/resource-metrics-path).
      `--server-address=127.0.0.1:${kwokPort}`,
      `--node-port=${kwokPort}`,
      `--tls-cert-file=${p("kwok.crt")}`,
      `--tls-private-key-file=${p("kwok.key")}`,
    ]);

    await bootstrapObjects(api, restrictedNamespace, nodes, kwokPort);
    await api.ensure("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", YAML.parse(fs.readFileSync(CRON_HPA_CRD, "utf8")));

    let metricsProblem: string | undefined = bins.metricsServer ? undefined : `metrics-server was not built (${bins.metricsServerProblem})`;
    if (bins.metricsServer) {
      spawnChild("metrics-server", bins.metricsServer, [
        "--bind-address=127.0.0.1",
        `--secure-port=${metricsPort}`,
        `--cert-dir=${path.join(runDir, "metrics-server-certs")}`,
        `--tls-cert-file=${p("metrics-server.crt")}`,
        `--tls-private-key-file=${p("metrics-server.key")}`,
        `--kubeconfig=${adminKubeconfig}`,
        `--authentication-kubeconfig=${adminKubeconfig}`,
        `--authorization-kubeconfig=${adminKubeconfig}`,
        "--kubelet-use-node-status-port",
        "--kubelet-preferred-address-types=ExternalIP",
        `--kubelet-certificate-authority=${p("ca.crt")}`,
        "--metric-resolution=15s",
      ]);
      await registerMetricsApi(api, metricsPort, pki.caPem);
    }

    await waitFor("the cron-HPA CRD to be established", 250, checkAlive, async () => {
      const r = await api.request("GET", `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${CRON_HPA_CRD_NAME}`);
      return (r.body?.status?.conditions ?? []).some((c: any) => c.type === "Established" && c.status === "True");
    });

    await waitFor("ServiceAccounts default/default and the fake nodes", 250, checkAlive, async () => {
      for (const ns of ["default", restrictedNamespace]) {
        if ((await api.request("GET", `/api/v1/namespaces/${ns}/serviceaccounts/default`)).status !== 200) return false;
      }
      const list = await api.request("GET", "/api/v1/nodes?labelSelector=type%3Dkwok");
      const ready = (list.body?.items ?? []).filter((n: any) =>
        (n.status?.conditions ?? []).some((c: any) => c.type === "Ready" && c.status === "True"),
      );
      return ready.length >= nodes;
    });
    if (bins.metricsServer) {
      // The metrics API is not essential for the rest: give it a bounded wait, then say why not.
      const until = Math.min(deadline, Date.now() + 60_000);
      for (;;) {
        const r = await api.request("GET", `/apis/apiregistration.k8s.io/v1/apiservices/${METRICS_API_SERVICE}`).catch(() => undefined);
        const cond = (r?.body?.status?.conditions ?? []).find((c: any) => c.type === "Available");
        if (cond?.status === "True") break;
        if (children.find((c) => c.name === "metrics-server")?.exitInfo !== undefined || Date.now() > until) {
          metricsProblem = `the metrics API did not become available (${cond?.message ?? "metrics-server exited"}); log: ${path.join(logDir, "metrics-server.log")}`;
          log(metricsProblem);
          break;
        }
        await sleep(250);
      }
    }

    return {
      server,
      adminKubeconfig,
      restrictedKubeconfig,
      restrictedNamespace,
      kubectlPath: bins.kubectl,
      binDir: bins.binDir,
      runDir,
      version: KUBERNETES_VERSION,
      features: { cronHpaCrd: true, metricsApi: metricsProblem === undefined, ...(metricsProblem ? { metricsProblem } : {}) },
      processes: () =>
        children.filter((c) => c.exitInfo === undefined).map((c) => ({ name: c.name, pid: c.proc.pid!, rssKiB: rssKiB(c.proc.pid!) })),
      removeOnStop: (file: string) => {
        extraFiles.push(path.resolve(file));
        fs.appendFileSync(path.join(runDir, "cleanup"), path.resolve(file) + "\n");
      },
      unexpectedExits: () => (stopping ? [] : children.filter((c) => c.exitInfo !== undefined).map((c) => `${c.name}: ${c.exitInfo}`)),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Creates namespace `<prefix>-<random>` (labelled berth.test/ephemeral=true) and returns its name. */
export async function createTestNamespace(
  prefix: string,
  adminKubeconfig: string | undefined = process.env.BERTH_TEST_KUBECONFIG_ADMIN,
): Promise<string> {
  if (!adminKubeconfig) throw new Error("createTestNamespace: no admin kubeconfig (set BERTH_TEST_KUBECONFIG_ADMIN)");
  const base = prefix.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 50) || "test";
  const name = `${base}-${crypto.randomBytes(3).toString("hex")}`;
  const c = KubeClient.fromKubeconfigFile(adminKubeconfig);
  try {
    await c.must("POST", "/api/v1/namespaces", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name, labels: { "berth.test/ephemeral": "true" } },
    });
    // Pods need the namespace's default ServiceAccount (created by kube-controller-manager).
    const until = Date.now() + 30_000;
    while ((await c.request("GET", `/api/v1/namespaces/${name}/serviceaccounts/default`)).status !== 200) {
      if (Date.now() > until) throw new Error(`ServiceAccount default not created in ${name}`);
      await sleep(100);
    }
    return name;
  } finally {
    c.close();
  }
}

/** Deletes a namespace (does not wait for it to be gone). */
export async function deleteTestNamespace(
  name: string,
  adminKubeconfig: string | undefined = process.env.BERTH_TEST_KUBECONFIG_ADMIN,
): Promise<void> {
  if (!adminKubeconfig) throw new Error("deleteTestNamespace: no admin kubeconfig");
  const c = KubeClient.fromKubeconfigFile(adminKubeconfig);
  try {
    await c.must("DELETE", `/api/v1/namespaces/${name}`, undefined, [404]);
  } finally {
    c.close();
  }
}

// ---------------------------------------------------------------------------------------

async function bootstrapObjects(api: KubeClient, ns: string, nodes: number, kubeletPort: number): Promise<void> {
  await api.ensure("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  const all = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];
  const read = ["get", "list", "watch"];
  await api.ensure(`/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/roles`, {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: "berth-app-manager", namespace: ns },
    rules: [
      { apiGroups: ["apps"], resources: ["statefulsets", "statefulsets/scale"], verbs: all },
      { apiGroups: ["apps"], resources: ["statefulsets/status", "controllerrevisions"], verbs: read },
      { apiGroups: [""], resources: ["services", "persistentvolumeclaims", "configmaps", "secrets"], verbs: all },
      { apiGroups: [""], resources: ["pods", "pods/log", "events", "endpoints"], verbs: read },
      { apiGroups: [""], resources: ["namespaces"], verbs: ["get"] },
      { apiGroups: ["events.k8s.io"], resources: ["events"], verbs: read },
      { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: read },
      { apiGroups: ["networking.k8s.io"], resources: ["ingresses"], verbs: all },
      { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: all },
      { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: all },
    ],
  });
  await api.ensure(`/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`, {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: "berth-app-manager", namespace: ns },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "berth-app-manager" },
    subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: RESTRICTED_USER }],
  });
  // Default StorageClass, served by kube-controller-manager's in-tree hostPath provisioner.
  await api.ensure("/apis/storage.k8s.io/v1/storageclasses", {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: STORAGE_CLASS, annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
    provisioner: "kubernetes.io/host-path",
    reclaimPolicy: "Delete",
    volumeBindingMode: "Immediate",
  });
  for (let i = 0; i < nodes; i++) {
    const name = `kwok-node-${i}`;
    const resources = { cpu: "32", memory: "256Gi", pods: "110", "ephemeral-storage": "1Ti" };
    await api.ensure("/api/v1/nodes", {
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name,
        annotations: {
          "kwok.x-k8s.io/node": "fake",
          "node.alpha.kubernetes.io/ttl": "0",
          "metrics.k8s.io/resource-metrics-path": `/metrics/nodes/${name}/metrics/resource`,
        },
        labels: {
          "kubernetes.io/arch": "amd64",
          "kubernetes.io/os": "linux",
          "kubernetes.io/hostname": name,
          "node-role.kubernetes.io/agent": "",
          type: "kwok",
        },
      },
      status: { capacity: resources, allocatable: resources },
    });
    await api.must(
      "PATCH",
      `/api/v1/nodes/${name}/status`,
      {
        status: {
          capacity: resources,
          allocatable: resources,
          nodeInfo: { kubeletVersion: `${KUBERNETES_VERSION}-kwok`, operatingSystem: "linux", architecture: "amd64" },
          addresses: [
            { type: "InternalIP", address: `10.240.0.${i + 1}` },
            // Where metrics-server reaches this node's (fake) kubelet: kwok's server on loopback.
            { type: "ExternalIP", address: "127.0.0.1" },
            { type: "Hostname", address: name },
          ],
          daemonEndpoints: { kubeletEndpoint: { Port: kubeletPort } },
        },
      },
      [],
      "application/merge-patch+json",
    );
  }
}

/** Removes the directories of hostPath volumes the in-tree provisioner created for this cluster. */
async function cleanupHostPathVolumes(api: KubeClient | undefined): Promise<void> {
  if (!api) return;
  const r = await api.request("GET", "/api/v1/persistentvolumes", undefined, { timeoutMs: 3000 });
  for (const pv of r.body?.items ?? []) {
    const dir: string | undefined = pv.spec?.hostPath?.path;
    if (dir && dir.startsWith(HOSTPATH_PV_ROOT) && !dir.includes("..")) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every fake pod's containers "log" the lines of KWOK_LOGS_DIR/current.txt (CRI log format), and
 * previous.txt for `previous=true`: kwok serves them through its kubelet API, so `kubectl logs`
 * (and Berth's log view) read real bytes through the API server's pods/log subresource.
 */
function kwokLogsConfig(): string {
  return [
    "apiVersion: kwok.x-k8s.io/v1alpha1",
    "kind: ClusterLogs",
    "metadata:",
    "  name: all-pods",
    "spec:",
    "  logs:",
    `  - logsFile: ${JSON.stringify(path.join(KWOK_LOGS_DIR, "current.txt"))}`,
    `    previousLogsFile: ${JSON.stringify(path.join(KWOK_LOGS_DIR, "previous.txt"))}`,
    "    follow: true",
    "",
  ].join("\n");
}

/**
 * metrics.k8s.io served by metrics-server on 127.0.0.1: an ExternalName Service (the aggregator
 * resolves it to the name itself, so no kube-proxy or endpoints are needed) and the APIService,
 * whose serving certificate is checked against the run's CA.
 */
async function registerMetricsApi(api: KubeClient, port: number, caPem: string): Promise<void> {
  await api.ensure("/api/v1/namespaces/kube-system/services", {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "metrics-server", namespace: "kube-system" },
    spec: { type: "ExternalName", externalName: "127.0.0.1", ports: [{ name: "https", port, protocol: "TCP" }] },
  });
  await api.ensure("/apis/apiregistration.k8s.io/v1/apiservices", {
    apiVersion: "apiregistration.k8s.io/v1",
    kind: "APIService",
    metadata: { name: METRICS_API_SERVICE },
    spec: {
      group: "metrics.k8s.io",
      version: "v1beta1",
      service: { name: "metrics-server", namespace: "kube-system", port },
      caBundle: b64(caPem),
      groupPriorityMinimum: 100,
      versionPriority: 100,
    },
  });
}

function kwokStagesConfig(): string {
  const files = [KWOK_STAGES_DIR, KWOK_METRICS_DIR].flatMap((dir) =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => path.join(dir, f)),
  );
  return files.map((f) => fs.readFileSync(f, "utf8").trim()).join("\n---\n") + "\n";
}

interface Pki {
  caPem: string;
  adminCertPem: string;
  adminKeyPem: string;
}

/** CA, apiserver serving cert, admin client cert (openssl) and the service-account key pair. */
function makePki(runDir: string): Pki {
  const dir = path.join(runDir, "pki");
  fs.mkdirSync(dir, { mode: 0o700 });
  const f = (n: string) => path.join(dir, n);
  const openssl = (...args: string[]) => {
    const r = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
    if (r.error) throw new Error(`openssl is needed to create the test cluster's certificates: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`openssl ${args.join(" ")} failed: ${r.stderr}`);
  };
  const key = (name: string) => {
    const { privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    fs.writeFileSync(f(name), privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    return privateKey;
  };
  const ca = (name: string, cn: string) => {
    key(`${name}.key`);
    openssl("req", "-x509", "-new", "-key", `${name}.key`, "-subj", `/CN=${cn}`, "-days", "3650", "-out", `${name}.crt`,
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature");
  };
  ca("ca", "berth-test-ca");
  // A separate CA for the aggregation layer's front proxy (requestheader): a client certificate
  // of the main CA must not be able to assert X-Remote-User to metrics-server.
  ca("front-proxy-ca", "berth-test-front-proxy-ca");
  const sign = (name: string, subj: string, ext: string, signer = "ca") => {
    key(`${name}.key`);
    fs.writeFileSync(f(`${name}.ext`), ext);
    openssl("req", "-new", "-key", `${name}.key`, "-subj", subj, "-out", `${name}.csr`);
    openssl("x509", "-req", "-in", `${name}.csr`, "-CA", `${signer}.crt`, "-CAkey", `${signer}.key`, "-CAcreateserial",
      "-days", "365", "-out", `${name}.crt`, "-extfile", `${name}.ext`);
  };
  const serving = (dns: string[]) =>
    "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n" +
    `subjectAltName=IP:127.0.0.1,${dns.map((d) => `DNS:${d}`).join(",")}\n`;
  sign("kwok", "/CN=kwok", serving(["localhost"]));
  sign("metrics-server", "/CN=metrics-server", serving(["localhost", "metrics-server.kube-system.svc"]));
  sign("front-proxy-client", "/CN=front-proxy-client", "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n", "front-proxy-ca");
  sign(
    "apiserver",
    "/CN=kube-apiserver",
    "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n" +
      "subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\n",
  );
  sign("admin", `/O=system:masters/CN=${ADMIN_USER}`, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n");
  const sa = key("sa.key");
  fs.writeFileSync(f("sa.pub"), crypto.createPublicKey(sa).export({ type: "spki", format: "pem" }));
  return {
    caPem: fs.readFileSync(f("ca.crt"), "utf8"),
    adminCertPem: fs.readFileSync(f("admin.crt"), "utf8"),
    adminKeyPem: fs.readFileSync(f("admin.key"), "utf8"),
  };
}

function writeKubeconfig(
  file: string,
  o: { server: string; caPem: string; user: string; auth: Record<string, string>; namespace?: string },
): void {
  const ctx = `${o.user}@berth-test`;
  const lines = [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "- name: berth-test",
    "  cluster:",
    `    server: ${o.server}`,
    `    certificate-authority-data: ${b64(o.caPem)}`,
    "users:",
    `- name: ${o.user}`,
    "  user:",
    ...Object.entries(o.auth).map(([k, v]) => `    ${k}: ${v}`),
    "contexts:",
    `- name: ${ctx}`,
    "  context:",
    "    cluster: berth-test",
    `    user: ${o.user}`,
    ...(o.namespace ? [`    namespace: ${o.namespace}`] : []),
    `current-context: ${ctx}`,
    "",
  ];
  fs.writeFileSync(file, lines.join("\n"), { mode: 0o600 });
}

const WATCHDOG = `
parent=$1; run=$2
alive() {
  if [ -r /proc/$1/stat ]; then
    ! grep -q '^[0-9]* (.*) Z' /proc/$1/stat 2>/dev/null
  else
    kill -0 "$1" 2>/dev/null
  fi
}
while alive "$parent" && [ -d "$run" ]; do sleep 1; done
[ -d "$run" ] || exit 0
if [ -f "$run/pids" ]; then
  while read -r name pid; do kill -TERM -"$pid" 2>/dev/null; done < "$run/pids"
  sleep 2
  while read -r name pid; do kill -KILL -"$pid" 2>/dev/null; done < "$run/pids"
fi
if [ -f "$run/cleanup" ]; then
  while read -r f; do rm -f "$f"; done < "$run/cleanup"
fi
rm -rf "$run"
`;

/** A detached shell that kills the run's process groups once this Node process is gone. */
function startWatchdog(runDir: string): ChildProcess {
  const w = spawn("/bin/sh", ["-c", WATCHDOG, "berth-cluster-watchdog", String(process.pid), runDir], {
    detached: true,
    stdio: "ignore",
  });
  w.unref();
  if (w.pid) fs.appendFileSync(path.join(runDir, "watchdog.pid"), String(w.pid));
  return w;
}

/** Kills the processes of run dirs whose owner is gone (e.g. after `kill -9` of a test run). */
function reapStaleRuns(stateRoot: string, log: Log): void {
  for (const entry of fs.readdirSync(stateRoot)) {
    if (!entry.startsWith("run-")) continue;
    const dir = path.join(stateRoot, entry);
    let owner = 0;
    try {
      owner = JSON.parse(fs.readFileSync(path.join(dir, "owner.json"), "utf8")).pid;
    } catch {
      try {
        if (Date.now() - fs.statSync(dir).mtimeMs < 60_000) continue; // being created right now
      } catch {
        continue;
      }
    }
    if (owner && pidAlive(owner)) continue;
    let pids: number[] = [];
    try {
      pids = fs
        .readFileSync(path.join(dir, "pids"), "utf8")
        .split("\n")
        .map((l) => Number(l.split(" ")[1]))
        .filter((n) => n > 0);
    } catch {
      /* none */
    }
    let killed = 0;
    for (const pid of pids) {
      // Only kill a pid that still belongs to this run (its command line mentions the run dir).
      let cmdline = "";
      try {
        cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      } catch {
        continue;
      }
      if (cmdline.includes(dir)) {
        killGroup(pid, "SIGKILL");
        killed++;
      }
    }
    try {
      for (const f of fs.readFileSync(path.join(dir, "cleanup"), "utf8").split("\n")) if (f) fs.rmSync(f, { force: true });
    } catch {
      /* nothing registered */
    }
    fs.rmSync(dir, { recursive: true, force: true });
    log(`reaped stale run ${dir}${killed ? ` (killed ${killed} leftover processes)` : ""}`);
  }
}

export function pidAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === "EPERM";
    }
  }
}

function killGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, sig);
  } catch {
    /* already gone */
  }
}

function rssKiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () =>
      new Promise<net.Server>((resolve, reject) => {
        const s = net.createServer();
        s.once("error", reject);
        s.listen(0, "127.0.0.1", () => resolve(s));
      }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

function httpGet(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
  });
}

async function waitFor(what: string, intervalMs: number, check: (what: string) => void, probe: () => Promise<boolean>): Promise<void> {
  for (;;) {
    check(what);
    try {
      if (await probe()) return;
    } catch {
      /* not up yet */
    }
    await sleep(intervalMs);
  }
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

function b64(s: string): string {
  return Buffer.from(s, "utf8").toString("base64");
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export type { Binaries };
