import type { TestProject } from "vitest/node";
import { setThrowawaySecrets, useMigratedTestDatabase } from "./data-layer-database";

// Integration tests share one fresh, fully migrated database per run, on the real Postgres
// server that `npm test` starts (BERTH_TEST_PG_URL). Each test makes its own users and teams,
// so tests never depend on each other's rows. The database reaches this project's workers through
// provide/inject (integration-env.ts), not process.env: every project's global setup runs in
// the one main process, so an env variable would be overwritten by the other project's.
export default async function setup(project: TestProject) {
  if (!process.env.BERTH_TEST_PG_URL) {
    throw new Error("BERTH_TEST_PG_URL is not set: run the integration tests through `npm test`, which starts Postgres.");
  }
  const database = await useMigratedTestDatabase("berth_it");
  project.provide("databaseUrl", database.url);
  project.provide("dbPoolMax", "");
  setTestSecrets();
  return async () => {
    await database.drop();
  };
}

/** The secrets and limits every integration run uses (fresh per run), unless given. */
export function setTestSecrets(): void {
  setThrowawaySecrets();
  process.env.BERTH_SIGNIN_MAX_PER_ACCOUNT ??= "5";
}
