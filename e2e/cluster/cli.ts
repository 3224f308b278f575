// npm run cluster -- [--write-env PATH] [--nodes N] [--state-dir DIR] [--build-only]
//
// Builds (first run) or reuses the cached binaries, starts the control plane, prints the
// kubeconfig paths and stays in the foreground until SIGINT/SIGTERM, then stops everything.
// With --write-env PATH (alias --env-file, see below; or BERTH_CLUSTER_ENV_FILE=PATH), a
// shell-sourceable file is written (atomically) once the plane is fully ready, and removed on exit.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureBinaries, GoToolchainMissingError } from "./binaries";
import { startControlPlane, type ControlPlane } from "./control-plane";

const USAGE = `Usage: npm run cluster -- [options]

Starts a local Kubernetes control plane (etcd, kube-apiserver, kube-controller-manager,
kube-scheduler, kwok fake nodes, metrics-server; the cron-HPA CRD installed) for Berth
development and tests.

  --write-env PATH  write a sourceable file exporting BERTH_TEST_* once ready (removed on exit);
                    same as BERTH_CLUSTER_ENV_FILE=PATH. (--env-file PATH is an alias, but Node 20
                    grabs that flag for itself unless it follows a '--': cli.ts -- --env-file PATH)
  --nodes N         number of fake nodes (default 3)
  --state-dir DIR   parent directory for the run directory (default $TMPDIR/berth-cluster)
  --build-only      build/reuse the binaries, print their directory and exit
  -h, --help        this help

Binaries are cached in \${BERTH_CACHE_DIR:-~/.cache/berth}/k8s/<version>/bin.`;

const startedAt = Date.now();
class UsageError extends Error {}
const log = (l: string) => process.stderr.write(`[cluster] ${l}\n`);

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function writeAtomic(file: string, content: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function envFileContent(cp: ControlPlane): string {
  const vars: Record<string, string> = {
    BERTH_TEST_KUBECONFIG_ADMIN: cp.adminKubeconfig,
    BERTH_TEST_KUBECONFIG_RESTRICTED: cp.restrictedKubeconfig,
    BERTH_TEST_RESTRICTED_NAMESPACE: cp.restrictedNamespace,
    BERTH_TEST_KUBECTL: cp.kubectlPath,
    BERTH_TEST_K8S_SERVER: cp.server,
    BERTH_TEST_K8S_VERSION: cp.version,
    /** "1" when metrics.k8s.io is served (metrics-server built and available), else "0". */
    BERTH_TEST_METRICS_API: cp.features.metricsApi ? "1" : "0",
    BERTH_TEST_CLUSTER_PID: String(process.pid),
  };
  return (
    "# Written by e2e/cluster/cli.ts when the control plane became ready; removed when it stops.\n" +
    Object.entries(vars)
      .map(([k, v]) => `export ${k}=${shellQuote(v)}`)
      .join("\n") +
    "\n"
  );
}

// `npx tsx cli.ts &` makes a chain npm exec -> sh -c -> tsx -> node (this process). `kill $!`
// only reaches npm exec, which does not pass the signal on, and the rest of the chain is
// re-parented. So we watch every ancestor that is still alive shortly after start (transient
// ones such as a `( ... & )` subshell are gone by then) and stop when any of them exits.
interface Ancestor {
  pid: number;
  start: string;
}
function procStat(pid: number): { ppid: number; start: string; zombie: boolean } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(rest[1]), start: rest[19], zombie: rest[0] === "Z" };
  } catch {
    return undefined;
  }
}
function listAncestors(): Ancestor[] {
  const out: Ancestor[] = [];
  let pid = process.ppid;
  while (pid > 1 && out.length < 64) {
    const st = procStat(pid);
    if (!st) break;
    out.push({ pid, start: st.start });
    pid = st.ppid;
  }
  return out;
}
const hasProc = fs.existsSync("/proc/self/stat");
let ancestors: Ancestor[] | undefined;
// BERTH_CLUSTER_WATCH=parent (scripts/test.sh starts us with node directly): watch only the
// parent, so a detached caller further up (a CI wrapper, a backgrounded shell) cannot stop us.
const watchParentOnly = process.env.BERTH_CLUSTER_WATCH === "parent";
const ancestorsAtStart = hasProc ? listAncestors().slice(0, watchParentOnly ? 1 : undefined) : [];
const initialParent = process.ppid;
setTimeout(() => {
  ancestors = ancestorsAtStart.filter((a) => {
    const st = procStat(a.pid);
    return st && !st.zombie && st.start === a.start;
  });
}, 700).unref();
/** pid of a watched launcher that has exited, if any. */
function ancestorGone(): number | undefined {
  if (!hasProc) return process.ppid !== initialParent ? initialParent : undefined;
  for (const a of ancestors ?? []) {
    const st = procStat(a.pid);
    if (!st || st.zombie || st.start !== a.start) return a.pid;
  }
  return undefined;
}

