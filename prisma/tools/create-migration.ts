// `migrate create <name>`: the SQL from the state the existing migrations produce to the current
// schema.prisma. The "previous state" is a real database: an in-memory PGlite shadow on which the
// actual migration files are applied (so hand-written SQL such as triggers is part of it), which
// the wasm schema engine introspects and diffs against the schema.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { applyMigrations, MigrationError } from "./apply-migrations";
import { migrationAdapterFactory } from "./migration-adapter";
import { ensureLockfile, migrationTimestamp, slugifyMigrationName, writeMigration } from "./migrations-dir";
import { servePglite } from "./pglite-server";
import { openSchemaEngine } from "./schema-engine";

/**
 * Indexes a migration creates by hand because schema.prisma cannot declare them (a GIN index over
 * btree_gin columns): the diff would drop them, so their statements are left out of new migrations.
 */
export const HAND_WRITTEN_INDEXES = ["AuditEvent_chainKey_target_trgm_idx"];

export interface CreateMigrationOptions {
  schemaPath: string;
  migrationsDir: string;
  name: string;
  now?: Date;
}

/** Returns the new migration.sql path, or null when the schema matches the migrations ("no changes"). */
export async function createMigration({ schemaPath, migrationsDir, name, now = new Date() }: CreateMigrationOptions): Promise<string | null> {
  const slug = slugifyMigrationName(name);
  await ensureLockfile(migrationsDir);
  const sql = await diffMigrationsToSchema(schemaPath, migrationsDir);
  if (sql === null) return null;
  return writeMigration(migrationsDir, `${migrationTimestamp(now)}_${slug}`, sql);
}

async function replayMigrations(shadowUrl: string, migrationsDir: string): Promise<void> {
  try {
    await applyMigrations({ connectionString: shadowUrl, migrationsDir, log: () => {} });
  } catch (error) {
    const reason = error instanceof MigrationError ? error.message.split("\n")[0] : String(error);
    throw new MigrationError(`Replaying the existing migrations on the in-memory shadow database failed: ${reason}`);
  }
}

/** The migration script from the migrations' end state to the schema, or null when equal. */
export async function diffMigrationsToSchema(schemaPath: string, migrationsDir: string): Promise<string | null> {
  const schema = { files: [{ path: path.basename(schemaPath), content: await readFile(schemaPath, "utf8") }] };
  const shadow = await servePglite();
  try {
    await replayMigrations(shadow.url, migrationsDir);
    const adapter = migrationAdapterFactory(shadow.url);
    const engine = await openSchemaEngine(adapter.factory);
    try {
      const result = await engine.diff({
        // "schemaDatasource" = the database the engine is connected to (the shadow), introspected.
        from: { tag: "schemaDatasource", ...schema, configDir: path.dirname(schemaPath) },
        to: { tag: "schemaDatamodel", ...schema },
        script: true,
        exitCode: true, // 2 when there is a difference
        filters: { externalTables: [], externalEnums: [] },
      });
      return result.exitCode === 2 ? withoutHandWrittenIndexes(result.stdout ?? "") : null;
    } finally {
      engine.free();
      await adapter.end();
    }
  } finally {
    await shadow.close();
  }
}

/** The script without the statements about HAND_WRITTEN_INDEXES (null when nothing else is left). */
export function withoutHandWrittenIndexes(sql: string): string | null {
  // The engine writes one "-- Comment\nSTATEMENT;" block per change, blocks separated by a blank line.
  const blocks = sql.split(/\n\s*\n/).filter((b) => !HAND_WRITTEN_INDEXES.some((name) => b.includes(`"${name}"`)));
  return blocks.some((b) => b.trim() !== "") ? `${blocks.join("\n\n").trim()}\n` : null;
}
