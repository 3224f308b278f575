// `migrate resolve --rolled-back <name>`: after a failed migration was fixed, mark the failed
// attempt rolled back so the next deploy applies the migration again.
import pg from "pg";
import { MigrationError } from "./apply-migrations";
import { markRolledBack } from "./migrations-table";

export async function resolveRolledBack(connectionString: string, name: string): Promise<void> {
  const db = new pg.Client({ connectionString });
  await db.connect();
  try {
    const count = await markRolledBack(db, name);
    if (count === 0) throw new MigrationError(`Migration \`${name}\` has no failed attempt to mark rolled back.`);
  } finally {
    await db.end();
  }
}