async function main(): Promise<number> {
  // Node 20 treats a script argument named --env-file as its own option (nodejs/node#54232) and
  // exits with "node: PATH: not found" before this script runs. So the documented flag is
  // --write-env; --env-file still works when it reaches us, e.g. after a `--` separator
  // (`tsx e2e/cluster/cli.ts -- --env-file PATH`) or on a Node version without the bug.
  const argv = process.argv.slice(2);
  if (argv[0] === "--") argv.shift();
  const { values } = parseArgs({
    args: argv,
    options: {
      "write-env": { type: "string" },
      "env-file": { type: "string" },
      nodes: { type: "string" },
      "state-dir": { type: "string" },
      "build-only": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  const envFileArg = values["write-env"] ?? values["env-file"] ?? process.env.BERTH_CLUSTER_ENV_FILE;
  const envFile = envFileArg ? path.resolve(envFileArg) : undefined;
  // A stale file from an earlier run must never be mistaken for this run's readiness signal.
  if (envFile) fs.rmSync(envFile, { force: true });

  if (values["build-only"]) {
    const bins = await ensureBinaries({ log });
    process.stdout.write(`${bins.binDir}\n`);
    return 0;
  }

  const nodes = values.nodes === undefined ? 3 : Number(values.nodes);
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 100) throw new UsageError("--nodes must be an integer from 1 to 100");

  // Signals during startup: startControlPlane cleans up itself when we stop it; remember the request.
  let cp: ControlPlane | undefined;
  let exiting = false;
  let resolveDone: (code: number) => void = () => undefined;
  const done = new Promise<number>((r) => (resolveDone = r));
  const shutdown = async (reason: string, code: number) => {
    if (exiting) return;
    exiting = true;
    log(`${reason}: stopping the control plane ...`);
    if (envFile) fs.rmSync(envFile, { force: true });
    const t = Date.now();
    await cp?.stop();
    log(`stopped in ${((Date.now() - t) / 1000).toFixed(1)}s`);
    resolveDone(code);
  };
  let firstSignalAt = 0;
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(sig, () => {
      // Ctrl-C may arrive twice at once (from the terminal and relayed by the tsx launcher):
      // only a repeat after a second counts as "exit now".
      if (firstSignalAt === 0) firstSignalAt = Date.now();
      else if (Date.now() - firstSignalAt < 1000) return;
      else {
        log("second signal: exiting now");
        process.exit(130); // the library's exit hook SIGKILLs the children and removes the run dir
      }
      if (!cp) {
        // Still starting: the library's own exit hook kills whatever was started.
        log(`${sig} during startup: aborting`);
        if (envFile) fs.rmSync(envFile, { force: true });
        process.exit(130);
      }
      void shutdown(sig, 0);
    });
  }

  // If a launcher dies while we are still starting, give up (the exit hook cleans up).
  const startupWatch = setInterval(() => {
    const gone = ancestorGone();
    if (gone && !cp) {
      log(`launching process ${gone} exited during startup: aborting`);
      if (envFile) fs.rmSync(envFile, { force: true });
      process.exit(1);
    }
  }, 1000);
  cp = await startControlPlane({ nodes, stateDir: values["state-dir"], log, handleSignals: false });
  clearInterval(startupWatch);
  const readySeconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  const procs = cp.processes();
  const rssMiB = procs.reduce((s, p) => s + p.rssKiB, 0) / 1024;
  const nodeRssMiB = process.memoryUsage().rss / 1024 / 1024;

  if (envFile) {
    fs.mkdirSync(path.dirname(envFile), { recursive: true });
    cp.removeOnStop(envFile);
    writeAtomic(envFile, envFileContent(cp));
  }
  process.stdout.write(
    [
      `Kubernetes ${cp.version} control plane ready in ${readySeconds}s (${procs.length} processes, ${rssMiB.toFixed(0)} MiB RSS; this CLI ${nodeRssMiB.toFixed(0)} MiB)`,
      `  server:                ${cp.server}`,
      `  admin kubeconfig:      ${cp.adminKubeconfig}`,
      `  restricted kubeconfig: ${cp.restrictedKubeconfig}   (namespace ${cp.restrictedNamespace} only)`,
      `  kubectl:               ${cp.kubectlPath}`,
      `  cron-HPA CRD:          installed (CronHorizontalPodAutoscaler, autoscaling.alibabacloud.com/v1beta1; objects are stored, no controller acts on their schedules)`,
      cp.features.metricsApi
        ? `  metrics API:           metrics.k8s.io served by metrics-server from kwok's fake usage (1m CPU, 1Mi per container; annotate a pod with kwok.x-k8s.io/usage-cpu / usage-memory to change it)`
        : `  metrics API:           NOT available — HorizontalPodAutoscalers cannot measure: ${cp.features.metricsProblem}`,
      ...(envFile ? [`  env file:              ${envFile}`] : []),
      `  try: ${cp.kubectlPath} --kubeconfig ${cp.adminKubeconfig} get nodes`,
      "Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );

  // Stop when a component dies, or when a process that launched us is gone (see watchAncestors).
  const monitor = setInterval(() => {
    const dead = cp!.unexpectedExits();
    if (dead.length) void shutdown(`component died (${dead.join(", ")})`, 1);
    const gone = ancestorGone();
    if (gone) void shutdown(`launching process ${gone} exited`, 1);
  }, 1000);
  const code = await done;
  clearInterval(monitor);
  return code;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof GoToolchainMissingError) log(e.message);
    else if (e instanceof UsageError || (e as { code?: string })?.code?.startsWith?.("ERR_PARSE_ARGS")) {
      log(`${(e as Error).message} (see --help)`);
      process.exit(2);
    }
    else log(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
