// `migrate deploy`: applies pending migration folders to a database, keeping `_prisma_migrations`
// as Prisma Migrate does. Unlike the engines' script splitting, each migration.sql is sent as ONE
// simple-protocol query: Postgres runs such a multi-statement query as a single implicit
// transaction (so a migration is all-or-nothing) and `$$` function bodies arrive intact.
import pg from "pg";
import { listMigrations, type MigrationFile } from "./migrations-dir";
import {
  ensureMigrationsTable,
  isApplied,
  isFailed,
  readMigrationsTable,
  recordFailed,
  recordFinished,
  recordStarted,
  type AppliedMigration,
} from "./migrations-table";
import { withMigrationLock } from "./migration-lock";
import { connectWhenFree } from "./connect-when-free";

export interface ApplyMigrationsOptions {
  connectionString: string;
  migrationsDir: string;
  log?: (message: string) => void;
  /** Apply migrations up to and including this folder name only (restoring a dump made at that point, upgrade tests). */
  until?: string;
}

/** A refusal or failure the operator must act on; `message` says how. */
export class MigrationError extends Error {
  override name = "MigrationError";
}

export async function applyMigrations({
  connectionString,
  migrationsDir,
  log = console.log,
  until,
}: ApplyMigrationsOptions): Promise<{ applied: string[] }> {
  const files = await listMigrations(migrationsDir);
  const db = await connectWhenFree(() => new pg.Client({ connectionString }));
  try {
    return await withMigrationLock(db, log, async () => {
      await ensureMigrationsTable(db);
      const history = await readMigrationsTable(db);
      checkHistory(files, history, log);
      const done = new Set(history.filter(isApplied).map((m) => m.migration_name));
      if (until && !files.some((f) => f.name === until)) throw new MigrationError(`There is no migration \`${until}\` in ${migrationsDir}.`);
      const pending = files.filter((f) => !done.has(f.name) && (!until || f.name <= until));
      for (const file of pending) await applyOne(db, file, log);
      log(pending.length ? `Applied ${pending.length} migration(s).` : "No pending migrations.");
      return { applied: pending.map((f) => f.name) };
    });
  } finally {
    await db.end();
  }
}

function checkHistory(files: MigrationFile[], history: AppliedMigration[], log: (m: string) => void): void {
  const failed = history.find(isFailed);
  if (failed) {
    throw new MigrationError(
      `Migration \`${failed.migration_name}\` (started ${failed.started_at.toISOString()}) failed or was interrupted; ` +
        `no further migrations will be applied.\n${failed.logs ?? "(no log: the migrating process stopped)"}\n` +
        `Each migration runs in one transaction, so none of it was applied. Fix the migration, then mark the attempt ` +
        `rolled back: \`npx tsx prisma/tools/migrate.ts resolve --rolled-back ${failed.migration_name}\` ` +
        `(or \`prisma migrate resolve --rolled-back\`) and deploy again.`,
    );
  }
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const applied of history.filter(isApplied)) {
    const file = byName.get(applied.migration_name);
    if (!file) {
      log(`Warning: migration \`${applied.migration_name}\` is applied to the database but missing locally.`);
    } else if (file.checksum !== applied.checksum) {
      throw new MigrationError(
        `Migration \`${applied.migration_name}\` was modified after it was applied (checksum ${file.checksum} ` +
          `differs from the recorded ${applied.checksum}). Applied migrations must not change: restore the file ` +
          `and put the change in a new migration (\`npm run db:migration -- <name>\`).`,
      );
    }
  }
}

async function applyOne(db: pg.Client, file: MigrationFile, log: (m: string) => void): Promise<void> {
  log(`Applying migration \`${file.name}\``);
  const id = await recordStarted(db, file.name, file.checksum);
  try {
    await db.query(file.script); // no parameters → simple protocol → one implicit transaction
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = (error as { position?: string }).position;
    const logs = `Database error: ${message}${position ? ` (at character ${position} of migration.sql)` : ""}`;
    await recordFailed(db, id, logs);
    throw new MigrationError(
      `Migration \`${file.name}\` failed and was rolled back: ${logs}\n` +
        `It is recorded as failed and blocks further deploys until it is fixed and marked rolled back: ` +
        `\`npx tsx prisma/tools/migrate.ts resolve --rolled-back ${file.name}\`.`,
    );
  }
  await recordFinished(db, id);
}
