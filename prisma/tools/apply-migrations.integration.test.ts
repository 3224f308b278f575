import { mkdtemp, mkdir, rm, writeFile, appendFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-support/test-database";
import { applyMigrations, MigrationError } from "./apply-migrations";
import { listMigrations } from "./migrations-dir";
import { resolveRolledBack } from "./resolve-migration";

const realMigrations = path.resolve(__dirname, "../migrations");
const quiet = () => {};
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase("berth_migrate");
  cleanups.push(database.drop);
  return database;
}

/** A migrations folder in a temp dir: { "<folder>": "<sql>" }. */
async function migrationsFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "berth-migrations-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const history = (url: string) =>
  query<{ migration_name: string; checksum: string; finished_at: Date | null; logs: string | null; rolled_back_at: Date | null; applied_steps_count: number }>(
    url,
    `SELECT * FROM "_prisma_migrations" ORDER BY started_at`,
  );

describe("applyMigrations (deploy)", () => {
  it("creates the schema's tables and Prisma's history rows on a fresh database", async () => {
    const { url } = await freshDatabase();
    const files = await listMigrations(realMigrations);
    const { applied } = await applyMigrations({ connectionString: url, migrationsDir: realMigrations, log: quiet });
    expect(applied).toEqual(files.map((f) => f.name));

    const tables = (await query<{ tablename: string }>(url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).map((t) => t.tablename);
    expect(tables).toEqual(expect.arrayContaining(["User", "Team", "Membership", "Invitation", "_prisma_migrations"]));
    const rows = await history(url);
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(files.map((f) => [f.name, f.checksum]));
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row).toMatchObject({ logs: null, rolled_back_at: null, applied_steps_count: 1 });
      expect(row.finished_at).toBeInstanceOf(Date);
    }
  });

  it("is a no-op the second time", async () => {
    const { url } = await freshDatabase();
    await applyMigrations({ connectionString: url, migrationsDir: realMigrations, log: quiet });
    const before = await history(url);
    expect(await applyMigrations({ connectionString: url, migrationsDir: realMigrations, log: quiet })).toEqual({ applied: [] });
    expect(await history(url)).toEqual(before);
  });

  it("applies a migration atomically, with $$ function bodies intact", async () => {
    const { url } = await freshDatabase();
    const dir = await migrationsFolder({
      "20260101000000_trigger": `CREATE TABLE "t" ("id" INT PRIMARY KEY);
CREATE FUNCTION "no_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'no; deleting';
END;
$$;
CREATE TRIGGER "t_no_delete" BEFORE DELETE ON "t" FOR EACH ROW EXECUTE FUNCTION "no_delete"();
INSERT INTO "t" VALUES (1);`,
    });
    await applyMigrations({ connectionString: url, migrationsDir: dir, log: quiet });
    await expect(query(url, `DELETE FROM "t"`)).rejects.toThrow("no; deleting");
  });

  it("records a failed migration, rolls it back entirely and blocks later deploys until resolved", async () => {
    const { url } = await freshDatabase();
    const dir = await migrationsFolder({
      "20260101000000_first": `CREATE TABLE "a" ("id" INT);`,
      "20260102000000_broken": `CREATE TABLE "b" ("id" INT);\nSELECT 1 / 0;`,
      "20260103000000_third": `CREATE TABLE "c" ("id" INT);`,
    });
    const deploy = () => applyMigrations({ connectionString: url, migrationsDir: dir, log: quiet });

    await expect(deploy()).rejects.toThrow(/Migration `20260102000000_broken` failed and was rolled back: .*division by zero/);
    const tables = async () => (await query<{ tablename: string }>(url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((t) => t.tablename);
    expect(await tables()).toEqual(["_prisma_migrations", "a"]); // "b" rolled back, "c" never tried
    const failed = (await history(url)).find((r) => r.migration_name === "20260102000000_broken")!;
    expect(failed).toMatchObject({ finished_at: null, rolled_back_at: null, applied_steps_count: 0 });
    expect(failed.logs).toContain("division by zero");

    const blocked = deploy();
    await expect(blocked).rejects.toBeInstanceOf(MigrationError);
    await expect(blocked).rejects.toThrow(/`20260102000000_broken`.*failed or was interrupted.*resolve --rolled-back 20260102000000_broken/s);

    await writeFile(path.join(dir, "20260102000000_broken", "migration.sql"), `CREATE TABLE "b" ("id" INT);`);
    await resolveRolledBack(url, "20260102000000_broken");
    expect((await deploy()).applied).toEqual(["20260102000000_broken", "20260103000000_third"]);
    expect(await tables()).toEqual(["_prisma_migrations", "a", "b", "c"]);
  });

  it("refuses when an applied migration was edited", async () => {
    const { url } = await freshDatabase();
    const dir = await migrationsFolder({ "20260101000000_first": `CREATE TABLE "a" ("id" INT);` });
    await applyMigrations({ connectionString: url, migrationsDir: dir, log: quiet });
    await appendFile(path.join(dir, "20260101000000_first", "migration.sql"), `\nCREATE TABLE "x" ("id" INT);`);
    await expect(applyMigrations({ connectionString: url, migrationsDir: dir, log: quiet })).rejects.toThrow(
      /`20260101000000_first` was modified after it was applied/,
    );
  });

  it("lets concurrent deploys wait for each other instead of applying twice", async () => {
    const { url } = await freshDatabase();
    const dir = await migrationsFolder({
      "20260101000000_slow": `CREATE TABLE "a" ("id" INT);\nSELECT pg_sleep(1);`,
      "20260102000000_next": `CREATE TABLE "b" ("id" INT);`,
    });
    const logs: string[] = [];
    const results = await Promise.all(
      [1, 2, 3].map(() => applyMigrations({ connectionString: url, migrationsDir: dir, log: (m) => logs.push(m) })),
    );
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, 2]);
    expect((await history(url)).map((r) => r.migration_name)).toEqual(["20260101000000_slow", "20260102000000_next"]);
    expect(logs.filter((m) => m.includes("waiting")).length).toBe(2);
  });
});
