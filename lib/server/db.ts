import "server-only";
import { msg } from "@/lib/i18n/message";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "./env";
import { mapUnavailable } from "./db-unavailable";
import { invalid } from "./errors";
import { errorFields, log } from "./observability/log";
import { watchPool } from "./observability/metrics";
import { isStorableText } from "./unicode";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// Prisma's defaults (2 s to get a connection, 5 s to finish) fail a deploy or an audited write
// whenever the pool is busy for two seconds: many concurrent writers to one team's audit chain
// (which serializes them), or the embedded database's single connection. Waiting a little longer
// for a connection is better than failing the change; a transaction still cannot hold one forever.
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 20_000 };

// One client per process (Next's dev server reloads modules, hence the global).
const globalForDb = globalThis as unknown as { berthDb?: PrismaClient };

export function db(): PrismaClient {
  if (!globalForDb.berthDb) {
    const { DATABASE_URL, BERTH_DB_POOL_MAX } = env();
    // Our own pool: its usage is exported on /metrics, and a connection the server drops while
    // idle (Postgres restarted) is logged and replaced instead of crashing the process.
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: BERTH_DB_POOL_MAX });
    pool.on("error", (error) => log().warn(errorFields(error), "an idle database connection failed; the pool replaces it"));
    watchPool(pool);
    const adapter = new PrismaPg(pool);
    globalForDb.berthDb = new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS }).$extends({ query: { $allOperations: ({ args, query }) => (refuseBrokenText(args), query(args).catch(mapUnavailable)) } }) as unknown as PrismaClient;
  }
  return globalForDb.berthDb;
}

/**
 * Text Postgres cannot store (a lone UTF-16 surrogate, which JSON and server-action payloads can
 * carry, or a NUL character) makes the driver throw. Refused as invalid input before any query,
 * whatever field it came in, instead of surfacing as an unexpected error.
 */
function refuseBrokenText(value: unknown, depth = 0): void {
  if (typeof value === "string") {
    if (!isStorableText(value)) throw invalid(msg("serverErrors.input.brokenText"));
  } else if (typeof value === "object" && value !== null && depth < 32 && !(value instanceof Uint8Array) && !(value instanceof Date)) {
    for (const v of Array.isArray(value) ? value : Object.values(value)) refuseBrokenText(v, depth + 1);
  }
}
