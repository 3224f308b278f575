// `npm run db:export -- FILE` and `npm run db:import -- FILE` (docs/DATABASE.md "Moving and backing up"):
// a logical copy of all of Berth's data (scripts/lib/database-dump.ts) out of, or into, the
// database Berth would use — DATABASE_URL, or the embedded one in BERTH_DATA_DIR (refused while
// Berth runs on it). Export + import = moving from the embedded default to Postgres (or back), a
// backup and its restore. The import goes into an empty database only, builds the dump's schema
// first (the same migrations), loads everything in one transaction, then applies the migrations
// the dump predates — so a dump of an older Berth is upgraded on the way in.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { applyMigrations, MigrationError } from "../prisma/tools/apply-migrations";
import { listMigrations } from "../prisma/tools/migrations-dir";
import { connectWhenFree } from "../prisma/tools/connect-when-free";
import { dumpClient, dumpMigrations, exportDatabase, importDatabase, nonEmptyTables } from "./lib/database-dump";
import { openDatabaseEndpoint, type DatabaseEndpoint } from "./lib/database-endpoint";

const root = path.resolve(__dirname, "..");
const migrationsDir = path.join(root, "prisma/migrations");
const USAGE = `Usage:
  npm run db:export -- FILE   write all of Berth's data to FILE (gzip'd JSON lines, mode 0600)
  npm run db:import -- FILE   load FILE into an EMPTY database, then apply newer migrations
Works on DATABASE_URL when set, else on the embedded database in BERTH_DATA_DIR (default ./data;
stop Berth first: the command takes the data folder's lock).`;

class UsageError extends Error {
  override name = "UsageError";
}

async function withEndpoint<T>(create: boolean, run: (endpoint: DatabaseEndpoint) => Promise<T>): Promise<T> {
  const endpoint = await openDatabaseEndpoint(root, process.env, { create });
  try {
    return await run(endpoint);
  } finally {
    await endpoint.close();
  }
}

async function withClient<T>(url: string, run: (db: ReturnType<typeof dumpClient>) => Promise<T>): Promise<T> {
  const db = await connectWhenFree(() => dumpClient(url));
  try {
    return await run(db);
  } finally {
    await db.end();
  }
}

const secretsNote = (dataDir: string | undefined) =>
  dataDir
    ? `Stored kubeconfigs stay encrypted with the BERTH_ENCRYPTION_KEY in ${path.join(dataDir, "secrets.json")}: keep that file with the dump, and give the same key (and AUTH_SECRET, or everyone signs in again) to wherever you import it.`
    : "Stored kubeconfigs stay encrypted with this installation's BERTH_ENCRYPTION_KEY: give the same key to wherever you import the dump.";

async function exportTo(file: string): Promise<void> {
  await withEndpoint(false, async (endpoint) => {
    const { tables, rows } = await withClient(endpoint.url, (db) => exportDatabase(db, file)).catch((error: unknown) => {
      rmSync(file, { force: true }); // never leave half a dump that looks like a backup
      throw error;
    });
    console.log(`Exported ${rows} rows of ${tables} tables from ${endpoint.where} to ${file}.`);
    console.log(secretsNote(endpoint.dataDir));
  });
}

async function importFrom(file: string): Promise<void> {
  if (!existsSync(file)) throw new UsageError(`${file} does not exist.`);
  const dumped = await dumpMigrations(file);
  const local = (await listMigrations(migrationsDir)).map((m) => m.name);
  const unknown = dumped.filter((m) => !local.includes(m));
  if (unknown.length) throw new MigrationError(`The dump was made by a newer Berth (migrations ${unknown.join(", ")} are not in this one): upgrade this Berth first.`);
  if (dumped.some((m, i) => local[i] !== m)) throw new MigrationError(`The dump's migrations (${dumped.join(", ")}) are not this Berth's first ones: it cannot be rebuilt in order.`);
  await withEndpoint(true, async (endpoint) => {
    const applied = await withClient(endpoint.url, async (db) => {
      const filled = await nonEmptyTables(db);
      if (filled.length) throw new UsageError(`Refused: ${endpoint.where} is not empty (${filled.slice(0, 5).join(", ")}${filled.length > 5 ? ", …" : ""} hold rows). Import into a new, empty database.`);
      const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '_prisma_migrations'`);
      return rows[0].n === "0" ? [] : (await db.query<{ migration_name: string }>(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)).rows.map((r) => r.migration_name);
    });
    const ahead = applied.filter((m) => !dumped.includes(m));
    if (ahead.length) throw new UsageError(`Refused: ${endpoint.where} is already migrated past the dump (${ahead.join(", ")}). Import into a new database with no migrations applied.`);
    const log = (m: string) => console.log(`  ${m}`);
    await applyMigrations({ connectionString: endpoint.url, migrationsDir, until: dumped[dumped.length - 1], log });
    const { tables, rows } = await withClient(endpoint.url, (db) => importDatabase(db, file));
    console.log(`Imported ${rows} rows of ${tables} tables into ${endpoint.where}.`);
    const { applied: newer } = await applyMigrations({ connectionString: endpoint.url, migrationsDir, log });
    if (newer.length) console.log(`Upgraded the imported data with ${newer.length} newer migration(s).`);
    console.log(secretsNote(undefined));
  });
}

async function main([command, file, ...rest]: string[]): Promise<void> {
  if (!file || rest.length || (command !== "export" && command !== "import")) throw new UsageError(USAGE);
  const target = path.resolve(process.cwd(), file);
  if (command === "export") {
    if (existsSync(target)) throw new UsageError(`${target} exists already: choose a new file name.`);
    await exportTo(target);
  } else {
    await importFrom(target);
  }
}

// Exit explicitly: PGlite keeps timers alive after closing.
main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    const named = error instanceof Error && error.name !== "Error";
    console.error(named ? (error as Error).message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
