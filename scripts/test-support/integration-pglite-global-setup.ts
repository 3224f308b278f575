import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../prisma/tools/apply-migrations";
import { servePglite } from "../../prisma/tools/pglite-server";
import { setTestSecrets } from "./integration-global-setup";

// The data-layer integration tests once more, on what `npm start` runs: an embedded PGlite
// database in a data folder, served on a private socket exactly as the launcher serves it
// (prisma/tools/pglite-server.ts), migrated by the same tool, and used through a pool of ONE
// connection (BERTH_DB_POOL_MAX=1, as the launcher forces). Triggers, advisory locks and
// SKIP LOCKED run in PGlite's Postgres; concurrent requests queue for the one connection.
export default async function setup(project: TestProject) {
  const folder = mkdtempSync(path.join(tmpdir(), "berth-it-pglite-"));
  const served = await servePglite(path.join(folder, "pglite"));
  await applyMigrations({ connectionString: served.url, migrationsDir: path.resolve(__dirname, "../../prisma/migrations"), log: () => {} });
  project.provide("databaseUrl", served.url); // integration-env.ts sets it in this project's workers
  project.provide("dbPoolMax", "1");
  setTestSecrets();
  return async () => {
    await served.close();
    rmSync(folder, { recursive: true, force: true });
  };
}
