import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENESIS_HASH, hashEvent, type ChainedContent } from "@/lib/audit/hash-chain";
import { runScript } from "@/scripts/test-support/run-script";
import { createTestDatabase, type TestDatabase } from "@/scripts/test-support/test-database";
import { applyMigrations } from "./apply-migrations";
import { listMigrations } from "./migrations-dir";

// Upgrades: a database built at an earlier migration (before deployment numbers and leases
// existed), filled with plain SQL of that time's schema, then brought up to date by the same
// tool `npm run db:migrate` and the launcher use. The old rows must survive with their new
// columns filled in sensibly, new inserts must work, and the audit chains must still verify.
const migrationsDir = path.resolve(__dirname, "../migrations");
const EARLIER = "20261128190110_accounts_reset_tokens";
let database: TestDatabase;
let c: pg.Client;

const at = (iso: string) => new Date(iso);

/** An audit chain as the Berth of that time wrote it: each event's hash over its content and the previous hash. */
function chain(chainKey: string, teamId: string | null, events: { action: string; actorId: string; createdAt: Date }[]): (ChainedContent & { hash: string })[] {
  let prevHash = GENESIS_HASH;
  return events.map((e) => {
    const content: ChainedContent = {
      chainKey, teamId, actorId: e.actorId, actorEmail: "old@upgrade.test", action: e.action, targetType: "deployment", targetId: "d1", targetName: "web",
      clusterId: null, clusterName: "", namespace: "prod", summary: { note: "written before the upgrade", n: 1 }, result: "success", reason: "",
      ip: "10.0.0.1", userAgent: "old", requestId: "r1", createdAt: e.createdAt, prevHash,
    };
    const hash = hashEvent(content);
    prevHash = hash;
    return { ...content, hash };
  });
}

