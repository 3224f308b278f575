import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerCluster } from "@/lib/server/clusters";
import { encryptSecret } from "@/lib/server/crypto";
import { credentialAad } from "@/lib/server/k8s/client";
import { db } from "@/lib/server/db";
import { applyMigrations } from "@/prisma/tools/apply-migrations";
import { connectWhenFree } from "@/prisma/tools/connect-when-free";
import { createNginxTemplate, newTeam, restoreSettings, useSettings } from "@/scripts/test-support/fixtures";
import { runScript as cli } from "@/scripts/test-support/run-script";
import { createTestDatabase, type TestDatabase } from "@/scripts/test-support/test-database";
import { openDatabaseEndpoint } from "./lib/database-endpoint";

// From the embedded default to Postgres, and back: data made by the real data layer on an
// embedded database (PGlite, opened as the launcher opens it) is exported with `db:export`,
// imported into an empty Postgres database with `db:import`, and must be all there — every
// table row for row, the sequences — with the audit chains verifying (`audit:verify`). The same
// dump restores into a new embedded folder (a backup), and an import into a non-empty database
// is refused without touching it.
const root = path.resolve(__dirname, "..");
const work = mkdtempSync(path.join(tmpdir(), "berth-db-copy-"));
const embeddedDir = path.join(work, "data");
const restoredDir = path.join(work, "restored");
const dumpFile = path.join(work, "berth.dump.gz");
let target: TestDatabase;

