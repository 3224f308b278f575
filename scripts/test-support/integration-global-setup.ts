import { setThrowawaySecrets, useMigratedTestDatabase } from "./data-layer-database";

// Integration tests share one fresh, fully migrated database per run, on the real Postgres
// server that `npm test` starts (BERTH_TEST_PG_URL). Each test makes its own users and teams,
// so tests never depend on each other's rows. Workers inherit the env set here.
export default async function setup() {
  if (!process.env.BERTH_TEST_PG_URL) {
    throw new Error("BERTH_TEST_PG_URL is not set: run the integration tests through `npm test`, which starts Postgres.");
  }
  const database = await useMigratedTestDatabase("berth_it");
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
