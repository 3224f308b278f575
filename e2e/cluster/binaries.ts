// Builds (once) and caches the control-plane binaries from Go modules:
//   kube-apiserver, kube-controller-manager, kube-scheduler, kubectl  <- k8s.io/kubernetes (kube/go.mod)
//   etcd                                                             <- go.etcd.io/etcd/server/v3 (etcd/go.mod)
//   kwok                                                             <- go install sigs.k8s.io/kwok/cmd/kwok@version
//   metrics-server (optional: a failed build leaves the plane without the metrics API)
//                                                                    <- go install sigs.k8s.io/metrics-server/cmd/metrics-server@version
// Binaries live outside the repository in one directory keyed by the Kubernetes version:
//   ${BERTH_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/berth}/k8s/<version>/bin/
// A stamp file per component is written only after that component built successfully;
// with a stamp (and the binaries) present the build is skipped.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ETCD_VERSION, KUBERNETES_VERSION, KWOK_VERSION, METRICS_SERVER_VERSION, MIN_GO } from "./versions";

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface Binaries {
  binDir: string;
  kubeApiserver: string;
  kubeControllerManager: string;
  kubeScheduler: string;
  kubectl: string;
  etcd: string;
  kwok: string;
  /** null when it could not be built (the reason is in `metricsServerProblem`). */
  metricsServer: string | null;
  metricsServerProblem?: string;
}

export interface EnsureBinariesOptions {
  /** Cache root; default $BERTH_CACHE_DIR or ~/.cache/berth. */
  cacheDir?: string;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
  /** Rebuild even if stamps exist. */
  force?: boolean;
}

export class GoToolchainMissingError extends Error {}

const KUBE_BINARIES = ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubectl"] as const;

export function defaultCacheDir(): string {
  if (process.env.BERTH_CACHE_DIR) return path.resolve(process.env.BERTH_CACHE_DIR);
  const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(xdg, "berth");
}

export function binariesFor(cacheDir = defaultCacheDir()): Binaries {
  const binDir = path.join(cacheDir, "k8s", KUBERNETES_VERSION, "bin");
  return {
    binDir,
    kubeApiserver: path.join(binDir, "kube-apiserver"),
    kubeControllerManager: path.join(binDir, "kube-controller-manager"),
    kubeScheduler: path.join(binDir, "kube-scheduler"),
    kubectl: path.join(binDir, "kubectl"),
    etcd: path.join(binDir, "etcd"),
    kwok: path.join(binDir, "kwok"),
    metricsServer: path.join(binDir, "metrics-server"),
  };
}

interface Component {
  name: string;
  stamp: string;
  outputs: string[];
  build: (outDir: string) => Promise<void>;
  /** A failed build is logged and remembered (stamps/<name>.failed) instead of stopping the start. */
  optional?: boolean;
}

