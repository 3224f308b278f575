import "server-only";
import { db } from "./db";
import type { RequestContext } from "./request-context";

export type RateLimitHit = { allowed: boolean; count: number; retryAfterSeconds: number; windowStart: Date };

/** The counter key of the client's address for one kind of attempt ("signin", "signup", "reset"). */
export function ipRateKey(scope: string, context: RequestContext): string {
  return `${scope}:ip:${context.ip || "unknown"}`;
}

/** Whole minutes until the window ends (at least 1), for "Try again in N minutes". */
export function retryMinutes(hit: RateLimitHit): number {
  return Math.max(1, Math.ceil(hit.retryAfterSeconds / 60));
}

// Fixed-window counters in Postgres, so every Berth instance behind a load balancer shares them.
export async function hitRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitHit> {
  const windowMs = windowSeconds * 1000;
  const now = Date.now();
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const rows = await db().$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 0);
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now) / 1000);
  return { allowed: count <= limit, count, retryAfterSeconds, windowStart };
}

/** Whether a key has reached `limit` in a window of the last `windowSeconds`, without counting this look. */
export async function rateLimitReached(key: string, limit: number, windowSeconds: number): Promise<boolean> {
  const buckets = await db().rateLimitBucket.findMany({ where: { key, windowStart: { gt: new Date(Date.now() - windowSeconds * 1000) } } });
  return buckets.some((b) => b.count >= limit);
}

export async function resetRateLimit(key: string): Promise<void> {
  await db().rateLimitBucket.deleteMany({ where: { key } });
}

/** Old windows are useless; any instance may sweep them now and then. */
export async function sweepRateLimits(olderThanSeconds = 86_400): Promise<void> {
  await db().rateLimitBucket.deleteMany({ where: { windowStart: { lt: new Date(Date.now() - olderThanSeconds * 1000) } } });
}
