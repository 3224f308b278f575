// Prisma Migrate's bookkeeping table, kept exactly as Prisma does so that a machine with Prisma's
// native engines (`prisma migrate status|deploy|resolve`) reads the same history.
import { randomUUID } from "node:crypto";
import type pg from "pg";

export interface AppliedMigration {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

/** Prisma's own DDL for the table (schema-engine, postgres flavour). */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export const isFailed = (m: AppliedMigration) => m.finished_at === null && m.rolled_back_at === null;
export const isApplied = (m: AppliedMigration) => m.finished_at !== null && m.rolled_back_at === null;

export async function ensureMigrationsTable(db: pg.ClientBase): Promise<void> {
  await db.query(CREATE_TABLE);
}

export async function readMigrationsTable(db: pg.ClientBase): Promise<AppliedMigration[]> {
  const { rows } = await db.query<AppliedMigration>(
    `SELECT id, checksum, migration_name, started_at, finished_at, rolled_back_at, logs
       FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return rows;
}

/** Records the start of a migration (committed on its own, so a failure stays on record). */
export async function recordStarted(db: pg.ClientBase, name: string, checksum: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
     VALUES ($1, $2, $3, now(), 0)`,
    [id, checksum, name],
  );
  return id;
}

export async function recordFinished(db: pg.ClientBase, id: string): Promise<void> {
  await db.query(
    `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = applied_steps_count + 1 WHERE id = $1`,
    [id],
  );
}

export async function recordFailed(db: pg.ClientBase, id: string, logs: string): Promise<void> {
  await db.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, logs]);
}

/** `prisma migrate resolve --rolled-back`: the failed attempt stays as history but stops blocking. */
export async function markRolledBack(db: pg.ClientBase, name: string): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE "_prisma_migrations" SET rolled_back_at = now()
      WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL`,
    [name],
  );
  return rowCount ?? 0;
}
