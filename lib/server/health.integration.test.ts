import { afterEach, describe, expect, it } from "vitest";
import { GET as readyRoute } from "@/app/api/health/ready/route";
import { GET as metricsRoute } from "@/app/metrics/route";
import { restoreSettings, useSettings } from "@/scripts/test-support/fixtures";
import { db } from "./db";

// The probes and the scrape endpoint, through their route handlers on real Postgres.
afterEach(() => restoreSettings());
const scrape = (authorization?: string) => metricsRoute(new Request("http://berth.test/metrics", { headers: authorization ? { authorization } : {} }));

describe("readiness", () => {
  it("is ready on a migrated database, and says so without secrets", async () => {
    const res = await readyRoute();
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok", shutdown: "no" } });
    const url = new URL(process.env.DATABASE_URL!);
    for (const secret of [process.env.DATABASE_URL!, url.password, `${url.hostname}:${url.port}`, url.pathname, process.env.AUTH_SECRET!].filter((s) => s.length > 3)) expect(text).not.toContain(secret);
  });

  it("is not ready while a migration this code ships with is not applied, or one failed", async () => {
    const [last] = await db().$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    try {
      await db().$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ${last.migration_name}`;
      const res = await readyRoute();
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: "not ready", checks: { database: "ok", migrations: "pending" } });
    } finally {
      await db().$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${last.migration_name}`;
    }
    await db().$executeRaw`INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('ops-test-failed', 'x', '99999999999999_half_done', now(), 0)`;
    try {
      expect(await (await readyRoute()).json()).toMatchObject({ checks: { migrations: "failed" } });
    } finally {
      await db().$executeRaw`DELETE FROM _prisma_migrations WHERE id = 'ops-test-failed'`;
    }
    expect((await readyRoute()).status).toBe(200);
  });
});

describe("/metrics", () => {
  it("is off without BERTH_METRICS_TOKEN, and needs the bearer token when it is set", async () => {
    expect((await scrape()).status).toBe(404);
    useSettings({ BERTH_METRICS_TOKEN: "metrics-token-for-tests-0123" });
    expect((await scrape()).status).toBe(401);
    expect((await scrape("Bearer wrong-token-wrong-token")).status).toBe(401);
    expect((await scrape("metrics-token-for-tests-0123")).status).toBe(401); // no scheme
    const ok = await scrape("Bearer metrics-token-for-tests-0123");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await ok.text()).toMatch(/^# TYPE berth_http_requests_total counter$/m);
  });
});

