// Runs only the cluster integration tests, without the repository-wide integration
// globalSetup (Postgres): `npx vitest run --config e2e/cluster/vitest.cluster.config.ts`.
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: path.resolve(__dirname, "../.."),
  test: {
    include: ["e2e/cluster/**/*.integration.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
