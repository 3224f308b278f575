import path from "node:path";
import { defineConfig } from "vitest/config";

// Runs a benchmark that needs the data layer (ESM-only dependencies, the `server-only` guard) the
// way the integration tests load it: `npx vitest run --config bench/vitest.bench.config.mts`.
// Benchmarks print figures and assert nothing.
const root = path.resolve(import.meta.dirname, "..");
export default defineConfig({
  resolve: { alias: { "@": root, "server-only": path.join(root, "scripts/test-support/server-only-stub.ts") } },
  test: { include: ["bench/applications.bench.ts", "bench/api-deploy.bench.ts", "bench/pages.bench.ts", "bench/first-load.bench.ts"], environment: "node", testTimeout: 3_600_000, hookTimeout: 600_000, root },
});
