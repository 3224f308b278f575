import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { db } from "./db";
import { errorFields, log } from "./observability/log";
import { isDraining } from "./shutdown";

// Readiness for a load balancer: the database answers, every migration this code ships with is
// applied (a new version's pods stay out of rotation until the migration job has run), and the
// instance is not shutting down. The answer names which check failed in fixed words — never an
// error message, host name or setting.
export type Readiness = { ready: boolean; checks: { database: "ok" | "unreachable"; migrations: "ok" | "pending" | "failed" | "unknown"; shutdown: "no" | "draining" } };

const TIMEOUT_MS = 2000;
let shipped: Promise<string[]> | undefined;

/** The migration folders this build ships with (read once; the image copies prisma/migrations). */
function shippedMigrations(): Promise<string[]> {
  shipped ??= readdir(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true }).then((entries) => entries.filter((e) => e.isDirectory()).map((e) => e.name));
  return shipped;
}

type Row = { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null };

export async function readiness(): Promise<Readiness> {
  const shutdown = isDraining() ? "draining" : "no";
  let rows: Row[];
  try {
    rows = await withTimeout(db().$queryRaw<Row[]>`SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations`);
  } catch (error) {
    log().warn(errorFields(error), "readiness: the database did not answer");
    return { ready: false, checks: { database: "unreachable", migrations: "unknown", shutdown } };
  }
  let migrations: Readiness["checks"]["migrations"];
  try {
    const applied = new Set(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
    const failed = rows.some((r) => !r.finished_at && !r.rolled_back_at);
    const expected = await shippedMigrations();
    migrations = failed ? "failed" : expected.length > 0 && expected.every((m) => applied.has(m)) ? "ok" : "pending";
  } catch (error) {
    log().warn(errorFields(error), "readiness: cannot read prisma/migrations");
    migrations = "unknown";
  }
  return { ready: migrations === "ok" && shutdown === "no", checks: { database: "ok", migrations, shutdown } };
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
