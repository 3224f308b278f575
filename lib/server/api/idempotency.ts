import "server-only";
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { db } from "../db";
import { ApiProblem } from "./problem";

// Idempotency-Key for the API's deploy, redeploy and undeploy, in Postgres so every instance
// agrees: the first request with a key claims it (a row with no response yet); when it finishes
// its response is stored and a retry with the same key and the same request gets that response
// again; the same key with another request is refused. A request that ended in a problem (nothing
// ran) releases its key, so the caller can fix the cause and retry with it. Keys live a day.
export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const KEEP_MS = 24 * 3600_000;
/** A claim with no response after this long belongs to an instance that stopped mid-request (as deploy records' staleness). */
const ABANDONED_MS = 10 * 60_000;

export type StoredResponse = { status: number; body: unknown };
export type Claim = { kind: "claimed"; release: () => Promise<void>; complete: (r: StoredResponse) => Promise<void> } | { kind: "replay"; response: StoredResponse };

/** The key from the header: absent → null; malformed → a field error. */
export function readIdempotencyKey(headers: Headers): string | null {
  const key = headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (!KEY_PATTERN.test(key)) throw new ApiProblem("invalid", "The Idempotency-Key header must be 1–200 printable ASCII characters without spaces.", { "header.Idempotency-Key": ["Use 1–200 printable ASCII characters, no spaces."] });
  return key;
}

/** Same method, path and body (canonical JSON: key order does not matter) → same hash. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash("sha256").update(`${method} ${path}\n${canonicalize(body ?? null) ?? ""}`).digest("hex");
}

export async function claimIdempotencyKey(tokenId: string, key: string, hash: string): Promise<Claim> {
  await db().apiIdempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - KEEP_MS) } } });
  const inserted = await db().$executeRaw`
    INSERT INTO "ApiIdempotencyKey" ("tokenId", "key", "requestHash") VALUES (${tokenId}, ${key}, ${hash})
    ON CONFLICT ("tokenId", "key") DO NOTHING`;
  const where = { tokenId_key: { tokenId, key } };
  const abandoned = inserted === 1 ? 0 : (await db().apiIdempotencyKey.updateMany({
    where: { tokenId, key, requestHash: hash, status: null, createdAt: { lt: new Date(Date.now() - ABANDONED_MS) } },
    data: { createdAt: new Date() },
  })).count;
  if (inserted === 1 || abandoned === 1) {
    return {
      kind: "claimed",
      release: async () => void (await db().apiIdempotencyKey.deleteMany({ where: { tokenId, key, status: null } })),
      complete: async (r) => void (await db().apiIdempotencyKey.update({ where, data: { status: r.status, response: r.body as object } })),
    };
  }
  const row = await db().apiIdempotencyKey.findUnique({ where });
  // Released between our insert and this read: the caller may simply retry.
  if (!row) throw new ApiProblem("idempotency_in_progress", "A request with this Idempotency-Key just finished without a stored response. Retry.", {}, { "retry-after": "1" });
  if (row.requestHash !== hash) {
    throw new ApiProblem("idempotency_mismatch", "This Idempotency-Key was already used for a different request (another route or body). Use a new key for a new request.", {
      "header.Idempotency-Key": ["Already used for a different request."],
    });
  }
  if (row.status === null) {
    throw new ApiProblem("idempotency_in_progress", "A request with this Idempotency-Key is still running. Retry in a few seconds to get its result.", {}, { "retry-after": "2" });
  }
  return { kind: "replay", response: { status: row.status, body: row.response } };
}
