// Serialises migrators across processes and machines sharing one database (several app instances
// may start at once). Same advisory lock key as Prisma Migrate, so our tool and Prisma's CLI also
// exclude each other. The lock is per session: it is released if the process dies.
import type pg from "pg";

const PRISMA_MIGRATE_LOCK_KEY = 72707369;

export async function withMigrationLock<T>(db: pg.ClientBase, log: (m: string) => void, run: () => Promise<T>): Promise<T> {
  const { rows } = await db.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [PRISMA_MIGRATE_LOCK_KEY]);
  if (!rows[0].locked) {
    log("Another migrator is running on this database; waiting for it to finish…");
    await db.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
  }
  try {
    return await run();
  } finally {
    // If the connection broke, closing it releases the lock anyway.
    await db.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]).catch(() => {});
  }
}
