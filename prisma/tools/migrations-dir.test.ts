import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checksumOf, listMigrations, migrationTimestamp, slugifyMigrationName } from "./migrations-dir";

let dir: string | undefined;
afterEach(() => dir && rm(dir, { recursive: true, force: true }));

describe("migrations folder", () => {
  it("names folders like Prisma: UTC timestamp and snake-case name", () => {
    expect(migrationTimestamp(new Date("2026-11-25T23:05:09.999Z"))).toBe("20261125230509");
    expect(slugifyMigrationName(" Add Widget-tags! ")).toBe("add_widget_tags");
    expect(() => slugifyMigrationName("!!")).toThrow(/Invalid migration name/);
  });

  it("lists migrations in folder order with sha256 checksums, ignoring files", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "berth-dir-"));
    for (const name of ["20260102000000_b", "20260101000000_a"]) {
      await mkdir(path.join(dir, name));
      await writeFile(path.join(dir, name, "migration.sql"), `-- ${name}`);
    }
    await writeFile(path.join(dir, "migration_lock.toml"), "");
    const list = await listMigrations(dir);
    expect(list.map((m) => m.name)).toEqual(["20260101000000_a", "20260102000000_b"]);
    expect(list[0].checksum).toBe(checksumOf("-- 20260101000000_a"));
    expect(checksumOf("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("rejects a migration folder without migration.sql", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "berth-dir-"));
    await mkdir(path.join(dir, "20260101000000_empty"));
    await expect(listMigrations(dir)).rejects.toThrow(/has no migration.sql/);
  });
});