beforeAll(async () => {
  database = await createTestDatabase("berth_upgrade");
  const { applied } = await applyMigrations({ connectionString: database.url, migrationsDir, until: EARLIER, log: () => {} });
  expect(applied.at(-1)).toBe(EARLIER);
  c = new pg.Client({ connectionString: database.url });
  await c.connect();
  // The schema of that time, in its own SQL: no Deployment.number, no Team.deploymentCount, no leases.
  await c.query(`
    INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ('u1', 'old@upgrade.test', 'Old Owner', 'scrypt$x', now());
    INSERT INTO "Team" (id, name, slug) VALUES ('t1', 'Old team', 'old-team'), ('t2', 'Other team', 'other-team');
    INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ('m1', 't1', 'u1', 'owner'), ('m2', 't2', 'u1', 'admin');
    INSERT INTO "Cluster" (id, "teamId", name, "createdById") VALUES ('c1', 't1', 'prod', 'u1'), ('c2', 't2', 'prod', 'u1');
    INSERT INTO "Template" (id, "teamId", "ownerId", name, labels, visibility, "latestVersion", "updatedAt") VALUES ('tp1', 't1', 'u1', 'web', ARRAY['a','b'], 'team', 1, now());
    INSERT INTO "TemplateVersion" (id, "templateId", version, spec, parameters, "authorId") VALUES ('tv1', 'tp1', 1, '{"name":"web"}', '[]', 'u1');
    INSERT INTO "Deployment" (id, "teamId", kind, status, "appName", namespace, "clusterId", "actorId", "templateId", "templateVersionId", manifest, "startedAt", "finishedAt") VALUES
      ('d2', 't1', 'redeploy', 'applied', 'web', 'prod', 'c1', 'u1', 'tp1', 'tv1', 'kind: StatefulSet', '2026-11-27 10:00:00', '2026-11-27 10:01:00'),
      ('d1', 't1', 'deploy', 'applied', 'web', 'prod', 'c1', 'u1', 'tp1', 'tv1', 'kind: StatefulSet', '2026-11-26 10:00:00', '2026-11-26 10:01:00'),
      ('d3', 't1', 'deploy', 'applying', 'web', 'stage', 'c1', 'u1', 'tp1', 'tv1', 'kind: StatefulSet', '2026-11-27 12:00:00', NULL),
      ('e1', 't2', 'deploy', 'failed', 'db', 'prod', 'c2', 'u1', NULL, NULL, 'kind: StatefulSet', '2026-11-26 09:00:00', '2026-11-26 09:00:05');
    UPDATE "Deployment" SET "replayOfId" = 'd1' WHERE id = 'd2';
  `);
  const events = [
    ...chain("t1", "t1", [
      { action: "deploy.start", actorId: "u1", createdAt: at("2026-11-26T10:00:00.123Z") },
      { action: "deploy.apply", actorId: "u1", createdAt: at("2026-11-26T10:01:00.456Z") },
    ]),
    ...chain("global", null, [{ action: "auth.signin", actorId: "u1", createdAt: at("2026-11-26T09:59:00.000Z") }]),
  ];
  for (const e of events) {
    await c.query(
      `INSERT INTO "AuditEvent" ("chainKey", "teamId", "actorId", "actorEmail", action, "targetType", "targetId", "targetName", "clusterId", "clusterName", namespace, summary, result, reason, ip, "userAgent", "requestId", "createdAt", "prevHash", hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
      [e.chainKey, e.teamId, e.actorId, e.actorEmail, e.action, e.targetType, e.targetId, e.targetName, e.clusterId, e.clusterName, e.namespace, JSON.stringify(e.summary), e.result, e.reason, e.ip, e.userAgent, e.requestId, e.createdAt, e.prevHash, e.hash],
    );
  }
}, 120_000);

afterAll(async () => {
  await c?.end();
  await database?.drop();
});

describe("upgrading a database made by an earlier Berth", () => {
  it("applies the remaining migrations: old rows kept and completed, new inserts numbered, the audit chains verifying", async () => {
    const all = (await listMigrations(migrationsDir)).map((m) => m.name);
    const { applied } = await applyMigrations({ connectionString: database.url, migrationsDir, log: () => {} });
    expect(applied).toEqual(all.slice(all.indexOf(EARLIER) + 1));
    expect(applied.length).toBeGreaterThan(0);

    // deployment numbers: per team, in the order the records were made; the counters follow
    const deployments = await c.query(`SELECT id, number, status, "replayOfId", "heartbeatAt" = "startedAt" AS "leaseFromStart" FROM "Deployment" ORDER BY id`);
    expect(deployments.rows).toEqual([
      { id: "d1", number: 1, status: "applied", replayOfId: null, leaseFromStart: true },
      { id: "d2", number: 2, status: "applied", replayOfId: "d1", leaseFromStart: true },
      { id: "d3", number: 3, status: "applying", replayOfId: null, leaseFromStart: true },
      { id: "e1", number: 1, status: "failed", replayOfId: null, leaseFromStart: true },
    ]);
    const teams = await c.query(`SELECT id, "deploymentCount" FROM "Team" ORDER BY id`);
    expect(teams.rows).toEqual([{ id: "t1", deploymentCount: 3 }, { id: "t2", deploymentCount: 1 }]);
    // the rest of the old data, unchanged
    expect((await c.query(`SELECT labels, spec FROM "Template" JOIN "TemplateVersion" ON "templateId" = "Template".id`)).rows).toEqual([{ labels: ["a", "b"], spec: { name: "web" } }]);

    // the new code's inserts work on the upgraded schema: the next record of team 1 is #4
    await c.query(`INSERT INTO "Deployment" (id, "teamId", "appName", namespace, "clusterId", "actorId", manifest) VALUES ('d4', 't1', 'web', 'prod', 'c1', 'u1', '')`);
    expect((await c.query(`SELECT number FROM "Deployment" WHERE id = 'd4'`)).rows).toEqual([{ number: 4 }]);

    const verified = await runScript("scripts/audit-verify.ts", ["--no-record"], { DATABASE_URL: database.url });
    expect(verified.out).toMatch(/^ok +t1 +2 events$/m);
    expect(verified.out).toMatch(/^ok +global +1 events$/m);
    expect(verified.code).toBe(0);
  });
});
