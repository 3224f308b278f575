// CLI: `npm run db:migrate` (deploy), `npm run db:migration -- <name>` (create), and
// `resolve --rolled-back <name>` (unblock after a failed migration was fixed). Works offline.
import path from "node:path";
import { applyMigrations, MigrationError } from "./apply-migrations";
import { createMigration } from "./create-migration";
import { resolveRolledBack } from "./resolve-migration";

const root = path.resolve(__dirname, "../..");
const migrationsDir = path.join(root, "prisma/migrations");
const schemaPath = path.join(root, "prisma/schema.prisma");

const USAGE = `Usage:
  tsx prisma/tools/migrate.ts deploy                       apply pending migrations to DATABASE_URL
  tsx prisma/tools/migrate.ts create <name>                write a migration for schema.prisma changes
  tsx prisma/tools/migrate.ts resolve --rolled-back <name>  mark a failed migration rolled back`;

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new MigrationError("DATABASE_URL is not set (the embedded database is migrated by `npm start`).");
  return url;
}

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command === "deploy") {
    await applyMigrations({ connectionString: databaseUrl(), migrationsDir });
  } else if (command === "create" && rest.length === 1) {
    const file = await createMigration({ schemaPath, migrationsDir, name: rest[0] });
    console.log(file ? `Created ${path.relative(root, file)}` : "No changes: the schema matches the migrations.");
  } else if (command === "resolve" && rest[0] === "--rolled-back" && rest.length === 2) {
    await resolveRolledBack(databaseUrl(), rest[1]);
    console.log(`Marked migration \`${rest[1]}\` rolled back: the next deploy applies it again.`);
  } else {
    throw new MigrationError(USAGE);
  }
}

// Exit explicitly: the wasm engine and PGlite keep timers alive for up to a minute.
main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    // Our refusals and the engine's user-facing errors (P1012 schema errors…) need no stack trace.
    const userFacing = error instanceof MigrationError || typeof (error as { code?: unknown })?.code === "string";
    console.error(userFacing ? `${(error as Error).message}` : error);
    process.exit(1);
  },
);
