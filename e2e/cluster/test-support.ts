// Helpers for integration tests that need Kubernetes.
// With the BERTH_TEST_* variables set (scripts/test.sh runs `e2e/cluster/cli.ts --env-file`
// and sources the file) the shared control plane is used; otherwise a private one is started,
// so a test file also runs on its own: `npx vitest run --config e2e/cluster/vitest.cluster.config.mts`.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { KubeConfig } from "@kubernetes/client-node";
import {
  createTestNamespace as createNs,
  deleteTestNamespace as deleteNs,
  startControlPlane,
  type ControlPlane,
} from "./control-plane";

export interface TestCluster {
  server: string;
  adminKubeconfig: string;
  restrictedKubeconfig: string;
  restrictedNamespace: string;
  kubectlPath: string;
  /** true if this process started the control plane (no BERTH_TEST_* environment). */
  ownsControlPlane: boolean;
  admin(): KubeConfig;
  restricted(): KubeConfig;
  createTestNamespace(prefix: string): Promise<string>;
  deleteTestNamespace(name: string): Promise<void>;
  /** kubectl with the admin kubeconfig (an out-of-band change, as a user would make it); resolves to its output. */
  kubectl(...args: string[]): Promise<string>;
  /** Stops the control plane if this process started it. */
  dispose(): Promise<void>;
}

export const TEST_ENV = {
  admin: "BERTH_TEST_KUBECONFIG_ADMIN",
  restricted: "BERTH_TEST_KUBECONFIG_RESTRICTED",
  restrictedNamespace: "BERTH_TEST_RESTRICTED_NAMESPACE",
  kubectl: "BERTH_TEST_KUBECTL",
  server: "BERTH_TEST_K8S_SERVER",
} as const;

export async function setupTestCluster(): Promise<TestCluster> {
  const env = process.env;
  let cp: ControlPlane | undefined;
  let cfg: Omit<TestCluster, "ownsControlPlane" | "admin" | "restricted" | "createTestNamespace" | "deleteTestNamespace" | "kubectl" | "dispose">;
  if (env[TEST_ENV.admin] && env[TEST_ENV.restricted] && env[TEST_ENV.server]) {
    cfg = {
      server: env[TEST_ENV.server]!,
      adminKubeconfig: env[TEST_ENV.admin]!,
      restrictedKubeconfig: env[TEST_ENV.restricted]!,
      restrictedNamespace: env[TEST_ENV.restrictedNamespace] || "berth-restricted",
      kubectlPath: env[TEST_ENV.kubectl] || "kubectl",
    };
  } else {
    cp = await startControlPlane();
    cfg = {
      server: cp.server,
      adminKubeconfig: cp.adminKubeconfig,
      restrictedKubeconfig: cp.restrictedKubeconfig,
      restrictedNamespace: cp.restrictedNamespace,
      kubectlPath: cp.kubectlPath,
    };
  }
  const load = (file: string) => {
    const kc = new KubeConfig();
    kc.loadFromFile(file);
    return kc;
  };
  return {
    ...cfg,
    ownsControlPlane: cp !== undefined,
    admin: () => load(cfg.adminKubeconfig),
    restricted: () => load(cfg.restrictedKubeconfig),
    createTestNamespace: (prefix) => createNs(prefix, cfg.adminKubeconfig),
    deleteTestNamespace: (name) => deleteNs(name, cfg.adminKubeconfig),
    kubectl: async (...args) => (await promisify(execFile)(cfg.kubectlPath, ["--kubeconfig", cfg.adminKubeconfig, ...args])).stdout,
    dispose: async () => {
      await cp?.stop();
    },
  };
}

/** Polls `probe` until it returns a value other than undefined/false; bounded, never asserts durations. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  { timeoutMs = 60_000, intervalMs = 200 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v as T;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) {
      throw new Error(`timed out waiting for ${what}; last result: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** HTTP status of a rejected @kubernetes/client-node call (ApiException.code). */
export async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    const code = (e as { code?: number }).code;
    if (typeof code === "number") return code;
    throw e;
  }
}
