import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigration } from "./create-migration";

// Runs on a temp copy of prisma/ (schema + real migrations, including their hand-written
// triggers); the shadow database is an in-memory PGlite, so no server is involved.
let prismaDir: string;
const schemaPath = () => path.join(prismaDir, "schema.prisma");
const migrationsDir = () => path.join(prismaDir, "migrations");
const folders = async () => (await readdir(migrationsDir())).sort();

beforeAll(async () => {
  prismaDir = await mkdtemp(path.join(tmpdir(), "berth-prisma-"));
  await cp(path.resolve(__dirname, "../schema.prisma"), schemaPath());
  await cp(path.resolve(__dirname, "../migrations"), migrationsDir(), { recursive: true });
});
afterAll(() => rm(prismaDir, { recursive: true, force: true }));

describe("createMigration", () => {
  it('says "no changes" and writes nothing when the schema matches the migrations', async () => {
    // Hand-written SQL Prisma does not model; a CHECK constraint also exercises the engine's
    // catalog queries on Postgres' "char" columns (see migration-adapter.ts).
    const handWritten = path.join(migrationsDir(), "20261231235959_hand_written");
    await mkdir(handWritten);
    await writeFile(path.join(handWritten, "migration.sql"), `ALTER TABLE "Team" ADD CONSTRAINT "team_name_set" CHECK ("name" <> '');`);
    const before = await folders();
    expect(await createMigration({ schemaPath: schemaPath(), migrationsDir: migrationsDir(), name: "nothing" })).toBeNull();
    expect(await folders()).toEqual(before);
  });

  it("writes the SQL for a schema change into a timestamped folder, keeping hand-written SQL", async () => {
    const schema = await readFile(schemaPath(), "utf8");
    await writeFile(
      schemaPath(),
      schema.replace("model Team {", "model Team {\n  motto String @default(\"\")") +
        `\nmodel Widget {\n  id    String @id\n  count Int    @default(0)\n  tags  String[]\n\n  @@index([count])\n}\n`,
    );
    const file = await createMigration({
      schemaPath: schemaPath(),
      migrationsDir: migrationsDir(),
      name: "Add widgets",
      now: new Date("2030-01-02T03:04:05Z"),
    });
    expect(file).toBe(path.join(migrationsDir(), "20300102030405_add_widgets", "migration.sql"));
    const sql = await readFile(file!, "utf8");
    expect(sql).toContain(`ALTER TABLE "Team" ADD COLUMN     "motto" TEXT NOT NULL DEFAULT ''`);
    expect(sql).toContain(`CREATE TABLE "Widget"`);
    expect(sql).toContain(`"tags" TEXT[]`);
    expect(sql).toContain(`CREATE INDEX "Widget_count_idx" ON "Widget"("count")`);
    expect(sql).not.toMatch(/DROP/); // triggers and functions from earlier migrations are left alone

    // The new migration is now part of the history: nothing more to do.
    expect(await createMigration({ schemaPath: schemaPath(), migrationsDir: migrationsDir(), name: "again" })).toBeNull();
  });

  it("creates migration_lock.toml for a new migrations folder", async () => {
    await rm(path.join(migrationsDir(), "migration_lock.toml"));
    await createMigration({ schemaPath: schemaPath(), migrationsDir: migrationsDir(), name: "noop" });
    expect(existsSync(path.join(migrationsDir(), "migration_lock.toml"))).toBe(true);
    expect(await readFile(path.join(migrationsDir(), "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
  });
});
