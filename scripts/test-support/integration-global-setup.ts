import { randomBytes } from "node:crypto";
import path from "node:path";
import { applyMigrations } from "../../prisma/tools/apply-migrations";
import { createTestDatabase } from "./test-database";

// Integration tests share one fresh, fully migrated database per run, on the real Postgres
// server that `npm test` starts (BERTH_TEST_PG_URL). Each test makes its own users and teams,
// so tests never depend on each other's rows. Workers inherit the env set here.
export default async function setup() {
  if (!process.env.BERTH_TEST_PG_URL) {
    throw new Error("BERTH_TEST_PG_URL is not set: run the integration tests through `npm test`, which starts Postgres.");
  }
  const database = await createTestDatabase("berth_it");
  await applyMigrations({ connectionString: database.url, migrationsDir: path.resolve(__dirname, "../../prisma/migrations"), log: () => {} });
  process.env.DATABASE_URL = database.url;
  setTestSecrets();
  return async () => {
    await database.drop();
  };
}

/** The secrets and limits every integration run uses (fresh per run), unless given. */
export function setTestSecrets(): void {
  process.env.AUTH_SECRET ??= randomBytes(33).toString("base64");
  process.env.BERTH_ENCRYPTION_KEY ??= randomBytes(32).toString("hex");
  process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  process.env.BERTH_SIGNIN_MAX_PER_ACCOUNT ??= "5";
}
