import "server-only";
import { DB_UNAVAILABLE_DIGEST } from "@/lib/web/page-errors";
import { AppError } from "./errors";

// The database is away for a moment (restarted, failing over, unreachable): the request fails
// with a message that says so — in a form (runAction shows AppErrors) and on a page (app/error.tsx
// recognises the digest, which Next passes to the browser unchanged) — instead of a bare
// "unexpected error". Nothing is half-written: a statement or transaction cut off by a lost
// connection is rolled back by Postgres. The pool opens new connections once it is back, so the
// instance recovers without a restart of its own.
export { DB_UNAVAILABLE_DIGEST };

const CONNECTION_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN",
  "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006", // Postgres: shutting down / cannot connect now / connection failure
  "P1001", "P1002", "P1008", "P1017", "P2024", // Prisma: unreachable, timed out, connection closed, pool timeout
]);
const CONNECTION_TEXT = /Can't reach database server|Connection terminated|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Server has closed the connection|connect ECONNREFUSED|read ECONNRESET|Timed out fetching a new connection/i;

/** Whether an error means "the database cannot be reached right now" (walks `cause` a few levels). */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message, digest } = e as { code?: unknown; message?: unknown; digest?: unknown };
    // already mapped (Prisma's extension machinery may hand it on as a copy, not our AppError instance)
    if (digest === DB_UNAVAILABLE_DIGEST) return true;
    const original = (e as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } } }).meta?.driverAdapterError?.cause;
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
    if (original && (CONNECTION_CODES.has(String(original.originalCode)) || original.kind === "DatabaseNotReachable" || original.kind === "ConnectionClosed")) return true;
    if (typeof message === "string" && CONNECTION_TEXT.test(message)) return true;
  }
  return false;
}

export function databaseUnavailable(): AppError {
  const error = new AppError({ key: "errors.databaseUnavailable" }, "unavailable");
  (error as AppError & { digest: string }).digest = DB_UNAVAILABLE_DIGEST;
  return error;
}

/** Rethrows a lost-database error as databaseUnavailable(); anything else unchanged. */
export function mapUnavailable(error: unknown): never {
  throw isDatabaseUnavailable(error) ? databaseUnavailable() : error;
}
