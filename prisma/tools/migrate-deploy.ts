// `migrate deploy` alone, for the container image's migration job: bundled by the Dockerfile into
// one file (pg stays external: it is in the standalone server's node_modules), with no TypeScript
// runtime, schema engine or PGlite. Applies prisma/migrations (under the working directory, or the
// folder given as the first argument) to DATABASE_URL under Prisma Migrate's advisory lock, so
// several starting replicas or jobs migrate once. Exit code 1 on any failure.
import path from "node:path";
import { applyMigrations } from "./apply-migrations";

const url = process.env.DATABASE_URL;
const migrationsDir = path.resolve(process.argv[2] ?? "prisma/migrations");

if (!url) {
  console.error("DATABASE_URL is not set.");
  process.exit(1);
}
applyMigrations({ connectionString: url, migrationsDir }).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
