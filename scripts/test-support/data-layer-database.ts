import { randomBytes } from "node:crypto";
import path from "node:path";
import { applyMigrations } from "../../prisma/tools/apply-migrations";
import { createTestDatabase, type TestDatabase } from "./test-database";

/** Fresh session, encryption and server-action keys for a test or benchmark run, unless given. */
export function setThrowawaySecrets(): void {
  process.env.AUTH_SECRET ??= randomBytes(33).toString("base64");
  process.env.BERTH_ENCRYPTION_KEY ??= randomBytes(32).toString("hex");
  process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
}

/** A fresh, fully migrated database made the data layer's DATABASE_URL, with throwaway secrets: what integration tests and benchmarks run on. */
export async function useMigratedTestDatabase(prefix: string): Promise<TestDatabase> {
  const database = await createTestDatabase(prefix);
  await applyMigrations({ connectionString: database.url, migrationsDir: path.resolve(__dirname, "../../prisma/migrations"), log: () => {} });
  process.env.DATABASE_URL = database.url;
  setThrowawaySecrets();
  return database;
}
