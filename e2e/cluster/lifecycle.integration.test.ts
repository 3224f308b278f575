// The control plane's process hygiene: stop() leaves nothing behind, and neither does a
// SIGKILLed owner (watchdog) or a killed `npx` launcher of the CLI (the way scripts/test.sh
// runs it). These tests start their own control planes (1 node each), independent of the
// shared one.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { pidAlive, startControlPlane } from "./control-plane";
import { eventually } from "./test-support";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "../..");
const spawned: ChildProcess[] = [];

afterEach(() => {
  for (const c of spawned.splice(0)) if (c.pid && c.exitCode === null) c.kill("SIGKILL");
});

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    rl.once("line", (l) => resolve(l));
    child.once("exit", (code) => reject(new Error(`helper exited with ${code} before printing`)));
  });
}

describe("control plane lifecycle", () => {
  it("stop() terminates every process and removes the run directory", async () => {
    const cp = await startControlPlane({ nodes: 1, log: () => undefined });
    const procs = cp.processes();
    expect(procs.map((p) => p.name).sort()).toEqual(
      ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok", ...(cp.features.metricsApi ? ["metrics-server"] : [])].sort(),
    );
    for (const p of procs) expect(p.rssKiB).toBeGreaterThan(0);
    const kc = new KubeConfig();
    kc.loadFromFile(cp.adminKubeconfig);
    const nodes = await kc.makeApiClient(CoreV1Api).listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual(["kwok-node-0"]);

    await cp.stop();
    expect(procs.filter((p) => pidAlive(p.pid))).toEqual([]);
    expect(fs.existsSync(cp.runDir)).toBe(false);
  });

  it("kills its processes when the owning Node process is SIGKILLed", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(HERE, "testdata/start-and-wait.ts")], {
      cwd: REPO,
      stdio: ["ignore", "pipe", "inherit"],
    });
    spawned.push(child);
    const { runDir, pids } = JSON.parse(await firstLine(child)) as { runDir: string; pids: number[] };
    expect([5, 6]).toContain(pids.length); // metrics-server is the sixth when it was built
    expect(pids.every(pidAlive)).toBe(true);

    child.kill("SIGKILL");
    await eventually("the watchdog to kill the orphans and remove the run dir", async () =>
      pids.every((p) => !pidAlive(p)) && !fs.existsSync(runDir),
    { timeoutMs: 20_000 });
  });

  it("CLI: writes the env file when ready and stops everything when its npx launcher is killed", async () => {
    const envFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "berth-cli-test-")), "cluster.env");
    const npx = spawn("npx", ["tsx", "e2e/cluster/cli.ts", "--write-env", envFile, "--nodes", "1"], {
      cwd: REPO,
      stdio: ["ignore", "ignore", "ignore"],
    });
    spawned.push(npx);
    const text = await eventually("the env file", async () => fs.existsSync(envFile) && fs.readFileSync(envFile, "utf8"), {
      timeoutMs: 120_000,
    });
    const vars = Object.fromEntries(
      [...text.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1], m[2]]),
    ) as Record<string, string>;
    expect(Object.keys(vars)).toEqual(
      expect.arrayContaining([
        "BERTH_TEST_KUBECONFIG_ADMIN",
        "BERTH_TEST_KUBECONFIG_RESTRICTED",
        "BERTH_TEST_RESTRICTED_NAMESPACE",
        "BERTH_TEST_KUBECTL",
        "BERTH_TEST_K8S_SERVER",
      ]),
    );
    const kc = new KubeConfig();
    kc.loadFromFile(vars.BERTH_TEST_KUBECONFIG_ADMIN);
    expect(kc.getCurrentCluster()?.server).toBe(vars.BERTH_TEST_K8S_SERVER);
    const ns = await kc.makeApiClient(CoreV1Api).readNamespace({ name: vars.BERTH_TEST_RESTRICTED_NAMESPACE });
    expect(ns.metadata?.name).toBe("berth-restricted");
    const runDir = path.dirname(vars.BERTH_TEST_KUBECONFIG_ADMIN);
    const cliPid = Number(vars.BERTH_TEST_CLUSTER_PID);
    expect(pidAlive(cliPid)).toBe(true);
    const componentPids = fs
      .readFileSync(path.join(runDir, "pids"), "utf8")
      .trim()
      .split("\n")
      .map((l) => Number(l.split(" ")[1]));
    expect([5, 6]).toContain(componentPids.length); // metrics-server is the sixth when it was built

    npx.kill("SIGTERM"); // what `kill $!` does in scripts/test.sh
    await eventually(
      "the CLI to stop the control plane",
      async () =>
        !pidAlive(cliPid) && componentPids.every((p) => !pidAlive(p)) && !fs.existsSync(envFile) && !fs.existsSync(runDir),
      { timeoutMs: 30_000 },
    );
    fs.rmSync(path.dirname(envFile), { recursive: true, force: true });
  });
});