/** Returns the cached binaries, building whatever is missing first. */
export async function ensureBinaries(opts: EnsureBinariesOptions = {}): Promise<Binaries> {
  const cacheDir = opts.cacheDir ? path.resolve(opts.cacheDir) : defaultCacheDir();
  const log = opts.log ?? ((l: string) => process.stderr.write(`[cluster] ${l}\n`));
  const bins = binariesFor(cacheDir);
  const versionDir = path.dirname(bins.binDir);
  const stampDir = path.join(versionDir, "stamps");
  const logDir = path.join(versionDir, "logs");

  const components: Component[] = [
    {
      name: `kubernetes ${KUBERNETES_VERSION}`,
      stamp: path.join(stampDir, `kube-${KUBERNETES_VERSION}`),
      outputs: [...KUBE_BINARIES],
      build: (out) => buildKube(out, path.join(logDir, "kube-build.log"), log),
    },
    {
      name: `etcd ${ETCD_VERSION}`,
      stamp: path.join(stampDir, `etcd-${ETCD_VERSION}`),
      outputs: ["etcd"],
      build: (out) => buildEtcd(out, path.join(logDir, "etcd-build.log"), log),
    },
    {
      name: `kwok ${KWOK_VERSION}`,
      stamp: path.join(stampDir, `kwok-${KWOK_VERSION}`),
      outputs: ["kwok"],
      build: (out) => buildKwok(out, path.join(logDir, "kwok-build.log"), log),
    },
    {
      name: `metrics-server ${METRICS_SERVER_VERSION}`,
      stamp: path.join(stampDir, `metrics-server-${METRICS_SERVER_VERSION}`),
      outputs: ["metrics-server"],
      build: (out) => buildMetricsServer(out, path.join(logDir, "metrics-server-build.log"), log),
      optional: true,
    },
  ];

  const failedStamp = (c: Component) => `${c.stamp}.failed`;
  const isFresh = (c: Component) =>
    !opts.force &&
    ((fs.existsSync(c.stamp) && c.outputs.every((o) => isExecutable(path.join(bins.binDir, o)))) ||
      // An optional component that failed is retried only with `force` or after deleting its .failed stamp.
      (c.optional === true && fs.existsSync(failedStamp(c))));
  const withOptional = (): Binaries => {
    const ms = components.find((c) => c.outputs.includes("metrics-server"))!;
    if (fs.existsSync(ms.stamp) && isExecutable(bins.metricsServer!)) return bins;
    let why = "not built";
    try {
      why = fs.readFileSync(failedStamp(ms), "utf8").trim().split("\n")[0] || why;
    } catch {
      /* no record */
    }
    return { ...bins, metricsServer: null, metricsServerProblem: why };
  };
  if (components.every(isFresh)) return withOptional();

  fs.mkdirSync(bins.binDir, { recursive: true });
  fs.mkdirSync(stampDir, { recursive: true });
  fs.mkdirSync(logDir, { recursive: true });
  checkGo(log);

  const release = await acquireLock(path.join(versionDir, "build.lock"), log);
  try {
    for (const c of components) {
      if (isFresh(c)) continue; // maybe another process built it while we waited for the lock
      const outDir = fs.mkdtempSync(path.join(versionDir, "tmp-"));
      const started = Date.now();
      log(`building ${c.name} (first run only; cached in ${bins.binDir}) ...`);
      try {
        await c.build(outDir);
        for (const o of c.outputs) {
          const built = path.join(outDir, o);
          if (!isExecutable(built)) throw new Error(`build of ${c.name} produced no ${o}`);
          fs.renameSync(built, path.join(bins.binDir, o));
        }
        fs.rmSync(failedStamp(c), { force: true });
      } catch (e) {
        if (!c.optional) throw e;
        const why = `the build of ${c.name} failed: ${(e as Error).message.split("\n")[0]}`;
        fs.writeFileSync(failedStamp(c), `${why}\n${new Date().toISOString()}\n`);
        log(`${why}; continuing without it (to retry, delete ${failedStamp(c)})`);
        continue;
      } finally {
        fs.rmSync(outDir, { recursive: true, force: true });
      }
      const seconds = Math.round((Date.now() - started) / 1000);
      fs.writeFileSync(
        c.stamp,
        JSON.stringify({ component: c.name, builtAt: new Date().toISOString(), seconds, go: goVersion() }, null, 2) + "\n",
      );
      log(`built ${c.name} in ${seconds}s`);
    }
  } finally {
    release();
  }
  return withOptional();
}

function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

// Go's official install location is tried when `go` is not on PATH (a CI shell may not add it).
const GO_DEFAULT_INSTALL = "/usr/local/go/bin/go";

function goBin(): string {
  if (process.env.BERTH_GO) return process.env.BERTH_GO;
  const onPath = spawnSync("go", ["version"], { stdio: "ignore" }).status === 0;
  return !onPath && fs.existsSync(GO_DEFAULT_INSTALL) ? GO_DEFAULT_INSTALL : "go";
}

function goVersion(): string {
  const r = spawnSync(goBin(), ["env", "GOVERSION"], { encoding: "utf8" });
  return (r.stdout || "").trim();
}

function checkGo(log: (l: string) => void): void {
  const r = spawnSync(goBin(), ["env", "GOVERSION"], { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    throw new GoToolchainMissingError(
      `The Go toolchain ("${goBin()}") was not found or does not work. The test Kubernetes control plane ` +
        `(kube-apiserver ${KUBERNETES_VERSION}, etcd ${ETCD_VERSION}, kwok ${KWOK_VERSION}) is built from Go modules ` +
        `on first use, which needs Go >= ${MIN_GO.join(".")}: install it from https://go.dev/dl/ (or your OS package ` +
        `manager), put \`go\` on PATH or set BERTH_GO=/path/to/go, and make sure the Go module proxy is reachable. ` +
        (r.error ? `(${r.error.message})` : `(${(r.stderr || "").trim()})`),
    );
  }
  const v = r.stdout.trim(); // e.g. go1.26.8
  const m = /^go(\d+)\.(\d+)/.exec(v);
  if (m) {
    const [maj, min] = [Number(m[1]), Number(m[2])];
    const tooOld = maj < MIN_GO[0] || (maj === MIN_GO[0] && min < MIN_GO[1]);
    if (tooOld && min < 21) {
      throw new GoToolchainMissingError(
        `${v} is too old to build Kubernetes ${KUBERNETES_VERSION}; install Go >= ${MIN_GO.join(".")} from https://go.dev/dl/.`,
      );
    }
    if (tooOld) log(`${v} is older than go${MIN_GO.join(".")}: Go will fetch a newer toolchain (GOTOOLCHAIN=auto)`);
  }
}

/** Runs a command under `nice -n 10` (the build shares the machine), logging to a file. */
function run(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): Promise<void> {
  const hasNice = spawnSync("nice", ["true"]).status === 0;
  const [file, argv] = hasNice ? ["nice", ["-n", "10", cmd, ...args]] : [cmd, args];
  fs.appendFileSync(opts.logFile, `\n$ ${[file, ...argv].join(" ")}\n`);
  const out = fs.openSync(opts.logFile, "a");
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", out, out] });
    const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
    const onInt = forward("SIGINT");
    const onTerm = forward("SIGTERM");
    const onExit = () => child.kill("SIGKILL");
    process.once("SIGINT", onInt);
    process.once("SIGTERM", onTerm);
    process.once("exit", onExit);
    child.on("error", (e) => reject(e));
    child.on("exit", (code, signal) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      process.off("exit", onExit);
      fs.closeSync(out);
      if (code === 0) return resolve();
      const tail = fs.readFileSync(opts.logFile, "utf8").split("\n").slice(-30).join("\n");
      reject(new Error(`${cmd} ${args[0]} failed (${signal ?? `exit ${code}`}); see ${opts.logFile}\n${tail}`));
    });
  });
}

function goEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, CGO_ENABLED: "0", ...extra };
}

/** The ldflags hack/lib/version.sh sets, so /version and `kubectl version` report the real version. */
export function kubeVersionLdflags(version = KUBERNETES_VERSION): string {
  const m = /^v(\d+)\.(\d+)\./.exec(version);
  if (!m) throw new Error(`bad version ${version}`);
  const buildDate = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const flags = ["-s", "-w"];
  for (const pkg of ["k8s.io/client-go/pkg/version", "k8s.io/component-base/version"]) {
    flags.push(
      `-X '${pkg}.gitVersion=${version}'`,
      `-X '${pkg}.gitMajor=${m[1]}'`,
      `-X '${pkg}.gitMinor=${m[2]}'`,
      `-X '${pkg}.gitTreeState=clean'`,
      `-X '${pkg}.buildDate=${buildDate}'`,
    );
  }
  return flags.join(" ");
}

async function buildKube(outDir: string, logFile: string, log: (l: string) => void): Promise<void> {
  log(`  go build of ${KUBE_BINARIES.join(", ")} (cold: about 10 minutes on 2 cores); log: ${logFile}`);
  await run(
    goBin(),
    [
      "build",
      "-trimpath",
      "-buildvcs=false",
      "-tags",
      "selinux,notest",
      "-ldflags",
      kubeVersionLdflags(),
      "-o",
      outDir + path.sep,
      ...KUBE_BINARIES.map((b) => `k8s.io/kubernetes/cmd/${b}`),
    ],
    { cwd: path.join(HERE, "kube"), env: goEnv(), logFile },
  );
}

async function buildEtcd(outDir: string, logFile: string, log: (l: string) => void): Promise<void> {
  log(`  go build of etcd; log: ${logFile}`);
  await run(goBin(), ["build", "-trimpath", "-buildvcs=false", "-ldflags", "-s -w", "-o", path.join(outDir, "etcd"), "."], {
    cwd: path.join(HERE, "etcd"),
    env: goEnv(),
    logFile,
  });
}

async function buildKwok(outDir: string, logFile: string, log: (l: string) => void): Promise<void> {
  log(`  go install sigs.k8s.io/kwok/cmd/kwok@${KWOK_VERSION}; log: ${logFile}`);
  await run(goBin(), ["install", "-trimpath", "-buildvcs=false", "-ldflags", "-s -w", `sigs.k8s.io/kwok/cmd/kwok@${KWOK_VERSION}`], {
    cwd: os.tmpdir(), // outside any module: `go install pkg@version` builds it on its own
    env: goEnv({ GOBIN: outDir, GOFLAGS: "" }),
    logFile,
  });
}

async function buildMetricsServer(outDir: string, logFile: string, log: (l: string) => void): Promise<void> {
  log(`  go install sigs.k8s.io/metrics-server/cmd/metrics-server@${METRICS_SERVER_VERSION}; log: ${logFile}`);
  await run(
    goBin(),
    ["install", "-trimpath", "-buildvcs=false", "-ldflags", "-s -w", `sigs.k8s.io/metrics-server/cmd/metrics-server@${METRICS_SERVER_VERSION}`],
    { cwd: os.tmpdir(), env: goEnv({ GOBIN: outDir, GOFLAGS: "" }), logFile },
  );
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A directory lock so two processes (say a test run and `npm run cluster`) don't build at once. */
async function acquireLock(lockDir: string, log: (l: string) => void): Promise<() => void> {
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, "pid"), String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(path.join(lockDir, "pid"), "utf8"));
      } catch {
        /* being created or removed */
      }
      let ageMs = 0;
      try {
        ageMs = Date.now() - fs.statSync(lockDir).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      const stale = Number.isFinite(owner) && owner > 0 ? !pidAlive(owner) : ageMs > 30_000;
      if (stale) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!announced) {
        log(`another process (pid ${owner}) is building the binaries; waiting for it ...`);
        announced = true;
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}
