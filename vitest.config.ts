import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = { "@": path.resolve(__dirname), "server-only": path.resolve(__dirname, "scripts/test-support/server-only-stub.ts") };

// Data-layer tests that do not run on PGlite, and why (docs/DATABASE.md "Tests on the embedded database").
const PGLITE_EXCLUDED = [
  // they deploy to (or read from) the Kubernetes test control plane: the cluster is what they test
  "lib/server/applications-adopt.integration.test.ts",
  "lib/server/applications.integration.test.ts",
  "lib/server/clusters.integration.test.ts",
  "lib/server/deployments-audit.integration.test.ts",
  "lib/server/deployments.integration.test.ts",
  // they open a second connection beside the app's (a superuser editing rows behind the append-only
  // trigger, the audit:verify process): the embedded server is ONE Postgres session (PGlite is
  // single-user) and takes one connection at a time, so a second client is refused there
  "lib/server/audit.integration.test.ts",
  "lib/server/audit-fields.integration.test.ts",
  "scripts/audit-verify.integration.test.ts",
  // property-based (hundreds of random calls per role): it tests authorization, not the database,
  // and takes minutes on the single-connection server
  "lib/server/fuzz.integration.test.ts",
];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "prisma/**/*.test.ts", "cli/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "node_modules/**", ".next*/**"],
          environment: "node",
          // Property tests (fast-check, hundreds of runs) are CPU-bound: on a loaded CI machine 5 s
          // (the default) is not enough. A timeout is a hang guard here, never a speed assertion.
          testTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.integration.test.ts"],
          exclude: ["node_modules/**", ".next*/**"],
          environment: "node",
          globalSetup: ["scripts/test-support/integration-global-setup.ts"],
          setupFiles: ["scripts/test-support/integration-env.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // The data layer's tests again on the embedded default (PGlite, one connection):
          // scripts/test-support/integration-pglite-global-setup.ts. Tests that need the
          // Kubernetes control plane or a Postgres server of their own run on Postgres only.
          name: "integration-pglite",
          include: ["lib/server/*.integration.test.ts", "scripts/audit-verify.integration.test.ts"],
          exclude: ["node_modules/**", ...PGLITE_EXCLUDED],
          environment: "node",
          globalSetup: ["scripts/test-support/integration-pglite-global-setup.ts"],
          setupFiles: ["scripts/test-support/integration-env.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
