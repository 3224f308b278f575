import "server-only";
import { db } from "./db";

// Fixed-window counters in Postgres, so every Berth instance behind a load balancer shares them.
export async function hitRateLimit(key: string, limit: number, windowSeconds: number): Promise<{ allowed: boolean; count: number; retryAfterSeconds: number }> {
  const windowMs = windowSeconds * 1000;
  const now = Date.now();
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const rows = await db().$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 0);
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now) / 1000);
  return { allowed: count <= limit, count, retryAfterSeconds };
}

export async function resetRateLimit(key: string): Promise<void> {
  await db().rateLimitBucket.deleteMany({ where: { key } });
}

/** Old windows are useless; any instance may sweep them now and then. */
export async function sweepRateLimits(olderThanSeconds = 86_400): Promise<void> {
  await db().rateLimitBucket.deleteMany({ where: { windowStart: { lt: new Date(Date.now() - olderThanSeconds * 1000) } } });
}