/** Every table's rows (as JSON, sorted) and every sequence's position: what "all there" means. */
async function snapshot(url: string): Promise<Record<string, string[]>> {
  const c = await connectWhenFree(() => new pg.Client({ connectionString: url }));
  try {
    const out: Record<string, string[]> = {};
    const tables = await c.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`);
    for (const { t } of tables.rows) out[t] = (await c.query<{ j: string }>(`SELECT to_jsonb(x)::text AS j FROM "${t}" x ORDER BY 1`)).rows.map((r) => r.j);
    const seqs = await c.query<{ s: string }>(`SELECT sequencename AS s FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`);
    for (const { s } of seqs.rows) out[`sequence ${s}`] = [(await c.query(`SELECT last_value::text, is_called FROM "${s}"`)).rows.map((r) => `${r.last_value}/${r.is_called}`).join()];
    return out;
  } finally {
    await c.end();
  }
}

async function onEmbedded<T>(dataDir: string, fn: (url: string) => Promise<T>): Promise<T> {
  const endpoint = await openDatabaseEndpoint(root, { BERTH_DATA_DIR: dataDir } as unknown as NodeJS.ProcessEnv, { create: false });
  try {
    return await fn(endpoint.url);
  } finally {
    await endpoint.close();
  }
}

// The data layer's client is made once per process; it is pointed at the embedded database
// while seeding, then back at the suite's database.
const clientHolder = globalThis as unknown as { berthDb?: ReturnType<typeof db> };
async function withDataLayerOn(url: string, fn: () => Promise<void>): Promise<void> {
  const saved = clientHolder.berthDb;
  clientHolder.berthDb = undefined;
  useSettings({ DATABASE_URL: url, BERTH_DB_POOL_MAX: "1" });
  try {
    await fn();
  } finally {
    await db().$disconnect();
    clientHolder.berthDb = saved;
    restoreSettings();
  }
}

let embeddedBefore: Record<string, string[]>;

beforeAll(async () => {
  target = await createTestDatabase("berth_copy");
  // An embedded database as `npm start` leaves it: migrated, then used.
  const endpoint = await openDatabaseEndpoint(root, { BERTH_DATA_DIR: embeddedDir } as unknown as NodeJS.ProcessEnv, { create: true });
  try {
    await applyMigrations({ connectionString: endpoint.url, migrationsDir: path.join(root, "prisma/migrations"), log: () => {} });
    await withDataLayerOn(endpoint.url, async () => {
      const t = await newTeam("copy");
      const templateId = await createNginxTemplate(t.ctx, "nginx");
      const clusterId = await registerCluster(t.ctx, { name: "prod", description: "", profile: "generic" });
      await db().clusterCredential.create({
        data: { clusterId, userId: t.owner.id, kubeconfigCipher: new Uint8Array(encryptSecret("apiVersion: v1\nkind: Config\n", credentialAad(clusterId, t.owner.id))), contextName: "ctx", server: "https://10.0.0.1:6443" },
      });
      const version = await db().templateVersion.findFirstOrThrow({ where: { templateId } });
      const base = { teamId: t.teamId, clusterId, actorId: t.owner.id, templateId, templateVersionId: version.id, appName: "nginx", namespace: "web", manifest: "kind: StatefulSet\n", parameters: { image: "nginx:1.27" } };
      const first = await db().deployment.create({ data: { ...base, status: "applied", finishedAt: new Date(), results: [{ kind: "StatefulSet", name: "nginx", status: "applied" }] } });
      await db().deployment.create({ data: { ...base, kind: "redeploy", status: "failed", replayOfId: first.id, message: "über ✓ 部署" } });
    });
    embeddedBefore = await snapshot(endpoint.url);
  } finally {
    await endpoint.close();
  }
}, 180_000);

afterAll(async () => {
  await target?.drop();
  rmSync(work, { recursive: true, force: true });
});

describe("db:export / db:import", () => {
  it("moves an embedded database into an empty Postgres: every row and sequence, the audit chains verifying", async () => {
    expect(embeddedBefore.Deployment).toHaveLength(2);
    expect(embeddedBefore.AuditEvent.length).toBeGreaterThan(2);

    const exported = await cli("scripts/db-copy.ts", ["export", dumpFile], { BERTH_DATA_DIR: embeddedDir });
    expect(exported.out).toMatch(/Exported \d+ rows of \d+ tables/);
    expect(exported.code).toBe(0);

    const imported = await cli("scripts/db-copy.ts", ["import", dumpFile], { DATABASE_URL: target.url });
    expect(imported.out).toMatch(/Imported \d+ rows of \d+ tables into DATABASE_URL/);
    expect(imported.code).toBe(0);
    expect(await snapshot(target.url)).toEqual(embeddedBefore);

    const verified = await cli("scripts/audit-verify.ts", ["--no-record"], { DATABASE_URL: target.url });
    expect(verified.out).toMatch(/^ok +\S+ +\d+ events$/m);
    expect(verified.out).not.toMatch(/BROKEN/);
    expect(verified.code).toBe(0);

    // the sequences continue where the embedded database stopped: a new event gets the next id
    const c = new pg.Client({ connectionString: target.url });
    await c.connect();
    try {
      const next = await c.query<{ id: string }>(`SELECT nextval('"AuditEvent_id_seq"')::text AS id`);
      const max = await c.query<{ id: string }>(`SELECT max(id)::text AS id FROM "AuditEvent"`);
      expect(BigInt(next.rows[0].id)).toBe(BigInt(max.rows[0].id) + 1n);
    } finally {
      await c.end();
    }
  });

  it("refuses to import into a database that holds data, and leaves it as it was", async () => {
    const before = await snapshot(target.url);
    const again = await cli("scripts/db-copy.ts", ["import", dumpFile], { DATABASE_URL: target.url });
    expect(again.code).toBe(2);
    expect(again.out).toMatch(/Refused: DATABASE_URL is not empty \(.*hold rows\)/);
    expect(await snapshot(target.url)).toEqual(before);
  });

  it("restores the dump into a new embedded folder (backup and restore), and refuses while Berth holds the folder", async () => {
    const restored = await cli("scripts/db-copy.ts", ["import", dumpFile], { BERTH_DATA_DIR: restoredDir });
    expect(restored.code).toBe(0);
    expect(await onEmbedded(restoredDir, snapshot)).toEqual(embeddedBefore);

    // while a launcher (here: this process) holds the data folder, export is refused
    await onEmbedded(restoredDir, async () => {
      const busy = await cli("scripts/db-copy.ts", ["export", path.join(work, "busy.gz")], { BERTH_DATA_DIR: restoredDir });
      expect(busy.code).not.toBe(0);
      expect(busy.out).toMatch(/Another Berth launcher .* is using the data folder/);
    });
  });
});
